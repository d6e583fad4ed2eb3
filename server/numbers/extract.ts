import { CHINESE_NUMERAL_CHARS, parseChineseNumeral } from "../text/numerals.ts";
import type { Figure } from "./types.ts";

/**
 * Measure words and units that may follow a number. Longest first so "万元" wins over "万" and
 * "人次" over "人". "分" is left out on purpose: "十分重视" is not a figure.
 */
const UNITS = [
  "个百分点", "平方公里", "平方米", "万元", "亿元", "千元", "人次", "户次", "件次", "余人", "公里", "千米", "小时", "分钟",
  "点位", "个月", "周年", "多年", "余年", "元", "件", "人", "次", "个", "家", "场", "期", "名", "起", "项", "条", "户",
  "所", "座", "支", "批", "轮", "天", "日", "年", "周", "米", "亩", "吨", "辆", "台", "套", "部", "份", "篇", "本", "册",
  "张", "处", "类", "种", "宗", "笔", "位", "组", "队", "村", "路", "间", "栋", "层", "倍", "例", "万", "亿", "份", "所",
  "块", "面", "册", "盏", "架", "艘", "页", "节", "课", "季度", "季", "岁", "个乡镇", "个社区", "余",
].sort((a, b) => b.length - a.length);

/**
 * Terms whose numerals are part of a fixed name, not a figure (docs/genre.md, "How a draft is judged": numbers inside fixed terms).
 * Party congresses/plenums need no entry: 大/届/中 are not measure words, so they never read as figures.
 */
const FIXED_TERMS = [
  "两个确立", "两个维护", "四个意识", "四个自信", "四个全面", "三个代表", "五位一体", "四位一体", "三位一体", "六位一体",
  "一带一路", "两学一做", "三会一课", "四种形态", "两个责任", "三个责任", "一岗双责", "两个一律", "三个一批", "三个务必",
  "两个结合", "两个大局", "两个毫不动摇", "五个必由之路", "两个先行", "三个区分开来", "一把手", "一站式", "两抢一盗",
  "三同步", "三到位", "两个百年", "九大行动", "四大工程", "三大环节", "四项任务", "十个重点", "两轮次",
  "八项规定", "十件实事", "两件大事", "三所一庭", "十户联防", "三张清单",
];

const CN = `[${CHINESE_NUMERAL_CHARS}]`;
const FIXED_RE = new RegExp(
  [
    ...FIXED_TERMS.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")),
    // a numeral + 个/种/项/大 immediately followed by a quoted name: 三个“一批”, 四大“攻坚”
    `${CN}+[个种项大条](?=[“"「])`,
  ].join("|"),
  "g",
);

/**
 * A lone 一 is never a figure (一批骨干, 一线, 进一步), but before a word that counts things (一件, 一名, 一个村) it
 * says "one" as plainly as 1件 does (一批, 一类 only after 有/其中: 有一批是拆迁户). Such counts are kept beside the figures of a text (ONES) so that a rewrite
 * may write 一件 as 1件 and back (diffFigures), while the checker's rules still see no figure there.
 */
const ONE_COUNT_RE = /^(件|名|人|次|期|家|个|位|户|起|轮|项|条|所|场|村|份|本|处|趟|天|宗|笔)(?!次[^数]|起来|下来|[线道样同般直定切些])/;
const ONES = new WeakMap<Figure[], string[]>();

const CANDIDATE_RE = new RegExp(`(百分之)?([0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?|${CN}+)`, "g");

const UP_RE = /(上升|增长|提高|增加|提升|上涨|增幅|多出|超出)[^，。；！？,;]{0,4}$/;
const DOWN_RE = /(下降|减少|降低|回落|降幅|减幅|压降|少了)[^，。；！？,;]{0,4}$/;
const APPROX_PREFIX_RE = /(将近|接近|大约有|大概有|差不多|大约|大概|约为|超过|近|约|超|逾)$/;

