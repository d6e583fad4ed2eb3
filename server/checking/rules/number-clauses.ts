import type { Finding } from "../types.ts";
import { checkDateForms } from "./number-dates.ts";
import { finding } from "./types.ts";

/**
 * GB/T 15835-2011 and GB/T 9704-2012 clauses on how figures are written (the list: docs/punctuation.md,
 * "Numbers and dates"), one function each.
 */
export function checkNumberClauses(text: string, year?: number): Finding[] {
  // The range clause is a rule of the figures' standard (the 1987 试行规定 on, as 两 before a measure word):
  // the national reports of the 1950s wrote 5—6% as their time did.
  const ranges = year === undefined || year >= 1987 ? rangeUnits(text) : [];
  return [...paddedDates(text), ...ranges, ...fullWidthDigits(text), ...datesWithoutMonth(text), ...approximateForms(text), ...(year === undefined || year >= 1987 ? approximationsAtOdds(text) : []), ...checkDateForms(text, year)];
}

/**
 * GB/T 15835-2011 §4.1.? on approximate figures and the forms of amounts and quarters, one clause each:
 *
 * - 余 (or 多) after a figure makes it a round figure with more beyond it (150余人次, 10余件): the figure before
 *   it is round, so a figure whose last digit is not 0 (152余人次) is exact and contradicts it. Official prose:
 *   33 round figures before 余, none with a last digit other than 0 (nor a single digit).
 * - an amount in Arabic figures takes 亿 and 万 as units directly (4.9亿元); 4.9个亿 counts the unit as a thing,
 *   a spoken form. A count of trillion-levels (3个万亿级, 跨过两个万亿元台阶) is a count, and stays. Official prose:
 *   no figure before 个亿.
 * - a quarter of the year is named with a Chinese numeral (一季度, 第二季度), as a fixed term is; 1季度 is the odd
 *   form. Official prose: 32 quarters named with 一二三四, none with a figure.
 */
function approximateForms(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(/(?<![0-9０-９.．])([0-9]+)(余|多)(?=\p{Script=Han})/gu)) {
    // 多 after a single digit or in 多少/多种/多元 is a word of its own; only 余 is read after any figure.
    if (m[2] === "多" && (m[1].length < 2 || /^多(?:少|种|元|样|方|家|次|项|个|名|人|件)/.test(text.slice(m.index + m[1].length)))) continue;
    if (m[1].endsWith("0") || (m[1].length === 1 && m[2] === "多")) continue;
    out.push(finding(text, "number", "warning", m.index, m.index + m[0].length,
      `“${m[2]}”表示约数，前面应是整数（如“${m[1].slice(0, -1)}0${m[2]}”）；确数不加“${m[2]}”`));
  }
  for (const m of text.matchAll(/(?<![0-9０-９.．])([0-9]+(?:\.[0-9]+)?)个(亿|万)(?![亿级])/g)) {
    const fixed = `${m[1]}${m[2]}`;
    out.push(finding(text, "number", "warning", m.index, m.index + m[0].length, `阿拉伯数字后直接用“${m[2]}”作单位，不加“个”：应写“${fixed}”`, fixed));
  }
  const CN = "一二三四";
  for (const m of text.matchAll(/(?<![0-9０-９.．\-－—~～至到])(第?)([1-4])季度/g)) {
    const fixed = `${m[1]}${CN[Number(m[2]) - 1]}季度`;
    out.push(finding(text, "number", "warning", m.index, m.index + m[0].length, `季度用汉字数字表示：应写“${fixed}”`, fixed));
  }
  return out;
}

/**
 * GB/T 9704-2012 §7.3.5.? (成文日期) and GB/T 15835 practice: a date in Arabic figures has no 虚位, a
 * leading zero that fills a place (2026年1月5日, not 2026年01月05日). A date followed by a time of day
 * (2026年02月10日 07时41分) is a web page's time stamp, not a date the writer set.
 */
