import { extractFigures, type Figure } from "../../numbers/index.ts";
import type { Finding } from "../types.ts";
import { finding } from "./types.ts";
import { agrees, decimals, sentences } from "./arithmetic.ts";

/**
 * Shares of a total the report states (内部一致: 共受理信访499件 … 分别为117件和92件，各占全年信访总量34.4%、
 * 27.1%): a share that names the total (占……总量/总数) is its part divided by that total. When the report has
 * stated the total with 共/共计/合计/总计/累计 before, in the same unit and with every character of the total's
 * name (信访 → 共受理来信来访), every share must follow from it beyond rounding, unless it follows from another
 * count of the text. Shares of a total the report does not
 * state (占全国总量的) are not judged, and neither is a share whose part is not a count of its own clause.
 */
const TOTAL_LEAD = /(?:共计|合计|总计|累计|(?<![公一总])共)[^，。；、\d]{0,12}$|[\p{Script=Han}]{0,8}(?:总量|总数)(?:为|达到?|是)?$/u;
const SHARE_OF_TOTAL = /(各|分别)?占(?:全年|全部|本年度?|年度|同期)?([\p{Script=Han}]{0,6}?)(?:总量|总数|总件数|总人数|总和)的?(?:比例|比重)?(?:为|达到?|是)?$/u;

interface Total {
  at: number; // offset of the figure in the text
  raw: string;
  value: number;
  unit: string;
  label: string;
}

const baseUnit = (u: string) => u.replace(/^([件批人户起])次$/, "$1");
const isCount = (f: Figure) => f.kind === "number" && f.unit !== "" && !f.approx && !f.direction;

export function sharesOfStatedTotal(text: string): Finding[] {
  if (!/占[^。\n]{0,12}总(?:量|数|件数|人数|和)/.test(text)) return [];
  const out: Finding[] = [];
  const totals: Total[] = [];
  // Every count of the text by unit: a share that follows from one of them is a share of that count (占工业
  // 支出总数的11.41%, of 工业支出 stated without 共), not of the total stated with 共.
  const counts = new Map<string, number[]>();
  for (const sent of sentences(text)) for (const f of extractFigures(sent.text)) if (isCount(f)) counts.set(baseUnit(f.unit), [...(counts.get(baseUnit(f.unit)) ?? []), f.value]);
  for (const sent of sentences(text)) {
    const s = sent.text;
    const figs = extractFigures(s);
    for (const f of figs) {
      if (!isCount(f)) continue;
      const lead = s.slice(Math.max(0, f.start - 14), f.start);
      const m = TOTAL_LEAD.exec(lead);
      if (m) totals.push({ at: sent.start + f.start, raw: f.raw, value: f.value, unit: baseUnit(f.unit), label: lead.slice(m.index) });
    }
    for (let i = 0; i < figs.length; i++) {
      const p = figs[i];
      if (p.kind !== "percent" || p.approx) continue;
      const m = SHARE_OF_TOTAL.exec(s.slice(Math.max(0, p.start - 16), p.start));
      if (!m) continue;
      // The percents of the share: this one and those that follow it in a 顿号 series (34.4%、27.1%).
      const pcts = [p];
      for (let j = i + 1; j < figs.length && figs[j].kind === "percent" && /^[、和及]$/.test(s.slice(figs[j - 1].end, figs[j].start)); j++) pcts.push(figs[j]);
      i += pcts.length - 1;
      const from = Math.max(0, ...["，", "；", "：", "。"].map((c) => s.lastIndexOf(c, p.start - m[0].length - 1) + 1));
      const before = figs.filter((f) => isCount(f) && f.end <= p.start);
      let parts: Figure[];
      if (m[1] || pcts.length > 1) {
        // 分别为117件和92件，各占……34.4%、27.1%: as many counts just before as there are percents.
        parts = before.slice(-pcts.length);
        if (parts.length !== pcts.length) {
          out.push(...wholeShares(text, sent.start, pcts, totals, m[2], sent.start + p.start));
          continue;
        }
      } else {
        // The count of the share's own clause, or the clause right before a bare ，占……总量 P%.
        const own = before.filter((f) => f.start >= from);
        parts = own.length ? own.slice(-1) : before.slice(-1);
        if (parts.length !== 1) continue;
      }
      if (new Set(parts.map((f) => baseUnit(f.unit))).size !== 1) continue;
      const unit = baseUnit(parts[0].unit);
      const stem = m[2];
      const at = sent.start + parts[0].start;
      const total = [...totals].reverse().find((t) => t.at < at && t.unit === unit && parts.every((f) => f.value <= t.value) &&
        (!stem || [...stem].every((c) => t.label.includes(c))));
      if (!total) continue;
      parts.forEach((part, k) => {
        const pct = pcts[k];
        const calc = (part.value / total.value) * 100;
        const d = decimals(pct.raw);
        if ((counts.get(unit) ?? []).some((c) => c >= part.value && c > 0 && agrees((part.value / c) * 100, pct.value, d))) return;
        const shown = (Math.round(calc * 10 ** Math.max(d, 1)) / 10 ** Math.max(d, 1)).toFixed(Math.max(d, 1));
        out.push(finding(text, "consistency", "warning", sent.start + pct.start, sent.start + pct.end,
          `按前文总数${total.raw}计算，${part.raw}应占${shown}%，与所写${pct.raw}不符，请核对`));
      });
    }
  }
  return out;
}