function toHalfWidth(s: string): string {
  return s.replace(/[０-９．，]/g, (ch) => (ch === "．" ? "." : ch === "，" ? "," : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}

/** Spans [start, end) that hold quoted names (“…”, "…", 《…》), whose numbers are names, not figures. */
function quotedSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const re = /“[^“”\n]{0,40}”|《[^《》\n]{0,80}》|"[^"\n]{0,40}"|「[^「」\n]{0,40}」/g;
  for (const m of text.matchAll(re)) spans.push([m.index!, m.index! + m[0].length]);
  return spans;
}

function inSpans(spans: Array<[number, number]>, start: number, end: number): boolean {
  return spans.some(([s, e]) => start < e && end > s);
}

/** True when the numeral at [start, end) is a heading/list marker: "一、" "（一）" "1." "1、" "（1）" at a line start. */
function isListMarker(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const before = text.slice(lineStart, start);
  const after = text[end] ?? "";
  if (/^[\s　]*$/.test(before) && /[、.．]/.test(after) && !/^[.．]\d/.test(text.slice(end, end + 2))) return true;
  if (/^[\s　]*[（(]$/.test(before) && /[）)]/.test(after)) return true;
  // "（一）" / "(1)" inside a line is still an enumeration marker, never a figure
  if (/[（(]$/.test(before) && /[）)]/.test(after) && end - start <= 2) return true;
  return false;
}

export interface ExtractOptions {
  /** Also read numbers inside quotes and 书名号 (names of campaigns, documents). Default false. */
  includeQuoted?: boolean;
}

/**
 * Find every figure in a text with its normalised value. Numbers that are list markers, 一是/二是
 * ordinals, single "一" in idioms, or parts of fixed terms are not figures; 第N is kind "ordinal".
 */
