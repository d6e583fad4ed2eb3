import type { Finding } from "../types.ts";
import { parseHeading } from "../../text/headings.ts";
import { lineSpans, sentenceSpans } from "../../text/sentences.ts";
import { settledOverReceived, sharesOfStatedTotal } from "./shares.ts";
import { checkTotals } from "./totals.ts";
import { finding, type RuleContext } from "./types.ts";

/** A plan named with its year: 2026年工作计划, 2026年度工作打算, 2026年工作思路. */
const PLAN_YEAR = /((?:19|20)\d{2})年度?(?:工作)?(?:计划|打算|思路|安排|要点|重点任务)/g;
/** The heading (or title) that opens the plan part of a report. */
const PLAN_HEADING = /下半年|下一步|工作(?:计划|打算|思路|安排|要点)|努力方向|重点任务/;
/** 明年 used for what the plan prepares, not for what it plans (为明年工作打下基础). */
const FOR_NEXT_YEAR = /^.{0,8}?(?:打下|奠定|基础|开好局|开局|做好准备|谋划|起好步)/;

/**
 * What a report says about itself must agree: a year-end summary plans the next year ("2025年工作总结
 * 和2025年工作计划" plans 2026), and a half-year report plans the second half, not 明年.
 */
export function checkConsistency(text: string, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const lines = lineSpans(text);
  // The title: the first line, with its wrapped tail when a copied title broke over two lines (…和2026年工 / 作计划).
  const nonEmpty = lines.filter((l) => l.text.trim());
  const head = nonEmpty.slice(0, 1);
  if (nonEmpty[1] && nonEmpty[1].text.trim().length <= 12 && !/[。；：，]$/.test(nonEmpty[0].text.trim())) head.push(nonEmpty[1]);
  const headText = head.map((l) => l.text).join("");
  const periodEnd = ctx.periodEnd ?? ctx.year * 10000 + 1231;
  const halfYear = periodEnd % 10000 === 630 || /上半年/.test(headText);
  const yearEnd = !halfYear && periodEnd % 10000 === 1231;

  if (yearEnd) {
    // The year summed up: the title's, else the report year.
    const summed = Number(/((?:19|20)\d{2})年度?(?:工作)?(?:总结|情况|报告|述职)/.exec(headText)?.[1] ?? ctx.year);
    const places: Array<{ start: number; text: string }> = [...head];
    for (const l of lines) if (parseHeading(l.text, l.start)) places.push(l);
    for (const s of sentenceSpans(text)) if (/(?:总结|汇报|报告)如下/.test(s.text) && /并|和|及|同时/.test(s.text)) places.push(s);
    const seen = new Set<number>();
    for (const p of places) {
      for (const m of p.text.matchAll(PLAN_YEAR)) {
        const start = p.start + m.index;
        if (seen.has(start)) continue;
        seen.add(start);
        const y = Number(m[1]);
        if (y > summed) continue;
        out.push(finding(text, "consistency", "error", start, start + 4,
          `${summed}年的工作总结所附计划应为${summed + 1}年，此处写作${y}年`, String(summed + 1)));
      }
    }
  }

  if (halfYear) {
    const planFrom = lines.find((l, i) => i > 0 && PLAN_HEADING.test(l.text) && parseHeading(l.text, l.start))?.start;
    if (planFrom !== undefined) {
      const plan = text.slice(planFrom);
      for (const m of plan.matchAll(/明年/g)) {
        const at = planFrom + m.index;
        if (FOR_NEXT_YEAR.test(text.slice(at + 2, at + 14))) continue;
        out.push(finding(text, "consistency", "warning", at, at + 2, "上半年工作总结的计划部分应针对下半年，此处写作“明年”，请核对"));
      }
    }
  }
  out.push(...checkTotals(text), ...titleVariants(text), ...sharesOfStatedTotal(text), ...settledOverReceived(text));
  return out.sort((a, b) => a.start - b.start);
}

/**
 * One document cited under two names (《…行政应诉工作规则》, later 《…行政应诉规则》): two titles of one text
 * that are the same but for 1–4 characters inserted in the middle (the same first three and last two
 * characters). Each citation of the title first cited later is reported, with the earlier form. A shortened
 * name that drops a head or a tail (《民法典》 for 《中华人民共和国民法典》) is not such a variant, nor an
 * insertion that names another document of the family (补充通知, 实施办法, 2024年度). On the
 * 2,015,043 characters of official prose no two titles of one report differ so.
 */
/** An insertion that names another document of the family (补充通知, 实施办法, 暂行规定, 第二号, 2024年度). */
const OTHER_DOCUMENT = /补充|实施|暂行|试行|修订|修正|细则|第|[0-9０-９〇一二三四五六七八九十（）()]/;
function titleVariants(text: string): Finding[] {
  const first = new Map<string, number>();
  for (const m of text.matchAll(/《([^《》\n]{6,40})》/g)) if (!first.has(m[1])) first.set(m[1], m.index);
  if (first.size < 2) return [];
  const titles = [...first.keys()].slice(0, 200);
  const out: Finding[] = [];
  const reported = new Set<string>();
  for (let i = 0; i < titles.length; i++) {
    for (let j = i + 1; j < titles.length; j++) {
      const [lo, hi] = titles[i].length < titles[j].length ? [titles[i], titles[j]] : [titles[j], titles[i]];
      const d = hi.length - lo.length;
      if (d < 1 || d > 4) continue;
      let p = 0;
      while (p < lo.length && lo[p] === hi[p]) p++;
      let q = 0;
      while (q < lo.length - p && lo[lo.length - 1 - q] === hi[hi.length - 1 - q]) q++;
      if (p + q !== lo.length || p < 3 || q < 2 || OTHER_DOCUMENT.test(hi.slice(p, hi.length - q))) continue;
      const [earlier, later] = first.get(titles[i])! < first.get(titles[j])! ? [titles[i], titles[j]] : [titles[j], titles[i]];
      if (reported.has(later)) continue;
      reported.add(later);
      const cited = `《${later}》`;
      for (let at = text.indexOf(cited); at >= 0; at = text.indexOf(cited, at + cited.length)) {
        out.push(finding(text, "consistency", "warning", at, at + cited.length, `同一文件名称前后不一致：前文作《${earlier}》，请核对`));
      }
    }
  }
  return out;
}
