/**
 * Claim comparison: the clauses of two texts are paired by what they are about (shared character
 * pairs, figures included), and each pair is compared class by class. Approvals and names are
 * compared over the whole text, since a rewrite may move them between clauses freely.
 */
import { stripEnumerator, stripMarker } from "../text/headings.ts";
import type { NameLists } from "../text/names.ts";
import { splitSentences } from "../text/sentences.ts";
import { clauseClaims, CLASS_LABELS, type ClauseClaims } from "./markers.ts";
import { abbreviates, extractNames, unitNames, type Name } from "./names.ts";
import { CLAIM_KIND_LABELS, type ClaimChange } from "./types.ts";

export { CLAIM_KINDS, CLAIM_KIND_LABELS, ClaimChangeSchema, type ClaimChange, type ClaimKind } from "./types.ts";

export interface Clause {
  text: string;
  claims: ClauseClaims;
  /** Character pairs (figures included), to pair the clause with its counterpart. */
  grams: Set<string>;
}

const OPEN = "“《（(‘「";
const CLOSE = "”》）)’」";

/** Pieces of a sentence between its commas and colons, never inside quotes or 书名号. */
function commaPieces(sentence: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < sentence.length; i++) {
    const ch = sentence[i];
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch) && depth > 0) depth--;
    else if (depth === 0 && "，,：:".includes(ch)) {
      out.push(sentence.slice(from, i));
      from = i + 1;
    }
  }
  out.push(sentence.slice(from));
  return out;
}

/** Clauses: sentences (and their ；parts) cut at commas and colons, with 一是/（一）/1. markers removed. */
export function splitClauses(text: string): Clause[] {
  return splitSentences(text, { semicolons: true })
    .flatMap((span) => commaPieces(text.slice(span.start, span.end)))
    .map((c) => stripMarker(stripEnumerator(c.replace(/[。！？!?；;…]+$/u, ""))).trim())
    .filter((c) => /[\u4e00-\u9fff]/.test(c))
    .map((text) => ({ text, claims: clauseClaims(text), grams: grams(text) }));
}

function grams(s: string): Set<string> {
  const t = s.replace(/[^\u4e00-\u9fff0-9.]/g, "");
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  if (t.length === 1) out.add(t);
  return out;
}

/** How much of the smaller clause the other one contains (0..1). */
function containment(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const g of small) if (large.has(g)) shared++;
  return shared / small.size;
}

const ALIGN_MIN = 0.5;

/** For each clause of `from`, the index of the clause of `to` about the same thing, or -1. */
function alignIndex(from: Clause[], to: Clause[]): number[] {
  return from.map((c) => {
    let best = -1;
    let bestScore = 0;
    to.forEach((t, j) => {
      const s = containment(c.grams, t.grams);
      if (s >= ALIGN_MIN && s > bestScore) {
        best = j;
        bestScore = s;
      }
    });
    return best;
  });
}

function pairsOf(from: Clause[], to: Clause[], index: number[]): Array<[Clause, Clause]> {
  return index.flatMap((j, i) => (j >= 0 ? [[from[i], to[j]] as [Clause, Clause]] : []));
}

/**
 * Clauses rewritten beyond recognition (鼓励有条件的乡镇试点 → 各乡镇要全面推开) share too little to be
 * paired by content. Where exactly one clause of each text sits unpaired between the same two paired
 * neighbours, one replaced the other: they are compared too. A clause merely dropped or added (as
 * shortening and expanding do) has no such counterpart and is left alone.
 */
function replacedPairs(b: Clause[], a: Clause[], ba: number[], ab: number[]): Array<[Clause, Clause]> {
  const pairedA = new Set<number>(ba.filter((j) => j >= 0));
  ab.forEach((i, j) => i >= 0 && pairedA.add(j));
  const pairedB = new Set<number>(ba.flatMap((j, i) => (j >= 0 ? [i] : [])));
  ab.forEach((i) => i >= 0 && pairedB.add(i));
  const anchors: Array<[number, number]> = [[-1, -1]];
  ba.forEach((j, i) => j >= 0 && j > anchors[anchors.length - 1][1] && anchors.push([i, j]));
  anchors.push([b.length, a.length]);
  const out: Array<[Clause, Clause]> = [];
  for (let k = 0; k + 1 < anchors.length; k++) {
    const [i0, j0] = anchors[k];
    const [i1, j1] = anchors[k + 1];
    const lb = [...Array(Math.max(0, i1 - i0 - 1)).keys()].map((x) => x + i0 + 1).filter((i) => !pairedB.has(i));
    const la = [...Array(Math.max(0, j1 - j0 - 1)).keys()].map((x) => x + j0 + 1).filter((j) => !pairedA.has(j));
    if (lb.length === 1 && la.length === 1) out.push([b[lb[0]], a[la[0]]]);
  }
  return out;
}

