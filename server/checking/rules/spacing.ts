import { parseHeading } from "../../text/headings.ts";
import type { Finding } from "../types.ts";
import { isHan } from "../../text/chars.ts";
import { lineSpans } from "../../text/sentences.ts";
import { finding } from "./types.ts";

const SPACE = /[ \u00a0\u3000]/;
// Chinese punctuation a space must not touch (quotes and brackets included).
const CN_MARKS = "，。、；：？！“”‘’（）《》【】〔〕…—";

/**
 * Stray spaces: one space between two Chinese characters (规范化 建设, a line joined from a PDF), or
 * next to Chinese punctuation and quotes (“主动创稳” “动态创稳”, 。 因地制宜). Not reported: indentation
 * at the start of a line and spaces at its end (invisible in print), a space beside Latin letters or
 * digits (2025 年: a matter of style), runs of two or more (deliberate layout, as in a signature line),
 * and titles spaced out letter by letter (工 作 总 结).
 */
export function checkSpacing(text: string): Finding[] {
  const out: Finding[] = [];
  const lines = lineSpans(text);
  const titleAt = lines.findIndex((l) => l.text.trim() !== "");
  for (const [n, line] of lines.entries()) {
    const k = n - titleAt;
    const s = line.text;
    const body = s.replace(/^[ \u00a0\u3000\t]+/, "");
    const lead = s.length - body.length;
    if (/^(?:\p{Script=Han}[ \u3000]){2,}\p{Script=Han}$/u.test(body.trim())) continue;
    for (let i = lead; i < s.length; i++) {
      if (!SPACE.test(s[i])) continue;
      const prev = s[i - 1];
      const next = s[i + 1];
      if (prev === undefined || next === undefined || SPACE.test(prev) || SPACE.test(next) || next === "\t") continue;
      const cnPrev = isHan(prev) || CN_MARKS.includes(prev);
      const cnNext = isHan(next) || CN_MARKS.includes(next);
      if (!cnPrev || !cnNext) continue;
      // Two parallel phrases of a slogan or a title are set apart by a space (“化解矛盾风险 维护社会稳定”,
      // 凝心聚力 砥砺前行): in quotes, 书名号, the title or a heading, that space is the writer's choice.
      if (isHan(prev) && isHan(next) && phraseSeparator(s, i, k === 0 || isHeadingLine(body))) continue;
      const msg = isHan(prev) && isHan(next) ? "汉字之间有多余空格" : "中文标点前后有多余空格";
      out.push(finding(text, "punctuation", "warning", line.start + i, line.start + i + 1, msg, ""));
    }
  }
  return out;
}

const isHeadingLine = (line: string) => parseHeading(line) !== null;

/** A space between two runs of four or more Chinese characters, inside quotes or 书名号, or anywhere in a title or heading line. */
function phraseSeparator(line: string, at: number, titleOrHeading: boolean): boolean {
  // Four characters each side are enough to decide, so a long line costs no more than a short one.
  const left = /^\p{Script=Han}{4}$/u.test(line.slice(Math.max(0, at - 4), at));
  const right = /^\p{Script=Han}{4}/u.test(line.slice(at + 1, at + 5));
  if (!left || !right) return false;
  if (titleOrHeading) return true;
  // Inside quotes or 书名号: the nearest opening mark before the space has no closing mark after it.
  const from = Math.max(0, at - 120);
  const open = (o: string, c: string) => {
    const window = line.slice(from, at);
    const i = window.lastIndexOf(o);
    return i >= 0 && !window.includes(c, i);
  };
  return open("“", "”") || open("《", "》");
}
