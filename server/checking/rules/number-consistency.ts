import type { Finding } from "../types.ts";
import { finding } from "./types.ts";
import { extractFigures, type Figure } from "../../numbers/index.ts";
import { CHINESE_NUMERAL_CHARS, CN_DIGIT, chineseDigits, chineseInteger, parseChineseNumeral } from "../../text/numerals.ts";

/**
 * GB/T 15835-2011 leaves many numbers to either form but asks that figures of one kind in one place
 * take one form (§4.3, "同类别同形式"; its own example: not 二〇〇八年8月8日). The kinds where 政法委
 * summaries really mix are calendar years (2024年 / 二〇二四年, often the 落款 date), percentages
 * (5% / 百分之五) and counted statistics (12件 / 十二件).
 *
 * What stays out, because convention writes it in 汉字 and no reader would "unify" it:
 * - fixed terms, quoted names, 一是/二是, single 一, list markers, 第N — extractFigures already drops
 *   these (its fixed-term list: 两个维护, 四个意识, 一把手, 一站式 …; 十四五, 二十届三中全会 and 百日
 *   never parse as figures);
 * - estimates (三四天), which must be 汉字;
 * - durations (三年行动, 近两年): 年/月/天 after a numeral name periods and campaigns far more often
 *   than they state a statistic;
 * - small counts with abstract classifiers (三个环节, 四项举措, 八项规定, 三张清单): 公文 write these
 *   in 汉字 while writing statistics in Arabic, so they are not the same kind. A count is a statistic
 *   when its measure word counts cases, people, money or places, or when it is 10 or more;
 * - a count written with 两 alone (两件大事, 两名干部): 两 marks set or spoken phrasing too often to
 *   call it a statistic (两千余人 is read as one).
 */

type Kind = "year" | "percent" | "count";
type Form = "arabic" | "hanzi";

interface Occurrence {
  kind: Kind;
  form: Form;
  start: number;
  end: number;
  /** The same figure in the other form, only when the conversion is certain; given the text's percent sign. */
  suggest?: (pct: string) => string;
  arabicDigits?: string; // for Arabic figures: the digit run, to convert to 汉字
  /** 千余家 before its noun (not the tally at a clause's end): see bareHundreds. */
  quantifier?: boolean;
}

/**
 * Measure words that count cases, people, money or places: a statistic even when small. 家 is left
 * out: small 家 counts name bodies (公检法三家), not statistics.
 */
const STAT_UNITS = new Set([
  "件", "起", "人", "名", "人次", "户", "户次", "件次", "元", "万元", "亿元", "千元", "宗", "例", "辆", "台", "余人",
  "个百分点", "所", "处", "座", "吨", "亩", "平方米", "平方公里", "公里", "千米", "米", "份", "篇", "万", "亿",
]);
/** Measure words of time: their figures are periods or names (三年行动), not counted statistics. */
const TIME_UNITS = new Set(["年", "月", "天", "日", "周", "小时", "分钟", "个月", "季度", "季", "周年", "多年", "余年", "岁"]);
/** Words after a counted 汉字 figure that make it a set name (十件实事, 五人小组, 三所一庭). */
const NAME_AFTER = /^(?:长(?![期效久远])|(?:民生|惠民|为民)?实事|大事|小组|一体|联动|联调|共治|工作法|机制|模式|制度|原则|工程|行动|清单|台账|联防|一庭|合一|共建|举措|措施)/;

const CN_NUMERAL_RUN = /[零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿億]+/;
const KIND_NAME: Record<Kind, string> = { year: "年份", percent: "百分数", count: "统计数字" };
const FORM_NAME: Record<Form, string> = { arabic: "阿拉伯数字", hanzi: "汉字" };

const isArabic = (raw: string) => /[0-9０-９]/.test(raw);
const toHalf = (s: string) => s.replace(/[０-９．]/g, (ch) => (ch === "．" ? "." : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));

