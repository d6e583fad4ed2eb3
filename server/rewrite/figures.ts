/**
 * A clerk's way of saying a figure, read as the figure it is, before the figure guard compares a note
 * with its rewrite: 七八个 is 7至8个, 两三百户 200至300户, 一千二 1200, 一万二 12000, 三成 30%, 差不多一半
 * 约50%, 九成八 98%, 上百人 100余人, 百把人 100来人, 一年多 1年多. Both texts are read this way, so a rewrite that
 * keeps the figure in either wording keeps it, and one that changes it still changes it. Idioms that
 * merely contain numerals (三天两头, 千家万户) are no figures. See docs/claims.md.
 */
import { parseChineseNumeral } from "../text/numerals.ts";

const DIGIT = "一二两三四五六七八九";
const value = (ch: string) => (ch === "两" ? 2 : DIGIT.indexOf(ch) + (DIGIT.indexOf(ch) >= 2 ? 0 : 1));
const MULT: Record<string, number> = { "": 1, 十: 10, 百: 100, 千: 1000, 万: 10000 };
const MEASURE = "个人次件户名家起条天年月周场所处项份元块批轮期村镇条套辆台座间回趟遍岁";

// Numerals inside set phrases say nothing countable.
const IDIOMS = /三天两头|三番五次|三令五申|三心二意|三五成群|三三两两|一五一十|七上八下|七嘴八舌|四面八方|五花八门|千方百计|千家万户|千辛万苦|万无一失|一心一意|一清二楚|十全十美|百分之百(?=的)|一干二净|接二连三|乱七八糟|四平八稳|九牛一毛|两口子|小两口/g;

// Marks the end of a number this reading wrote: where digits or a comma and digits follow (近百，3000),
// a space keeps the two apart, so 100 and 3000 are not read as 100,300.
const END = "\u2060";
const arabic = (n: number) => `${n}${END}`;

/** Two neighbouring numerals for a range (七八, 两三, 三五) with what goes before and after them. */
const RANGE = new RegExp(`([零一二两三四五六七八九十百千万]*?)([${DIGIT}])([${DIGIT}])([十百千万]?)(?=[${MEASURE}]|[多余来])`, "g");

const RANGE_BARE = new RegExp(`([零一二两三四五六七八九十百千万]*?)([${DIGIT}])([${DIGIT}])([百千万])(?![\\u4e00-\\u9fff\\d])`, "g");

function range(whole: string, prefix: string, a: string, b: string, mult: string): string {
  const lo = value(a);
  const hi = value(b);
  if (!(hi === lo + 1 || (lo === 3 && hi === 5))) return whole;
  const base = prefix ? parseChineseNumeral(prefix) : 0;
  if (base === null) return whole;
  // 一百五六十: the prefix's last place is above the range's (百 over 十).
  const from = base + lo * (MULT[mult] ?? 1);
  return `${from}${END}多`;
}

/**
 * A tight range (7至8, 20至30, 150至160, 3至5) says "a little over its lower end", as 七八个 does for the
 * figure guard; a wide one (1—6月) keeps both ends.
 */
function tight(lo: number, hi: number): boolean {
  const d = hi - lo;
  if (!(d > 0)) return false;
  const step = 10 ** Math.floor(Math.log10(d));
  return (d === step || d === 2 * step) && lo % step === 0;
}

