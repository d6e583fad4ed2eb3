/**
 * Scoring of checker findings against a blind-labelled set of real excerpts (the set itself stays outside the
 * repository; `bench/realset.ts` reads it from a path given on the command line).
 *
 * A label is found when a finding at warning or error overlaps its span; a finding that overlaps no label is
 * counted as unlabelled (false by the labels; a proofreader may still have missed it, so these are printed with
 * `--verbose` for reading). Info findings are notes and count for neither side.
 */
import { z } from "zod";

export const LabelSchema = z.object({
  quote: z.string(),
  before: z.string().default(""),
  correction: z.string().default(""),
  class: z.string(),
  note: z.string().optional(),
});
export const ExcerptSchema = z.object({
  id: z.string(),
  source: z.string().optional(),
  year: z.number().int().nullable().optional(),
  text: z.string(),
  split: z.enum(["calib", "test"]),
  errors: z.array(LabelSchema),
});
export type Excerpt = z.infer<typeof ExcerptSchema>;

export interface ScoredFinding {
  kind: string;
  severity: "error" | "warning" | "info";
  start: number;
  end: number;
  text: string;
  message: string;
  suggestion?: string;
}

/** Where a label sits in its excerpt: after its `before` context when that is found, else the first occurrence. */
export function labelSpan(text: string, label: { quote: string; before: string }): { start: number; end: number } | null {
  const withContext = label.before ? text.indexOf(label.before + label.quote) : -1;
  const start = withContext >= 0 ? withContext + label.before.length : text.indexOf(label.quote);
  if (start < 0) return null;
  // A deletion or insertion label may quote nothing: it marks the point.
  return { start, end: start + Math.max(label.quote.length, 1) };
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }, slack = 1) =>
  a.start < b.end + slack && b.start < a.end + slack;

export interface ClassTally {
  labels: number;
  found: number;
}
export interface SplitScore {
  excerpts: number;
  chars: number;
  labels: number;
  found: number;
  findings: number; // warning + error
  matched: number; // findings overlapping a label
  unlabelled: Array<{ id: string; finding: ScoredFinding }>;
  missed: Array<{ id: string; label: z.infer<typeof LabelSchema> }>;
  byClass: Record<string, ClassTally>;
  unplaced: number; // labels whose quote is not in their text
}

export function emptyScore(): SplitScore {
  return { excerpts: 0, chars: 0, labels: 0, found: 0, findings: 0, matched: 0, unlabelled: [], missed: [], byClass: {}, unplaced: 0 };
}

/** Adds one excerpt's findings to a split's score. */
export function scoreExcerpt(score: SplitScore, ex: Excerpt, findings: ScoredFinding[]): void {
  const counted = findings.filter((f) => f.severity !== "info");
  score.excerpts += 1;
  score.chars += ex.text.length;
  const spans = ex.errors.map((l) => labelSpan(ex.text, l));
  for (const [i, label] of ex.errors.entries()) {
    const span = spans[i];
    const tally = (score.byClass[label.class] ??= { labels: 0, found: 0 });
    tally.labels += 1;
    score.labels += 1;
    if (!span) {
      score.unplaced += 1;
      score.missed.push({ id: ex.id, label });
      continue;
    }
    if (counted.some((f) => overlaps(f, span))) {
      tally.found += 1;
      score.found += 1;
    } else score.missed.push({ id: ex.id, label });
  }
  for (const f of counted) {
    score.findings += 1;
    if (spans.some((s) => s && overlaps(f, s))) score.matched += 1;
    else score.unlabelled.push({ id: ex.id, finding: f });
  }
}

export const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : "—");