function paddedDates(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(/(?<![0-9０-９])((?:19|20)[0-9]{2})年([0-9]{1,2})月(?:([0-9]{1,2})日)?/g)) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 8);
    if (/^\s*[0-9]{1,2}\s*[时:：]/.test(after)) continue;
    const padded = (m[2].length === 2 && m[2][0] === "0") || (m[3] !== undefined && m[3].length === 2 && m[3][0] === "0");
    if (!padded) continue;
    const month = Number(m[2]);
    const day = m[3] !== undefined ? Number(m[3]) : null;
    if (month < 1 || month > 12 || (day !== null && (day < 1 || day > 31))) continue;
    const fixed = `${m[1]}年${month}月${day !== null ? `${day}日` : ""}`;
    out.push(finding(text, "number", "warning", m.index, m.index + m[0].length, `日期中的月、日不加“0”补位：应写“${fixed}”`, fixed));
  }
  return out;
}

/**
 * GB/T 15835-2011 §4.? (数值范围): each end of a range carries its own % and its own 万/亿 (10%～20%,
 * not 10～20%; 3万～5万, not 3～5万), because 10～20% reads as "10 to 20 percent" only by guessing.
 */
function rangeUnits(text: string): Finding[] {
  const out: Finding[] = [];
  const re = /(?<![0-9０-９.．%％])([0-9]+(?:\.[0-9]+)?)(～|~|〜|—|－|-|至|到)([0-9]+(?:\.[0-9]+)?)(%|％|万|亿)/g;
  for (const m of text.matchAll(re)) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (!(b > a)) continue;
    const unit = m[4];
    const fixed = `${m[1]}${unit}${m[2]}${m[3]}${unit}`;
    const what = unit === "%" || unit === "％" ? "百分号" : `“${unit}”`;
    out.push(finding(text, "number", "warning", m.index, m.index + m[0].length, `表示范围时，前后两个数值都要带${what}：应写“${fixed}”`, fixed));
  }
  return out;
}

const toHalf = (s: string) => s.replace(/[０-９．]/g, (ch) => (ch === "．" ? "." : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));

/**
 * GB/T 15835-2011 (one form for figures of one kind) applied to the glyphs: Arabic figures are written
 * in half-width digits; where a document writes most of its figures that way, a run of full-width
 * digits (２０２５) is the odd one out. A document written entirely in full-width digits is left alone.
 * The numbers of a list in brackets (（１）（２）) are numbering, a kind of its own: they are judged
 * against the document's other bracketed numbers, not against its quantities.
 */
function fullWidthDigits(text: string): Finding[] {
  const out: Finding[] = [];
  for (const numbering of [true, false]) {
    const isNumbering = (m: RegExpMatchArray) => /[（(]$/.test(text.slice(Math.max(0, m.index! - 1), m.index)) && /^[）)]/.test(text.slice(m.index! + m[0].length));
    const full = [...text.matchAll(/[０-９]+(?:[．.][０-９]+)?/g)].filter((m) => isNumbering(m) === numbering);
    if (full.length === 0) continue;
    const half = [...text.matchAll(/(?<![０-９0-9])[0-9]+/g)].filter((m) => isNumbering(m) === numbering).length;
    if (half <= full.length) continue;
    for (const m of full) out.push(finding(text, "number", "warning", m.index, m.index + m[0].length,
      `阿拉伯数字应使用半角形式，与全文一致：应写“${toHalf(m[0])}”`, toHalf(m[0])));
  }
  return out;
}

/**
 * GB/T 15835-2011 §4.1.1 and GB/T 9704 (dates in Arabic figures are written 年, 月, 日 in full): a month
 * and day run together with the 月 left out (1222日 for 12月22日, 711日 for 7月11日), and a month with its
 * 月 left out before 底/初/上旬/中旬/下旬 (11底 for 11月底), and a year run into its month (202012月). A figure of three or four digits before 日 is
 * read as a date only where it splits into a month (1–12) and a day (1–31) and stands where a date
 * stands: at the head of a clause, or after 年, 于, 至, 到, 截至 (120日内, 第365日 are counts of days).
 */
