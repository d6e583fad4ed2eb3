import type { Finding } from "../types.ts";
import { checkNumberClauses } from "./number-clauses.ts";
import { checkNumberWords } from "./number-words.ts";
import { checkNumberConsistency } from "./number-consistency.ts";
import { checkPeriodYears } from "./number-periods.ts";
import { finding, type RuleContext } from "./types.ts";

const CN_DIGITS = "一二三四五六七八九";

/**
 * GB/T 15835-2011 number forms: no two-digit years ("23年" for 2023年), no Arabic digit with 千/百
 * as a multiplier ("3千" → "3000"), no 顿号 inside an adjacent-numeral estimate ("三、四天" → "三四天"),
 * and one form per kind in a document (years, percentages, counted statistics: see number-consistency.ts).
 */
export function checkNumberForm(text: string, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];

  // A two-digit year only where the context makes it a calendar year: after 于/自/从/截至/到/在, or
  // before 以来/上半年/全年/年初/度/工作… — "连续工作23年" is a duration and stays.
  const century = Math.floor(ctx.year / 100) * 100;
  for (const m of text.matchAll(/(?<![0-9０-９.．])([0-9]{2})年(?![0-9])/g)) {
    const before = text.slice(Math.max(0, m.index - 3), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 4);
    const calendar = /(?:^|[于自从到在至止，。；、\s])$/.test(before) && !/(?:连续|工作|已|近|达|满|超过|多)$/.test(before)
      ? /^(?:以来|上半年|下半年|全年|年初|年底|年末|度|第|[0-9一二三四五六七八九十]{1,2}月|工作|春节|国庆)/.test(after) || (/[于自从截至]$/.test(before) && !/(?:提高|增加|延长|缩短|下降|上升|减少|增长)[到至]$/.test(before))
      : false;
    if (!calendar) continue;
    const yy = Number(m[1]);
    const full = century + yy <= ctx.year + 1 ? century + yy : century - 100 + yy;
    out.push(finding(text, "number", "warning", m.index, m.index + m[0].length, `年份应写全：“${m[0]}”应为“${full}年”`, `${full}年`));
  }

  // 3千人, 1.5千万元, 5百名: Arabic digits take no 千/百 (万/亿 are fine: 1.2万). The clause is about
  // exact figures: a magnitude given as a round estimate (超8千亿元, 突破9千亿元, 5千多户, 近3千人) is
  // a note, not a warning (published government reports write it so: docs/checking.md).
  for (const m of text.matchAll(/(?<![0-9０-９.．])([0-9]+(?:\.[0-9]+)?)([千百])(?!米|克|瓦|分|伏|帕|兆|赫)/g)) {
    const value = Number(m[1]) * (m[2] === "千" ? 1000 : 100);
    if (!Number.isInteger(value)) continue;
    const severity = roundEstimate(text, m.index, m.index + m[0].length) ? "info" : "warning";
    // 1万6千, 1亿3千万: the 千 continues a 万/亿 figure, which is written as one decimal (1.6万, 1.3亿).
    const big = /([0-9]+)([万亿])$/.exec(text.slice(Math.max(0, m.index - 6), m.index));
    if (big && m[2] === "千" && /^[1-9]$/.test(m[1]) && (big[2] === "万" || text[m.index + m[0].length] === "万")) {
      const start = m.index - big[0].length;
      const end = m.index + m[0].length + (big[2] === "亿" ? 1 : 0);
      const fixed = `${big[1]}.${m[1]}${big[2]}`;
      out.push(finding(text, "number", severity, start, end, `阿拉伯数字不与“千”连用：应写“${fixed}”`, fixed));
      continue;
    }
    // 3千万 → 3000万: the 万/亿 after the multiplier stays. Past 亿 (百亿亿次, 10^18) the standard has no
    // unit to write the figure with, so the multiplier is how the magnitude is named: a note.
    const units = /^[万亿]+/.exec(text.slice(m.index + m[0].length))?.[0] ?? "";
    if (units.length >= 2) {
      out.push(finding(text, "number", "info", m.index, m.index + m[0].length + units.length, `阿拉伯数字一般不与“${m[2]}”连用（${m[2]}${units}为数量级的名称时可保留）`));
      continue;
    }
    out.push(finding(text, "number", severity, m.index, m.index + m[0].length + units.length, `阿拉伯数字不与“${m[2]}”连用：应写“${value}${units}”`, `${value}${units}`));
  }

  // 三、四天 → 三四天: adjacent numerals of an estimate take no 顿号 (a list 一、二、 heading never has a measure word after it).
  for (const m of text.matchAll(/([一二三四五六七八九])、([一二三四五六七八九])(?=[天个次人年月日件名家岁周倍成])/g)) {
    if (CN_DIGITS.indexOf(m[2]) !== CN_DIGITS.indexOf(m[1]) + 1) continue;
    out.push(finding(text, "number", "info", m.index, m.index + m[0].length, `相邻数字表示概数，中间不用顿号：应写“${m[1]}${m[2]}”`, `${m[1]}${m[2]}`));
  }
  if (ctx.year >= 1987) out.push(...erBeforeMeasure(text));
  // 百分之98%, 百分之98: a percentage in Arabic digits is written with % alone (百分之 goes with 汉字 numerals).
  for (const m of text.matchAll(/百分之\s*([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*([%％])?/g)) {
    const fixed = `${m[1]}%`;
    out.push(finding(text, "number", "warning", m.index, m.index + m[0].length,
      m[2] ? `“百分之”与“%”重复：应写“${fixed}”` : `阿拉伯数字表示百分比用“%”：应写“${fixed}”`, fixed));
  }
  out.push(...missingPercent(text), ...hyphenRanges(text));
  out.push(...checkNumberConsistency(text, ctx.year), ...checkNumberClauses(text, ctx.year), ...checkNumberWords(text), ...checkPeriodYears(text, ctx.registry));
  return out;
}

/**
 * 两, not 二, counts before a measure word (两个, 两次, 两名; 二 stays in ordinals and in figures: 第二, 十二,
 * 一点二个百分点, 二次会议, 二次创业). 次 is read as a count only where it ends its clause (走访二次，).
 * Judged for reports from 1987 on (the 试行规定 on figures in publications; earlier national reports wrote
 * 二个 as their time did).
 */
function erBeforeMeasure(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(/(?<![第十一二三四五六七八九百千万零〇两点.．0-9])二(?:(个|名|位|条|项|件|种|批|天|户)|次(?=[，。；、）]))/g)) {
    out.push(finding(text, "number", "warning", m.index, m.index + 1, `表示数量时，量词前用“两”，不用“二”`, "两"));
  }
  return out;
}

