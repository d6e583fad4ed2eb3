import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { DraftView } from "../../web/features/drafting/components/DraftView.tsx";
import { initialDraftState } from "../../web/features/drafting/draft-model.ts";
import { draftReducer } from "../../web/features/drafting/draft-state.ts";
import { sampleDraft, section } from "./fixtures.ts";

describe("verification warnings on their section", () => {
  it("sit under the section they concern and select the flagged figure when clicked", () => {
    const text = "全年排查化解矛盾纠纷6200件，调解成功率99.9%。";
    const start = text.indexOf("99.9%");
    const draft = sampleDraft({
      sections: sampleDraft().sections.map((s) => (s.id === "w2" ? section("w2", text) : s)),
      warnings: [
        { code: "invented_figure", message: "数字“99.9%”不在事实材料中", sectionId: "w2", start, end: start + 5, figure: "99.9%" },
        { code: "uncovered_fact", message: "事实“新建网格员队伍320名”未写入初稿", factId: "f3" },
      ],
    });
    const state = draftReducer(initialDraftState, { type: "load", draft, savedId: "d1", version: 1 });
    const onFocus = vi.fn();
    render(<DraftView state={state} dispatch={() => {}} outline={null} focusedId={null} onFocus={onFocus} busy="" onRegenerate={() => {}} onCancel={() => {}} />);

    const card = screen.getByRole("article", { name: "（二）化解矛盾纠纷" });
    const warning = card.querySelector("ul.warnings button")!;
    expect(warning.textContent).toContain("99.9%");
    // A warning without a section is shown once, above the draft.
    expect(screen.getByLabelText("全文提示").textContent).toContain("320名");

    fireEvent.click(warning);
    const area = screen.getByRole("textbox", { name: "正文：（二）化解矛盾纠纷" }) as HTMLTextAreaElement;
    expect(document.activeElement).toBe(area);
    expect(text.slice(area.selectionStart, area.selectionEnd)).toBe("99.9%");
    expect(onFocus).toHaveBeenCalledWith("w2");
  });
});