function datesWithoutMonth(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(/(?<![0-9０-９.．\-－—~～])([0-9]{3,4})日(?![0-9内])/g)) {
    const before = text.slice(Math.max(0, m.index - 3), m.index);
    if (!/(?:^|[，。；：、\n\s（(]|年|[于至到起止])$/.test(before) && m.index > 0) continue;
    const d = m[1];
    const splits = d.length === 3 ? [[d.slice(0, 1), d.slice(1)]] : [[d.slice(0, 2), d.slice(2)]];
    for (const [mo, da] of splits) {
      const month = Number(mo);
      const day = Number(da);
      if (month < 1 || month > 12 || day < 1 || day > 31 || da[0] === "0") continue;
      const fixed = `${month}月${day}日`;
      out.push(finding(text, "number", "warning", m.index, m.index + m[0].length, `日期缺少“月”：应写“${fixed}”`, fixed));
    }
  }
  // A year and its month run together with the 年 left out (202012月 for 2020年12月): four digits of a year
  // (1900–2099) and a month of 1–12 with nothing else before 月. None in the official prose.
  for (const m of text.matchAll(/(?<![0-9０-９.．\-－—~～])((?:19|20)[0-9]{2})(1[0-2]|[1-9])月/g)) {
    const fixed = `${m[1]}年${m[2]}月`;
    out.push(finding(text, "number", "warning", m.index, m.index + m[0].length, `日期缺少“年”：应写“${fixed}”`, fixed));
  }
  for (const m of text.matchAll(/(?<![0-9０-９.．月年])(1[0-2]|[1-9])(底|初|上旬|中旬|下旬)/g)) {
    const before = text.slice(Math.max(0, m.index - 3), m.index);
    if (!/(?:^|[，。；：、\n\s（(]|年|[于至到止])$/.test(before) && m.index > 0) continue;
    const fixed = `${m[1]}月${m[2]}`;
    out.push(finding(text, "number", "warning", m.index, m.index + m[0].length, `日期缺少“月”：应写“${fixed}”`, fixed));
  }
  return out;
}

// A figure in Arabic digits, or a 汉字 one with a place (三十, 百, 一千二百): a bare 一 or 三 is a word's (统一, 三多).
const FIGURE = "(?:[0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一二三四五六七八九两]*[十百千万][零〇一二三四五六七八九十百千万]*)";
/**
 * GB/T 15835-2011 §3.3 (概数) and §4.3: an approximate figure says once how it approximates, and a figure that is more
 * than a round number (余, 多) is of a whole number. One clause each (official prose: neither occurs):
 *
 * - 余 or 多 after a decimal (3.2余人, 1.5余万元): the figure before 余 is a whole count of its unit, so a decimal there
 *   has lost its 万 or 亿 (3.2万余人) or its 余 is wrong;
 * - 余 or 多 with 左右 or 上下 after it (300余人左右): both approximate, say it once.
 *
 * (约 with 余/多, 近 with 余 and 大约……左右 are in the office's collocation and repetition lists.)
 */
function approximationsAtOdds(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(/(?<![0-9０-９.．])([0-9０-９]+[.．][0-9０-９]+)(余|多)(?=[万亿]?\p{Script=Han})/gu)) {
    out.push(finding(text, "number", "warning", m.index, m.index + m[0].length,
      `“${m[2]}”前应是整数：小数后加“${m[2]}”不成立，可能漏了单位（如“${m[1]}万${m[2]}”），或应删去“${m[2]}”`));
  }
  // The measure word between (人, 人次, 万元) and no more: 三十多年来上下一心 is no figure with 上下; 上下 closes its clause.
  for (const m of text.matchAll(new RegExp(`${FIGURE}(余|多)[万亿]?[^，。；：、！？来以的\\n\\d]{0,3}?(左右|上下(?=[，。；、）)\\n]|$))`, "gu"))) {
    const at = m.index + m[0].length - m[2].length;
    out.push(finding(text, "number", "warning", at, at + m[2].length, `“${m[1]}”与“${m[2]}”都表示概数，保留其一`, ""));
  }
  return out;
}