/** Arabic value of a 汉字 numeral run, keeping a trailing 万/亿 as written (十二万 → 12万). */
function arabicOfRun(run: string): string | null {
  const big = /[万萬亿億]$/.exec(run);
  if (big) {
    const head = parseChineseNumeral(run.slice(0, -1));
    if (head !== null && !/[万萬亿億]/.test(run.slice(0, -1))) return `${head}${/[万萬]/.test(big[0]) ? "万" : "亿"}`;
  }
  const v = parseChineseNumeral(run);
  return v === null ? null : String(v);
}

/** Chinese month/day right after a 汉字 year (二〇二四年十二月二十日), converted for the whole date. */
function chineseMonthDay(text: string, at: number): { end: number; arabic: string } | null {
  const m = /^([十一二三四五六七八九]{1,2})月(?:([十一二三四五六七八九]{1,3})日)?/.exec(text.slice(at, at + 8));
  if (!m) return null;
  const month = parseChineseNumeral(m[1]);
  const day = m[2] ? parseChineseNumeral(m[2]) : null;
  if (month === null || month < 1 || month > 12 || (m[2] && (day === null || day < 1 || day > 31))) return null;
  return { end: at + m[0].length, arabic: `${month}月${day !== null ? `${day}日` : ""}` };
}

/**
 * A session of a committee named by its ordinal (省委十四届三次、四次全会, 市委十二届十一次全体会议):
 * 次 after 届 (or after another session's 、) counts nothing, it names the meeting.
 */
const SESSION_AFTER = /^(?:[、和及与][零〇一二三四五六七八九十百\d]+次)*(?:全会|全体(?:扩大)?会议|(?:扩大)?会议)/;
function sessionOrdinal(text: string, f: Figure): boolean {
  if (!/次$/.test(f.raw)) return false;
  const before = text.slice(Math.max(0, f.start - 1), f.start);
  return /[届、和及与]/.test(before) && SESSION_AFTER.test(text.slice(f.end, f.end + 24));
}

/** Classify one figure into a consistency kind and form, or null when it is none of them. */
function occurrence(text: string, f: Figure): Occurrence | null {
  const arabic = isArabic(f.raw);
  const digitRun = arabic ? /[0-9０-９][0-9０-９,，.．]*/.exec(f.raw)?.[0] : undefined;
  if (f.kind === "year") {
    if (arabic) return { kind: "year", form: "arabic", start: f.start, end: f.end, arabicDigits: digitRun };
    const md = chineseMonthDay(text, f.end);
    return md
      ? { kind: "year", form: "hanzi", start: f.start, end: md.end, suggest: () => `${f.value}年${md.arabic}` }
      : { kind: "year", form: "hanzi", start: f.start, end: f.end, suggest: () => `${f.value}年` };
  }
  if (f.kind === "percent") {
    if (/成$/.test(f.raw)) return null; // 三成 is its own idiom, not a way of writing 30%
    if (arabic) return { kind: "percent", form: "arabic", start: f.start, end: f.end, arabicDigits: digitRun };
    if (/^百分之百/.test(f.raw)) return null;
    // 百分之三点五: the figure reader stops at 点, so read the decimals here (a 以上/左右 tail then stays outside)
    const dec = /^点([〇零一二三四五六七八九]+)/.exec(text.slice(f.end, f.end + 8));
    const frac = dec ? "." + [...dec[1]].map((ch) => (ch === "零" ? 0 : CN_DIGIT.indexOf(ch))).join("") : "";
    const end = f.end + (dec ? dec[0].length : 0);
    // keep what the figure carries around the numeral: 约百分之五十以上 → 约50%以上
    const at = f.raw.indexOf("百分之") + 3;
    const run = CN_NUMERAL_RUN.exec(f.raw.slice(at))?.[0] ?? "";
    const before = f.raw.slice(0, at - 3);
    const after = f.raw.slice(at + run.length);
    return { kind: "percent", form: "hanzi", start: f.start, end, suggest: (pct) => `${before}${f.value}${frac}${pct}${after}` };
  }
  if (f.kind !== "number" && f.kind !== "points") return null;
  const unit = f.kind === "points" ? "个百分点" : f.unit;
  if (!unit || TIME_UNITS.has(unit)) return null;
  if (sessionOrdinal(text, f)) return null;
  if (!STAT_UNITS.has(unit) && f.value < 10) return null;
  if (arabic) return { kind: "count", form: "arabic", start: f.start, end: f.end, arabicDigits: digitRun };
  // Estimates are written in 汉字: 三四人, 十来人, 数十名, 几十件, 上百人.
  if (f.approx === "概数" || f.approx === "来") return null;
  if (/(?:数|几|若干|上|成)$/.test(text.slice(Math.max(0, f.start - 2), f.start))) return null;
  const run = CN_NUMERAL_RUN.exec(f.raw);
  if (!run || /^[两俩]$/.test(run[0]) || /^两[万亿]?$/.test(run[0])) return null;
  if (NAME_AFTER.test(text.slice(f.end, f.end + 5))) return null;
  // 前六名, 前十位: a rank, not a count.
  if (/前$/.test(text.slice(Math.max(0, f.start - 1), f.start)) && /[名位强]$/.test(f.raw)) return null;
  const value = arabicOfRun(run[0]);
  const converted = value === null ? undefined : f.raw.slice(0, run.index) + value + f.raw.slice(run.index + run[0].length);
  return { kind: "count", form: "hanzi", start: f.start, end: f.end, suggest: converted === undefined ? undefined : () => converted };
}

