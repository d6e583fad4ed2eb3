/**
 * Clauses outside the content groups: one replaced by another between the same two groups, a short
 * comment joining the clause before it, and clauses no group took, which state their own claims.
 */
import type { Group } from "./align.ts";
import type { Clause } from "./clauses.ts";
import { clauseClaims, DEFINITE_NEGATION } from "./markers.ts";
import { placeChanges } from "./places.ts";
import type { CompareOptions, TracedChange } from "./compare-options.ts";
import { wordOf } from "./group-changes.ts";
import type { ClaimChange } from "./types.ts";


/**
 * Clauses rewritten beyond recognition (鼓励有条件的乡镇试点 → 各乡镇要全面推开) share too little to be
 * grouped by content. Where exactly one clause of each text sits outside every group between the
 * same two groups, one replaced the other: they are compared too. A clause merely dropped or added
 * (as shortening and expanding do) has no such counterpart and is left alone.
 */
export function replacedPairs(nb: number, na: number, groups: Group[]): Group[] {
  const pairedB = new Set(groups.flatMap((g) => g.before));
  const pairedA = new Set(groups.flatMap((g) => g.after));
  const anchors: Array<[number, number]> = [[-1, -1]];
  for (const g of [...groups].sort((x, y) => x.before[0] - y.before[0])) {
    const i = Math.max(...g.before);
    const j = Math.max(...g.after);
    if (j > anchors[anchors.length - 1][1] && Math.min(...g.after) > anchors[anchors.length - 1][1]) anchors.push([i, j]);
  }
  anchors.push([nb, na]);
  const out: Group[] = [];
  for (let k = 0; k + 1 < anchors.length; k++) {
    const [i0, j0] = anchors[k];
    const [i1, j1] = anchors[k + 1];
    const lb = [...Array(Math.max(0, i1 - i0 - 1)).keys()].map((x) => x + i0 + 1).filter((i) => !pairedB.has(i));
    const la = [...Array(Math.max(0, j1 - j0 - 1)).keys()].map((x) => x + j0 + 1).filter((j) => !pairedA.has(j));
    if (lb.length === 1 && la.length === 1) out.push({ before: lb, after: la });
  }
  return out;
}


/**
 * A clause that says almost nothing of its own (还在跟, 弄完了) comments on the clause before it: where no
 * group took it and the mode lets it go uncompared (a shortening's dropped clause, an expansion's added
 * one), it joins that clause's group (重新派了单，还在跟 → 已重新派单并办结 is compared as one).
 */
export function attachComments(bc: Clause[], ac: Clause[], groups: Group[], ctx: CompareOptions): void {
  for (const [side, cs] of [["before", bc], ["after", ac]] as const) {
    // Where a mode holds clauses without a counterpart (a polish may drop none), they are judged as such.
    if ((side === "before" ? ctx.strictDropped : ctx.strictAdded) !== false) continue;
    cs.forEach((c, i) => {
      if (i === 0 || c.opens || c.content.total > 2 || groups.some((g) => g[side].includes(i))) return;
      const g = groups.find((x) => x[side].includes(i - 1));
      if (g) g[side].push(i);
    });
  }
}


/** The claim kind an unpaired clause states on its own, with its wording, or null when it states none worth holding. */
function ownClaim(c: Clause, side: "added" | "dropped"): { kind: ClaimChange["kind"]; word: string; weak?: boolean } | null {
  const k = c.claims;
  // A shortfall or a wait said in a clause of its own (意识依然薄弱, 尚需加强) evaluates; only a definite
  // negation (未, 没, 无) added there states that something did not happen.
  const definite = (k.words.negation ?? "").split("、").some((w) => DEFINITE_NEGATION.test(w));
  if (k.negations > 0 && (side === "dropped" || definite)) return { kind: "negation", word: k.words.negation ?? "" };
  const evaluation = k.negations > 0 ? { kind: "negation" as const, word: k.words.negation ?? "", weak: true } : null;
  const statuses = side === "added" ? k.statuses.filter((s) => s === "ongoing" || s === "notdone" || (s === "done" && k.explicitDone)) : k.statuses.filter((s) => s !== "done");
  if (statuses.length) return { kind: "status", word: wordOf(k, `status:${statuses[0]}`) };
  const scope = side === "added" ? k.scope.filter((v) => !k.weakScope.includes(v)) : [];
  if (scope.length) return { kind: "scope", word: wordOf(k, `scope:${scope[0]}`) };
  // An obligation, a ban or a permission of its own (必须每周报告) is a claim; so is one a polish drops.
  if (k.modality.length) return { kind: "modality", word: wordOf(k, `modality:${k.modality[0]}`) };
  return evaluation;
}

