/** A draft as Markdown: # title, ## 一、, ### （一）, paragraphs. */
import type { DraftSection } from "./types.ts";

/** Render the title and sections (headings already numbered) as Markdown. */
export function draftToMarkdown(title: string, sections: Pick<DraftSection, "heading" | "level" | "text">[]): string {
  const out: string[] = [`# ${title}`];
  for (const s of sections) {
    if (s.level === 1 && s.heading) out.push(`## ${s.heading}`);
    else if (s.level === 2 && s.heading) out.push(`### ${s.heading}`);
    for (const p of s.text.split(/\n+/)) if (p.trim()) out.push(p.trim());
  }
  return out.join("\n\n") + "\n";
}
