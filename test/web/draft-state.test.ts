import { headingLabels } from "../../server/text/headings.ts";
import { describe, expect, it } from "vitest";
import { draftMarkdown, draftOutline } from "../../server/drafting/draft.ts";
import type { DraftEvent } from "../../server/drafting/types.ts";
import { initialDraftState, type DraftState } from "../../web/features/drafting/draft-model.ts";
import { currentDraft, draftReducer } from "../../web/features/drafting/draft-state.ts";
import { draftPlainText } from "../../web/features/drafting/draft-text.ts";
import { sampleDraft, sampleFacts, sampleOutline, section } from "./fixtures.ts";

function run(events: DraftEvent[], from: DraftState = initialDraftState): DraftState {
  let s = draftReducer(from, { type: "start" });
  for (const event of events) s = draftReducer(s, { type: "event", event });
  return s;
}

const outlineEvent: DraftEvent = { event: "outline", data: { outline: sampleOutline(), facts: sampleFacts(), engine: "offline" } };

describe("draft reducer", () => {
  it("creates one pending section per outline entry with derived numbering", () => {
    const s = run([outlineEvent]);
    expect(s.phase).toBe("generating");
    expect(headingLabels(s.draft!.sections)).toEqual(["", "一、主要工作及成效", "（一）坚决维护国家政治安全", "（二）化解矛盾纠纷", "二、存在的问题", "三、下一步工作打算"]);
    expect(s.draft!.sections.every((x) => x.status === "pending" && x.text === "")).toBe(true);
  });

  it("appends deltas to their own section in arrival order and attaches sources", () => {
    const src = { chunkId: "d:1", docId: "d", title: "往年总结", headingPath: ["一、"], text: "坚决维护", start: 0, end: 4, score: 0.9 };
    const s = run([
      outlineEvent,
      { event: "sources", data: { sectionId: "w1", sources: [src] } },
      { event: "delta", data: { sectionId: "w1", text: "坚决" } },
      { event: "delta", data: { sectionId: "w2", text: "排查" } },
      { event: "delta", data: { sectionId: "w1", text: "维护" } },
    ]);
    expect(s.draft!.sections.find((x) => x.id === "w1")!.text).toBe("坚决维护");
    expect(s.draft!.sections.find((x) => x.id === "w2")!.text).toBe("排查");
    expect(s.draft!.sections.find((x) => x.id === "w1")!.sources).toEqual([src]);
  });

  it("replaces streamed text with the finished section and records warnings", () => {
    const s = run([
      outlineEvent,
      { event: "delta", data: { sectionId: "w2", text: "半截" } },
      { event: "section", data: { section: section("w2", "全年排查化解矛盾纠纷6200件。") } },
      { event: "warning", data: { code: "invented_figure", message: "数字“99%”不在事实中", sectionId: "w2", start: 0, end: 3 } },
    ]);
    expect(s.draft!.sections.find((x) => x.id === "w2")).toMatchObject({ text: "全年排查化解矛盾纠纷6200件。", status: "done" });
    expect(s.draft!.warnings).toHaveLength(1);
  });

  it("marks only the failing section on a section error and stops on a general error", () => {
    const s1 = run([outlineEvent, { event: "error", data: { code: "upstream:model", message: "模型超时", sectionId: "w1" } }]);
    expect(s1.phase).toBe("generating");
    expect(s1.draft!.sections.find((x) => x.id === "w1")).toMatchObject({ status: "error", error: "模型超时" });
    const s2 = run([outlineEvent, { event: "error", data: { code: "internal:x", message: "服务器内部错误" } }]);
    expect(s2).toMatchObject({ phase: "error", error: "服务器内部错误" });
  });

  it("takes the server's draft, saved id and version on done", () => {
    const draft = sampleDraft();
    const s = run([outlineEvent, { event: "done", data: { draft, savedId: "abc", version: 1 } }]);
    expect(s).toMatchObject({ phase: "done", savedId: "abc", version: 1, dirty: false });
    expect(s.draft!.sections.map((x) => x.text)).toEqual(draft.sections.map((x) => x.text));
  });

  it("never lets a regeneration overwrite a locked section", () => {
    let s = run([outlineEvent, { event: "done", data: { draft: sampleDraft(), savedId: "abc", version: 1 } }]);
    s = draftReducer(s, { type: "edit", sectionId: "w1", text: "我亲手改好的文字。" });
    s = draftReducer(s, { type: "lock", sectionId: "w1", locked: true });
    s = run([
      outlineEvent,
      { event: "delta", data: { sectionId: "w1", text: "新生成" } },
      { event: "section", data: { section: section("w1", "新生成的文字。") } },
      { event: "done", data: { draft: sampleDraft(), savedId: "abc", version: 2 } },
    ], s);
    const w1 = s.draft!.sections.find((x) => x.id === "w1")!;
    expect(w1.text).toBe("我亲手改好的文字。");
    expect(w1.locked).toBe(true);
    expect(s.dirty).toBe(true); // the server's copy lacks the locked text, so it must be saved
    expect(currentDraft(s)!.sections.find((x) => x.id === "w1")!.text).toBe("我亲手改好的文字。");
  });

  it("forgets a warning's offsets once its section is edited", () => {
    let s = run([outlineEvent, { event: "done", data: { draft: sampleDraft({ warnings: [{ code: "c", message: "m", sectionId: "w1", start: 1, end: 2 }] }), savedId: "a", version: 1 } }]);
    s = draftReducer(s, { type: "edit", sectionId: "w1", text: "改" });
    expect(s.draft!.warnings[0].start).toBeUndefined();
    expect(s.dirty).toBe(true);
  });

  it("maps each section body to its offsets in the plain text sent to the checker", () => {
    const d = sampleDraft();
    const { text, ranges } = draftPlainText(d.title, d.sections);
    const labels = headingLabels(d.sections);
    for (const r of ranges) {
      const sec = d.sections.find((x) => x.id === r.sectionId);
      const want = r.part === "title" ? d.title : r.part === "heading" ? labels[d.sections.indexOf(sec!)] : sec!.text;
      expect(text.slice(r.start, r.end)).toBe(want);
    }
    expect(ranges.filter((r) => r.part === "text")).toHaveLength(d.sections.length);
    expect(text.startsWith(d.title)).toBe(true);
  });
});