/**
 * Is the figure at [start, end) a round estimate: after 超/超过/突破/逾/近/约/将近/接近 (within the four
 * characters before it, 1万6千 included), or before 多/余/以上/左右/上下 (after its unit: 5千多户, 3千亿元以上)?
 */
function roundEstimate(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 6), start).replace(/[0-9.万亿]+$/, "");
  if (/(?:超过?|突破|逾|将?近|接近|约)$/.test(before)) return true;
  return /^(?:万|亿|万亿)?(?:多|余)|^(?:万|亿|万亿)?\p{Script=Han}{0,2}(?:以上|左右|上下)/u.test(text.slice(end, end + 6));
}

/** A share of a whole written as a bare number: "占信访总量的62.5；", "占比62.5，". */
function missingPercent(text: string): Finding[] {
  const out: Finding[] = [];
  // 占……的, 占比, 比重, a bare 占 (社会律师办案占98.66，), and a rate (满意率98.66，): never 万人发案率 or a 每 rate, which count per head.
  const re = /(?:占[^，。；：、\d\n]{1,20}的|占比(?:为|达)?|比重(?:为|达)?|占(?:到|达到?)?|(?<!(?:万人|千人|每)\p{Script=Han}{0,6})率(?:为|达到?|是)?)([0-9]+(?:\.[0-9]+)?)(?=(?:以上|左右|以下)?(?:[，。；、）)\n]|$))/gu;
  for (const m of text.matchAll(re)) {
    const value = Number(m[1]);
    // A share is at most 100; a bigger bare number is something else (a count left without its unit).
    if (!(value > 0 && value <= 100)) continue;
    const start = m.index + m[0].length - m[1].length;
    out.push(finding(text, "number", "warning", start, start + m[1].length, `比例缺少百分号：“${m[1]}”应为“${m[1]}%”`, `${m[1]}%`));
  }
  // A change against a compared figure (较去年同期的1258件下降了10。, 同比分别下降8和12；): the change of a
  // count is stated as a rate or with the count's own unit; a bare number at the clause's end is a rate
  // that lost its %.
  const change = /(?:较|比|同比|与)[^，。；：\n]{0,24}?(?:下降|增长|上升|减少|增加|提高|降低)了?((?:[0-9]+(?:\.[0-9]+)?)(?:和(?:[0-9]+(?:\.[0-9]+)?))?)(?![，,][0-9]{3})(?=[，。；）)\n]|$)/gu;
  for (const m of text.matchAll(change)) {
    if (/个百分点|倍|成/.test(m[0])) continue;
    let at = m.index + m[0].length - m[1].length;
    for (const part of m[1].split("和")) {
      const value = Number(part);
      if (value > 0 && value <= 100) out.push(finding(text, "number", "warning", at, at + part.length, `增减幅度缺少百分号：“${part}”应为“${part}%”`, `${part}%`));
      at += part.length + 1;
    }
  }
  return out;
}

