import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeFetch } from "./fixtures.ts";
import { renderSectionCard } from "./section-card.tsx";

const ORIGINAL = "今年搞了12场宣传活动。";
const REWRITTEN = "全年开展宣传活动12场。";

function setup(answer?: unknown) {
  const api = fakeFetch({
    "POST /api/rewrite": () => answer ? { json: answer } : ({
      json: {
        text: REWRITTEN,
        mode: "polish",
        engine: "offline",
        changes: [
          { op: "delete", text: "今年搞了12场" },
          { op: "insert", text: "全年开展" },
          { op: "equal", text: "宣传活动" },
          { op: "insert", text: "12场" },
          { op: "equal", text: "。" },
        ],
        warnings: [],
        refused: false,
      },
    }),
  });
  vi.stubGlobal("fetch", api.fn);
  const { onEdit } = renderSectionCard(ORIGINAL, "政治安全");
  return { api, onEdit };
}

afterEach(() => vi.unstubAllGlobals());

describe("rewrite shown as a diff", () => {
  it("sends the section text, mode, role and work line, then shows deletions and insertions", async () => {
    const { api } = setup();
    fireEvent.change(screen.getByRole("combobox", { name: "改写方式" }), { target: { value: "polish" } });
    const region = await screen.findByRole("region", { name: "改写建议" });
    expect(api.calls[0].body).toEqual({ text: ORIGINAL, mode: "polish", role: "work", workLine: "政治安全" });
    expect([...region.querySelectorAll("del")].map((e) => e.textContent)).toEqual(["今年搞了12场"]);
    expect([...region.querySelectorAll("ins")].map((e) => e.textContent)).toEqual(["全年开展", "12场"]);
  });

  it("accepting replaces the section text with the rewrite", async () => {
    const { onEdit } = setup();
    fireEvent.change(screen.getByRole("combobox", { name: "改写方式" }), { target: { value: "polish" } });
    fireEvent.click(await screen.findByRole("button", { name: "接受" }));
    expect(onEdit).toHaveBeenCalledWith(REWRITTEN);
    expect(screen.queryByRole("region", { name: "改写建议" })).toBeNull();
  });

  it("rejecting leaves the section text as it was", async () => {
    const { onEdit } = setup();
    fireEvent.change(screen.getByRole("combobox", { name: "改写方式" }), { target: { value: "polish" } });
    fireEvent.click(await screen.findByRole("button", { name: "放弃" }));
    expect(onEdit).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.queryByRole("region", { name: "改写建议" })).toBeNull());
    expect((screen.getByRole("textbox") as HTMLTextAreaElement).value).toBe(ORIGINAL);
  });

  it("a refused rewrite says why and offers nothing to accept", async () => {
    setup({ text: ORIGINAL, mode: "shorten", engine: "offline", changes: [{ op: "equal", text: ORIGINAL }], warnings: ["改写结果改动了数字“12”，已拒绝并保留原文"], refused: true });
    fireEvent.change(screen.getByRole("combobox", { name: "改写方式" }), { target: { value: "shorten" } });
    const region = await screen.findByRole("region", { name: "改写建议" });
    expect(region.textContent).toContain("改写未采用");
    expect(region.textContent).toContain("已拒绝并保留原文");
    expect((screen.getByRole("button", { name: "接受" }) as HTMLButtonElement).disabled).toBe(true);
  });
});
