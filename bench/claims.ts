/**
 * Claim guard bench: how the guards do on the hand-written pairs, how often they refuse a faithful
 * offline rewrite of real report text (the five sample reports, paragraph by paragraph), how many
 * planted claim changes in that text they catch, and what a comparison costs. Colloquial pairs (a
 * clerk's note, its faithful formal rewrite, unfaithful versions) are scored as the rewrite's polish
 * scores them: ours always (test/server/claims/colloquial-pairs.ts), and a file of held-out pairs
 * when one is given (`npm run bench -- --only claims --pairs FILE.jsonl`, read, never copied); `--verbose` lists each
 * refused faithful rewrite with the changes that refused it, and each unfaithful one let through with what it changed.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compareClaims } from "../server/claims/compare.ts";
import type { ClaimKind } from "../server/claims/types.ts";
import { refusing } from "../server/claims/types.ts";
import { parseFactsText } from "../server/drafting/facts.ts";
import { generateDraft } from "../server/drafting/run.ts";
import { loadPrompts } from "../server/llm/prompts.ts";
import { silentLogger } from "../server/log.ts";
import { enumerate, polishOffline } from "../server/rewrite/offline.ts";
import { judgeRewrite } from "../server/rewrite/judge.ts";
import type { RewriteMode } from "../server/rewrite/types.ts";
import { extractFigures, type Figure } from "../server/numbers/index.ts";
import { readColloquialFigures } from "../server/rewrite/figures.ts";

const figuresOf = (from: string, to: string) => ({ before: extractFigures(readColloquialFigures(from)), after: extractFigures(readColloquialFigures(to)) });
import { COLLOQUIAL, COLLOQUIAL_UNIT, type ColloquialCase } from "../test/server/claims/colloquial-pairs.ts";
import { PAIRS } from "../test/server/claims/pairs.ts";
import type { BenchOptions, BenchPart } from "./types.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// One planted change per guard: [kind, pattern to find, replacement]. Figures are never touched.
export const PLANTS: Array<[ClaimKind, RegExp, string]> = [
  ["status", /计划|拟/, "已"],
  ["status", /(?<![而得])已(?:经)?/, "计划"],
  ["negation", /尚未|没有|未(?!成年|来)/, ""],
  ["modality", /可以|鼓励/, "必须"],
  ["modality", /必须|严禁/, "可以"],
  ["scope", /初步|基本|部分/, "全面"],
  ["scope", /全面(?=[建实覆完])|全部|所有/, "初步"],
  ["approval", /(?=[^，。；]{0,12}[。；])/, "，经县委常委会审议通过"],
  ["name", /(?=开展)/, "联合柳林镇"],
];

export function paragraphs(): string[] {
  const dir = path.join(ROOT, "corpus");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .flatMap((f) => readFileSync(path.join(dir, f), "utf8").split(/\n+/))
    .map((p) => p.trim())
    .filter((p) => p.length >= 30 && /[\u4e00-\u9fff]/.test(p));
}

/** One rewrite to judge: the note, a version of it, the mode it was written in, and (for an unfaithful one) what changed. */
export interface Judged {
  from: string;
  text: string;
  mode: RewriteMode;
  changed?: ClaimKind[];
  kind?: string;
  /** The note's id in a pairs file, and (for an unfaithful version) the faithful text of its mode, for the listing. */
  id?: string;
  faithfulText?: string;
}

/**
 * Refused as the rewrite refuses (server/rewrite/rewrite.ts finish): a figure changed, or a claim, held
 * as the mode holds it. `flags` are the weaker changes an accepted rewrite shows the writer (and a
 * figure a shortening left out): an accepted rewrite may carry flags, and it still counts as accepted.
 */