/** A numeral run in words (not an ordinal, not inside another number, not 十九大-like congress names), with what follows it. */
const BARE = /(?<![第\d０-９零〇一二两三四五六七八九十百千万亿])(?<!\d\.)([一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*)(?![零〇一二两三四五六七八九十百千万亿届中]|大(?![概约致体多部量]))/g;

/** The text with its colloquial figures written as the figure guard reads formal ones. */
export function readColloquialFigures(text: string): string {
  return text
    .replace(IDIOMS, (m) => "某".repeat(m.length))
    // An item's number at the head of a clause (十二是, 十三是: what 条理化 writes) counts nothing.
    .replace(/(^|[。；：，、\n])([一二三四五六七八九十]+)(?=是(?!否))/g, (_m, head: string, n: string) => head + "某".repeat(n.length))
    // A capital numeral alone, with no numeral or 元 beside it, is a character of a word (队伍, 入伍, 陆续, 拾取).
    .replace(/(?<![零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟\d])[壹贰叁肆伍陆柒捌玖拾佰仟](?![零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟元角圆\d])/g, "某")
    .replace(/百分之百/g, "100%")
    // 七至八成, 七成到八成: the tight range 七八成 says.
    .replace(new RegExp(`([${DIGIT}])成?(?:至|到|-|—|~|～)([${DIGIT}])成`, "g"), "$1$2成")
    // 九成八, 八成五: tenths and a hundredth said as one share (98%, 85%), before the tenths alone read 九成.
    .replace(new RegExp(`([${DIGIT}])成([${DIGIT}])(?![零一二两三四五六七八九十百千万${MEASURE}])`, "g"), (_m, a: string, b: string) => `${value(a) * 10 + value(b)}%`)
    // 三成, 五六成: tenths.
    .replace(new RegExp(`([${DIGIT}])([${DIGIT}])?成(?![员立功熟本果效绩就品型年])`, "g"), (m, a: string, b: string | undefined, at: number, all: string) =>
      // 成为 after 一 alone is "became" (一举成为 aside); after 三成, 七八成 it is "are".
      !b && a === "一" && all[at + m.length] === "为" ? m : `${value(a) * 10}%${b && tight(value(a), value(b)) ? "多" : ""}`)
    // 一半, 半数, 过半: half.
    .replace(/过半(?!年|个)/g, "50%以上")
    // 一大半, 一多半, 多一半, 大半数: more than half, as 过半 and 一半以上 say (大半年 is a time).
    .replace(/一大半|一多半|(?<!差不|不)多一半|大半数|(?<![一多])大半(?=[的都是为村户人家个以])/g, "50%以上")
    // 近半, 近半数: just under half.
    .replace(/(?<=近|将近|接近)半(?:数)?(?!年|个|月|天|小时)/g, "一半")
    // A bare 一半 is a loose half (修了一半 is 修复约一半); with a qualifier before it, the qualifier says how loose.
    .replace(/(?<!约|近|超过|大约|差不多|将近|接近|大概|大致|基本)(?:一半|半数)(?!以上)/g, "约50%")
    .replace(/一半|半数/g, "50%")
    // 一千二, 一万二, 两千五, 三百五 (a place then a bare digit): 1200, 12000, 2500, 350.
    .replace(new RegExp(`(?<![零一二两三四五六七八九十百千万\\d])([${DIGIT}])([百千万])([${DIGIT}])(?=[${MEASURE}多来块元号的左]|[^\\u4e00-\\u9fff\\d]|$)`, "g"), (_m, a: string, place: string, b: string) => arabic(value(a) * MULT[place] + value(b) * (MULT[place] / 10)))
    // 这两天, 前两年: lately, a vague time, no count (那两天 counts the days).
    // 近两个月 is the formal 这两个月 (lately), not "just under two months".
    .replace(/(?<=[这前])两(?=天|年|个月)/g, "几")
    .replace(/(?<=^|[，。；：\s一二三四五六七八九十是])近两(?=天|年|个?月|周)/g, "近几")
    .replace(RANGE, (whole, prefix: string, a: string, b: string, mult: string) => range(whole, prefix, a, b, mult))
    // 三四百, 七八千 with nothing after: the same range.
    .replace(RANGE_BARE, (whole, prefix: string, a: string, b: string, mult: string) => range(whole, prefix, a, b, mult))
    // 两拨, 三片, 五本: a count in a colloquial measure word the figure reader does not list.
    .replace(/(?<![零一二两三四五六七八九十百千万\d第这那])([二两三四五六七八九])(?=[拨伙片本张把只头棵栋根口位门道])/g, (_m, d: string) => arabic(value(d)))
    // 上百人, 近百人, 百把人, 千把块: over, near, about a hundred or a thousand.
    .replace(/上([百千万])(?![零十]|[一二两三四五六七八九][十百千万])([\d０-９]?)/g, (_m, p: string, d: string) => `${MULT[p]}余${d ? ` ${d}` : ""}`)
    .replace(/(?<=近|将近|接近)([百千万])(?![零十]|[一二两三四五六七八九][十百千万])([\d０-９]?)/g, (_m, p: string, d: string) => `${arabic(MULT[p])}${d ? ` ${d}` : ""}`)
    .replace(/(?<![零一二两三四五六七八九十\d])([百千万])把/g, (_m, p: string) => `${MULT[p]}来`)
    // 两回, 三趟, 五遍: counts of times in the colloquial measure words, as 2次 reads.
    .replace(/(?<![零一二两三四五六七八九十百千万\d第头])([一二两三四五六七八九十]{1,3})(?=[回趟遍])/g, (m) => (m === "一" ? m : arabic(parseChineseNumeral(m) ?? 0)))
    .replace(new RegExp(`(\\d+)${END}?[回趟遍]`, "g"), "$1次")
    // 两个多小时, 三个多月: over the count.
    .replace(/(?<![零一二两三四五六七八九十\d])([一二两三四五六七八九十]{1,3}|\d+)个多(?=小时|月|星期|礼拜)/g, (m, n: string) => `${/\d/.test(n) ? n : parseChineseNumeral(n) ?? n}多个`)
    // 双方 is the two parties a note counts as 两家 or 两边.
    .replace(/双方/g, "两家")
    // 一百来号人: 号 counts people.
    .replace(/([来多余])号人/g, "$1人")
    // 一年多, 一个多月: the count one before an approximate measure.
    .replace(/(?<![零一二两三四五六七八九十\d第])一(?=(?:年|个|天|周|次)(?:多|余|半))/g, "1")
    // Ranges in figures (7至8个, 7-8人, 60%至70%之间): a tight one is read as the colloquial one is.
    .replace(/(?<![\d.])(\d{1,3})(%?)(?:至|到|-|—|~|～)(\d{1,3})(%?)(?:之间)?(?![\d.])/g, (whole, lo: string, p1: string, hi: string, p2: string) => (tight(Number(lo), Number(hi)) && p1 === p2 ? `${lo}${p1}多` : whole))
    // A range is approximate already: 约20至30人次 is 20多人次.
    .replace(/(?:约|大约|大概|差不多)(?=\d+%?多)/g, "")
    .replace(/[俩仨](?!个)/g, (m) => (m === "俩" ? "两个" : "三个"))
    // 三月份 is 3月, 五号 after a month is the day.
    .replace(/(?<=[零一二两三四五六七八九十\d])月份/g, "月")
    .replace(/(?<=月[零一二两三四五六七八九十\d]{1,3})号/g, "日")
    // 快六十, 小一百: nearly that many.
    .replace(/(?<![\u4e00-\u9fff]快)(?:快|小)(?=[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万]*[十百千万])/g, "近")
    // 十好几, 二十几: over a round number.
    .replace(/(?<=[十百千万])好?几(?![\u4e00-\u9fff]?[十百千万])/g, "余")
    // 四点五万: a decimal said in words.
    .replace(new RegExp(`([${DIGIT}十]+)点([零〇${DIGIT}]+)(?=[万亿]|[${MEASURE}%])`, "g"), (whole, a: string, b: string) => {
      const n = parseChineseNumeral(a);
      const digits = [...b].map((ch) => (ch === "零" || ch === "〇" ? 0 : value(ch))).join("");
      return n === null ? whole : `${n}.${digits}`;
    })
    // A numeral in words with no measure after it (三百多, 一千, 六十): the figure it is, as 300多 would be.
    .replace(BARE, (whole: string, found: string, at: number, all: string) => {
      // A 一 that begins the next word (三千一共, 六十一起) is not part of the number.
      const run = found.length > 1 && found.endsWith("一") && new RegExp(`^[\u4e00-\u9fff](?<![${MEASURE}多余来])`).test(all.slice(at + found.length)) ? found.slice(0, -1) : found;
      const after = () => all.slice(at + run.length);
      if (run.length === 1 && run !== "十" && !/^月/.test(after())) return whole;
      if (run === "十" && !/^[多余来]/.test(after())) return whole;
      const n = parseChineseNumeral(run);
      return n === null ? whole : arabic(n) + found.slice(run.length);
    })
    .replace(new RegExp(`${END}(?=[，,、]?[\\d０-９])`, "g"), " ")
    .replaceAll(END, "");
}