export function extractFigures(text: string, options: ExtractOptions = {}): Figure[] {
  const fixed: Array<[number, number]> = [];
  for (const m of text.matchAll(FIXED_RE)) fixed.push([m.index!, m.index! + m[0].length]);
  const quoted = options.includeQuoted ? [] : quotedSpans(text);
  const figures: Figure[] = [];
  const ones: string[] = [];

  for (const m of text.matchAll(CANDIDATE_RE)) {
    const matchStart = m.index!;
    const percentPrefix = Boolean(m[1]);
    const body = m[2];
    const bodyStart = matchStart + (m[1]?.length ?? 0);
    let end = bodyStart + body.length;
    const isArabic = /^[0-9０-９]/.test(body);

    if (inSpans(fixed, bodyStart, end) || inSpans(quoted, bodyStart, end)) continue;
    if (isListMarker(text, bodyStart, end)) continue;
    // Arabic digits glued to Latin letters are names/codes (5G, 4K, A3), not figures.
    if (isArabic && (/[A-Za-z]/.test(text[bodyStart - 1] ?? "") || /^[A-Za-z]/.test(text.slice(end, end + 1)))) continue;

    let value: number | null;
    let approx: string | null = null;
    let kind: Figure["kind"] = "number";
    let unit = "";
    let rawStart = percentPrefix ? matchStart : bodyStart;

    if (isArabic) {
      value = Number(toHalfWidth(body).replace(/,/g, ""));
      // multiplier directly after Arabic digits: 1.2万, 3千, 5亿, 50万元 (but 3千米 is a unit)
      const after = text.slice(end);
      const mult = /^(万|亿|千|百)/.exec(after);
      if (mult && !/^(千米|千克|千瓦|百分)/.test(after)) {
        value = value * { 万: 1e4, 亿: 1e8, 千: 1e3, 百: 1e2 }[mult[1] as "万"];
        end += 1;
      }
    } else {
      const ch = body;
      const after = text.slice(end);
      if (/^是/.test(after)) continue; // 一是/二是
      if (ch === "一" || ch === "壹") {
        // single 一: 一批, 一线, 进一步 … idioms, never a figure; before a counting word it is noted as a count of one
        if (!percentPrefix && text[bodyStart - 1] !== "第" && !/^[一二三四五六七八九十百千万]/.test(text[bodyStart - 1] ?? "") && (ONE_COUNT_RE.test(after) || (/[有中]$/.test(text.slice(0, bodyStart)) && /^[批种类]/.test(after)))) ones.push(after[0]);
        continue;
      }
      if (/^[一二三四五六七八九]{2}$/.test(ch) && ch.length === 2) {
        // adjacent-numeral estimate: 三四天
        const a = "一二三四五六七八九".indexOf(ch[0]);
        const b = "一二三四五六七八九".indexOf(ch[1]);
        if (b === a + 1) {
          value = a + 1;
          approx = "概数";
        } else value = null;
      } else {
        value = parseChineseNumeral(ch);
      }
      if (value === null) continue;
      const prev = text[rawStart - 1] ?? "";
      if (!percentPrefix && prev !== "第") {
        // A Chinese numeral is a figure only before a unit/measure word (or 成/倍).
        const a2 = after.replace(/^(余|多|来|几)/, "");
        if (!/^(成|出头)/.test(a2) && !UNITS.some((u) => a2.startsWith(u))) continue;
        // 万/亿 alone after a Chinese numeral run are already inside the run
      }
    }
    if (value === null || !Number.isFinite(value)) continue;

    const prev = text[rawStart - 1] ?? "";
    if (prev === "第") {
      kind = "ordinal";
      rawStart -= 1;
    }

    // approximate prefix: 近/约/超/逾 …
    const pre = APPROX_PREFIX_RE.exec(text.slice(Math.max(0, rawStart - 4), rawStart));
    if (pre && kind !== "ordinal") {
      approx = pre[1];
      rawStart -= pre[1].length;
    }

    let rest = text.slice(end);
    const suf = /^(余|多|来|几|出头)/.exec(rest);
    if (suf && kind !== "ordinal") {
      approx = approx ?? suf[1];
      end += 1;
      rest = text.slice(end);
      // 40余万元, 300多万, 40来万: the place after the qualifier still scales the figure, as in 40万元左右.
      const place = /^(万|亿)/.exec(rest);
      if (place && value !== null) {
        value = value * (place[1] === "万" ? 1e4 : 1e8);
        end += 1;
        rest = text.slice(end);
      }
    }

    if (percentPrefix) {
      kind = "percent";
      unit = "%";
    } else if (/^[%％]/.test(rest)) {
      kind = "percent";
      unit = "%";
      end += 1;
      // 95%多 says 百分之九十五多
      const more = /^(余|多|几)/.exec(text.slice(end));
      if (more) {
        approx = approx ?? more[1];
        end += 1;
      }
    } else if (/^个百分点/.test(rest)) {
      kind = "points";
      unit = "个百分点";
      end += 4;
    } else if (!isArabic && /^成/.test(rest) && kind !== "ordinal") {
      kind = "percent";
      unit = "%";
      value = value * 10;
      end += 1;
    } else if (kind !== "ordinal" && /^年/.test(rest) && (isArabic ? /^\d{4}$/.test(toHalfWidth(body)) : value >= 1000) && value >= 1900 && value <= 2100) {
      kind = "year";
      unit = "年";
      end += 1;
    } else if (kind !== "ordinal" && /^月/.test(rest) && value >= 1 && value <= 12 && Number.isInteger(value)) {
      kind = "date";
      unit = "月";
      end += 1;
    } else if (kind !== "ordinal" && /^[日号]/.test(rest) && /月$/.test(text.slice(0, rawStart)) && value >= 1 && value <= 31) {
      kind = "date";
      unit = "日";
      end += 1;
    } else if (!unit) {
      const u = UNITS.find((x) => rest.startsWith(x));
      if (u && !(u === "余")) {
        unit = u;
        end += u.length;
      }
    }
    // trailing approximation: 左右/以上/出头
    const tail = /^(左右|以上|出头)/.exec(text.slice(end));
    if (tail && kind !== "ordinal" && kind !== "year" && kind !== "date") {
      approx = approx ?? tail[1];
      end += tail[1].length;
    }

    let direction: Figure["direction"] = null;
    const left = text.slice(Math.max(0, rawStart - 12), rawStart);
    if (UP_RE.test(left)) direction = "up";
    else if (DOWN_RE.test(left)) direction = "down";

    figures.push({ start: rawStart, end, raw: text.slice(rawStart, end), value: round(value), unit, kind, approx, direction });
  }
  // colloquial 有个 (有个老人, 有个纠纷) is 有一个 with its 一 left out
  for (const m of text.matchAll(/(?<![没还])有个(?![别人性])/g)) ones.push("个");
  ONES.set(figures, ones);
  return figures;
}