function refusedFor(j: Judged, unit: string): { refused: boolean; kinds: Set<string>; flags: Set<string>; rules: Set<string> } {
  const judged = judgeRewrite(j.from, j.text, j.mode, { unit });
  const { refusal: f, dropped, derived, requalified } = judged.figures;
  const found = judged.changes;
  const kinds = new Set<string>(refusing(found).map((c) => c.kind));
  // The rules that refused (which rule of the guard, not which words of the text: the reason table).
  const rules = new Set<string>(refusing(found).map((c) => c.rule ?? c.kind));
  if (f.added.length || f.missing.length) kinds.add("figure");
  // Same value with another qualifier on the other side, or no such value there at all.
  const values = (fs: Figure[]) => new Set(fs.map((x) => `${x.kind}:${x.value}`));
  const { before: bf, after: af } = figuresOf(j.from, j.text);
  for (const x of f.added) rules.add(`figure:added-${values(bf).has(`${x.kind}:${x.value}`) ? "qualifier" : "value"}`);
  for (const x of f.missing) rules.add(`figure:missing-${values(af).has(`${x.kind}:${x.value}`) ? "qualifier" : "value"}`);
  const flags = new Set<string>(found.filter((c) => c.weak).map((c) => c.kind));
  if (dropped.length) flags.add("figure dropped");
  if (derived.length) flags.add("figure derived");
  if (requalified.length) flags.add("figure requalified");
  return { refused: kinds.size > 0, kinds, flags, rules };
}

/** Why the faithful rewrites were refused (each refusal counted once per kind) and what the accepted ones were flagged for. */
function reasonTable(faithful: Judged[], unit: string): { refused: Record<string, number>; byRule: Record<string, number>; flagged: Record<string, number>; flaggedAccepted: number } {
  const refused: Record<string, number> = {};
  const byRule: Record<string, number> = {};
  const flagged: Record<string, number> = {};
  let flaggedAccepted = 0;
  for (const j of faithful) {
    const r = refusedFor(j, unit);
    if (r.refused) for (const k of r.kinds) refused[k] = (refused[k] ?? 0) + 1;
    if (r.refused) for (const k of r.rules) byRule[k] = (byRule[k] ?? 0) + 1;
    else if (r.flags.size) {
      flaggedAccepted++;
      for (const k of r.flags) flagged[k] = (flagged[k] ?? 0) + 1;
    }
  }
  return { refused, byRule, flagged, flaggedAccepted };
}

const tableText = (t: Record<string, number>) => Object.entries(t).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(", ") || "none";

/** Faithful accepted and unfaithful caught (refused for a figure or a claim) over colloquial pairs. */
export function scoreColloquial(faithful: Judged[], unfaithful: Judged[], unit = COLLOQUIAL_UNIT) {
  const refusedFaithful = faithful.filter((j) => refusedFor(j, unit).refused);
  let everyKind = 0;
  const missed: Judged[] = [];
  const byKind: Record<string, { n: number; caught: number }> = {};
  for (const j of unfaithful) {
    const { refused, kinds } = refusedFor(j, unit);
    if (!refused) missed.push(j);
    if (j.changed?.length && j.changed.every((k) => kinds.has(k))) everyKind++;
    if (j.kind) {
      const k = (byKind[j.kind] ??= { n: 0, caught: 0 });
      k.n++;
      if (refused) k.caught++;
    }
  }
  return { faithful: faithful.length, accepted: faithful.length - refusedFaithful.length, variants: unfaithful.length, caught: unfaithful.length - missed.length, everyKind, withKinds: unfaithful.filter((j) => j.changed?.length).length, byKind, missed, refusedFaithful };
}

/** The spans where two texts differ (a character LCS): what an unfaithful version changed against the faithful one. */
function differing(a: string, b: string): string {
  const n = a.length;
  const m = b.length;
  const t = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let k = m - 1; k >= 0; k--) t[i][k] = a[i] === b[k] ? t[i + 1][k + 1] + 1 : Math.max(t[i + 1][k], t[i][k + 1]);
  const out: string[] = [];
  let i = 0;
  let k = 0;
  let del = "";
  let ins = "";
  const flush = () => {
    if (del || ins) out.push(`[${del}→${ins}]`);
    del = ins = "";
  };
  while (i < n || k < m) {
    if (i < n && k < m && a[i] === b[k]) {
      flush();
      i++;
      k++;
    } else if (k < m && (i === n || t[i][k + 1] >= t[i + 1][k])) ins += b[k++];
    else del += a[i++];
  }
  flush();
  return out.join(" ");
}