function unpairedChanges(bc: Clause[], ac: Clause[], groups: Group[], ctx: CompareOptions): TracedChange[] {
  const out: TracedChange[] = [];
  const pairedB = new Set(groups.flatMap((g) => g.before));
  const pairedA = new Set(groups.flatMap((g) => g.after));
  if (ctx.strictAdded) {
    ac.forEach((c, j) => {
      const own = pairedA.has(j) ? null : ownClaim(c, "added");
      if (own) out.push({ rule: `unpaired-added:${own.kind}${own.weak ? "-evaluation" : ""}`, kind: own.kind, before: "", after: own.word, beforeText: "", afterText: c.text, message: `新增了原文没有的说法（“${own.word}”）`, ...(own.weak ? { weak: true } : {}) });
    });
  }
  if (ctx.strictDropped) {
    bc.forEach((c, i) => {
      const own = pairedB.has(i) ? null : ownClaim(c, "dropped");
      if (own) out.push({ rule: `unpaired-dropped:${own.kind}`, kind: own.kind, before: own.word, after: "", beforeText: c.text, afterText: "", message: `删去了原文的说法（“${own.word}”）` });
    });
  }
  return out;
}

/**
 * Clauses no group took state their own claims (a clause added with 已全部补齐 in it). Where a polish or a
 * restructuring leaves some on both sides, they are often the same few things said too differently to
 * pair (还没去 → 尚未查看): a claim one of them drops and another adds in the same class cancels.
 */
export function leftoverChanges(bc: Clause[], ac: Clause[], groups: Group[], ctx: CompareOptions): TracedChange[] {
  const pairedB = new Set(groups.flatMap((g) => g.before));
  const pairedA = new Set(groups.flatMap((g) => g.after));
  const lb = bc.filter((_, i) => !pairedB.has(i));
  const la = ac.filter((_, j) => !pairedA.has(j));
  const claimClass = (word: string, kind: string) => {
    const c = clauseClaims(word);
    return kind === "negation" ? (DEFINITE_NEGATION.test(word) ? "definite" : "soft") : kind === "status" ? c.statuses.join() : kind === "scope" ? c.scope.join() : c.modality.join();
  };
  const own = unpairedChanges(bc, ac, groups, ctx);
  if (!(lb.length && la.length)) return own;
  // A claim one leftover drops and another adds in the same words' class is the same claim said again.
  const same = (x: TracedChange, y: TracedChange) => x.kind === y.kind && claimClass(x.before, x.kind) === claimClass(y.after, y.kind);
  const dropped = own.filter((c) => c.after === "" && c.before !== "");
  const added = own.filter((c) => c.before === "" && c.after !== "");
  const cancelled = new Set<TracedChange>();
  for (const a of added) {
    const d = dropped.find((x) => !cancelled.has(x) && same(x, a));
    if (d) cancelled.add(d).add(a);
  }
  // Where the work was is one slot over the leftovers too: 报到市里……等市里回话 → 上报省里……等待省里答复.
  const places = placeChanges(lb.map((c) => c.text).join("，"), la.map((c) => c.text).join("，"), ctx.unit);
  return [...own.filter((c) => !cancelled.has(c)), ...places];
}