describe("draft reducer at the end of a stream", () => {
  it("says the stream broke when it closed before done, and marks unfinished sections", () => {
    let s = run([outlineEvent, { event: "section", data: { section: section("w1", "写好的一节。") } }]);
    s = draftReducer(s, { type: "stream-ended", message: "连接中断" });
    expect(s).toMatchObject({ phase: "error", error: "连接中断" });
    expect(s.draft!.sections.find((x) => x.id === "w1")).toMatchObject({ status: "done", text: "写好的一节。" });
    expect(s.draft!.sections.find((x) => x.id === "w2")).toMatchObject({ status: "error" });
  });

  it("leaves a finished draft alone when the stream closes after done", () => {
    const s = run([outlineEvent, { event: "done", data: { draft: sampleDraft(), savedId: "a", version: 1 } }]);
    expect(draftReducer(s, { type: "stream-ended", message: "连接中断" })).toBe(s);
  });
});

describe("draft title", () => {
  it("renames the draft and its outline, and marks it for saving", () => {
    let s = draftReducer(initialDraftState, { type: "load", draft: sampleDraft(), savedId: "a", version: 1 });
    s = draftReducer(s, { type: "title", title: "东城区委政法委2025年工作总结和2026年工作计划" });
    expect(currentDraft(s)).toMatchObject({ title: "东城区委政法委2025年工作总结和2026年工作计划" });
    expect(draftOutline(currentDraft(s)!)).toMatchObject({ title: "东城区委政法委2025年工作总结和2026年工作计划" });
    expect(draftMarkdown(currentDraft(s)!).startsWith("# 东城区委政法委2025年工作总结和2026年工作计划")).toBe(true);
    expect(s.dirty).toBe(true);
  });
});