const label = (v: string | null) => (v ? CLASS_LABELS[v] ?? v : "（无）");
const wordOf = (c: ClauseClaims, key: string) => c.words[key] ?? "";

function listWords(c: ClauseClaims, dim: "modality" | "scope", values: string[]): string {
  return values.map((v) => wordOf(c, `${dim}:${v}`) || v).join("、");
}

export interface CompareOptions {
  /** The status "planned" is implied by the section (a plans section), so a dropped 计划/将 changes nothing. */
  impliedPlan?: boolean;
}

/** The clause-level differences of two aligned clauses. */
function clauseChanges(b: Clause, a: Clause, options: CompareOptions): ClaimChange[] {
  const out: ClaimChange[] = [];
  const bc = b.claims;
  const ac = a.claims;
  const base = { beforeText: b.text, afterText: a.text };
  const bs = options.impliedPlan && bc.status === null ? "planned" : bc.status;
  const as = options.impliedPlan && ac.status === null ? "planned" : ac.status;
  if (bs !== as) {
    out.push({
      kind: "status", ...base,
      before: bc.status ? wordOf(bc, `status:${bc.status}`) : "", after: ac.status ? wordOf(ac, `status:${ac.status}`) : "",
      message: `进度状态由“${label(bs)}”变为“${label(as)}”`,
    });
  }
  if (bc.negations !== ac.negations) {
    const message =
      ac.negations === 0 ? `原文是否定（“${bc.words.negation}”），改后成了肯定`
      : bc.negations === 0 ? `原文是肯定，改后加了否定（“${ac.words.negation}”）`
      : `否定由${bc.negations}处（“${bc.words.negation}”）变为${ac.negations}处（“${ac.words.negation}”）`;
    out.push({ kind: "negation", ...base, before: bc.words.negation ?? "", after: ac.words.negation ?? "", message });
  }
  for (const dim of ["modality", "scope"] as const) {
    const bv = [...bc[dim]].sort();
    const av = [...ac[dim]].sort();
    if (bv.join() !== av.join()) {
      out.push({
        kind: dim, ...base, before: listWords(bc, dim, bv), after: listWords(ac, dim, av),
        message: `${CLAIM_KIND_LABELS[dim]}由“${bv.map(label).join("、") || "（无）"}”变为“${av.map(label).join("、") || "（无）"}”`,
      });
    }
  }
  return out;
}

function approvalsOf(clauses: Clause[]): Map<string, Clause> {
  const m = new Map<string, Clause>();
  for (const c of clauses) for (const v of c.claims.approvals) if (!m.has(v)) m.set(v, c);
  return m;
}

function approvalChanges(before: Clause[], after: Clause[], dropped: boolean): ClaimChange[] {
  const b = approvalsOf(before);
  const a = approvalsOf(after);
  const out: ClaimChange[] = [];
  for (const [v, c] of a) {
    if (b.has(v)) continue;
    out.push({ kind: "approval", before: "", after: wordOf(c.claims, `approval:${v}`), beforeText: "", afterText: c.text, message: `新增了“${label(v)}”的说法（“${wordOf(c.claims, `approval:${v}`)}”）` });
  }
  if (dropped) {
    for (const [v, c] of b) {
      if (a.has(v)) continue;
      out.push({ kind: "approval", before: wordOf(c.claims, `approval:${v}`), after: "", beforeText: c.text, afterText: "", message: `删去了“${label(v)}”的说法（“${wordOf(c.claims, `approval:${v}`)}”）` });
    }
  }
  return out;
}

// Full-width and half-width forms of one name are one name: （试行） and (试行) name the same document.
const key = (s: string) => s.normalize("NFKC");

