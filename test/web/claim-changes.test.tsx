import { fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ClaimChange } from "../../server/claims/types.ts";
import type { SectionProposal } from "../../web/features/drafting/components/SectionCard.tsx";
import { fakeFetch, section } from "./fixtures.ts";
import { renderSectionCard } from "./section-card.tsx";

const ORIGINAL = "计划年内建成综治中心3个。";
const PROPOSAL = "年内已建成综治中心3个。";
const STATUS: ClaimChange = {
  kind: "status",
  before: "计划",
  after: "已",
  beforeText: "计划年内建成综治中心3个",
  afterText: "年内已建成综治中心3个",
  message: "进度状态由“计划中”变为“已完成”",
};

function card(extra: Parameters<typeof renderSectionCard>[2] = {}) {
  return renderSectionCard(ORIGINAL, "基层治理", extra);
}

afterEach(() => vi.unstubAllGlobals());

describe("a rewrite refused for a changed claim", () => {
  function refused() {
    const api = fakeFetch({
      "POST /api/rewrite": () => ({
        json: {
          text: ORIGINAL, mode: "polish", engine: "llm", changes: [{ op: "equal", text: ORIGINAL }], refused: true,
          claims: [STATUS], proposal: PROPOSAL, warnings: ["改写结果进度状态由“计划中”变为“已完成”，已拒绝并保留原文"],
        },
      }),
    });
    vi.stubGlobal("fetch", api.fn);
    const r = card();
    fireEvent.change(screen.getByRole("combobox", { name: "改写方式" }), { target: { value: "polish" } });
    return r;
  }

  it("says which claim changed and shows the clause before and after, the claim's words marked", async () => {
    refused();
    const region = await screen.findByRole("region", { name: "改写建议" });
    const claims = within(region).getByRole("list", { name: "说法改变" });
    // The label once: “进度状态：由…”, never “进度状态：进度状态由…”.
    expect(claims.textContent).toContain("进度状态：由“计划中”变为“已完成”");
    expect(claims.textContent).not.toContain("进度状态：进度状态");
    expect(claims.textContent).toContain("原文“计划年内建成综治中心3个”");
    expect(claims.textContent).toContain("改写“年内已建成综治中心3个”");
    expect([...claims.querySelectorAll("mark")].map((m) => m.textContent)).toEqual(["计划", "已"]);
    // The refused version is shown as a diff against the section text.
    expect([...region.querySelectorAll("del")].map((e) => e.textContent).join("")).toContain("计划");
  });

  it("keeps the original by default, and the refused version only when the writer asks for it", async () => {
    const { onEdit } = refused();
    fireEvent.click(await screen.findByRole("button", { name: "保留原文" }));
    expect(onEdit).not.toHaveBeenCalled();
    expect(screen.queryByRole("region", { name: "改写建议" })).toBeNull();
    fireEvent.change(screen.getByRole("combobox", { name: "改写方式" }), { target: { value: "polish" } });
    fireEvent.click(await screen.findByRole("button", { name: "仍采用改写" }));
    expect(onEdit).toHaveBeenCalledWith(PROPOSAL);
  });
});

describe("a regenerated section held back for a changed claim", () => {
  const proposal: SectionProposal = {
    section: section("w1", PROPOSAL),
    warnings: [{ code: "changed_claim", message: "与要点不符", sectionId: "w1", claim: STATUS }],
  };

  it("shows the fact's clause and the new one, and the diff from the current text", () => {
    card({ proposal });
    const region = screen.getByRole("region", { name: "重新生成的新稿" });
    expect(region.textContent).toContain("新稿与要点的说法不符");
    expect(region.textContent).toContain("要点“计划年内建成综治中心3个”");
    expect(region.textContent).toContain("新稿“年内已建成综治中心3个”");
    expect([...region.querySelectorAll("ins")].map((e) => e.textContent).join("")).toContain("已");
    expect((screen.getByRole("textbox") as HTMLTextAreaElement).value).toBe(ORIGINAL);
  });

  it("lets the writer keep either: the earlier text or the new one", () => {
    const onKeepProposal = vi.fn();
    const onDropProposal = vi.fn();
    card({ proposal, onKeepProposal, onDropProposal });
    fireEvent.click(screen.getByRole("button", { name: "保留原稿" }));
    expect(onDropProposal).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole("button", { name: "采用新稿" }));
    expect(onKeepProposal).toHaveBeenCalledTimes(1);
  });
});
