/**
 * The writer's choices over the candidates, as pure functions: the unit of a file, ticking, editing,
 * moving a candidate within its work line, settling a conflict, and what goes into the facts box and the
 * audit sheet's provenance.
 */
import type { Provenance } from "../../../server/docx/audit.ts";
import { candidatesToText } from "../../../server/facts/text-form.ts";
import type { Candidate, FactConflict } from "../../../server/facts/types.ts";
import { WORK_LINES } from "../../../server/text/work-lines.ts";

export const NO_LINE = "未归类";

/** The work lines in their conventional order, each with its candidates in the writer's order; 未归类 last. */
export function byWorkLine(candidates: Candidate[]): Array<{ id: string; label: string; items: Candidate[] }> {
  const groups = WORK_LINES.map((w) => ({ id: w.id, label: w.label, items: candidates.filter((c) => c.workLine === w.id) }));
  const rest = candidates.filter((c) => !c.workLine || !WORK_LINES.some((w) => w.id === c.workLine));
  return [...groups, { id: NO_LINE, label: NO_LINE, items: rest }].filter((g) => g.items.length > 0);
}

/** Every candidate from `file` (and its sources from that file) under a new unit name. */
export function setUnit(candidates: Candidate[], file: string, unit: string): Candidate[] {
  return candidates.map((c) => {
    const sources = c.sources.map((s) => (s.file === file ? { ...s, unit } : s));
    return { ...c, unit: c.sources[0].file === file ? unit : c.unit, sources };
  });
}

export function update(candidates: Candidate[], id: string, patch: Partial<Pick<Candidate, "text" | "chosen" | "role" | "workLine">>): Candidate[] {
  return candidates.map((c) => (c.id === id ? { ...c, ...patch } : c));
}

/** Move a candidate one place up or down among those of its work line. */
export function move(candidates: Candidate[], id: string, by: -1 | 1): Candidate[] {
  const at = candidates.findIndex((c) => c.id === id);
  if (at < 0) return candidates;
  const line = candidates[at].workLine;
  let to = at + by;
  while (to >= 0 && to < candidates.length && candidates[to].workLine !== line) to += by;
  if (to < 0 || to >= candidates.length) return candidates;
  const next = [...candidates];
  [next[at], next[to]] = [next[to], next[at]];
  return next;
}

/** The writer settles a conflict for one entry's value: that candidate is ticked, the others of the conflict are not. */
export function settle(candidates: Candidate[], conflict: FactConflict, keepId: string): Candidate[] {
  const ids = new Set(conflict.entries.map((e) => e.candidateId));
  return candidates.map((c) => (ids.has(c.id) ? { ...c, chosen: c.id === keepId } : c));
}

/** The header lines (单位：/年度：…) of the facts box, kept when the chosen facts replace its body. */
function headerOf(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => /^(单位|年度|年份|时限|期间|标题)\s*[：:]/.test(l.trim()));
}

/** The facts box after taking the chosen candidates: its header lines kept, the facts in the writer's order. */
export function factsTextFor(candidates: Candidate[], current: string): string {
  const order = byWorkLine(candidates).flatMap((g) => g.items);
  return [...headerOf(current), candidatesToText(order).trimEnd()].filter(Boolean).join("\n") + "\n";
}

/** What the audit sheet needs: each chosen fact's text as it goes into the draft, with its sources. */
export function provenanceOf(candidates: Candidate[]): Provenance {
  return candidates.filter((c) => c.chosen).map((c) => ({ text: c.text.trim(), sources: c.sources }));
}