/**
 * Ranges joined with a hyphen (GB/T 15834-2011 §4.13.3): a range of time takes the 一字线 (1—6月,
 * 2021—2025年), a range of values the 浪纹线 (3～5名). Titles in 《》 are cited as written (but for a span of
 * years, which the title's publisher prints with the 一字线), and codes,
 * phone numbers and document numbers (letters or more digits around the hyphen) are no ranges.
 */
function hyphenRanges(text: string): Finding[] {
  const out: Finding[] = [];
  // The first figure may carry the unit too (2020年-2024年, 1月-6月): the same unit on both ends.
  const re = /(?<![0-9A-Za-z.．\-－—〔])([0-9]{1,4})([年月日])?[-－]([0-9]{1,4})(?![0-9A-Za-z.．\-－])(?=([年月日时号名人个件次起家户处场期批项万亿元%％岁天周倍份篇条所座台辆套册张本类种支队]|[）)]))/g;
  for (const m0 of text.matchAll(re)) {
    const [whole, from, firstUnit, to, after] = m0;
    if (firstUnit && firstUnit !== after) continue;
    const m = Object.assign([whole, from, to, after] as string[], { index: m0.index });
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (!(b > a)) continue;
    const unit = m[3];
    const yearish = m[1].length === 4 && m[2].length === 4;
    // A title is cited as written, but a span of years in it (《…纲要（2021-2025年）》) is the mark of the
    // document's own standard: its publisher prints the 一字线 (official prose: no hyphen between years in a title).
    if (!yearish && insideTitle(text, m.index)) continue;
    // A bracketed pair is a range only when it is a span of years: (2021-2025).
    if (/[）)]/.test(unit) && !yearish) continue;
    const time = yearish || /[年月日时号]/.test(unit);
    const mark = time ? "—" : "～";
    // The hyphen is no range mark in the standard, and published official prose almost never prints one
    // (4 in 553,502 characters of the 2026 provincial reports): a warning, as a proofreader marks it.
    const fixed = firstUnit ? `${m[1]}${firstUnit}${mark}${m[2]}` : `${m[1]}${mark}${m[2]}`;
    out.push(finding(text, "number", "warning", m.index, m.index + m[0].length,
      `${time ? "时间" : "数值"}范围用${time ? "一字线“—”" : "浪纹线“～”"}连接，不用短横线：应写“${fixed}”`, fixed));
  }
  return out;
}

function insideTitle(text: string, at: number): boolean {
  const window = text.slice(Math.max(0, at - 80), at);
  const open = window.lastIndexOf("《");
  return open >= 0 && !window.includes("》", open);
}
