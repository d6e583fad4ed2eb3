/**
 * What a Draft does not store because it follows from what it does: its outline, its numbered
 * headings and its Markdown. No native code and no zod, so the editor derives them the same way.
 */
import { draftToMarkdown } from "./markdown.ts";
import type { Draft, DraftSection, Outline, OutlineSection } from "./types.ts";

// Until the shared text layer lands: the same derivation as drafting/outline.ts numberedHeadings.
const CN_DIGITS = "零一二三四五六七八九";
function ordinal(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  if (n < 20) return "十" + (n % 10 ? CN_DIGITS[n % 10] : "");
  return CN_DIGITS[Math.floor(n / 10)] + "十" + (n % 10 ? CN_DIGITS[n % 10] : "");
}
function headingLabels(sections: ReadonlyArray<{ level: number; heading: string }>): string[] {
  let l1 = 0;
  let l2 = 0;
  return sections.map((s) => {
    if (s.level === 1) {
      l1++;
      l2 = 0;
      return `${ordinal(l1)}、${s.heading}`;
    }
    if (s.level === 2) return `（${ordinal(++l2)}）${s.heading}`;
    return s.heading;
  });
}

type DraftHead = Pick<Draft, "title" | "unit" | "year" | "period">;

/** A section's place in the outline, without what was written for it. */
export function outlineSectionOf(s: DraftSection): OutlineSection {
  return { id: s.id, role: s.role, heading: s.heading, level: s.level, workLine: s.workLine, factIds: s.factIds, ...(s.locked ? { locked: true } : {}) };
}

/** The outline a draft was written from, as it stands after the writer's edits. */
export function draftOutline(draft: DraftHead & Pick<Draft, "sections">): Outline {
  return { title: draft.title, unit: draft.unit, year: draft.year, period: draft.period, sections: draft.sections.map(outlineSectionOf) };
}

/** Each section's heading as shown and exported, with its marker: "一、…", "（一）…", "" for the opening. */
export function sectionLabels(sections: ReadonlyArray<Pick<DraftSection, "level" | "heading">>): string[] {
  return headingLabels(sections);
}

/** The draft as Markdown: # title, ## 一、, ### （一）, paragraphs. */
export function draftMarkdown(draft: Pick<Draft, "title" | "sections">): string {
  const labels = sectionLabels(draft.sections);
  return draftToMarkdown(draft.title, draft.sections.map((s, i) => ({ ...s, heading: labels[i] })));
}

const MARKER_RE = /^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])\s*/;

/** A heading as shown ("（一）坚决维护…") without its numbering marker, which the draft derives. */
export function stripHeadingMarker(label: string): string {
  return label.replace(MARKER_RE, "");
}