/** `--verbose`: each refused faithful rewrite with what refused it, and each unfaithful version let through with what it changed and what was read. */
export function listing(refused: Judged[], missed: Judged[]): string[] {
  const lines: string[] = [];
  const said = (c: { kind: string; rule?: string; before: string; after: string; beforeText: string; afterText: string; weak?: boolean }) =>
    `    ${c.weak ? "flag" : "REFUSE"} ${c.kind}/${c.rule ?? ""}: ${c.before || "∅"} → ${c.after || "∅"} | ${c.beforeText} ‖ ${c.afterText}`;
  for (const j of refused) {
    const r = judgeRewrite(j.from, j.text, j.mode, { unit: COLLOQUIAL_UNIT });
    lines.push(`refused faithful ${j.id ?? ""} ${j.mode}`);
    const f = r.figures.refusal;
    if (f.added.length || f.missing.length) lines.push(`    REFUSE figure: added ${f.added.map((x) => x.raw).join("、") || "∅"}; missing ${f.missing.map((x) => x.raw).join("、") || "∅"}`);
    for (const c of r.changes) if (!c.weak) lines.push(said(c));
  }
  for (const j of missed) {
    const r = judgeRewrite(j.from, j.text, j.mode, { unit: COLLOQUIAL_UNIT });
    lines.push(`missed ${j.kind} ${j.id ?? ""} ${j.mode}: ${j.faithfulText ? differing(j.faithfulText, j.text) : j.text}`);
    for (const c of r.changes) lines.push(said(c));
  }
  return lines;
}

/** Our own pairs: each note's faithful rewrite and unfaithful versions, as a polish. */
function ownJudged(cases: ColloquialCase[]): { faithful: Judged[]; unfaithful: Judged[] } {
  return {
    faithful: cases.map((c) => ({ from: c.colloquial, text: c.faithful, mode: "polish" as const })),
    unfaithful: cases.flatMap((c) => c.unfaithful.map((u) => ({ from: c.colloquial, text: u.text, mode: "polish" as const, changed: u.changed }))),
  };
}

/**
 * Held-out pairs, one JSON object a line: {colloquial, faithful: {polish, enumerate, shorten} (or one
 * string, a polish), unfaithful: [{mode, text, kind}]}. Read, never copied into the repository.
 */
export function readPairsFile(file: string): { faithful: Judged[]; unfaithful: Judged[] } {
  const faithful: Judged[] = [];
  const unfaithful: Judged[] = [];
  for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
    if (!line.trim()) continue;
    const o = JSON.parse(line) as { id?: string; colloquial: string; faithful: string | Record<string, string | null>; unfaithful?: Array<{ mode?: string; text: string; kind?: string }> };
    const versions = typeof o.faithful === "string" ? { polish: o.faithful } : o.faithful;
    for (const [mode, text] of Object.entries(versions)) if (typeof text === "string" && text) faithful.push({ from: o.colloquial, text, mode: mode as RewriteMode, id: o.id });
    for (const u of o.unfaithful ?? []) {
      const mode = (u.mode ?? "polish") as RewriteMode;
      const f = versions[mode];
      unfaithful.push({ from: o.colloquial, text: u.text, mode, kind: u.kind, id: o.id, faithfulText: typeof f === "string" ? f : undefined });
    }
  }
  return { faithful, unfaithful };
}

