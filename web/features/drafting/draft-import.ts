import type { Draft, DraftSection } from "../../../server/drafting/types.ts";

const L1 = /^([一二三四五六七八九十]+)、\s*(.*)$/;
const L2 = /^[（(]([一二三四五六七八九十]+)[）)]\s*(.*)$/;

/**
 * Turn the paragraphs of a summary into a Draft: first line the title, 一、 and （一） lines headings,
 * the rest body text of the heading above. Roles follow the heading words (问题, 打算/计划). Headings
 * keep their words only: the draft numbers them by order, as it numbers its own.
 */
export function paragraphsToDraft(paragraphs: string[], now = new Date()): Draft {
  const lines = paragraphs.map((p) => p.trim()).filter(Boolean);
  if (lines.length === 0) throw new Error("文档中没有文字");
  const title = lines[0];
  const year = Number(/((?:19|20)\d{2})\s*年/.exec(title)?.[1] ?? now.getFullYear());
  const unit = title.split(/(?:19|20)\d{2}/)[0] || "";
  const sections: DraftSection[] = [];
  let part: DraftSection["role"] = "opening";
  const section = (role: DraftSection["role"], heading: string, level: number): DraftSection =>
    ({ id: `s${sections.length}`, role, heading, level, workLine: null, text: "", factIds: [], sources: [], status: "done" });
  let current = section("opening", "", 0);
  sections.push(current);
  for (const line of lines.slice(1)) {
    const m1 = L1.exec(line);
    const m2 = m1 ? null : L2.exec(line);
    if (m1 && m1[2].length <= 40) {
      part = /问题|不足/.test(m1[2]) ? "problems" : /打算|计划|思路/.test(m1[2]) ? "plans" : "work";
      current = section(part, m1[2], 1);
      sections.push(current);
    } else if (m2 && m2[2].length <= 60 && part !== "opening") {
      current = section(part, m2[2], 2);
      sections.push(current);
    } else {
      current.text = current.text ? `${current.text}\n${line}` : line;
    }
  }
  return {
    title,
    unit,
    year,
    period: "全年",
    engine: "offline",
    facts: [],
    sections,
    warnings: [],
    stats: {},
    createdAt: now.toISOString(),
  };
}
