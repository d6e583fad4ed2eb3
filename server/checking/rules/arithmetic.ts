import { extractFigures, type Figure } from "../../numbers/index.ts";
import type { Finding } from "../types.ts";
import { finding, type RuleContext } from "./types.ts";

const RATE_BEFORE = /(率|占比|占|比例|比重)(?:达到?|为|是|约为)?$/;
const CHANGE_BEFORE = /(同比|较上年|比上年|较去年|比去年|较同期|与去年同期相比)[^，。；]{0,4}$/;
/** 256件，较去年同期237件，上升7.4%: the comparison in the clause before the change's own. */
const CHANGE_CLAUSE = /(?:较|比)(?:上年|去年|上一年)(?:同期)?(?:的|为|是)?[0-9０-９][^，。；]{0,6}[，,]\s*(?:上升|增长|增加|提高|下降|减少|降低)了?$/;
const PREV_MARK = /(去年|上年|上一年|同期)[^，。；]{0,4}$/;

export function decimals(raw: string): number {
  const m = /[.．](\d+)/.exec(raw);
  return m ? m[1].length : 0;
}

/** Does `calc` read as `stated` once rounded (or truncated) to the decimals the writer used? */
export function agrees(calc: number, stated: number, d: number): boolean {
  const f = 10 ** d;
  return Math.abs(calc - stated) <= 0.5 / f + 1e-9 || Math.abs(Math.floor(calc * f + 1e-9) / f - stated) < 1e-9;
}

const fmt = (v: number, d: number) => (Math.round(v * 10 ** d) / 10 ** d).toFixed(d);

/** Sentences on 。！？ and line breaks: a rate often sits a semicolon away from its counts. */
export function sentences(text: string): Array<{ start: number; text: string }> {
  const out: Array<{ start: number; text: string }> = [];
  let s = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || "。！？\n".includes(text[i])) {
      if (i > s) out.push({ start: s, text: text.slice(s, i) });
      s = i + 1;
    }
  }
  return out;
}

/**
 * Rates whose part is named by the rate's own word (办结480件 → 办结率, 调解成功6150件 → 成功率) but
 * whose whole is not: a coverage or participation rate is of a population the sentence must name
 * (共有/全体/现有…), or the rate is of something the sentence does not count.
 */
const NEEDS_NAMED_WHOLE = /^(?:覆盖|参与|知晓|普及|参学|入驻|安装|使用|参训|到位|配备)$/;
const NAMED_WHOLE = /共有|共计|总数|总计|全部|现有|全体|所有|辖区|应[到参]|共/;

/** The words that name a count: from the last clause or list boundary before it to the figure. */
function labelOf(sentence: string, f: Figure): string {
  let i = f.start;
  while (i > 0 && !"，、；：,;:（(".includes(sentence[i - 1])) i--;
  return sentence.slice(i, f.start);
}

/**
 * Rates of a part within its whole (what succeeded, was settled, covered, known, satisfied, up to the
 * standard): none exceeds 100%. Not 完成率 (120% is over-fulfilment), 增长率, 利率, 贡献率 and the like,
 * which are not a part of a whole.
 */
const PART_RATE = /(?:成功|调成|化解|调处|结案|办结|审结|执结|破案|覆盖|知晓|满意|参与|达标|合格|受理|答复|回复|办复|及时|处置|到位|查处|接种|入学|普及|建成|签约|参保|安置|帮教|衔接|管控|稳控|落实|解决|治理|处理|收集|兑现|见面|报送|录入|上线|在线|通过|出勤|参训|参学)率(?:达到?|为|是|保持在|稳定在|提高到|提升到)?$/;

/**
 * A share of a whole (占比, 比重, 占……的, a 比例 of what was covered, 满意度, 知晓度) is a part of it: at most 100%. Not
 * the ratios that exceed a whole by their nature (加计扣除比例 175%, 资本充足比例, 杠杆比例), nor 完成率 (over-fulfilment:
 * 任务完成率达120% in official prose), 增长率 or 同比 changes, nor a share of a plan, budget or earlier year (占预算数的
 * 106.48%: 1956 national report), which measures fulfilment. Official prose: no other share over 100%.
 */
const FULFILMENT = /预算|计划|目标|任务|指标|上年|去年|同期|基数/;
const SHARE_OF_WHOLE = /(?:占比|比重|(?<!扣除|充足|杠杆|负债|配套|收支)比例|满意度|知晓度|占[^，。；、\d]{1,16}的)(?:达到?|为|是|保持在|稳定在|提高到|提升到|到达)?$/;

