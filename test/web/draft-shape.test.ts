import { headingLabels } from "../../server/text/headings.ts";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DraftSchema } from "../../server/drafting/types.ts";
import { readUnsaved } from "../../web/app/use-draft-persistence.ts";
import { initialDraftState } from "../../web/features/drafting/draft-model.ts";
import { currentOutline, draftReducer } from "../../web/features/drafting/draft-state.ts";
import { moveSection, renameSection, dropSection } from "../../web/features/drafting/outline-edit.ts";
import { sampleDraft } from "./fixtures.ts";

const LEGACY = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../fixtures/saves/format-1.json"), "utf8")) as { draft: unknown };

afterEach(() => localStorage.clear());

function loaded(draft = sampleDraft()) {
  return draftReducer(initialDraftState, { type: "load", draft, savedId: "d1", version: 1 });
}

describe("the draft kept once in the editor", () => {
  it("upgrades an unsaved copy an older editor left in localStorage", () => {
    localStorage.setItem("zongjie.unsaved", JSON.stringify({ savedId: "d1", version: 3, draft: LEGACY.draft }));
    const copy = readUnsaved()!;
    expect(copy).toMatchObject({ savedId: "d1", version: 3 });
    expect(DraftSchema.parse(copy.draft)).toEqual(copy.draft);
    expect(copy.draft).not.toHaveProperty("outline");
    expect(headingLabels(copy.draft.sections)[2]).toBe("（一）坚持和发展新时代“枫桥经验”");
    // A copy in the current shape comes back as it was.
    localStorage.setItem("zongjie.unsaved", JSON.stringify({ savedId: "d2", version: 1, draft: sampleDraft() }));
    expect(readUnsaved()!.draft).toEqual(sampleDraft());
  });

  it("lets the outline editor rearrange a written draft, each section keeping its text and a dropped one taking its warnings", () => {
    let s = loaded(sampleDraft({ warnings: [{ code: "c", message: "w2 的提示", sectionId: "w2" }, { code: "c", message: "全文提示" }] }));
    let outline = currentOutline(s)!;
    outline = renameSection(moveSection(outline, "w2", -1), "w1", "维护政治安全");
    s = draftReducer(s, { type: "outline", outline });
    expect(s.draft!.sections.map((x) => x.id)).toEqual(["opening", "work", "w2", "w1", "problems", "plans"]);
    expect(headingLabels(s.draft!.sections).slice(2, 4)).toEqual(["（一）化解矛盾纠纷", "（二）维护政治安全"]);
    expect(s.draft!.sections.find((x) => x.id === "w1")!.text).toBe("坚决维护国家政治安全正文。");
    expect(s.dirty).toBe(true);
    s = draftReducer(s, { type: "outline", outline: dropSection(currentOutline(s)!, "w2") });
    expect(s.draft!.warnings.map((w) => w.message)).toEqual(["全文提示"]);
  });

  it("stores a heading edited with a marker that is not its own without any marker", () => {
    let s = loaded();
    s = draftReducer(s, { type: "heading", sectionId: "w2", heading: "（三）深化矛盾纠纷化解" });
    expect(s.draft!.sections.find((x) => x.id === "w2")!.heading).toBe("深化矛盾纠纷化解");
    expect(headingLabels(s.draft!.sections)[3]).toBe("（二）深化矛盾纠纷化解");
    s = draftReducer(s, { type: "heading", sectionId: "w2", heading: "（二）化解矛盾纠纷（含信访）" });
    expect(s.draft!.sections.find((x) => x.id === "w2")!.heading).toBe("化解矛盾纠纷（含信访）");
  });

  it("retitles the draft once, and the outline a regeneration starts from follows", () => {
    let s = loaded();
    s = draftReducer(s, { type: "title", title: "某区委政法委2025年工作总结（送审稿）" });
    expect(s.draft!.title).toBe("某区委政法委2025年工作总结（送审稿）");
    expect(currentOutline(s)!.title).toBe("某区委政法委2025年工作总结（送审稿）");
  });
});