/**
 * Shares of a stated total whose parts are not given (主要集中在A、B、C等领域，分别占全县信访总量的15.43%、14.86%……): each
 * share is a whole number of the total's items, k ÷ total. Where the total is small enough that the shares it allows
 * lie further apart than the decimals written (143件次: steps of 0.70%, written to 0.01%), a share that is no k ÷ total
 * (15.43% of 143 is 22.06) was computed from another total: reported once, on the first such share.
 */
function wholeShares(text: string, offset: number, pcts: Figure[], totals: Total[], stem: string, at: number): Finding[] {
  const total = [...totals].reverse().find((t) => t.at < at && t.value > 0 && Number.isInteger(t.value) && (!stem || [...stem].every((c) => t.label.includes(c))));
  if (!total) return [];
  for (const pct of pcts) {
    const d = decimals(pct.raw);
    if (d === 0 || 100 / total.value <= 2 * 10 ** -d) continue;
    const k = Math.round((pct.value * total.value) / 100);
    if (agrees((k / total.value) * 100, pct.value, d) || agrees(((k + 1) / total.value) * 100, pct.value, d) || agrees(((k - 1) / total.value) * 100, pct.value, d)) continue;
    return [finding(text, "consistency", "warning", offset + pct.start, offset + pct.end,
      `按前文总数${total.raw}计算，${pct.raw}对应${((pct.value * total.value) / 100).toFixed(2)}${total.unit}，不是整数：各项占比可能不是按这一总数计算的，请核对`)];
  }
  return [];
}

/**
 * What was mediated or settled cannot exceed what was received (受理各类矛盾纠纷52件 … 调解民间纠纷68件):
 * within one paragraph, a count of 调解/化解/调处 and a count of 受理 of the same thing (the last two
 * characters before each figure: 纠纷, 案件) in the same unit. 审结, 办结 and 执结 are not read: a court or
 * office closes cases carried over from the year before.
 */
export function settledOverReceived(text: string): Finding[] {
  const out: Finding[] = [];
  let start = 0;
  for (const para of text.split("\n")) {
    if (/受理/.test(para) && /调解|化解|调处/.test(para)) {
      const figs = extractFigures(para).filter(isCount);
      const label = (f: Figure) => {
        const lead = para.slice(0, f.start);
        return lead.slice(Math.max(0, ...["，", "；", "、", "。", "："].map((c) => lead.lastIndexOf(c) + 1)));
      };
      const rows = figs.map((f) => ({ f, label: label(f) })).filter((r) => /^[\p{Script=Han}]{3,16}$/u.test(r.label));
      const received = rows.filter((r) => /^(?:共|累计|全年)?受理/.test(r.label));
      for (const r of rows) {
        if (!/^(?:共|累计|全年)?(?:成功)?(?:调解|化解|调处)/.test(r.label)) continue;
        const noun = r.label.slice(-2);
        const whole = received.find((w) => w.label.endsWith(noun) && baseUnit(w.f.unit) === baseUnit(r.f.unit));
        if (!whole || r.f.value <= whole.f.value) continue;
        out.push(finding(text, "consistency", "warning", start + r.f.start - r.label.length, start + r.f.end,
          `${r.label}${r.f.raw}多于${whole.label}${whole.f.raw}：调解、化解的不能多于受理的，请核对`));
      }
    }
    start += para.length + 1;
  }
  return out;
}
