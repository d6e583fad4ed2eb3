import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { DraftView } from "../../web/features/drafting/components/DraftView.tsx";
import { initialDraftState, type DraftAction } from "../../web/features/drafting/draft-model.ts";
import { draftReducer } from "../../web/features/drafting/draft-state.ts";
import { sampleDraft } from "./fixtures.ts";

describe("the draft's title box", () => {
  it("shows a long title whole in a control that wraps, keeps it one line, and edits the draft", () => {
    const title = "中共某某市某某区委政法委员会关于2025年度全区政法工作暨平安建设法治建设工作情况的总结报告（送审稿）";
    const draft = { ...sampleDraft(), title };
    let state = draftReducer(initialDraftState, { type: "load", draft, savedId: "d1", version: 1 });
    const dispatch = (a: DraftAction) => {
      state = draftReducer(state, a);
    };
    render(<DraftView state={state} dispatch={dispatch} outline={null} focusedId={null} onFocus={() => {}} busy="" onRegenerate={() => {}} onCancel={() => {}} />);
    const box = screen.getByRole("textbox", { name: "标题" }) as HTMLTextAreaElement;
    expect(box.tagName).toBe("TEXTAREA");
    expect(box.value).toBe(title);
    // Enter adds no line break; a pasted one is dropped.
    expect(fireEvent.keyDown(box, { key: "Enter" })).toBe(false);
    fireEvent.change(box, { target: { value: "某区委政法委\n2025年工作总结" } });
    expect(state.draft?.title).toBe("某区委政法委2025年工作总结");
  });
});