/** The 汉字 form of an Arabic occurrence when the conversion is certain (integers, whole years). */
function hanziOf(text: string, o: Occurrence): string | undefined {
  const raw = text.slice(o.start, o.end);
  const digits = o.arabicDigits;
  if (!digits || /[,，]/.test(digits)) return undefined;
  const half = toHalf(digits);
  if (o.kind === "year") return /^\d{4}$/.test(half) ? raw.replace(digits, chineseDigits(half)) : undefined;
  const [intPart, frac] = half.split(".");
  const int = chineseInteger(Number(intPart));
  if (int === null) return undefined;
  const cn = frac ? `${int}点${chineseDigits(frac)}` : int;
  if (o.kind === "percent") {
    return raw.replace(digits, "百分之" + cn).replace(/[%％]/, "");
  }
  // a multiplier right after the digits (1.2万) would need 一点二万: not how anyone writes a count
  if (frac) return undefined;
  return raw.replace(digits, cn);
}

/**
 * "One form per kind in a document" (GB/T 15835-2011): where a text writes calendar years,
 * percentages or counted statistics in both Arabic digits and 汉字, report the minority form's
 * occurrences (a tie reports the 汉字 ones: §4.1.1 asks Arabic for figures used to measure).
 */
export function checkNumberConsistency(text: string, year?: number): Finding[] {
  const byKind = new Map<Kind, Occurrence[]>();
  for (const o of [...extractFigures(text).map((f) => occurrence(text, f)), ...bareHundreds(text)]) {
    if (!o || o.end > text.length) continue;
    const list = byKind.get(o.kind) ?? [];
    list.push(o);
    byKind.set(o.kind, list);
  }
  const arabicCounts = (byKind.get("count") ?? []).filter((o) => o.form === "arabic");

  const out: Finding[] = [];
  for (const [kind, list] of byKind) {
    const arabic = list.filter((o) => o.form === "arabic");
    const hanzi = list.filter((o) => o.form === "hanzi");
    if (!arabic.length || !hanzi.length) continue;
    const majority: Form = hanzi.length > arabic.length ? "hanzi" : "arabic";
    const minority = majority === "arabic" ? hanzi : arabic;
    const tie = arabic.length === hanzi.length;
    // Use the percent sign the document already uses most (％ in some offices, % in others).
    const fullPct = [...text.matchAll(/％/g)].length > [...text.matchAll(/%/g)].length;
    // Show a clean majority figure as the model, not one another rule flags (3千人次).
    const majorityList = majority === "arabic" ? arabic : hanzi;
    const model = majorityList.find((o) => !/[0-9０-９][千百]/.test(text.slice(o.start, o.end))) ?? majorityList[0];
    const example = text.slice(model.start, model.end);
    const counts = `阿拉伯数字${arabic.length}处、汉字${hanzi.length}处`;
    // GB/T 15835-2011 §4.1.1 asks Arabic for figures used to measure: when 汉字 is the majority, say so too.
    const message = tie
      ? `${KIND_NAME[kind]}写法应“同类别同形式”：${counts}，各占一半；${KIND_NAME[kind]}宜用阿拉伯数字（如“${example}”）`
      : `${KIND_NAME[kind]}写法应“同类别同形式”：本文多用${FORM_NAME[majority]}（如“${example}”，${counts}），此处宜改用${FORM_NAME[majority]}` +
        (majority === "hanzi" ? "（或全文统一为阿拉伯数字）" : "");
    for (const o of minority) {
      // 3千人次 already has a finding (write 3000) over the same figure: one fix at a time.
      if (o.form === "arabic" && /[0-9０-９][千百]/.test(text.slice(o.start, o.end))) continue;
      let suggestion: string | undefined;
      if (o.form === "hanzi") suggestion = o.suggest?.(fullPct ? "％" : "%");
      else suggestion = hanziOf(text, o);
      out.push(finding(text, "number", inStatisticGroup(text, o, arabicCounts, year) ? "warning" : "info", o.start, o.end, message, suggestion));
    }
  }
  out.push(...percentSigns(text), ...monthForms(text, year));
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The percent sign after Arabic figures, one form in a document: where both % and ％ occur, the
 * minority ones (a tie is left alone: neither is wrong, and there is no majority to follow).
 */
function percentSigns(text: string): Finding[] {
  const half = [...text.matchAll(/(?<=[0-9０-９])%/g)].map((m) => m.index);
  const full = [...text.matchAll(/(?<=[0-9０-９])％/g)].map((m) => m.index);
  if (!half.length || !full.length || half.length === full.length) return [];
  const [majority, minority, sign] = half.length > full.length ? ["%", full, "％"] : ["％", half, "%"];
  const message = `百分号写法应全文统一：本文多用“${majority}”（“%”${half.length}处、“％”${full.length}处），此处为“${sign}”`;
  return minority.map((at) => finding(text, "number", "info", at, at + 1, message, majority));
}

/**
 * 百余场, 千余人次, 万余人: a hundred, thousand or ten thousand with 余/多 and a measure word that counts, written
 * without a leading 一 (the figure reader takes no numeral that starts with 百/千/万). A 汉字 count all the
 * same (GB/T 15835-2011 §4.3: 100多件 or 一百多件), converted with its 一 restored (千余人次 → 1000余人次).
 * Not after another numeral, 数/几/上/成 (数百名, 上千人, 成千上万: estimates), nor after 近/约 (近百余场: the
 * approximation rule's). Before its noun (千余家企业融入……, 百余项任务) it reads as the quantifier 上千 does and is
 * written so beside Arabic counts in official prose (two in 2,015,043 characters, both so); the tally at a clause's
 * end (解答群众咨询千余人次。) is the statistic of a work item, as 10万余份 beside it.
 */
const BARE_UNITS = "人次|户次|件次|万元|亿元|人|名|件|份|户|起|场|次|家|个|元|项|本|册|条|宗|例|处|所";
const BARE_RE = new RegExp(`(?<![${CHINESE_NUMERAL_CHARS}0-9０-９.．A-Za-zＡ-Ｚａ-ｚ×*＊某○□几数上成近约])([百千万])([余多])(${BARE_UNITS})`, "g");
function bareHundreds(text: string): Occurrence[] {
  return [...text.matchAll(BARE_RE)].map((m) => {
    const suggestion = `${m[1] === "万" ? "1万" : m[1] === "千" ? "1000" : "100"}${m[2]}${m[3]}`;
    const end = m.index + m[0].length;
    const quantifier = !/^(?:以上|左右)?(?:[，。；：、）)！？\n]|$)/.test(text.slice(end, end + 3));
    return { kind: "count" as const, form: "hanzi" as const, start: m.index, end, suggest: () => suggestion, quantifier };
  });
}

