import { describe, expect, it } from "vitest";
import type { DraftEvent, SourceRef } from "../../server/drafting/types.ts";
import { parseRoute, routePath } from "../../web/app/router.ts";
import { initialDraftState, type DraftState } from "../../web/features/drafting/draft-model.ts";
import { currentDraft, draftReducer } from "../../web/features/drafting/draft-state.ts";
import { sampleDraft, sampleFacts, sampleOutline, section } from "./fixtures.ts";

const picked: SourceRef = { chunkId: "d7:3", docId: "d7", title: "西城区委政法委2023年工作总结", headingPath: ["一、主要工作"], text: "推进矛盾纠纷多元化解。", start: 20, end: 31, score: 0.4 };
const found: SourceRef = { chunkId: "d2:1", docId: "d2", title: "往年总结", headingPath: [], text: "排查化解矛盾纠纷。", start: 0, end: 9, score: 0.9 };

function loaded(): DraftState {
  return draftReducer(initialDraftState, { type: "load", draft: sampleDraft(), savedId: "s1", version: 2 });
}

describe("attaching a searched passage to a section", () => {
  it("adds it once to that section's sources, marked as the writer's, and leaves the draft to be saved", () => {
    const s = draftReducer(loaded(), { type: "attach-source", sectionId: "w2", source: picked });
    const w2 = s.draft!.sections.find((x) => x.id === "w2")!;
    expect(w2.sources).toEqual([{ ...picked, attached: true }]);
    expect(s.dirty).toBe(true);
    expect(s.draft!.sections.filter((x) => x.id !== "w2").every((x) => x.sources.length === 0)).toBe(true);
    // It goes with the draft that is saved.
    expect(currentDraft(s)!.sections.find((x) => x.id === "w2")!.sources[0].chunkId).toBe("d7:3");

    expect(draftReducer(s, { type: "attach-source", sectionId: "w2", source: picked })).toBe(s);
    expect(draftReducer(s, { type: "attach-source", sectionId: "nope", source: picked })).toBe(s);
  });

  it("keeps it when the section is written again, one section or the whole draft", () => {
    const s = draftReducer(loaded(), { type: "attach-source", sectionId: "w2", source: picked });

    const regenerated = draftReducer(s, { type: "replace-section", section: section("w2", "新写的正文。", { sources: [found] }) });
    expect(regenerated.draft!.sections.find((x) => x.id === "w2")!.sources.map((x) => x.chunkId)).toEqual(["d2:1", "d7:3"]);

    const events: DraftEvent[] = [
      { event: "outline", data: { outline: sampleOutline(), facts: sampleFacts(), engine: "offline" } },
      { event: "sources", data: { sectionId: "w2", sources: [found] } },
    ];
    let again = draftReducer(s, { type: "start" });
    again = draftReducer(again, { type: "event", event: events[0] });
    expect(again.draft!.sections.find((x) => x.id === "w2")!.sources.map((x) => x.chunkId)).toEqual(["d7:3"]);
    again = draftReducer(again, { type: "event", event: events[1] });
    expect(again.draft!.sections.find((x) => x.id === "w2")!.sources.map((x) => x.chunkId)).toEqual(["d2:1", "d7:3"]);
    const fromServer = sampleDraft({ sections: sampleDraft().sections.map((x) => (x.id === "w2" ? { ...x, sources: [found] } : x)) });
    again = draftReducer(again, { type: "event", event: { event: "done", data: { draft: fromServer } } });
    expect(again.draft!.sections.find((x) => x.id === "w2")!.sources.map((x) => x.chunkId)).toEqual(["d2:1", "d7:3"]);

    // A passage drafting found itself is not duplicated when the writer had attached it too.
    const same = draftReducer(s, { type: "replace-section", section: section("w2", "正文。", { sources: [{ ...picked, score: 0.8 }] }) });
    expect(same.draft!.sections.find((x) => x.id === "w2")!.sources).toHaveLength(1);
  });

  it("takes it out again", () => {
    const s = draftReducer(loaded(), { type: "attach-source", sectionId: "w2", source: picked });
    const out = draftReducer({ ...s, dirty: false }, { type: "detach-source", sectionId: "w2", chunkId: "d7:3" });
    expect(out.draft!.sections.find((x) => x.id === "w2")!.sources).toEqual([]);
    expect(out.dirty).toBe(true);
  });
});

describe("routes of the search page and a document opened at a passage", () => {
  it("reads and writes /search and /corpus/:id#at=start-end", () => {
    expect(parseRoute("/search")).toEqual({ page: "search" });
    expect(routePath({ page: "search" })).toBe("/search");
    expect(parseRoute("/corpus/d%2F1", "#at=120-260")).toEqual({ page: "corpus", docId: "d/1", at: { start: 120, end: 260 } });
    expect(parseRoute("/corpus/d1", "#at=9-3")).toEqual({ page: "corpus", docId: "d1" });
    expect(parseRoute("/corpus/d1", "#x")).toEqual({ page: "corpus", docId: "d1" });
  });
});
