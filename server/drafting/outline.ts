/**
 * The outline: plain, editable data between the facts and the writing. Proposed from the facts in
 * the conventional order; an edited outline from the editor is checked, never trusted blindly.
 */
import { matchMarker } from "../text/headings.ts";
import { workLineOrder } from "../text/work-lines.ts";
import { AppError } from "../errors.ts";
import { workLineLabel } from "./facts.ts";
import type { DraftInput, DraftWarning, Fact, Outline, OutlineSection } from "./types.ts";

/** The title: {单位}{年度}年工作总结, with the period for anything but a full year. */
export function draftTitle(unit: string, year: number, period: string): string {
  return `${unit}${year}年${period && period !== "全年" ? period : ""}工作总结`;
}

/** Propose the outline: opening, 一、主要工作及成效 with one （一） per work line present, 二、问题, 三、打算, closing. */
export function proposeOutline(input: Pick<DraftInput, "unit" | "year" | "period">, facts: Fact[]): Outline {
  const period = input.period ?? "全年";
  const byLine = new Map<string, string[]>();
  for (const f of facts) {
    if (f.kind !== "fact") continue;
    const line = f.workLine ?? "平安建设";
    byLine.set(line, [...(byLine.get(line) ?? []), f.id]);
  }
  const lines = [...byLine.keys()].sort((a, b) => workLineOrder(a) - workLineOrder(b));
  const sections: OutlineSection[] = [
    { id: "opening", role: "opening", heading: "", level: 0, workLine: null, factIds: [] },
    { id: "work", role: "work", heading: "主要工作及成效", level: 1, workLine: null, factIds: [] },
    ...lines.map((line, i) => ({
      id: `work-${i + 1}`,
      role: "work" as const,
      heading: workLineLabel(line),
      level: 2,
      workLine: line,
      factIds: byLine.get(line)!,
    })),
    { id: "problems", role: "problems", heading: "存在的问题", level: 1, workLine: null, factIds: facts.filter((f) => f.kind === "problem").map((f) => f.id) },
    { id: "plans", role: "plans", heading: "下一步工作打算", level: 1, workLine: null, factIds: facts.filter((f) => f.kind === "plan").map((f) => f.id) },
    { id: "closing", role: "closing", heading: "", level: 0, workLine: null, factIds: [] },
  ];
  return { title: draftTitle(input.unit, input.year, period), unit: input.unit, year: input.year, period, sections };
}

/**
 * Check an edited outline against the facts: ids unique, fact ids known and used once, a （一） only
 * under an 一、. Facts the outline leaves out are returned as warnings (nothing dropped silently).
 */
export function checkOutline(outline: Outline, facts: Fact[]): DraftWarning[] {
  const known = new Set(facts.map((f) => f.id));
  const ids = new Set<string>();
  const used = new Map<string, string>();
  let seenLevel1 = false;
  for (const s of outline.sections) {
    if (ids.has(s.id)) throw new AppError("bad_request:outline", `提纲中的小节编号重复：${s.id}`);
    ids.add(s.id);
    if (s.level === 1) seenLevel1 = true;
    if (s.level === 2 && !seenLevel1) throw new AppError("bad_request:outline", `二级标题“${s.heading}”前没有一级标题`);
    if (s.level > 0 && !s.heading.trim()) throw new AppError("bad_request:outline", `小节 ${s.id} 缺少标题`);
    if (matchMarker(s.heading.trim(), "strict", [1, 2]))
      throw new AppError("bad_request:outline", `标题“${s.heading}”不应带编号，编号按顺序自动生成`);
    for (const id of s.factIds) {
      if (!known.has(id)) throw new AppError("bad_request:outline", `提纲引用了不存在的要点：${id}`);
      if (used.has(id)) throw new AppError("bad_request:outline", `要点 ${id} 同时出现在两个小节中`);
      used.set(id, s.id);
    }
  }
  return facts
    .filter((f) => !used.has(f.id))
    .map((f) => ({ code: "fact_unassigned", message: `要点未放入任何小节，不会写入初稿：“${f.text.slice(0, 40)}”`, factId: f.id }));
}
