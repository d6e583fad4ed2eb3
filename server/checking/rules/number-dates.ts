import type { Finding } from "../types.ts";
import { finding } from "./types.ts";

/**
 * GB/T 15835-2011 and GB/T 9704-2012 on how a date is written (docs/punctuation.md, "Numbers and dates"),
 * one function each. `year`: the year the report reviews (undefined: today's rules).
 */
export function checkDateForms(text: string, year?: number): Finding[] {
  return [
    ...dottedDates(text),
    ...(year === undefined || year >= SIGNING_DATE_FROM ? signingDateInHanzi(text) : []),
    ...(year === undefined || year >= NUMBER_STANDARD_FROM ? lingInYears(text) : []),
  ];
}

/** GB/T 15835-2011 took effect on 1 November 2011. */
export const NUMBER_STANDARD_FROM = 2011;

/**
 * GB/T 15835-2011 §4.? (“0”的汉字写法): a zero that counts is 零 (三千零五十), a zero of a number that names, as
 * the digits of a year do, is 〇 (二〇二五年). A year in 汉字 with 零 among its four digits is reported with 〇.
 * For reports on 2011 on: the 1997 congress report writes 二零零零年. Official prose since: none.
 */
function lingInYears(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(/(?<![一二三四五六七八九十〇○零百千万])([一二][〇○零一二三四五六七八九]{3})年/g)) {
    if (!m[1].includes("零")) continue;
    const fixed = `${m[1].replace(/零/g, "〇")}年`;
    out.push(finding(text, "number", "warning", m.index, m.index + m[0].length, `年份中的“0”写作“〇”，不用“零”：应写“${fixed}”`, fixed));
  }
  return out;
}

/**
 * GB/T 15835-2011 §5.2.1.? (年月日): a date in Arabic figures is written with 年, 月 and 日 (2025年3月15日), or in
 * the all-figure form of GB/T 7408 with hyphens (2025-03-15); a date with dots or slashes (2025.3.15,
 * 2025/3/15) is neither. Three parts, a year of 1900–2099, a month of 1–12 and a day of 1–31; not part of a
 * longer run of figures and dots (a version or an address). Official prose: none.
 */
function dottedDates(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(/(?<![0-9０-９A-Za-z.．/／:-])((?:19|20)[0-9]{2})([.．/／])([0-9]{1,2})\2([0-9]{1,2})(?![0-9０-９A-Za-z.．/／%％-])/g)) {
    const month = Number(m[3]);
    const day = Number(m[4]);
    if (month < 1 || month > 12 || day < 1 || day > 31) continue;
    const fixed = `${m[1]}年${month}月${day}日`;
    out.push(finding(text, "number", "warning", m.index, m.index + m[0].length, `日期应写作“×年×月×日”：应写“${fixed}”`, fixed));
  }
  return out;
}

/** GB/T 9704-2012 took effect on 1 July 2012; its 成文日期 in Arabic figures replaced the 汉字 date of GB/T 9704-1999. */
export const SIGNING_DATE_FROM = 2012;
const HAN_DIGIT: Record<string, number> = { "〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };
/** 一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 三十一 → 31; null if not such a numeral. */
function hanNumber(s: string): number | null {
  if (s.length === 1 && s !== "十") return HAN_DIGIT[s] ?? null;
  const m = /^([二三]?)十([一二三四五六七八九]?)$/.exec(s);
  if (!m) return null;
  return (m[1] ? HAN_DIGIT[m[1]] : 1) * 10 + (m[2] ? HAN_DIGIT[m[2]] : 0);
}

/**
 * GB/T 9704-2012 §7.3.5.1 (成文日期): the date under the signature is written in Arabic figures with the year,
 * month and day in full (2025年12月30日), no longer in 汉字 (二〇二五年十二月三十日, the form of GB/T 9704-1999).
 * Only a line that is nothing but a date, among the last three lines of the text (where the 落款 stands); a
 * date in the body, a quoted title or a heading is not the 成文日期. For reports on 2012 on. Official prose:
 * no such line (the national reports date their delivery in brackets under the title).
 */
function signingDateInHanzi(text: string): Finding[] {
  const out: Finding[] = [];
  const lines = [...text.matchAll(/[^\n]+/g)].filter((l) => l[0].trim() !== "").slice(-3);
  for (const l of lines) {
    const m = /^(\s*)([〇零○Ｏ一二三四五六七八九]{4})年([一二三十]{1,2})月([一二三四五六七八九十]{1,3})日\s*$/.exec(l[0]);
    if (!m) continue;
    const y = [...m[2]].map((c) => HAN_DIGIT[c]).join("");
    const month = hanNumber(m[3]);
    const day = hanNumber(m[4]);
    if (!/^(?:19|20)/.test(y) || month === null || day === null || month < 1 || month > 12 || day < 1 || day > 31) continue;
    const fixed = `${y}年${month}月${day}日`;
    const at = l.index + m[1].length;
    out.push(finding(text, "number", "warning", at, at + l[0].trim().length, `成文日期用阿拉伯数字将年、月、日标全：应写“${fixed}”`, fixed));
  }
  return out;
}
