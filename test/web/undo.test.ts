import { describe, expect, it } from "vitest";
import type { DraftEvent } from "../../server/drafting/types.ts";
import { applyCheckEdits } from "../../web/app/check-edits.ts";
import { initialDraftState, UNDO_DEPTH, type DraftAction, type DraftState } from "../../web/features/drafting/draft-model.ts";
import { canRedo, canUndo, currentOutline, draftReducer } from "../../web/features/drafting/draft-state.ts";
import { sampleDraft, sampleFacts, sampleOutline, section } from "./fixtures.ts";

const loaded = (): DraftState => draftReducer(initialDraftState, { type: "load", draft: sampleDraft(), savedId: "d1", version: 1 });
const text = (s: DraftState, id: string) => s.draft!.sections.find((x) => x.id === id)!.text;
const run = (s: DraftState, ...actions: DraftAction[]) => actions.reduce(draftReducer, s);
const undo = (s: DraftState) => draftReducer(s, { type: "undo" });
const redo = (s: DraftState) => draftReducer(s, { type: "redo" });

describe("undo and redo of the draft", () => {
  it("groups keystrokes in one section until a pause, and undoes the run in one step", () => {
    const s0 = loaded();
    const before = text(s0, "w1");
    let s = s0;
    for (const [i, t] of ["甲", "甲乙", "甲乙丙"].entries()) s = draftReducer(s, { type: "edit", sectionId: "w1", text: t, typedAt: 1000 + i * 200 });
    // A pause, then more typing: a second step.
    s = draftReducer(s, { type: "edit", sectionId: "w1", text: "甲乙丙丁", typedAt: 1000 + 400 + 5000 });
    expect(s.past).toHaveLength(2);
    s = undo(s);
    expect(text(s, "w1")).toBe("甲乙丙");
    s = undo(s);
    expect(text(s, "w1")).toBe(before);
    expect(canUndo(s)).toBe(false);
    s = redo(redo(s));
    expect(text(s, "w1")).toBe("甲乙丙丁");
    expect(canRedo(s)).toBe(false);
  });

  it("typing in another section starts a new step even without a pause", () => {
    let s = run(loaded(), { type: "edit", sectionId: "w1", text: "一", typedAt: 1 }, { type: "edit", sectionId: "w2", text: "二", typedAt: 2 });
    expect(s.past).toHaveLength(2);
    s = undo(s);
    expect(text(s, "w2")).toBe(sampleDraft().sections.find((x) => x.id === "w2")!.text);
    expect(text(s, "w1")).toBe("一");
  });

  it("undoes an accepted rewrite (a whole-text edit) in one step, and a new change clears redo", () => {
    let s = draftReducer(loaded(), { type: "edit", sectionId: "w2", text: "改写后的正文。" });
    s = undo(s);
    expect(text(s, "w2")).toBe("化解矛盾纠纷正文。");
    expect(canRedo(s)).toBe(true);
    s = draftReducer(s, { type: "lock", sectionId: "w2", locked: true });
    expect(canRedo(s)).toBe(false);
  });

  it("undoes one suggestion taken on the check page, and all of them taken at once, each as one step", () => {
    let s = loaded();
    const dispatch = (a: DraftAction) => (s = draftReducer(s, a));
    applyCheckEdits([{ part: "title", sectionId: null, value: "新标题" }], dispatch);
    applyCheckEdits(
      [
        { part: "heading", sectionId: "w1", value: "（一）改过的标题" },
        { part: "text", sectionId: "w2", value: "改过的正文。" },
        { part: "title", sectionId: null, value: "再改的标题" },
      ],
      dispatch,
    );
    expect(s.draft!.title).toBe("再改的标题");
    expect(s.past).toHaveLength(2);
    s = undo(s);
    expect(s.draft!.title).toBe("新标题");
    expect(text(s, "w2")).toBe("化解矛盾纠纷正文。");
    expect(s.draft!.sections.find((x) => x.id === "w1")!.heading).toBe("坚决维护国家政治安全");
    s = undo(s);
    expect(s.draft!.title).toBe(sampleDraft().title);
  });

  it("undoes a regenerated section and a whole regeneration", () => {
    let s = draftReducer(loaded(), { type: "replace-section", section: section("w1", "重新生成的一节。"), warnings: [] });
    expect(text(s, "w1")).toBe("重新生成的一节。");
    s = undo(s);
    expect(text(s, "w1")).toBe("坚决维护国家政治安全正文。");
    // Writing the draft again: the whole new draft is one step back to the old one.
    const outline: DraftEvent = { event: "outline", data: { outline: sampleOutline(), facts: sampleFacts(), engine: "offline" } };
    const fresh = sampleDraft({ sections: sampleDraft().sections.map((x) => ({ ...x, text: `新${x.text}` })) });
    s = run(s, { type: "start" }, { type: "event", event: outline }, { type: "event", event: { event: "done", data: { draft: fresh, savedId: "d1", version: 2 } } });
    expect(text(s, "w1")).toBe("新坚决维护国家政治安全正文。");
    s = undo(s);
    expect(text(s, "w1")).toBe("坚决维护国家政治安全正文。");
    expect(s.dirty).toBe(true); // the draft shown differs from the one saved: autosave will store it
  });

  it("undoes locking and an outline edit", () => {
    let s = draftReducer(loaded(), { type: "lock", sectionId: "w1", locked: true });
    s = undo(s);
    expect(s.draft!.sections.find((x) => x.id === "w1")!.locked ?? false).toBe(false);
    const o = currentOutline(s)!;
    const moved = { ...o, sections: o.sections.filter((x) => x.id !== "w2") };
    s = draftReducer(s, { type: "outline", outline: moved });
    expect(s.draft!.sections.map((x) => x.id)).not.toContain("w2");
    s = undo(s);
    expect(s.draft!.sections.map((x) => x.id)).toContain("w2");
    expect(text(s, "w2")).toBe("化解矛盾纠纷正文。");
  });

  it("keeps its history across a save, not across a load, and has no undo while generating", () => {
    let s = draftReducer(loaded(), { type: "title", title: "甲" });
    s = draftReducer(s, { type: "saved", savedId: "d1", version: 2 });
    expect(canUndo(s)).toBe(true);
    expect(undo(s).draft!.title).toBe(sampleDraft().title);
    s = draftReducer(s, { type: "start" });
    expect(canUndo(s)).toBe(false);
    expect(undo(s)).toBe(s);
    expect(draftReducer(s, { type: "load", draft: sampleDraft(), savedId: "d2", version: 1 }).past).toEqual([]);
  });

  it("keeps at least 50 steps", () => {
    let s = loaded();
    for (let i = 0; i < 60; i++) s = draftReducer(s, { type: "title", title: `标题${i}` });
    expect(UNDO_DEPTH).toBeGreaterThanOrEqual(50);
    for (let i = 0; i < 50; i++) s = undo(s);
    expect(s.draft!.title).toBe("标题9");
  });
});

describe("stopping generation", () => {
  it("keeps the written sections, marks the rest unwritten, says 已停止 and allows export", () => {
    const outline: DraftEvent = { event: "outline", data: { outline: sampleOutline(), facts: sampleFacts(), engine: "offline" } };
    let s = run(initialDraftState, { type: "start" }, { type: "event", event: outline }, { type: "event", event: { event: "section", data: { section: section("w1", "写好的一节。") } } });
    s = draftReducer(s, { type: "stopped" });
    expect(s.phase).toBe("done");
    expect(s.finished).toBe(true);
    expect(s.notice).toMatch(/已停止/);
    expect(s.error).toBeNull();
    expect(text(s, "w1")).toBe("写好的一节。");
    expect(s.draft!.sections.filter((x) => x.status === "done").map((x) => x.id)).toEqual(["w1"]);
  });
});
