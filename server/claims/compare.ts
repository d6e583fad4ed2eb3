/**
 * Claim comparison: the clauses of two texts are grouped by what they are about (align.ts), and
 * each group is compared class by class. Approvals and names are
 * compared over the whole text, since a rewrite may move them between clauses freely.
 */
import { stripEnumerator, stripMarker } from "../text/headings.ts";
import type { NameLists } from "../text/names.ts";
import { splitSentences } from "../text/sentences.ts";
import { bestMatches, contentOf, groupsOf, type Content, type Group } from "./align.ts";
import { clauseClaims, CLASS_LABELS, type ClauseClaims, type Modality, type Scope, type Status } from "./markers.ts";
import { abbreviates, extractNames, unitNames, type Name } from "./names.ts";
import { unsupportedOutcomes } from "./outcomes.ts";
import { CLAIM_KIND_LABELS, type ClaimChange } from "./types.ts";

export { CLAIM_KINDS, CLAIM_KIND_LABELS, ClaimChangeSchema, type ClaimChange, type ClaimKind } from "./types.ts";

export interface Clause {
  text: string;
  claims: ClauseClaims;
  /** What the clause is about (figures, content characters), to pair it with its counterpart. */
  content: Content;
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
    .map((text) => ({ text, claims: clauseClaims(text), content: contentOf(text) }));
}

/**
 * Clauses rewritten beyond recognition (鼓励有条件的乡镇试点 → 各乡镇要全面推开) share too little to be
 * grouped by content. Where exactly one clause of each text sits outside every group between the
 * same two groups, one replaced the other: they are compared too. A clause merely dropped or added
 * (as shortening and expanding do) has no such counterpart and is left alone.
 */
