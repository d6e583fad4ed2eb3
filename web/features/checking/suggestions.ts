/**
 * Taking the checker's suggestions: one, or all of them in rounds with a re-check between (a heading renumbered
 * makes its next sibling's number wrong, and only the next check says so). Written back to the checked text and,
 * for a draft, to the part of the draft each falls in. Pure but for the re-check it is given.
 */
import type { Finding } from "../../../server/checking/types.ts";
import { conflictingSuggestions, mergeModelFindings } from "../../../server/checking/model-findings.ts";
import { applySuggestion, suggestionInDraft, type DraftEdit, type DraftText } from "./api/check.ts";
import { errorText } from "../../lib/errors.ts";

/** A checked text: its findings, the year it was checked for, and the draft it came from (null: pasted or a file). */
export interface Checked {
  text: string;
  findings: Finding[];
  year: number;
  /** The text names no year and none was given: the year is today's. */
  yearAssumed?: boolean;
  fromDraft: DraftText | null;
}

/** One taken suggestion, as the batch note lists it. */
export interface Change {
  from: string;
  to: string;
}

/**
 * Rounds of 全部采用建议 at most: take every suggestion, check again, and take what the new check suggests (one
 * round per renumbered sibling).
 */
export const APPLY_ALL_ROUNDS = 12;

/**
 * One suggestion into the checked text and, for a draft, into the part of the draft it falls in (its edit is
 * pushed onto `edits`); null (nothing changed) when it cannot be written back to the draft.
 */
export function applyOne(c: Checked, f: Finding, edits: DraftEdit[]): Checked | null {
  let fromDraft = c.fromDraft;
  if (fromDraft) {
    const mapped = suggestionInDraft(fromDraft, f);
    if (!mapped) return null;
    edits.push(mapped.edit);
    fromDraft = mapped.draft;
  }
  const r = applySuggestion(c.text, c.findings, f);
  return { ...c, text: r.text, findings: r.findings, fromDraft };
}

/** The findings of a re-check (the rules only), with the model's findings kept (shifted by the edits), in text order. */
export function withRecheck(c: Checked, rules: Finding[]): Checked {
  const kept = mergeModelFindings(rules, c.findings.filter((f) => f.engine));
  return { ...c, findings: sortByPlace([...rules, ...kept]) };
}

/** Findings in text order. */
export function sortByPlace(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Every suggestion of one check, last to first (a replacement never moves the findings before it, so each keeps
 * its offsets). Where a rule and the model propose different fixes for the same words, the writer chooses.
 */
function applyRound(from: Checked, edits: DraftEdit[], changes: Change[]): { next: Checked; applied: number; skipped: number } {
  let next = from;
  let applied = 0;
  let skipped = 0;
  const undecided = conflictingSuggestions(from.findings);
  const order = from.findings.filter((f) => f.suggestion != null && !undecided.has(f)).sort((a, b) => b.start - a.start || b.end - a.end);
  for (const f of order) {
    if (!next.findings.includes(f)) continue; // overlapped a suggestion already taken
    const after = applyOne(next, f, edits);
    if (after) {
      next = after;
      applied += 1;
      changes.push({ from: f.text, to: f.suggestion! });
    } else skipped += 1;
  }
  return { next, applied, skipped };
}

/**
 * Take every suggestion, check the result again and take what that check suggests, until nothing more can be
 * fixed. `failed`: the re-check that did not finish (what was taken before it stays taken); `skipped`: suggestions
 * that cross the title/body boundary of a draft and were left.
 */
export async function applyAllSuggestions(
  checked: Checked,
  recheck: (text: string, year: number) => Promise<{ findings: Finding[] }>,
): Promise<{ next: Checked; edits: DraftEdit[]; changes: Change[]; skipped: number; failed: string | null }> {
  const edits: DraftEdit[] = [];
  const changes: Change[] = [];
  let next = checked;
  let skipped = 0;
  let failed: string | null = null;
  try {
    for (let round = 0; round < APPLY_ALL_ROUNDS; round++) {
      const r = applyRound(next, edits, changes);
      next = r.next;
      skipped = r.skipped;
      if (r.applied === 0) break;
      const again = await recheck(next.text, next.year);
      next = withRecheck(next, again.findings);
      if (!again.findings.some((f) => f.suggestion != null)) break;
    }
  } catch (e) {
    failed = `重新检查未完成：${errorText(e)}`;
  }
  return { next, edits, changes, skipped, failed };
}