/**
 * A 汉字 count is a warning where it stands among the Arabic statistics it should match: its sentence also
 * states a count in Arabic figures (在原有十三个调解委员会的基础上又增设了4个调解室，增加了75个联络点；发放资料
 * 10万余份，解答咨询千余人次). GB/T 15835-2011 §4.3 asks one form for figures of one function in one place, and
 * the 1987 规定 on figures in publications that 一 to 十 outside a group of statistics may stay 汉字: a lone 汉字
 * count in a paragraph of prose (重点做好十个方面工作) is the writer's choice, a note. Reports from 1987 on.
 */
function inStatisticGroup(text: string, o: Occurrence, arabicCounts: Occurrence[], year?: number): boolean {
  if (o.kind !== "count" || o.form !== "hanzi" || o.quantifier || (year !== undefined && year < 1987)) return false;
  const from = Math.max(...["。", "！", "？", "\n"].map((c) => text.lastIndexOf(c, o.start - 1))) + 1;
  const ends = ["。", "！", "？", "\n"].map((c) => text.indexOf(c, o.end)).filter((i) => i >= 0);
  const to = ends.length ? Math.min(...ends) : text.length;
  return arabicCounts.some((a) => a.start >= from && a.end <= to);
}

const CN_MONTH = "(十[一二]?|[一二三四五六七八九])月";
/**
 * Months, one form in a document (GB/T 15835-2011 §4.3, its own example: 2008年8月8日 or 二〇〇八年八月八日, not
 * 二〇〇八年8月8日): where a text writes its months in Arabic figures (11月份, 2025年3月, 1—6月) at least as often as in
 * 汉字, each 汉字 month (十一月份, 三月底) is a warning with the Arabic form; a tie goes to Arabic, the form of
 * GB/T 9704-2012 for the dates of official documents. Not a month in a 汉字 date (二〇二四年十二月: the year kind
 * converts the date whole), a lunar one (农历, 正月, 五月初五), a name or idiom (十月革命, “三月三”, 阳春三月, 十月怀胎), nor
 * 一月一次 (once a month).
 */
