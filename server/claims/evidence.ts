/**
 * The guard's readings as evidence: every change the comparison found (compare.ts, traced with its
 * rule) becomes a set of features of the pair, each saying what kind of claim moved, how sure the
 * reading is, how sure the clause alignment is and which way the claim moved. The features name the
 * guard's own readings, never words of the text, so that a decision learnt on some writers' notes
 * can be tried on another's (decision.ts, bench/claims-model.ts). See docs/claims.md.
 */
import { ALIGN_MIN, contentOf, overlap } from "./align.ts";
import type { TracedChange } from "./compare-options.ts";

/** How the figure guard saw a pair that it did not refuse (a figure added or changed is refused outright). */
export interface FigureEvidence {
  dropped: number;
  derived: number;
  requalified: number;
}

/** Kinds read over the whole text (a name, an approval, an outcome may move between clauses freely). */
const WHOLE_TEXT = new Set(["approval", "name", "outcome", "cause", "time"]);

/**
 * Where a change was read: in a group paired by a clear share of content ("sure"), in a group paired
 * at the looser share or as the one clause replaced between two groups ("loose"), in a clause no
 * group took ("alone"), or over the whole text ("text").
 */
export function alignmentOf(c: TracedChange): "sure" | "loose" | "alone" | "text" {
  if (c.rule?.startsWith("unpaired")) return "alone";
  if (WHOLE_TEXT.has(c.kind)) return "text";
  if (!c.beforeText || !c.afterText) return "alone";
  return overlap(contentOf(c.beforeText), contentOf(c.afterText)) >= ALIGN_MIN ? "sure" : "loose";
}

/** Which way the claim moved: added where there was none, dropped, reworded (other marker words), or kept in the same words. */
export function directionOf(c: TracedChange): "added" | "dropped" | "reworded" | "same-words" {
  if (!c.before) return "added";
  if (!c.after) return "dropped";
  return c.before === c.after ? "same-words" : "reworded";
}

/** The rule's family: the part of its name before a colon and, for a few, what it says moved (negation:flip, status:pending-done). */
export function ruleOf(c: TracedChange): string {
  return (c.rule ?? c.kind).replace(/-elsewhere$/, "");
}

/** The features one change gives its pair: its kind and strength alone, with its alignment, with its direction, and its rule. */
export function changeFeatures(c: TracedChange): string[] {
  const s = c.weak ? "weak" : "strong";
  return [`${c.kind}:${s}`, `${c.kind}:${s}:${alignmentOf(c)}`, `${c.kind}:${s}:${directionOf(c)}`, `rule:${ruleOf(c)}:${s}`];
}

/**
 * The features of one pair: those of each change; how many strong and weak changes there were; the
 * mode; what the figure guard showed without refusing. Every feature is 0..1.
 */
export function evidenceOf(changes: TracedChange[], mode: string, figures: FigureEvidence): Record<string, number> {
  const f: Record<string, number> = {};
  const set = (k: string, v = 1) => (f[k] = Math.max(f[k] ?? 0, v));
  for (const c of changes) for (const k of changeFeatures(c)) set(k);
  const strong = changes.filter((c) => !c.weak).length;
  const weak = changes.length - strong;
  if (strong) set("changes:strong", Math.min(strong, 3) / 3);
  if (weak) set("changes:weak", Math.min(weak, 3) / 3);
  if (mode !== "polish") set(`mode:${mode}`);
  if (figures.dropped) set("figure:dropped");
  if (figures.derived) set("figure:derived");
  if (figures.requalified) set("figure:requalified");
  return f;
}
