/**
 * Whether a rewrite keeps the note's figures and claims, in two steps: reading (the figure guard, and
 * the claim guard's changes as evidence, server/claims/evidence.ts) and deciding. A figure added or
 * changed in value is refused outright, and so is any strong claim change; weaker changes are shown to
 * the writer as flags (请核对). A decision learnt from the evidence across writers was tried
 * (bench/claims-model.ts) and did not carry from one writer's notes to another's: docs/claims.md.
 */
import { compareClaims } from "../claims/compare.ts";
import type { TracedChange } from "../claims/compare-options.ts";
import { evidenceOf } from "../claims/evidence.ts";
import type { NameContext } from "../claims/name-changes.ts";
import { refusing, type ClaimChange } from "../claims/types.ts";
import { claimOptions, figureJudgement } from "./figure-judgement.ts";
import type { RewriteMode } from "./types.ts";

/** What the guards read in a rewrite, before any decision. */
export interface RewriteReading {
  figures: ReturnType<typeof figureJudgement>;
  /** Every claim change the comparison found, with the rule that found it. */
  changes: TracedChange[];
}

/** A reading with its changes as evidence: features of the guard's readings, never words (evidence.ts). */
export interface RewriteEvidence extends RewriteReading {
  features: Record<string, number>;
}

/** Read a rewrite: its figures, and every claim change the comparison found. */
export function readRewrite(before: string, after: string, mode: RewriteMode, names: NameContext = {}): RewriteReading {
  const figures = figureJudgement(before, after, mode);
  let changes: TracedChange[] = [];
  if (after !== before) compareClaims(before, after, { ...names, ...claimOptions(mode), trace: (t) => (changes = t) });
  return { figures, changes };
}

/** Read a rewrite and turn its changes into evidence features (for bench/claims-model.ts; the decision does not use them). */
export function readEvidence(before: string, after: string, mode: RewriteMode, names: NameContext = {}): RewriteEvidence {
  const r = readRewrite(before, after, mode, names);
  const f = r.figures;
  return { ...r, features: evidenceOf(r.changes, mode, { dropped: f.dropped.length, derived: f.derived.length, requalified: f.requalified.length }) };
}

export interface RewriteVerdict {
  refused: boolean;
  /** A figure added or changed in value (refused whatever the claims say). */
  figureRefused: boolean;
  /** The changed claims that refuse the rewrite. */
  claims: ClaimChange[];
  /** The weaker changes, shown beside an accepted rewrite. */
  flags: ClaimChange[];
}

const bare = ({ rule: _rule, ...c }: TracedChange): ClaimChange => c;

/** Decide on a reading: a figure added or changed, or a strong claim change, refuses; the rest are flags. */
export function decideRewrite(r: RewriteReading): RewriteVerdict {
  const figureRefused = r.figures.refusal.added.length > 0 || r.figures.refusal.missing.length > 0;
  const claims = refusing(r.changes).map(bare);
  return { refused: figureRefused || claims.length > 0, figureRefused, claims, flags: r.changes.filter((c) => c.weak).map(bare) };
}

/** Read and decide in one step (what the rewrite route and the bench do). */
export function judgeRewrite(before: string, after: string, mode: RewriteMode, names: NameContext = {}): RewriteReading & RewriteVerdict {
  const r = readRewrite(before, after, mode, names);
  return { ...r, ...decideRewrite(r) };
}
