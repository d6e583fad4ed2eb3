/** A draft as Markdown: # title, ## 一、, ### （一）, one paragraph per line. No native code: the editor exports with it too. */

export interface MarkdownSection {
  heading: string;
  level: number;
  text: string;
  /** A section holding the title line is skipped: the title is written once, as the `#` line. */
  role?: string;
}

/** Render the title and sections (headings already numbered) as Markdown. */
export function draftToMarkdown(title: string, sections: MarkdownSection[]): string {
  const out: string[] = [`# ${title}`];
  for (const s of sections) {
    if (s.role === "title") continue;
    if (s.heading && s.level > 0) out.push(`${s.level === 1 ? "##" : "###"} ${s.heading}`);
    for (const p of s.text.split(/\n+/)) if (p.trim()) out.push(p.trim());
  }
  return out.join("\n\n") + "\n";
}
