/**
 * The chosen candidates in the form the drafting steps already read: the DraftInput's facts, problems
 * and plans (in the writer's order), or the text form of `zongjie draft` (单位：/年度： header, bullets,
 * 问题：/计划： lines). Nothing downstream changes.
 */
import type { DraftInput } from "../drafting/types.ts";
import type { Candidate } from "./types.ts";

/** The chosen candidates as draft input for a unit and year. */
export function candidatesToInput(candidates: Candidate[], unit: string, year: number): DraftInput {
  const chosen = candidates.filter((c) => c.chosen);
  const of = (role: Candidate["role"]) => chosen.filter((c) => c.role === role).map((c) => c.text);
  const problems = of("问题");
  const plans = of("打算");
  return { unit, year, facts: of("成效"), ...(problems.length ? { problems } : {}), ...(plans.length ? { plans } : {}) };
}

/** The chosen candidates as the text form `zongjie draft` reads. */
export function candidatesToText(candidates: Candidate[], unit?: string, year?: number): string {
  const chosen = candidates.filter((c) => c.chosen);
  const lines: string[] = [];
  if (unit) lines.push(`单位：${unit}`);
  if (year) lines.push(`年度：${year}`);
  for (const c of chosen.filter((x) => x.role === "成效")) lines.push(`- ${c.text}`);
  for (const c of chosen.filter((x) => x.role === "问题")) lines.push(`问题：${c.text}`);
  for (const c of chosen.filter((x) => x.role === "打算")) lines.push(`计划：${c.text}`);
  return lines.join("\n") + "\n";
}
