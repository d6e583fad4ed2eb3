/**
 * A clerk's way of saying a figure, read as the figure it is, before the figure guard compares a note
 * with its rewrite: 七八个 is 7至8个, 两三百户 200至300户, 一千二 1200, 一万二 12000, 三成 30%, 差不多一半
 * 约50%, 上百人 100余人, 百把人 100来人, 一年多 1年多. Both texts are read this way, so a rewrite that
 * keeps the figure in either wording keeps it, and one that changes it still changes it. Idioms that
 * merely contain numerals (三天两头, 千家万户) are no figures. See docs/claims.md.
 */
import { parseChineseNumeral } from "../text/numerals.ts";

const DIGIT = "一二两三四五六七八九";
const value = (ch: string) => (ch === "两" ? 2 : DIGIT.indexOf(ch) + (DIGIT.indexOf(ch) >= 2 ? 0 : 1));
const MULT: Record<string, number> = { "": 1, 十: 10, 百: 100, 千: 1000, 万: 10000 };
const MEASURE = "个人次件户名家起条天年月周场所处项份元块批轮期村镇条套辆台座间";

// Numerals inside set phrases say nothing countable.
const IDIOMS = /三天两头|三番五次|三令五申|三心二意|三五成群|三三两两|一五一十|七上八下|七嘴八舌|四面八方|五花八门|千方百计|千家万户|千辛万苦|万无一失|一心一意|一清二楚|十全十美|百分之百(?=的)|一干二净|接二连三|乱七八糟|四平八稳|九牛一毛/g;

/** Two neighbouring numerals for a range (七八, 两三, 三五) with what goes before and after them. */
const RANGE = new RegExp(`([零一二两三四五六七八九十百千万]*?)([${DIGIT}])([${DIGIT}])([十百千万]?)(?=[${MEASURE}]|[多余来])`, "g");

function range(whole: string, prefix: string, a: string, b: string, mult: string): string {
  const lo = value(a);
  const hi = value(b);
  if (!(hi === lo + 1 || (lo === 3 && hi === 5))) return whole;
  const base = prefix ? parseChineseNumeral(prefix) : 0;
  if (base === null) return whole;
  // 一百五六十: the prefix's last place is above the range's (百 over 十).
  const m = MULT[mult] ?? 1;
  return `${base + lo * m}至${base + hi * m}`;
}

/** The text with its colloquial figures written as the figure guard reads formal ones. */
export function readColloquialFigures(text: string): string {
  return text
    .replace(IDIOMS, (m) => "某".repeat(m.length))
    .replace(/百分之百/g, "100%")
    // 三成, 五六成: tenths.
    .replace(new RegExp(`([${DIGIT}])([${DIGIT}])?成(?![员为立功熟本果效绩就品型年])`, "g"), (_m, a: string, b?: string) => (b ? `${value(a) * 10}%至${value(b) * 10}%` : `${value(a) * 10}%`))
    // 一半, 半数, 过半: half.
    .replace(/过半(?!年|个)/g, "50%以上")
    .replace(/一半|半数/g, "50%")
    // 一千二, 一万二, 两千五, 三百五 (a place then a bare digit): 1200, 12000, 2500, 350.
    .replace(new RegExp(`(?<![零一二两三四五六七八九十百千万\\d])([${DIGIT}])([百千万])([${DIGIT}])(?![十百千万零一二两三四五六七八九\\d])`, "g"), (_m, a: string, place: string, b: string) => String(value(a) * MULT[place] + value(b) * (MULT[place] / 10)))
    .replace(RANGE, (whole, prefix: string, a: string, b: string, mult: string) => range(whole, prefix, a, b, mult))
    // 上百人, 近百人, 百把人, 千把块: over, near, about a hundred or a thousand.
    .replace(/上([百千万])(?=[^\d零一二两三四五六七八九十])/g, (_m, p: string) => `${MULT[p]}余`)
    .replace(/(?<=近|将近|接近)([百千万])(?=[^\d零一二两三四五六七八九十])/g, (_m, p: string) => `${MULT[p]}`)
    .replace(/(?<![零一二两三四五六七八九十\d])([百千万])把/g, (_m, p: string) => `${MULT[p]}来`)
    // 一百来号人: 号 counts people.
    .replace(/([来多余])号人/g, "$1人")
    // 一年多, 一个多月: the count one before an approximate measure.
    .replace(/(?<![零一二两三四五六七八九十\d第])一(?=(?:年|个|天|周|次)(?:多|余|半))/g, "1")
    // A range is approximate already: 约20至30人次 is 20至30人次, and 7-8人 and 7到8人 are 7至8人.
    .replace(/(\d+(?:\.\d+)?%?)(?:到|-|—|~|～)(?=\d)/g, "$1至")
    .replace(/(?:约|大约|大概|差不多|将近)(?=\d+(?:\.\d+)?%?至\d)/g, "");
}
