import { headingLabels } from "../../../server/text/headings.ts";
import type { DraftSection } from "../../../server/drafting/types.ts";

/** One part of the draft's plain text: the title, a section's heading line or a section's body. */
export interface DraftTextRange {
  part: "title" | "heading" | "text";
  /** null for the title. */
  sectionId: string | null;
  start: number;
  end: number;
}

/**
 * Plain text of the draft (title, then each section's numbered heading line and body) with where every part
 * lies in it, in text order, so a check finding anywhere maps back to the part it is in.
 */
export function draftPlainText(title: string, sections: DraftSection[]): { text: string; ranges: DraftTextRange[] } {
  const ranges: DraftTextRange[] = [];
  let text = "";
  if (title) {
    ranges.push({ part: "title", sectionId: null, start: 0, end: title.length });
    text = `${title}\n`;
  }
  const labels = headingLabels(sections);
  for (const [i, s] of sections.entries()) {
    if (s.role === "title") continue;
    if (s.heading && s.level > 0) {
      ranges.push({ part: "heading", sectionId: s.id, start: text.length, end: text.length + labels[i].length });
      text += `${labels[i]}\n`;
    }
    const start = text.length;
    text += s.text;
    ranges.push({ part: "text", sectionId: s.id, start, end: text.length });
    if (s.text) text += "\n";
  }
  return { text, ranges };
}

