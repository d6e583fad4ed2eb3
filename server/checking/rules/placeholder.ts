import type { Finding } from "../types.ts";
import { isHan } from "../../text/chars.ts";
import { finding, type RuleContext } from "./types.ts";

// Measure words and date parts that turn a lone X/*/× into a blank ("X次", "*个科室", "X月").
const MEASURE = "次个件人家名月日年场项起处条元户所期批座路辆类篇份期轮届余多万亿";

/** Unfilled blanks: XX/xx/××/**, X次, % without a number, 〔*〕, ____, 【待补】. */
export function checkPlaceholder(text: string, _ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const taken: Array<[number, number]> = [];
  const add = (start: number, end: number, message: string) => {
    if (taken.some(([s, e]) => start < e && end > s)) return;
    taken.push([start, end]);
    out.push(finding(text, "placeholder", "error", start, end, message));
  };

  // Bracketed blanks first, so 〔*〕 is one finding rather than a bracket and a star.
  for (const m of text.matchAll(/[【\[［〔（(]\s*(?:待[补填定核确查][^】\]］〕）)\n]{0,6}|[*＊Xx×_＿\s]*)\s*[】\]］〕）)]/g)) {
    if (/^[（(]\s*[）)]$/.test(m[0]) && m[0].length === 2) {
      add(m.index, m.index + m[0].length, "空括号，内容待补");
    } else {
      add(m.index, m.index + m[0].length, `占位符“${m[0]}”未替换`);
    }
  }
  for (const m of text.matchAll(/待补充|待填写|此处填写|此处补充/g)) add(m.index, m.index + m[0].length, `占位文字“${m[0]}”未替换`);
  for (const m of text.matchAll(/[_＿]{2,}/g)) add(m.index, m.index + m[0].length, "下划线空白待填写");

  // Runs of X/x/×/* (two or more), possibly with a trailing % ("**%"), never inside a Latin word.
  for (const m of text.matchAll(/[Xx×＊*]{2,}[％%]?/g)) {
    const prev = text[m.index - 1];
    const next = text[m.index + m[0].length];
    if (/[A-Za-z]/.test(prev ?? "") || /[A-Za-z]/.test(next ?? "")) continue;
    add(m.index, m.index + m[0].length, `占位符“${m[0]}”未替换`);
  }
  // A single X/x/×/* used as a blank: next to Chinese text or a measure word, not a Latin letter or a product (3×4).
  for (const m of text.matchAll(/[Xx×＊*][％%]?/g)) {
    const prev = text[m.index - 1];
    const next = text[m.index + m[0].length];
    if (/[A-Za-z0-9]/.test(prev ?? "") || /[A-Za-z0-9]/.test(next ?? "")) continue;
    const ch = m[0][0];
    const blank = ch === "X" || ch === "x" || ch === "×"
      ? (next !== undefined && MEASURE.includes(next)) || (isHan(prev) && isHan(next)) || (isHan(next) && (prev === undefined || /[\s，。、；：“（]/.test(prev)))
      : next !== undefined && MEASURE.includes(next);
    if (blank || m[0].length === 2) add(m.index, m.index + m[0].length, `占位符“${m[0]}”未替换`);
  }
  // A percent sign with no number in front of it ("达到％").
  for (const m of text.matchAll(/[％%]/g)) {
    const prev = text[m.index - 1] ?? "";
    if (/[0-9０-９.．Xx×*＊零〇一二三四五六七八九十百千万]/.test(prev)) continue;
    add(m.index, m.index + 1, "百分号前缺少数字");
  }
  return out.sort((a, b) => a.start - b.start);
}
