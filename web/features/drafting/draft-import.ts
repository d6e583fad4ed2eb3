import type { Draft, DraftSection } from "../../../server/drafting/types.ts";
import { parseDocumentDateLine } from "../../../server/text/dates.ts";

const L1 = /^([一二三四五六七八九十]+)、\s*(.*)$/;
const L2 = /^[（(]([一二三四五六七八九十]+)[）)]\s*(.*)$/;

/** A 结尾 paragraph: the closing pledge that follows the plans (站在新的起点上…, 新的一年…, …作出新的更大贡献). */
const CLOSING = /^(?:站在新的起点|新的一年|在新的一年|展望\d{4}|展望新|总之|综上|回顾过去|面向未来)|(?:作出新的更大贡献|贡献力量|奋力谱写|接续奋斗)[^。]*。$/;
/** A unit's name as signed under a report: short, no punctuation, ending in an organ's name. */
const SIGNATURE = /^[\u4e00-\u9fa5（）()]{2,30}(?:委员会|政法委|委|办公室|办|局|院|厅|部|处|科|所|中心|政府|街道|镇|乡|党委|党组|支部)$/;

/**
 * The 落款 at the end (the unit's name, then the 成文日期), taken off the lines: what a re-imported export ends with.
 */
function takeSignOff(lines: string[]): { unit: string | null; date: string | null } {
  let date: string | null = null;
  let unit: string | null = null;
  if (lines.length > 2) date = parseDocumentDateLine(lines[lines.length - 1]);
  if (date) lines.pop();
  if (lines.length > 2 && SIGNATURE.test(lines[lines.length - 1])) unit = lines.pop()!;
  return { unit, date };
}

/**
 * Turn the paragraphs of a summary into a Draft: first line the title, 一、 and （一） lines headings,
 * the rest body text of the heading above. Roles follow the heading words (问题, 打算/计划). Headings
 * keep their words only: the draft numbers them by order, as it numbers its own.
 */
export function paragraphsToDraft(paragraphs: string[], now = new Date()): Draft {
  const lines = paragraphs.map((p) => p.trim()).filter(Boolean);
  if (lines.length === 0) throw new Error("文档中没有文字");
  const signed = takeSignOff(lines);
  const title = lines[0];
  const year = Number(/((?:19|20)\d{2})\s*年/.exec(title)?.[1] ?? now.getFullYear());
  const unit = signed.unit ?? (title.split(/(?:19|20)\d{2}/)[0] || "");
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
  // The closing pledge after the plans is the 结尾, a section of its own, not the last plan's text.
  const last = sections[sections.length - 1];
  const paras = last.text.split("\n");
  if (sections.length > 1 && last.role !== "opening" && paras.length > 1 && CLOSING.test(paras[paras.length - 1])) {
    const closing = paras.pop()!;
    last.text = paras.join("\n");
    sections.push({ ...section("closing", "", 0), text: closing });
  }
  return {
    title,
    unit,
    year,
    ...(signed.date ? { date: signed.date } : {}),
    period: "全年",
    engine: "offline",
    facts: [],
    sections,
    warnings: [],
    stats: {},
    createdAt: now.toISOString(),
  };
}