export async function run(opts: BenchOptions): Promise<BenchPart> {
  const rows: Array<[string, string]> = [];
  const figures: Record<string, unknown> = {};
  const pct = (a: number, b: number) => `${a} / ${b} (${b ? ((a / b) * 100).toFixed(1) : "0"}%)`;

  const ownSet = ownJudged(COLLOQUIAL);
  const own = scoreColloquial(ownSet.faithful, ownSet.unfaithful);
  rows.push(["own colloquial pairs: faithful formal rewrite accepted", pct(own.accepted, own.faithful)]);
  rows.push(["own colloquial pairs: unfaithful versions caught (refused, not merely flagged)", pct(own.caught, own.variants)]);
  rows.push(["own colloquial pairs: unfaithful with every labelled kind reported", pct(own.everyKind, own.withKinds)]);
  figures.ownColloquial = { faithful: own.faithful, accepted: own.accepted, variants: own.variants, caught: own.caught, everyKind: own.everyKind };
  // Notes of ours in the held-out file format, in three modes (test/fixtures/claims/clerk-notes8.jsonl).
  const notesSet = readPairsFile(path.join(ROOT, "test", "fixtures", "claims", "clerk-notes8.jsonl"));
  const notes = scoreColloquial(notesSet.faithful, notesSet.unfaithful);
  rows.push(["own clerk's notes (all modes): faithful accepted", pct(notes.accepted, notes.faithful)]);
  rows.push(["own clerk's notes: unfaithful versions caught (refused)", pct(notes.caught, notes.variants)]);
  figures.ownNotes = { faithful: notes.faithful, accepted: notes.accepted, variants: notes.variants, caught: notes.caught };
  // Session 11's notes of ours: places and levels, approximate shares, a list's lead clause (clerk-notes11.jsonl).
  const slotSet = readPairsFile(path.join(ROOT, "test", "fixtures", "claims", "clerk-notes11.jsonl"));
  const slots = scoreColloquial(slotSet.faithful, slotSet.unfaithful);
  rows.push(["own notes on places, shares and lead clauses: faithful accepted", pct(slots.accepted, slots.faithful)]);
  rows.push(["own notes on places, shares and lead clauses: unfaithful caught (refused)", pct(slots.caught, slots.variants)]);
  const at = process.argv.indexOf("--pairs");
  if (at >= 0 && process.argv[at + 1]) {
    const set = readPairsFile(process.argv[at + 1]);
    const held = scoreColloquial(set.faithful, set.unfaithful);
    for (const mode of ["polish", "enumerate", "shorten"] as const) {
      const f = set.faithful.filter((j) => j.mode === mode);
      if (f.length) rows.push([`held-out pairs: faithful ${mode} accepted`, pct(f.length - held.refusedFaithful.filter((j) => j.mode === mode).length, f.length)]);
    }
    rows.push(["held-out pairs: faithful, all modes, accepted", pct(held.accepted, held.faithful)]);
    const reasons = reasonTable(set.faithful, COLLOQUIAL_UNIT);
    rows.push(["held-out pairs: accepted faithful shown with a flag for the writer", pct(reasons.flaggedAccepted, held.accepted)]);
    rows.push(["held-out pairs: refused faithful, by kind (one refusal may count in several)", tableText(reasons.refused)]);
    rows.push(["held-out pairs: refused faithful, by rule", tableText(reasons.byRule)]);
    rows.push(["held-out pairs: flags on accepted faithful, by kind", tableText(reasons.flagged)]);
    // Which rules caught each unfaithful version alone: the rules the floor rests on.
    const sole: Record<string, number> = {};
    for (const j of set.unfaithful) {
      const r = refusedFor(j, COLLOQUIAL_UNIT);
      if (r.rules.size === 1) for (const k of r.rules) sole[k] = (sole[k] ?? 0) + 1;
    }
    rows.push(["held-out pairs: unfaithful caught by one rule alone, by rule", tableText(sole)]);
    const claimOnly = held.refusedFaithful.filter((j) => [...refusedFor(j, COLLOQUIAL_UNIT).kinds].some((k) => k !== "figure")).length;
    const figureOnly = held.refusedFaithful.length - claimOnly;
    rows.push(["held-out pairs: faithful accepted by the claim guard (figure guard aside)", pct(held.faithful - claimOnly, held.faithful)]);
    rows.push(["held-out pairs: faithful refused for a figure alone", `${figureOnly}`]);
    rows.push(["held-out pairs: unfaithful versions caught (refused, not merely flagged)", pct(held.caught, held.variants)]);
    const flaggedMissed = held.missed.filter((j) => refusedFor(j, COLLOQUIAL_UNIT).flags.size > 0).length;
    rows.push(["held-out pairs: unfaithful not refused but flagged for the writer (请核对)", pct(flaggedMissed, held.missed.length)]);
    for (const [k, v] of Object.entries(held.byKind)) rows.push([`held-out pairs: unfaithful ${k} caught`, pct(v.caught, v.n)]);
    if (process.argv.includes("--verbose")) for (const line of listing(held.refusedFaithful, held.missed)) opts.log(line);
    if (process.argv.includes("--show")) {
      for (const j of held.refusedFaithful) opts.log(`refused faithful (${j.mode}): ${[...refusedFor(j, COLLOQUIAL_UNIT).kinds].join(",")}`);
      for (const j of held.missed) opts.log(`missed (${j.kind})`);
    }
    figures.heldOutColloquial = { faithful: held.faithful, accepted: held.accepted, variants: held.variants, caught: held.caught, byKind: held.byKind };
  }

  const faithful = PAIRS.filter((p) => p.changed.length === 0);
  const unfaithful = PAIRS.filter((p) => p.changed.length > 0);
  const passed = faithful.filter((p) => compareClaims(p.before, p.after, { unit: "西山县委政法委" }).length === 0).length;
  const caught = unfaithful.filter((p) => {
    const kinds = new Set(compareClaims(p.before, p.after, { unit: "西山县委政法委" }).map((c) => c.kind));
    return p.changed.every((k) => kinds.has(k));
  }).length;
  rows.push(["hand-written pairs: faithful passed", `${passed} / ${faithful.length}`]);
  rows.push(["hand-written pairs: unfaithful caught (every expected kind)", `${caught} / ${unfaithful.length}`]);
  figures.faithfulPassed = passed;
  figures.faithful = faithful.length;
  figures.unfaithfulCaught = caught;
  figures.unfaithful = unfaithful.length;

  const paras = paragraphs();
  let refusedPolish = 0;
  let refusedEnumerate = 0;
  let judgedEnumerate = 0;
  const rewritten = paras.map((p) => {
    const polished = polishOffline(p);
    return { p, polished, listed: enumerate(polished) };
  });
  for (const { p, polished, listed } of rewritten) {
    if (compareClaims(p, polished).length) refusedPolish++;
    if (compareClaims(p, listed).length) refusedEnumerate++;
    if (judgeRewrite(p, listed, "enumerate").refused) judgedEnumerate++;
  }
  // Timed apart from the counting pass above, which also warmed the code and loaded jieba: median of 5.
  const chars = paras.reduce((n, p) => n + p.length, 0);
  const passes: number[] = [];
  for (let k = 0; k < (opts.quick ? 3 : 5); k++) {
    const t0 = performance.now();
    for (const { p, polished } of rewritten) compareClaims(p, polished);
    passes.push(performance.now() - t0);
  }
  const ms = passes.sort((a, b) => a - b)[Math.floor(passes.length / 2)];
  rows.push([`sample reports: ${paras.length} paragraphs, offline polish refused for a claim`, `${refusedPolish}`]);
  rows.push(["sample reports: 一是/二是 restructuring refused for a claim", `${refusedEnumerate}`]);
  rows.push(["sample reports: 一是/二是 restructuring refused as the rewrite judges (figures too)", `${judgedEnumerate}`]);
  rows.push(["comparison cost (original + rewrite)", `${((ms / chars) * 1000).toFixed(2)} ms per 1000 characters of original`]);
  figures.corpusParagraphs = paras.length;
  figures.corpusPolishRefused = refusedPolish;
  figures.corpusEnumerateRefused = refusedEnumerate;
  figures.corpusEnumerateJudgedRefused = judgedEnumerate;
  figures.msPer1000Chars = Number(((ms / chars) * 1000).toFixed(3));

  const planted: Record<string, { tried: number; caught: number }> = {};
  for (const p of paras) {
    for (const [kind, re, rep] of PLANTS) {
      if (!re.test(p)) continue;
      const changed = p.replace(re, rep);
      if (changed === p) continue;
      const k = (planted[kind] ??= { tried: 0, caught: 0 });
      k.tried++;
      if (refusing(compareClaims(p, changed)).some((c) => c.kind === kind)) k.caught++;
    }
  }
  for (const [kind, { tried, caught: c }] of Object.entries(planted)) {
    rows.push([`planted ${kind} changes in sample paragraphs refused for that kind`, `${c} / ${tried} (${((c / tried) * 100).toFixed(1)}%)`]);
    figures[`planted_${kind}`] = { tried, caught: c };
  }

  const prompts = loadPrompts(path.join(ROOT, "prompts"));
  const dir = path.join(ROOT, "test", "fixtures", "facts");
  let changedClaims = 0;
  const files = readdirSync(dir).filter((f) => f.endsWith(".txt"));
  for (const f of files) {
    const draft = await generateDraft(parseFactsText(readFileSync(path.join(dir, f), "utf8")), { model: null, prompts, logger: silentLogger }, () => {});
    changedClaims += draft.stats.changedClaims ?? 0;
  }
  rows.push([`offline drafts of ${files.length} fact fixtures: changed claims`, `${changedClaims}`]);
  figures.fixtureDraftChangedClaims = changedClaims;
  opts.log("claims bench done");
  return { title: "Claim guards (status, negation, modality, scope, approvals, names)", rows, figures };
}
