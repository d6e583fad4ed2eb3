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
  for (const line of lineSpans(text)) {
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
      const msg = isHan(prev) && isHan(next) ? "汉字之间有多余空格" : "中文标点前后有多余空格";
      out.push(finding(text, "punctuation", "warning", line.start + i, line.start + i + 1, msg, ""));
    }
  }
  return out;
}
