import { fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ClaimChange } from "../../server/claims/types.ts";
import { FLAG_WARNING } from "../../server/rewrite/types.ts";
import { fakeFetch } from "./fixtures.ts";
import { renderSectionCard } from "./section-card.tsx";

const ORIGINAL = "网格员还在跟那几户，月底前想再去一趟。";
const REWRITTEN = "网格员正在跟进少数住户，拟于月底前再次上门。";
const FLAG: ClaimChange = {
  kind: "scope",
  before: "",
  after: "少数",
  beforeText: "网格员还在跟那几户",
  afterText: "网格员正在跟进少数住户",
  message: "范围程度由“（无）”变为“部分”",
  weak: true,
};

function accepted() {
  const api = fakeFetch({
    "POST /api/rewrite": () => ({
      json: {
        text: REWRITTEN, mode: "polish", engine: "llm", refused: false, claims: [], flags: [FLAG],
        changes: [{ op: "delete", text: ORIGINAL }, { op: "insert", text: REWRITTEN }],
        warnings: [`${FLAG_WARNING}范围程度由“（无）”变为“部分”（“网格员正在跟进少数住户”）`, "请核对：缩写略去了数字 “3户”"],
      },
    }),
  });
  vi.stubGlobal("fetch", api.fn);
  const r = renderSectionCard(ORIGINAL, "基层治理");
  fireEvent.change(screen.getByRole("combobox", { name: "改写方式" }), { target: { value: "polish" } });
  return r;
}

afterEach(() => vi.unstubAllGlobals());

describe("an accepted rewrite with flags for the writer", () => {
  it("shows each flag beside its sentence, the words marked, in the writer's words", async () => {
    accepted();
    const region = await screen.findByRole("region", { name: "改写建议" });
    const list = within(region).getByRole("list", { name: "请核对" });
    const items = within(list).getAllByRole("listitem");
    expect(items).toHaveLength(1);
    expect(items[0].textContent).toContain("请核对");
    expect(items[0].textContent).toContain("网格员正在跟进少数住户");
    expect(items[0].querySelector("mark")?.textContent).toBe("少数");
    expect(items[0].textContent).toContain("范围程度");
    expect(items[0].textContent).toContain("原文“网格员还在跟那几户”");
    // No developer words: no kind keys, no "weak".
    expect(items[0].textContent).not.toMatch(/scope|weak|status/);
    // The flags are not listed a second time as a warning; other notes stay.
    expect(region.textContent).not.toContain(FLAG_WARNING);
    expect(region.textContent).toContain("缩写略去了数字");
  });

  it("can still be accepted", async () => {
    const { onEdit } = accepted();
    const region = await screen.findByRole("region", { name: "改写建议" });
    await within(region).findByRole("list", { name: "请核对" });
    const accept = screen.getByRole("button", { name: "接受" }) as HTMLButtonElement;
    expect(accept.disabled).toBe(false);
    fireEvent.click(accept);
    expect(onEdit).toHaveBeenCalledWith(REWRITTEN);
  });

  it("a flag for something left out shows the original's sentence", async () => {
    const api = fakeFetch({
      "POST /api/rewrite": () => ({
        json: {
          text: "网格员跟进住户。", mode: "shorten", engine: "llm", refused: false, claims: [], changes: [{ op: "insert", text: "网格员跟进住户。" }], warnings: [],
          flags: [{ ...FLAG, kind: "name", before: "老王", after: "", beforeText: "老王带网格员跟进住户", afterText: "", message: "删去了人名“老王”" }],
        },
      }),
    });
    vi.stubGlobal("fetch", api.fn);
    renderSectionCard(ORIGINAL, "基层治理");
    fireEvent.change(screen.getByRole("combobox", { name: "改写方式" }), { target: { value: "shorten" } });
    const list = await screen.findByRole("list", { name: "请核对" });
    expect(list.textContent).toContain("原文“老王带网格员跟进住户”");
    expect(list.querySelector("mark")?.textContent).toBe("老王");
  });
});
