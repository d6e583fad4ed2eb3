import type { Finding } from "../types.ts";
import { finding } from "./types.ts";

/**
 * GB/T 15835-2011 on figures inside words and on the parts of a date, one clause each (docs/function-words.md,
 * "Session 11"):
 *
 * - §4.2 (汉字数字): a word that has set with a Chinese numeral in it keeps it (its examples include 第一书记):
 *   the five-year periods (“七五”普法, “十四五”规划, 第七个五年), the first of a post (第一副组长, 第一责任人),
 *   and the enumerators of the genre (一是, 二是). Written in Arabic figures (“75”普法, 第1副组长, 1是) they are
 *   read as quantities.
 * - §4.1 (年月日): a date writes its 年, 月 and 日: 12月19结束 has lost its 日, and 2021主要工作 its 年.
 * - 余 and 多 both say "more than" after a figure: 100余多人 says it twice.
 */
export function checkNumberWords(text: string): Finding[] {
  return [...numeralTerms(text), ...dateParts(text), ...doubleApprox(text)];
}

const CN_DIGITS = "〇一二三四五六七八九";
/** 1–99 in Chinese numerals (75 → 七十五 as a quantity; as a period name the digits are read one by one: 七五). */
function cn(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  const tens = Math.floor(n / 10);
  return `${tens > 1 ? CN_DIGITS[tens] : ""}十${n % 10 ? CN_DIGITS[n % 10] : ""}`;
}
/** A period's name: “75” → 七五, “135” → 十三五, “145” → 十四五 (the plan's number, then 五). */
function periodName(digits: string): string | null {
  if (!digits.endsWith("5") || digits.length < 2 || digits.length > 3) return null;
  const n = Number(digits.slice(0, -1));
  return n >= 1 && n <= 15 ? `${cn(n)}五` : null;
}

const POSTS = "(?:副?(?:书记|组长|主任|负责人|责任人|召集人|站长|校长|部长|局长|总指挥|指挥长))";

function numeralTerms(text: string): Finding[] {
  const out: Finding[] = [];
  // “75”普法, “135”规划: a quoted period name in figures, before what such names name; once the text has so
  // named a period, its other quoted mentions (“75”依法治县领导组) are the same name.
  const named = new Set([...text.matchAll(/[“"]([0-9]{2,3})[”"](?=普法|规划|计划|时期|期间|期末|以来|末)/g)].map((m) => m[1]));
  for (const m of text.matchAll(/([“"])([0-9]{2,3})([”"])/g)) {
    const name = periodName(m[2]);
    if (!name || !named.has(m[2])) continue;
    const at = m.index + 1;
    out.push(finding(text, "number", "warning", at, at + m[2].length, `“${name}”是定型的名称，数字用汉字：应写“${name}”`, name));
  }
  // 第7个5年: the ordinal of a five-year period.
  for (const m of text.matchAll(/第([0-9]{1,2})个(?:5|五)年/g)) {
    const fixed = `第${cn(Number(m[1]))}个五年`;
    out.push(finding(text, "number", "warning", m.index, m.index + m[0].length, `“${fixed}”是定型的说法，数字用汉字`, fixed));
  }
  // 第1副组长, 第1责任人: the first of a post.
  for (const m of text.matchAll(new RegExp(`(?<![0-9０-９.．])第([1-9])(?=${POSTS})`, "g"))) {
    const fixed = `第${cn(Number(m[1]))}`;
    out.push(finding(text, "number", "warning", m.index, m.index + m[0].length, `职务前的序数是定型的说法，用汉字：应写“${fixed}”`, fixed));
  }
  // 1是强化……，2是……: the enumerators 一是, 二是 at the head of a clause.
  // (1是强化, not 2是一个偶数: an enumerator opens a predicate, not a quantity.)
  for (const m of text.matchAll(/(?<=^|[\n。；：，！？）)\s])([1-9])是(?=\p{Script=Han})(?![一二三四五六七八九十两几多每])/gu)) {
    const fixed = `${cn(Number(m[1]))}是`;
    out.push(finding(text, "number", "warning", m.index, m.index + m[0].length, `分项的序数用汉字：应写“${fixed}”`, fixed));
  }
  return out;
}

/** What may follow a day's figure when the 日 was left out: an event's start or end, or a part of the day. */
const AFTER_DAY = /^(?:结束|开始|启动|召开|举行|举办|开展|闭幕|开幕|上午|下午|晚上|晚|当天|期间|前后|以来|起)/;
/** What may follow a year written without 年: the word of a heading or of the work it names. */
const AFTER_YEAR = /^(?:主要|工作|上半年|下半年|全年|以来|期间|第[一二三四]季度|[一二三四]季度|前三季度)/;

function dateParts(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(/(?<![0-9０-９.．])(1[0-2]|[1-9])月([12][0-9]|3[01]|[1-9])(?![0-9日号])/g)) {
    const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 3);
    if (!AFTER_DAY.test(rest)) continue;
    const fixed = `${m[0]}日`;
    out.push(finding(text, "number", "warning", m.index, m.index + m[0].length, `日期缺少“日”：应写“${fixed}”`, fixed));
  }
  for (const m of text.matchAll(/(?<![0-9０-９.．\-－—~～])((?:19|20)[0-9]{2})(?![0-9年])/g)) {
    const before = text.slice(Math.max(0, m.index - 2), m.index);
    // At a line's or a heading's head, or after a clause mark, 在 or 于.
    if (m.index > 0 && !/(?:^|\n|[、，。；：\s（(]|[在于])$/.test(before)) continue;
    const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 6);
    if (!AFTER_YEAR.test(rest)) continue;
    const fixed = `${m[1]}年`;
    out.push(finding(text, "number", "warning", m.index, m.index + m[0].length, `年份后缺少“年”：应写“${fixed}”`, fixed));
  }
  return out;
}

function doubleApprox(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(/[0-9０-９一二三四五六七八九十百千万]余多(?=\p{Script=Han})/gu)) {
    const at = m.index + 1;
    out.push(finding(text, "number", "warning", at, at + 2, "“余”与“多”都表示超出前面的整数，保留其一", "余"));
  }
  return out;
}
