import type { Finding } from "../types.ts";
import { parseHeading } from "../../text/headings.ts";
import { lineSpans, sentenceSpans } from "../../text/sentences.ts";
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
  return out.sort((a, b) => a.start - b.start);
}