function round(v: number): number {
  return Number.parseFloat(v.toPrecision(12));
}

/** The comparison key of a figure: its kind group and normalised value ("percent:99.2", "number:12000"). */
export function figureKey(f: Pick<Figure, "kind" | "value">): string {
  return `${f.kind}:${round(f.value)}`;
}

/** True when two figures state the same quantity (kind and value; units and approximations aside). */
export function sameValue(a: Pick<Figure, "kind" | "value">, b: Pick<Figure, "kind" | "value">): boolean {
  return figureKey(a) === figureKey(b);
}

/**
 * How a figure is qualified, as a meaning: "" exact, "~" about or over (余, 多, 来, 几, 出头, 左右, 以上, 约, 大概(有), 差不多, 超过,
 * 逾, and 三四天), "<" just under (近, 将近, 接近). 六十多件, 60余件, 60来件, 约60件 and 60件左右 are one figure;
 * 60件 is another, and so is 近60件.
 */
export function approxClass(approx: string | null): "" | "~" | "<" {
  if (!approx) return "";
  return /近/.test(approx) ? "<" : "~";
}

/** The key a rewrite compares figures by: kind, value and how the value is qualified ("number:60~"). */
export function meaningKey(f: Pick<Figure, "kind" | "value" | "approx">): string {
  return figureKey(f) + approxClass(f.approx);
}

export interface AllowContext {
  /** Years a text may mention without their being input figures (the report year and the next). */
  years: number[];
}

/** Numbers a draft may contain although no input states them: allowed years and ordinals. */
export function isAllowedExtra(f: Figure, ctx: AllowContext): boolean {
  if (f.kind === "ordinal") return true;
  if (f.kind === "year") return ctx.years.includes(f.value);
  return false;
}

/**
 * Figures of `output` that state no quantity found in `inputs` (set semantics: repeating an input
 * figure is fine). Allowed years and ordinals are not reported.
 */
export function inventedFigures(inputs: Figure[], output: Figure[], ctx: AllowContext = { years: [] }): Figure[] {
  const known = new Set(inputs.map(figureKey));
  return output.filter((f) => !known.has(figureKey(f)) && !isAllowedExtra(f, ctx));
}

/**
 * Compare the figures of an output with those of its source, as multisets of keys. `added` are
 * figures in the output that the source lacks; `missing` are source figures the output dropped.
 */
export function diffFigures(source: Figure[], output: Figure[], ctx: AllowContext = { years: [] }) {
  const pool = new Map<string, number>();
  for (const f of source) pool.set(meaningKey(f), (pool.get(meaningKey(f)) ?? 0) + 1);
  const outCount = new Map<string, number>();
  for (const f of output) outCount.set(meaningKey(f), (outCount.get(meaningKey(f)) ?? 0) + 1);
  // 一件 on one side is the count 1件 on the other (ONES): an exact 1 is matched against them, one for one
  let sourceOnes = ONES.get(source)?.length ?? 0;
  let outputOnes = ONES.get(output)?.length ?? 0;
  const isOne = (f: Figure) => f.kind === "number" && f.value === 1 && !f.approx;
  const added: Figure[] = [];
  const used = new Map<string, number>();
  for (const f of output) {
    const k = meaningKey(f);
    const have = pool.get(k) ?? 0;
    const u = used.get(k) ?? 0;
    if (u < have) used.set(k, u + 1);
    else if (isOne(f) && sourceOnes > 0) sourceOnes--;
    else if (!isAllowedExtra(f, ctx)) added.push(f);
  }
  const missing: Figure[] = [];
  const seen = new Map<string, number>();
  for (const f of source) {
    const k = meaningKey(f);
    const s = (seen.get(k) ?? 0) + 1;
    seen.set(k, s);
    if (s > (outCount.get(k) ?? 0)) {
      if (isOne(f) && outputOnes > 0) outputOnes--;
      else missing.push(f);
    }
  }
  return { added, missing };
}