function known(name: Name, others: Name[], allowed: string[], text: string): boolean {
  const n = key(name.text);
  const bare = n.replace(/^[“《]|[”》]$/g, "");
  return (
    key(text).includes(bare) ||
    others.some((o) => abbreviates(n, key(o.text)) || abbreviates(key(o.text), n)) ||
    allowed.some((u) => u === bare || abbreviates(bare, u))
  );
}

function clauseWith(clauses: Clause[], s: string): string {
  const bare = s.replace(/^[“《]|[”》]$/g, "");
  return clauses.find((c) => c.text.includes(bare))?.text ?? "";
}

const NAME_KINDS: Record<Name["kind"], string> = { person: "人名", place: "地名", unit: "单位名", project: "项目或文件名" };

export interface NameContext {
  /** The writing unit: it and its superiors may always be named. */
  unit?: string;
  /** Further names that are always allowed (the guiding thought's formulations, stock phrasing). */
  allowed?: string[];
  /** Surnames and name endings; default: the built-in lists. */
  names?: NameLists;
}

function nameChanges(beforeText: string, afterText: string, before: Clause[], after: Clause[], ctx: NameContext, dropped: boolean): ClaimChange[] {
  const allowed = [...(ctx.unit ? unitNames(ctx.unit) : []), ...(ctx.allowed ?? [])];
  const bn = extractNames(beforeText, ctx.names);
  const an = extractNames(afterText, ctx.names);
  const out: ClaimChange[] = [];
  for (const n of an) {
    if (known(n, bn, allowed, beforeText)) continue;
    out.push({ kind: "name", before: "", after: n.text, beforeText: "", afterText: clauseWith(after, n.text), message: `新增了${NAME_KINDS[n.kind]}“${n.text}”` });
  }
  if (dropped) {
    for (const n of bn) {
      if (known(n, an, allowed, afterText)) continue;
      out.push({ kind: "name", before: n.text, after: "", beforeText: clauseWith(before, n.text), afterText: "", message: `删去了${NAME_KINDS[n.kind]}“${n.text}”` });
    }
  }
  return out;
}

function dedupe(changes: ClaimChange[]): ClaimChange[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const k = `${c.kind}|${c.beforeText}|${c.afterText}|${c.before}|${c.after}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The claims a rewrite changed: every clause of either text that has a counterpart in the other is
 * compared class by class; approvals and names may be neither added nor dropped.
 */
export function compareClaims(before: string, after: string, ctx: NameContext & CompareOptions = {}): ClaimChange[] {
  const bc = splitClauses(before);
  const ac = splitClauses(after);
  const ba = alignIndex(bc, ac);
  const ab = alignIndex(ac, bc);
  const changes = [
    ...pairsOf(bc, ac, ba).flatMap(([b, a]) => clauseChanges(b, a, ctx)),
    ...pairsOf(ac, bc, ab).flatMap(([a, b]) => clauseChanges(b, a, ctx)),
    ...replacedPairs(bc, ac, ba, ab).flatMap(([b, a]) => clauseChanges(b, a, ctx)),
    ...approvalChanges(bc, ac, true),
    ...nameChanges(before, after, bc, ac, ctx, true),
  ];
  return dedupe(changes);
}

/**
 * The claims a drafted section makes beyond its facts: a clause about a fact must claim what the
 * fact claims, and the section may name no one and approve nothing the facts do not. Stock lines
 * that are about no fact are not compared (they claim nothing about the year's work).
 */
export function claimsBeyondFacts(section: string, facts: string[], ctx: NameContext & CompareOptions = {}): ClaimChange[] {
  const sc = splitClauses(section);
  const fc = facts.flatMap(splitClauses);
  const joined = facts.join("\n");
  const changes = [
    ...pairsOf(fc, sc, alignIndex(fc, sc)).flatMap(([f, s]) => clauseChanges(f, s, ctx)),
    ...approvalChanges(fc, sc, false),
    ...nameChanges(joined, section, fc, sc, ctx, false),
  ];
  return dedupe(changes);
}

/** One line per change, for warnings and the repair prompt. */
export function describeClaimChange(c: ClaimChange): string {
  const where = c.afterText ? `（“${c.afterText}”）` : c.beforeText ? `（原句“${c.beforeText}”）` : "";
  return `${c.message}${where}`;
}
