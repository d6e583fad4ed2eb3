/**
 * What a Draft does not store because it follows from what it does: its outline, its numbered
 * headings and its Markdown. No native code and no zod, so the editor derives them the same way.
 */
import { headingLabels, stripMarker } from "../text/headings.ts";
import { draftToMarkdown } from "../text/markdown.ts";
import type { Draft, DraftSection, Outline, OutlineSection } from "./types.ts";

type DraftHead = Pick<Draft, "title" | "unit" | "year" | "period">;

/** A section's place in the outline, without what was written for it. */
function outlineSectionOf(s: DraftSection): OutlineSection {
  return { id: s.id, role: s.role, heading: s.heading, level: s.level, workLine: s.workLine, factIds: s.factIds, ...(s.locked ? { locked: true } : {}) };
}

/** The outline a draft was written from, as it stands after the writer's edits. */
export function draftOutline(draft: DraftHead & Pick<Draft, "sections">): Outline {
  return { title: draft.title, unit: draft.unit, year: draft.year, period: draft.period, sections: draft.sections.map(outlineSectionOf) };
}

/** The draft as Markdown: # title, ## 一、, ### （一）, paragraphs. */
export function draftMarkdown(draft: Pick<Draft, "title" | "sections">): string {
  const labels = headingLabels(draft.sections);
  return draftToMarkdown(draft.title, draft.sections.map((s, i) => ({ ...s, heading: labels[i] })));
}

/** A heading as shown ("（一）坚决维护…") without its numbering marker, which the draft derives. */
export function stripHeadingMarker(label: string): string {
  return stripMarker(label, "strict", [1, 2]);
}
