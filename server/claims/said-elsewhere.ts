/**
 * Claims said again elsewhere in the text. Clause alignment pairs by content, and a claim can sit in a
 * clause that shares little with its counterpart (留不住人 → 队伍稳定性不足, 现在还没撤 → 目前工作组
 * 仍在驻村, 有的还在弄 → 部分村正在推进). When the text as a whole still makes the claim as often as
 * before, the change found in one place is the same claim said in another: a flag (请核对), not a
 * refusal. A claim dropped or reversed outright changes the count and stays refused.
 */
import type { Clause } from "./clauses.ts";
import { DEFINITE_NEGATION, type Status } from "./markers.ts";
import { negatedEventIn } from "./negation-events.ts";
import type { ClaimChange } from "./types.ts";

type Traced = ClaimChange & { rule?: string };

const definiteIn = (words: string) => words.split("、").filter((w) => w && DEFINITE_NEGATION.test(w)).length;
const negationsOf = (cs: Clause[]) => cs.reduce((n, c) => n + definiteIn(c.claims.words.negation ?? ""), 0);
const withStatus = (cs: Clause[], s: Status[]) => cs.filter((c) => c.claims.statuses.some((x) => s.includes(x))).length;
const PENDING: Status[] = ["ongoing", "notdone"];

/** The changes, with those the text says again elsewhere turned into flags. */
export function saidElsewhere(changes: Traced[], bc: Clause[], ac: Clause[], after: string): Traced[] {
  const moved = new Set<Traced>();
  // A negation that left one clause and turned up in another: as many definite negations as before,
  // one place lost one and another gained one.
  if (negationsOf(bc) === negationsOf(ac)) {
    const strong = changes.filter((c) => c.kind === "negation" && !c.weak && c.rule !== "negation:undone");
    // The place that lost one may have been read as weak already (没出事 beside 排查出: no same event).
    const lost = changes.filter((c) => c.kind === "negation" && c.rule !== "negation:undone" && definiteIn(c.before) > definiteIn(c.after));
    const gained = strong.filter((c) => definiteIn(c.after) > definiteIn(c.before));
    if (lost.length && gained.length) for (const c of [...lost, ...gained]) moved.add(c);
  }
  for (const c of changes) {
    if (c.weak || moved.has(c)) continue;
    // A status of a clause the note has none for (部分村正在推进), stated no more often than the note states it.
    const added = c.rule === "unpaired-added:status" ? ac.find((x) => x.text === c.afterText) : undefined;
    const pending = added?.claims.statuses.filter((s) => s !== "done") ?? [];
    if (added && pending.length === added.claims.statuses.length && pending.every((s) => withStatus(ac, [s]) <= withStatus(bc, [s]))) moved.add(c);
    const clause = bc.find((x) => x.text === c.beforeText);
    if (!clause) continue;
    // A clause of the note no clause took, saying "not yet" (现在还没撤): the rewrite says the work is
    // still pending as often as the note does (仍在驻村), and nowhere states the negated event.
    if (c.rule === "unpaired-dropped:negation" && clause.claims.statuses.includes("notdone") && withStatus(ac, PENDING) >= withStatus(bc, PENDING) && !negatedEventIn([clause], after)) moved.add(c);
    // A status no clause took (有的还在弄): the rewrite states it as often as the note does.
    if (c.rule === "unpaired-dropped:status") {
      const own = clause.claims.statuses.filter((s) => s !== "done");
      if (own.length && own.every((s) => withStatus(ac, [s]) >= withStatus(bc, [s]))) moved.add(c);
    }
  }
  return changes.map((c) => (moved.has(c) ? { ...c, weak: true, rule: `${c.rule}-elsewhere` } : c));
}