function replacedPairs(nb: number, na: number, groups: Group[]): Group[] {
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

const label = (v: string | null) => (v ? CLASS_LABELS[v] ?? v : "（无）");
const labels = (vs: string[]) => vs.map(label).join("、") || "（无）";
const wordOf = (c: ClauseClaims, key: string) => c.words[key] ?? "";

export interface CompareOptions {
  /** The status "planned" is implied by the section (a plans section), so a dropped 计划/将 changes nothing. */
  impliedPlan?: boolean;
  /**
   * A clause of the new text about nothing in the original may not state a claim of its own (已全部补齐,
   * 尚未, 全面): polishing invents no claim. Off for expanding, which adds general lines.
   */
  strictAdded?: boolean;
  /** A clause of the original with no counterpart may not take a plan, a "not yet" or a negation with it. Off for shortening. */
  strictDropped?: boolean;
}

/** The claim kind an unpaired clause states on its own, with its wording, or null when it states none worth holding. */
function ownClaim(c: Clause, side: "added" | "dropped"): { kind: ClaimChange["kind"]; word: string } | null {
  const k = c.claims;
  if (k.negations > 0) return { kind: "negation", word: k.words.negation ?? "" };
  const statuses = side === "added" ? k.statuses.filter((s) => s === "ongoing" || s === "notdone" || (s === "done" && k.explicitDone)) : k.statuses.filter((s) => s !== "done");
  if (statuses.length) return { kind: "status", word: wordOf(k, `status:${statuses[0]}`) };
  const scope = side === "added" ? k.scope.filter((v) => !k.weakScope.includes(v)) : [];
  if (scope.length) return { kind: "scope", word: wordOf(k, `scope:${scope[0]}`) };
  return null;
}

function unpairedChanges(bc: Clause[], ac: Clause[], groups: Group[], ctx: CompareOptions): ClaimChange[] {
  const out: ClaimChange[] = [];
  const pairedB = new Set(groups.flatMap((g) => g.before));
  const pairedA = new Set(groups.flatMap((g) => g.after));
  if (ctx.strictAdded) {
    ac.forEach((c, j) => {
      const own = pairedA.has(j) ? null : ownClaim(c, "added");
      if (own) out.push({ kind: own.kind, before: "", after: own.word, beforeText: "", afterText: c.text, message: `新增了原文没有的说法（“${own.word}”）` });
    });
  }
  if (ctx.strictDropped) {
    bc.forEach((c, i) => {
      const own = pairedB.has(i) ? null : ownClaim(c, "dropped");
      if (own) out.push({ kind: own.kind, before: own.word, after: "", beforeText: c.text, afterText: "", message: `删去了原文的说法（“${own.word}”）` });
    });
  }
  return out;
}

/** What a group of clauses claims together: the union of statuses, modalities and scopes, the sum of negations. */
interface Side {
  text: string;
  statuses: Set<Status>;
  /** Some clause states no status: plain narration, which in a report of the work done reads as done. */
  narration: boolean;
  explicitDone: boolean;
  perfective: boolean;
  strayDone: boolean;
  negations: number;
  modality: Set<Modality>;
  scope: Set<Scope>;
  /** Scopes said only weakly (都, 均, 一些), which a rewrite may add or drop. */
  weakScope: Set<Scope>;
  word: (key: string) => string;
  negationWords: string;
}

function sideOf(clauses: Clause[], options: CompareOptions): Side {
  const statuses = new Set<Status>();
  let narration = false;
  for (const c of clauses) {
    const own = c.claims.statuses.length === 0 && options.impliedPlan ? ["planned" as const] : c.claims.statuses;
    if (own.length === 0) narration = true;
    for (const s of own) statuses.add(s);
  }
  const scopes = new Set(clauses.flatMap((c) => c.claims.scope));
  const modality = new Set(clauses.flatMap((c) => c.claims.modality));
  // Encouraging something permits it: 可以……，我们鼓励 → 鼓励 says no less.
  if (modality.has("encourage")) modality.add("permit");
  return {
    text: clauses.map((c) => c.text).join("，"),
    statuses,
    narration,
    explicitDone: clauses.some((c) => c.claims.explicitDone),
    perfective: clauses.some((c) => c.claims.perfective),
    strayDone: clauses.some((c) => c.claims.strayDone),
    negations: clauses.reduce((n, c) => n + c.claims.negations, 0),
    modality,
    scope: scopes,
    weakScope: new Set([...scopes].filter((v) => clauses.every((c) => !c.claims.scope.includes(v) || c.claims.weakScope.includes(v)))),
    word: (key) => clauses.map((c) => wordOf(c.claims, key)).find(Boolean) ?? "",
    negationWords: clauses.map((c) => c.claims.words.negation).filter(Boolean).join("、"),
  };
}

const minus = <T,>(a: Set<T>, b: Set<T>) => [...a].filter((x) => !b.has(x));

/** The status change of a group, or null: see docs/claims.md for when plain narration and 已 are one claim. */
function statusChange(b: Side, a: Side): { removed: Status[]; added: Status[] } | null {
  let added = minus(a.statuses, b.statuses);
  let removed = minus(b.statuses, a.statuses);
  // Narration that says the work happened (搞了, 招了) reads as done, so 已 or 完成 may be added to it;
  // a bare statement (开展反诈宣传12次) gains a claim from 已, and a 已 with no verb after it is no rewording.
  if ((b.statuses.has("done") || (b.narration && b.perfective)) && !a.strayDone) added = added.filter((s) => s !== "done");
  // 已 or 完成 may be dropped: narration still reads as done.
  if (a.narration || a.statuses.has("done") || removed.some((s) => s !== "done" && s !== "notdone")) removed = removed.filter((s) => s !== "done");
  // "Not done" is what a negation says, and the negations are compared as such: it is a status change
  // of its own only against an outright 已 or 完成 (尚未完成 → 已经完成, not 没出命案 → 发生命案).
  if (!a.explicitDone) removed = removed.filter((s) => s !== "notdone");
  if (!b.explicitDone) added = added.filter((s) => s !== "notdone");
  // What is in progress is not done yet: 还剩4个 → 剩余4个正在建设中.
  if (b.statuses.has("notdone")) added = added.filter((s) => s !== "ongoing");
  if (a.statuses.has("notdone")) removed = removed.filter((s) => s !== "ongoing");
  return added.length === 0 && removed.length === 0 ? null : { removed, added };
}

/** The differences of two groups of clauses about the same thing. */
function groupChanges(bClauses: Clause[], aClauses: Clause[], options: CompareOptions): ClaimChange[] {
  const out: ClaimChange[] = [];
  const b = sideOf(bClauses, options);
  const a = sideOf(aClauses, options);
  const base = { beforeText: b.text, afterText: a.text };
  const negationChanged = b.negations !== a.negations;
  const status = statusChange(b, a);
  if (status) {
    const bs = [...b.statuses];
    const as = [...a.statuses];
    out.push({
      kind: "status", ...base,
      before: status.removed.map((s) => b.word(`status:${s}`)).filter(Boolean).join("、") || bs.map((s) => b.word(`status:${s}`)).filter(Boolean).join("、"),
      after: status.added.map((s) => a.word(`status:${s}`)).filter(Boolean).join("、") || as.map((s) => a.word(`status:${s}`)).filter(Boolean).join("、"),
      message: `进度状态由“${labels(bs)}”变为“${labels(as)}”`,
    });
  }
  if (negationChanged) {
    const message =
      a.negations === 0 ? `原文是否定（“${b.negationWords}”），改后成了肯定`
      : b.negations === 0 ? `原文是肯定，改后加了否定（“${a.negationWords}”）`
      : `否定由${b.negations}处（“${b.negationWords}”）变为${a.negations}处（“${a.negationWords}”）`;
    out.push({ kind: "negation", ...base, before: b.negationWords, after: a.negationWords, message });
  }
  for (const dim of ["modality", "scope"] as const) {
    let added = minus(a[dim] as Set<string>, b[dim] as Set<string>);
    let removed = minus(b[dim] as Set<string>, a[dim] as Set<string>);
    if (dim === "scope") {
      // 都 and 均 add or drop "all", 一些 "some", without saying what a word for it (全部, 部分) would;
      // only in place of nothing, never beside another scope that changed.
      added = added.filter((s) => !a.weakScope.has(s as Scope));
      removed = removed.filter((s) => !b.weakScope.has(s as Scope));
    }
    if (added.length === 0 && removed.length === 0) continue;
    const bv = [...(b[dim] as Set<string>)].sort();
    const av = [...(a[dim] as Set<string>)].sort();
    out.push({
      kind: dim, ...base,
      before: bv.map((v) => b.word(`${dim}:${v}`) || v).join("、"), after: av.map((v) => a.word(`${dim}:${v}`) || v).join("、"),
      message: `${CLAIM_KIND_LABELS[dim]}由“${labels(bv)}”变为“${labels(av)}”`,
    });
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

const AGENCY = /([\u4e00-\u9fff]{2})(部门|机关)/g;
const GENERIC_AGENCY = /^(?:县直|市直|区直|省直|镇直|直属|所属|交办|承办|主办|协办|办理|移交|相关|有关|职能|主管|责任|行业|执法|业务|其他|上级|党政|各级|成员|牵头|配合|协作|涉及|属地|工作|政府|国家)$/;

function nameChanges(beforeText: string, afterText: string, before: Clause[], after: Clause[], ctx: NameContext, dropped: boolean): ClaimChange[] {
  const allowed = [...(ctx.unit ? unitNames(ctx.unit) : []), ...(ctx.allowed ?? [])];
  const bn = extractNames(beforeText, ctx.names);
  const an = extractNames(afterText, ctx.names);
  const out: ClaimChange[] = [];
  for (const n of an) {
    if (known(n, bn, allowed, beforeText)) continue;
    out.push({ kind: "name", before: "", after: n.text, beforeText: "", afterText: clauseWith(after, n.text), message: `新增了${NAME_KINDS[n.kind]}“${n.text}”` });
  }
  // An agency named by its line of work (市场监管部门, 公安机关) is a party to the work too: a rewrite may
  // bring in none that the original does not mention (文旅 → 文旅部门 is the same one; 相关部门 names none).
  for (const m of afterText.matchAll(AGENCY)) {
    if (GENERIC_AGENCY.test(m[1]) || beforeText.includes(m[1])) continue;
    out.push({ kind: "name", before: "", after: m[0], beforeText: "", afterText: clauseWith(after, m[0]), message: `新增了单位名“${m[1]}${m[2]}”` });
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
 * The claims a rewrite changed: every group of clauses about the same thing is compared claim by
 * claim; approvals and names may be neither added nor dropped.
 */
export function compareClaims(before: string, after: string, ctx: NameContext & CompareOptions = {}): ClaimChange[] {
  const bc = splitClauses(before);
  const ac = splitClauses(after);
  const groups = groupsOf(bestMatches(bc.map((c) => c.content), ac.map((c) => c.content)), bestMatches(ac.map((c) => c.content), bc.map((c) => c.content)));
  const all = [...groups, ...replacedPairs(bc.length, ac.length, groups)];
  const changes = [
    ...all.flatMap((g) => groupChanges(g.before.map((i) => bc[i]), g.after.map((j) => ac[j]), ctx)),
    ...unpairedChanges(bc, ac, all, ctx),
    ...approvalChanges(bc, ac, true),
    ...nameChanges(before, after, bc, ac, ctx, true),
    ...(ctx.strictAdded === false ? [] : outcomeChanges(before, after, ac)),
  ];
  return dedupe(changes);
}

/**
 * An outcome or evaluation the original does not state (群众法治意识显著增强, 群众均表示满意): a polish may
 * word the work better, never say what it achieved. Expanding may add general lines, so it is not held to this.
 */
function outcomeChanges(before: string, after: string, ac: Clause[]): ClaimChange[] {
  return unsupportedOutcomes(after, [before]).map((o) => ({
    kind: "outcome" as const, before: "", after: o.text, beforeText: "", afterText: clauseWith(ac, o.text), message: `新增了成效评价“${o.text}”`,
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
  const groups = groupsOf(bestMatches(fc.map((c) => c.content), sc.map((c) => c.content)), sc.map(() => -1));
  const changes = [
    ...groups.flatMap((g) => groupChanges(g.before.map((i) => fc[i]), g.after.map((j) => sc[j]), ctx)),
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