function monthForms(text: string, year?: number): Finding[] {
  if (year !== undefined && year < 1987) return [];
  const arabic = [...text.matchAll(/(?<![0-9０-９.．])(?:1[0-2]|0?[1-9])月/g)].length;
  const hanzi: Array<{ start: number; end: number; fixed: string }> = [];
  const re = new RegExp(`(?<![${CHINESE_NUMERAL_CHARS}几数半每上下本当同次前后农腊正闰春〇○“"])${CN_MONTH}(?:([十一二三四五六七八九]{1,3})日|份)?`, "g");
  for (const m of text.matchAll(re)) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 3);
    if (!m[2] && /^(?:[一二三四五六七八九十初”"]|革命|怀胎)/.test(after)) continue;
    const quote = text.lastIndexOf("“", m.index);
    if (quote >= 0 && m.index - quote <= 12 && text.indexOf("”", quote) > m.index) continue; // “新十二月市”: a name
    const before = text.slice(Math.max(0, m.index - 6), m.index);
    if (/(?:农历|阴历|夏历)\S{0,4}$|[〇○零一二三四五六七八九]{4}年$/.test(before)) continue;
    const month = parseChineseNumeral(m[1]);
    const day = m[2] ? parseChineseNumeral(m[2]) : null;
    if (month === null || (m[2] && (day === null || day < 1 || day > 31))) continue;
    hanzi.push({ start: m.index, end: m.index + m[0].length, fixed: `${month}月${day !== null ? `${day}日` : m[0].endsWith("份") ? "份" : ""}` });
  }
  if (!hanzi.length || arabic < hanzi.length) return [];
  const message = `月份写法应“同类别同形式”：本文的月份多用阿拉伯数字（阿拉伯数字${arabic}处、汉字${hanzi.length}处），此处宜改用阿拉伯数字`;
  return hanzi.map((h) => finding(text, "number", "warning", h.start, h.end, message, h.fixed));
}
