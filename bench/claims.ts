/**
 * Claim guard bench: how the guards do on the hand-written pairs, how often they refuse a faithful
 * offline rewrite of real report text (the five sample reports, paragraph by paragraph), how many
 * planted claim changes in that text they catch, and what a comparison costs.
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

export async function run(opts: BenchOptions): Promise<BenchPart> {
  const rows: Array<[string, string]> = [];
  const figures: Record<string, unknown> = {};

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
