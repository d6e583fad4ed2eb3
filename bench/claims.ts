/**
 * Claim guard bench: how the guards do on the hand-written pairs, how often they refuse a faithful
 * offline rewrite of real report text (the five sample reports, paragraph by paragraph), how many
 * planted claim changes in that text they catch, and what a comparison costs. Colloquial pairs (a
 * clerk's note, its faithful formal rewrite, unfaithful versions) are scored as the rewrite's polish
 * scores them: ours always (test/server/claims/colloquial-pairs.ts), and a file of held-out pairs
 * when one is given (`npm run bench -- --only claims --pairs FILE.jsonl`, read, never copied).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compareClaims, type ClaimKind } from "../server/claims/compare.ts";
import { parseFactsText } from "../server/drafting/facts.ts";
import { generateDraft } from "../server/drafting/run.ts";
import { loadPrompts } from "../server/llm/index.ts";
import { silentLogger } from "../server/log.ts";
import { enumerate, polishOffline } from "../server/rewrite/offline.ts";
import { claimOptions } from "../server/rewrite/rewrite.ts";
import { COLLOQUIAL, COLLOQUIAL_UNIT, type ColloquialCase } from "../test/server/claims/colloquial-pairs.ts";
import { PAIRS } from "../test/server/claims/pairs.ts";
import type { BenchOptions, BenchPart } from "./types.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// One planted change per guard: [kind, pattern to find, replacement]. Figures are never touched.
const PLANTS: Array<[ClaimKind, RegExp, string]> = [
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

function paragraphs(): string[] {
  const dir = path.join(ROOT, "corpus");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .flatMap((f) => readFileSync(path.join(dir, f), "utf8").split(/\n+/))
    .map((p) => p.trim())
    .filter((p) => p.length >= 30 && /[\u4e00-\u9fff]/.test(p));
}

/** Faithful accepted and unfaithful caught (refused for a claim) over colloquial pairs, as the polish holds them. */
export function scoreColloquial(cases: ColloquialCase[], unit = COLLOQUIAL_UNIT) {
  const opts = { unit, ...claimOptions("polish") };
  const accepted = cases.filter((c) => compareClaims(c.colloquial, c.faithful, opts).length === 0).length;
  const variants = cases.flatMap((c) => c.unfaithful.map((u) => ({ ...u, from: c.colloquial })));
  let caught = 0;
  let everyKind = 0;
  const missed: string[] = [];
  for (const v of variants) {
    const kinds = new Set(compareClaims(v.from, v.text, opts).map((c) => c.kind));
    if (kinds.size > 0) caught++;
    else missed.push(v.text);
    if (v.changed.length > 0 && v.changed.every((k) => kinds.has(k))) everyKind++;
  }
  const refusedFaithful = cases.filter((c) => compareClaims(c.colloquial, c.faithful, opts).length > 0).map((c) => c.faithful);
  return { cases: cases.length, accepted, variants: variants.length, caught, everyKind, withKinds: variants.filter((v) => v.changed.length > 0).length, missed, refusedFaithful };
}

/**
 * Held-out pairs, one JSON object a line. The field names of the blind set are accepted in a few
 * spellings: the note (colloquial | before | original | source), its faithful rewrite (faithful |
 * formal | after | rewrite), and its unfaithful versions (unfaithful: strings or {text, changed?}).
 */
export function readPairsFile(file: string): ColloquialCase[] {
  const pick = (o: Record<string, unknown>, keys: string[]) => keys.map((k) => o[k]).find((v) => typeof v === "string") as string | undefined;
  const out: ColloquialCase[] = [];
  for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
    if (!line.trim()) continue;
    const o = JSON.parse(line) as Record<string, unknown>;
    const colloquial = pick(o, ["colloquial", "before", "original", "source", "input"]);
    const faithful = pick(o, ["faithful", "formal", "after", "rewrite", "faithful_rewrite"]);
    if (!colloquial || !faithful) throw new Error(`held-out pair without its colloquial or faithful side: ${line.slice(0, 80)}`);
    const raw = (o.unfaithful ?? o.unfaithful_variants ?? o.variants ?? []) as unknown[];
    const unfaithful = raw.map((u) =>
      typeof u === "string" ? { text: u, changed: [] } : { text: String((u as { text?: unknown }).text ?? (u as { rewrite?: unknown }).rewrite ?? ""), changed: [] },
    ).filter((u) => u.text);
    out.push({ colloquial, faithful, unfaithful });
  }
  return out;
}

export async function run(opts: BenchOptions): Promise<BenchPart> {
  const rows: Array<[string, string]> = [];
  const figures: Record<string, unknown> = {};
  const pct = (a: number, b: number) => `${a} / ${b} (${b ? ((a / b) * 100).toFixed(1) : "0"}%)`;

  const own = scoreColloquial(COLLOQUIAL);
  rows.push(["own colloquial pairs: faithful formal rewrite accepted", pct(own.accepted, own.cases)]);
  rows.push(["own colloquial pairs: unfaithful versions caught", pct(own.caught, own.variants)]);
  rows.push(["own colloquial pairs: unfaithful with every labelled kind reported", pct(own.everyKind, own.withKinds)]);
  figures.ownColloquial = own;
  const at = process.argv.indexOf("--pairs");
  if (at >= 0 && process.argv[at + 1]) {
    const held = scoreColloquial(readPairsFile(process.argv[at + 1]));
    rows.push(["held-out colloquial pairs: faithful formal rewrite accepted", pct(held.accepted, held.cases)]);
    rows.push(["held-out colloquial pairs: unfaithful versions caught", pct(held.caught, held.variants)]);
    figures.heldOutColloquial = { cases: held.cases, accepted: held.accepted, variants: held.variants, caught: held.caught };
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
  const rewritten = paras.map((p) => {
    const polished = polishOffline(p);
    return { p, polished, listed: enumerate(polished) };
  });
  for (const { p, polished, listed } of rewritten) {
    if (compareClaims(p, polished).length) refusedPolish++;
    if (compareClaims(p, listed).length) refusedEnumerate++;
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
  rows.push(["comparison cost (original + rewrite)", `${((ms / chars) * 1000).toFixed(2)} ms per 1000 characters of original`]);
  figures.corpusParagraphs = paras.length;
  figures.corpusPolishRefused = refusedPolish;
  figures.corpusEnumerateRefused = refusedEnumerate;
  figures.msPer1000Chars = Number(((ms / chars) * 1000).toFixed(3));

  const planted: Record<string, { tried: number; caught: number }> = {};
  for (const p of paras) {
    for (const [kind, re, rep] of PLANTS) {
      if (!re.test(p)) continue;
      const changed = p.replace(re, rep);
      if (changed === p) continue;
      const k = (planted[kind] ??= { tried: 0, caught: 0 });
      k.tried++;
      if (compareClaims(p, changed).some((c) => c.kind === kind)) k.caught++;
    }
  }
  for (const [kind, { tried, caught: c }] of Object.entries(planted)) {
    rows.push([`planted ${kind} changes in sample paragraphs caught`, `${c} / ${tried} (${((c / tried) * 100).toFixed(1)}%)`]);
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