/** Rates, shares and year-on-year changes stated beside their two counts must agree beyond rounding. */
export function checkArithmetic(text: string, _ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(/([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*[%％]/g)) {
    const value = Number(m[1].replace(/[０-９．]/g, (c) => (c === "．" ? "." : String.fromCharCode(c.charCodeAt(0) - 0xfee0))));
    if (!(value > 100) || /[0-9０-９.．~～—－-]$/.test(text.slice(Math.max(0, m.index - 1), m.index))) continue;
    const before = text.slice(Math.max(0, m.index - 24), m.index);
    const share = SHARE_OF_WHOLE.exec(before)?.[0];
    if (!PART_RATE.test(before.slice(-10)) && (!share || FULFILMENT.test(share))) continue;
    out.push(finding(text, "arithmetic", "error", m.index, m.index + m[0].length,
      `部分占总体的比率不能超过100%，此处写作${m[0]}，请核对`));
  }
  for (const sent of sentences(text)) {
    if (!/[%％]|百分之/.test(sent.text)) continue;
    const figs = extractFigures(sent.text);
    for (const p of figs) {
      if (p.kind !== "percent" || p.approx) continue;
      // 百分之十八点五: the figure reader stops at 点, so the decimals are unknown here.
      if (/^点[〇零一二三四五六七八九]/.test(sent.text.slice(p.end, p.end + 2))) continue;
      const before = sent.text.slice(Math.max(0, p.start - 12), p.start);
      const counts = figs.filter((f) => f.kind === "number" && f.end <= p.start && f.unit !== "" && f.unit !== "%");
      const isRate = RATE_BEFORE.test(before);
      const clauseBefore = sent.text.slice(sent.text.lastIndexOf("；", p.start) + 1, p.start);
      const isChange = !isRate && (CHANGE_BEFORE.test(before) || CHANGE_CLAUSE.test(clauseBefore)) && p.direction !== null;
      if (!isRate && !isChange) {
        const r = ratioOfCounts(sent.text, p, before, counts);
        if (r && !agrees((r[0].value / r[1].value) * 100, p.value, decimals(p.raw))) {
          const calc = (r[0].value / r[1].value) * 100;
          const d = decimals(p.raw);
          out.push(finding(text, "arithmetic", "error", sent.start + p.start, sent.start + p.end,
            `按 ${r[0].raw}÷${r[1].raw} 计算应为 ${fmt(calc, Math.max(d, 2))}%，与所写 ${p.raw} 不符`,
            /[%％]$/.test(p.raw) ? `${fmt(calc, d)}${p.raw.endsWith("％") ? "％" : "%"}` : undefined));
        }
        continue;
      }
      // Counts of one unit; with the change form, the previous-year count may also follow the percent, and
      // the counts are those of the percent's own ；-clause when it holds two (…上升10%；其中来信256件，较去年
      // 同期237件次，上升7.4%: the second change is of the second clause's counts). 件 and 件次 (批, 批次)
      // count the same things: a change stated between the two is read as one unit.
      const changePool = isChange ? clausePool(sent.text, p, figs) : [];
      const pool = isChange ? changePool : counts;
      const unitOf = (f: Figure) => (isChange ? f.unit.replace(/^([件批])次$/, "$1") : f.unit);
      const byUnit = new Map<string, Figure[]>();
      for (const f of pool) byUnit.set(unitOf(f), [...(byUnit.get(unitOf(f)) ?? []), f]);
      const nearest = isChange ? pool[0] : counts[counts.length - 1];
      if (!nearest) continue;
      const same = byUnit.get(unitOf(nearest)) ?? [];
      if (same.some((f) => f.approx)) continue; // "1.2万余件" cannot be checked to the decimal
      const d = decimals(p.raw);
      const start = sent.start + p.start;
      const end = sent.start + p.end;
      const suggestion = (v: number) => (/[%％]$/.test(p.raw) ? `${fmt(v, d)}${p.raw.endsWith("％") ? "％" : "%"}` : undefined);
      if (isRate) {
        if (same.length < 2) continue;
        const pairs: Array<[Figure, Figure]> = [];
        for (let i = 0; i < same.length; i++) for (let j = 0; j < same.length; j++) if (i !== j) pairs.push([same[i], same[j]]);
        // A rate of at most 100% is part ÷ whole; above 100% (完成率 120%) the part exceeds the whole.
        const plausible = ([a, b]: [Figure, Figure]) => b.value > 0 && (p.value <= 100 ? a.value <= b.value : a.value > b.value);
        // A "…率" is a rate of the count its word names: the part carries the two characters before
        // 率, the whole does not (7个司法所…达标率100% is not a rate of 两个视频). When no pair fits, silent.
        const stem = /([\p{Script=Han}]{2})率(?:达到?|为|是|约为)?$/u.exec(before)?.[1];
        const named = ([a, b]: [Figure, Figure]) => {
          if (!stem) return true;
          const la = labelOf(sent.text, a);
          const lb = labelOf(sent.text, b);
          return la.includes(stem) && !lb.includes(stem) && (!NEEDS_NAMED_WHOLE.test(stem) || NAMED_WHOLE.test(lb));
        };
        // A share (占, 占比, 比例, 比重) is of the part its clause names: the count in the clause itself, or,
        // when the clause is the bare share (，占60%), the count just before it. A clause whose subject
        // has no count of its own (保障性住房投资占44%, 住院报销比例达70%) is a share of something the
        // sentence does not count; so is a share of a whole named after 占 (占世界经济的比重).
        const partOk = shareTrigger(before) ? sharePart(sent.text, p, figs) : () => true;
        const candidates = pairs.filter((pr) => plausible(pr) && named(pr) && partOk(pr[0]));
        if (candidates.length === 0) continue;
        if (candidates.some((pr) => agrees((pr[0].value / pr[1].value) * 100, p.value, d))) continue;
        // Only the canonical "two counts, then the rate" is reported; with more counts the pairing is a guess.
        if (same.length !== 2) continue;
        const [a, b] = candidates[0];
        const calc = (a.value / b.value) * 100;
        out.push(finding(text, "arithmetic", "error", start, end,
          `按 ${a.raw}÷${b.raw} 计算应为 ${fmt(calc, Math.max(d, 2))}%，与所写 ${p.raw} 不符`, suggestion(calc)));
      } else {
        if (same.length !== 2) continue;
        const prevIdx = same.findIndex((f) => PREV_MARK.test(sent.text.slice(Math.max(0, f.start - 8), f.start)));
        const orders: Array<[Figure, Figure]> = prevIdx >= 0 ? [[same[1 - prevIdx], same[prevIdx]]] : [[same[0], same[1]], [same[1], same[0]]];
        const sign = p.direction === "down" ? -1 : 1;
        if (orders.some(([cur, prev]) => prev.value > 0 && agrees(((cur.value - prev.value) / prev.value) * 100 * sign, p.value, d))) continue;
        if (prevIdx < 0) continue;
        const [cur, prev] = orders[0];
        const calc = ((cur.value - prev.value) / prev.value) * 100;
        const word = calc >= 0 ? "上升" : "下降";
        out.push(finding(text, "arithmetic", "error", start, end,
          `按 ${cur.raw} 与上年 ${prev.raw} 计算应为${word} ${fmt(Math.abs(calc), Math.max(d, 1))}%，与所写 ${p.raw} 不符`,
          Math.sign(calc) === sign ? suggestion(Math.abs(calc)) : undefined));
      }
    }
  }
  return out;
}

/** The counts a change at `p` may be of: those of its ；-clause when it holds two of one unit, else the sentence's. */
function clausePool(sentence: string, p: Figure, figs: Figure[]): Figure[] {
  const all = figs.filter((f) => f.kind === "number" && f.unit !== "" && f !== p);
  const from = sentence.lastIndexOf("；", p.start) + 1;
  const next = sentence.indexOf("；", p.end);
  const to = next < 0 ? sentence.length : next;
  const inClause = all.filter((f) => f.start >= from && f.end <= to);
  return inClause.length >= 2 ? inClause : all;
}

const SHARE_WORD = /(?:占比|比例|比重|占)(?:达到?|为|是|约为)?$/;
const shareTrigger = (before: string) => SHARE_WORD.test(before) && !/率(?:达到?|为|是|约为)?$/.test(before);

/** Which counts may be the part of a share at `p`: see checkArithmetic. */
function sharePart(sentence: string, p: Figure, figs: Figure[]): (f: Figure) => boolean {
  let from = p.start;
  while (from > 0 && !"，；：,;:".includes(sentence[from - 1])) from--;
  const clause = sentence.slice(from, p.start);
  if (/占[^，。；\d]{1,20}的?(?:比重|比例)/.test(clause)) return () => false;
  const inClause = figs.filter((f) => f.kind === "number" && f.unit !== "" && f.start >= from && f.end <= p.start);
  if (inClause.length > 0) return (f) => f === inClause[inClause.length - 1];
  const subject = clause.replace(/^(?:其中|分别|合计|共计|共)/, "").replace(SHARE_WORD, "").replace(/[^\p{Script=Han}]/gu, "");
  if (subject.length >= 2) return () => false;
  const before = figs.filter((f) => f.kind === "number" && f.unit !== "" && f.end <= from);
  const last = before[before.length - 1];
  return (f) => f === last;
}

/**
 * A ratio named by its two counts' first characters, part before whole (结收比 = 结案 ÷ 收案, as courts report it): the
 * sentence's one count whose label holds the first character and not the second, and its one count whose label holds
 * the second and not the first, in one unit. Not 同比, 环比, 占比, 相比, 对比 and the like, which are no quotient of two
 * counts. Official prose: no such ratio beside its counts.
 */
const RATIO = /([\p{Script=Han}])([\p{Script=Han}])比(?:为|是|达到?)?$/u;
const NOT_RATIO = /^[同环占相对类正反之好日年月]$/;
function ratioOfCounts(sentence: string, p: Figure, before: string, counts: Figure[]): [Figure, Figure] | null {
  const m = RATIO.exec(before);
  if (!m) return null;
  const [, x, y] = m;
  if (x === y || NOT_RATIO.test(y) || NOT_RATIO.test(x)) return null;
  const pool = counts.filter((f) => f.end <= p.start && !f.approx);
  const parts = pool.filter((f) => labelOf(sentence, f).includes(x) && !labelOf(sentence, f).includes(y));
  const wholes = pool.filter((f) => labelOf(sentence, f).includes(y) && !labelOf(sentence, f).includes(x));
  if (parts.length !== 1 || wholes.length !== 1 || parts[0].unit !== wholes[0].unit || wholes[0].value <= 0) return null;
  return [parts[0], wholes[0]];
}
