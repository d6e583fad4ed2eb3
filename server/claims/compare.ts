/**
 * Claim comparison: the clauses of two texts are grouped by what they are about (align.ts), and
 * each group is compared class by class (group-changes.ts); clauses outside the groups are judged in
 * unpaired.ts. Approvals and names are compared over the whole text, since a rewrite may move them
 * between clauses freely.
 */
import { attachLeftovers, groupsOf } from "./align.ts";
import { matchClauses, splitClauses, type Clause } from "./clauses.ts";
import { clauseWith, nameChanges, type NameContext } from "./name-changes.ts";
import { approvalChanges } from "./approval-changes.ts";
import { unsupportedOutcomes } from "./outcomes.ts";
import { causeChanges } from "./causes.ts";
import { saidElsewhere } from "./said-elsewhere.ts";
import { addedLevels, placeChanges } from "./places.ts";
import { gradeChanges, periodChanges, wordSwaps } from "./swaps.ts";
import type { CompareOptions, TracedChange } from "./compare-options.ts";
import { groupChanges } from "./group-changes.ts";
import { attachComments, leftoverChanges, replacedPairs } from "./unpaired.ts";
import type { ClaimChange } from "./types.ts";


function dedupe(changes: TracedChange[]): TracedChange[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const k = `${c.kind}|${c.beforeText}|${c.afterText}|${c.before}|${c.after}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The claims a rewrite changed: every group of clauses about the same thing is compared claim by
 * claim; approvals and names may be neither added nor dropped.
 */
export function compareClaims(before: string, after: string, ctx: NameContext & CompareOptions = {}): ClaimChange[] {
  const bc = splitClauses(before);
  const ac = splitClauses(after);
  const bContent = bc.map((c) => c.content);
  const aContent = ac.map((c) => c.content);
  const groups = attachLeftovers(bContent, aContent, groupsOf(matchClauses(bc, ac), matchClauses(ac, bc)));
  const all = [...groups, ...replacedPairs(bc.length, ac.length, groups)];
  attachComments(bc, ac, all, ctx);
  const changes = [
    ...all.flatMap((g) => groupChanges(g.before.map((i) => bc[i]), g.after.map((j) => ac[j]), ctx)),
    ...leftoverChanges(bc, ac, all, ctx),
    ...approvalChanges(bc, ac, true),
    ...nameChanges(before, after, bc, ac, ctx, true, ctx.strictDropped === false),
    ...(ctx.strictAdded === false ? [] : outcomeChanges(before, after, ac)),
    // A reason the note does not give (由于……, 得益于……) is the rewrite's own claim, as an outcome is.
    ...(ctx.strictAdded === false ? [] : causeChanges(before, after, (s) => clauseWith(ac, s))),
    // A noun swapped in its slot, a period put in the place of another: each shown in the clause that has it.
    ...(ctx.strictAdded === false ? [] : addedLevels(before, after, ctx.unit)),
    ...[...wordSwaps(before, after), ...periodChanges(before, after), ...gradeChanges(before, after)].map((c) => ({ ...c, beforeText: clauseWith(bc, c.before.split("、")[0]), afterText: clauseWith(ac, c.after.split("、")[0]) })),
  ];
  // A side of a place swapped where no clause took it (a topic: 城西那片的群租房问题，…) is read over the whole text.
  if (!changes.some((c) => c.rule === "name:side")) changes.push(...placeChanges(before, after, ctx.unit).filter((c) => c.rule === "name:side"));
  return untraced(saidElsewhere(dedupe(changes), bc, ac, after), ctx);
}

/** The changes as callers get them, after the tracer (if any) has seen the rules that found them. */
function untraced(changes: TracedChange[], ctx: CompareOptions): ClaimChange[] {
  ctx.trace?.(changes);
  return changes.map(({ rule: _rule, ...c }) => c);
}

/**
 * An outcome or evaluation the original does not state (群众法治意识显著增强, 群众均表示满意): a polish may
 * word the work better, never say what it achieved. Expanding may add general lines, so it is not held to this.
 */
function outcomeChanges(before: string, after: string, ac: Clause[]): TracedChange[] {
  return unsupportedOutcomes(after, [before]).map((o) => ({
    rule: "outcome:added", kind: "outcome" as const, before: "", after: o.text, beforeText: "", afterText: clauseWith(ac, o.text), message: `新增了成效评价“${o.text}”`,
  }));
}

/**
 * The claims a drafted section makes beyond its facts: the section clauses about a fact must claim
 * what the fact claims, and the section may name no one and approve nothing the facts do not. Stock
 * lines that are about no fact are not compared (they claim nothing about the year's work).
 */
export function claimsBeyondFacts(section: string, facts: string[], ctx: NameContext & CompareOptions = {}): ClaimChange[] {
  const sc = splitClauses(section);
  const fc = facts.flatMap(splitClauses);
  const joined = facts.join("\n");
  const groups = groupsOf(matchClauses(fc, sc), sc.map(() => -1));
  const changes = [
    ...groups.flatMap((g) => groupChanges(g.before.map((i) => fc[i]), g.after.map((j) => sc[j]), ctx)),
    ...approvalChanges(fc, sc, false),
    ...nameChanges(joined, section, fc, sc, ctx, false),
  ];
  return untraced(dedupe(changes), ctx);
}

/** One line per change, for warnings and the repair prompt. */
export function describeClaimChange(c: ClaimChange): string {
  const where = c.afterText ? `（“${c.afterText}”）` : c.beforeText ? `（原句“${c.beforeText}”）` : "";
  return `${c.message}${where}`;
}
