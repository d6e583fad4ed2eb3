/**
 * `npx tsx bench/text-queries.ts --passages N --dir DIR [--reps R]` (not part of CI): on the search copy
 * saved by bench/search-saved.ts, each query's full-text top 24 timed alone (least of R runs), with its
 * tokens, its postings and the path it takes, and what the query's segmentation costs: where the
 * full-text half of a hybrid query spends its time, query by query. `--engines`: each query also
 * timed with every posting walked and with block maxima (alternated, least of R each), averaged by
 * postings per row of the copy (how `blockMaxPays` was chosen); the answers must agree.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { MemorySearchIndex } from "../server/store/memory-index.ts";
import { loadMemorySnapshot } from "../server/store/memory-snapshot.ts";
import { segment } from "../server/store/segment.ts";
import { blockMaxPays } from "../server/store/text-blockmax.ts";

const arg = (name: string, dflt: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : dflt;
};
const passages = Number(arg("--passages", "100000"));
const dir = path.resolve(arg("--dir", path.join(os.tmpdir(), `zongjie-search-${passages}`)));
const reps = Number(arg("--reps", "9"));
const ROOT = path.resolve(import.meta.dirname, "..");
const queries = ["queries.json", "queries-heldout.json"].flatMap((f) => (JSON.parse(readFileSync(path.join(ROOT, "test/fixtures", f), "utf8")) as { queries: Array<{ query: string }> }).queries.map((q) => q.query));
queries.push("扫黑除恶", "网格化管理", "矛盾纠纷排查化解", "政法队伍教育整顿", "平安建设");

const index = new MemorySearchIndex(512);
if (!loadMemorySnapshot(index, dir)) throw new Error("snapshot not read");
const text = (index as unknown as { text: { terms: Map<string, number>; start: Int32Array; minPrunedPostings: number; engine: string } }).text;
const rows: Array<{ q: string; tokens: number; postings: number; path: string; ms: number; segMs: number }> = [];
for (const q of queries) {
  const tokens = segment(q);
  let postings = 0;
  for (const t of tokens) {
    const id = text.terms.get(t);
    if (id !== undefined && id + 1 < text.start.length) postings += text.start[id + 1] - text.start[id];
  }
  const before = index.prunedTextSearches;
  index.searchText(tokens, 24);
  const pruned = index.prunedTextSearches > before;
  let ms = Infinity;
  let segMs = Infinity;
  for (let r = 0; r < reps; r++) {
    let t = performance.now();
    segment(q);
    segMs = Math.min(segMs, performance.now() - t);
    t = performance.now();
    index.searchText(tokens, 24);
    ms = Math.min(ms, performance.now() - t);
  }
  rows.push({ q, tokens: tokens.length, postings, path: !pruned ? "walk" : blockMaxPays(postings, index.size) ? "blockmax" : "taat", ms, segMs });
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
for (const p of ["walk", "taat", "blockmax"]) {
  const rs = rows.filter((r) => r.path === p);
  if (rs.length) console.log(`${p}: ${rs.length} queries, postings mean ${(sum(rs.map((r) => r.postings)) / rs.length).toFixed(0)}, least time mean ${(sum(rs.map((r) => r.ms)) / rs.length).toFixed(3)} ms, share of the total ${((100 * sum(rs.map((r) => r.ms))) / sum(rows.map((r) => r.ms))).toFixed(0)}%`);
}
console.log(`all: mean ${(sum(rows.map((r) => r.ms)) / rows.length).toFixed(3)} ms text top 24, segmentation ${(sum(rows.map((r) => r.segMs)) / rows.length).toFixed(3)} ms (load ${os.loadavg()[0].toFixed(1)})`);
if (process.argv.includes("--engines")) engines();
if (process.argv.includes("--verbose")) for (const r of rows.sort((a, b) => b.ms - a.ms)) console.log(`${r.ms.toFixed(3).padStart(7)} ms ${r.path.padEnd(8)} ${String(r.postings).padStart(7)} postings ${String(r.tokens).padStart(3)} tokens  ${r.q}`);
index.close();

function engines(): void {
  const modes = ["auto", "walk", "blockmax"];
  const minPruned = text.minPrunedPostings;
  const set = (m: string) => {
    text.minPrunedPostings = m === "walk" ? Infinity : minPruned;
    text.engine = m === "blockmax" ? "blockmax" : "auto";
  };
  const out: Array<{ postings: number; t: number[] }> = [];
  for (const r of rows) {
    const tokens = segment(r.q);
    const t = modes.map(() => Infinity);
    const answers = modes.map(() => "");
    for (let rep = 0; rep < reps; rep++) {
      modes.forEach((m, j) => {
        set(m);
        const t0 = performance.now();
        const hits = index.searchText(tokens, 24);
        t[j] = Math.min(t[j], performance.now() - t0);
        if (rep === 0) answers[j] = JSON.stringify(hits.map((h) => [h.id, h.score]));
      });
    }
    if (answers.some((a) => a !== answers[0])) console.log(`answers differ: ${r.q}`);
    out.push({ postings: r.postings, t });
  }
  set("auto");
  const n = index.size;
  const bands = [0, 0.1, 0.2, 0.5, 0.75, 1, 1.5, 2, 3, Infinity];
  console.log(`${n} rows; least of ${reps} per query, mean over the band (ms): ${modes.join(" / ")}`);
  for (let i = 0; i + 1 < bands.length; i++) {
    const rs = out.filter((r) => r.postings >= bands[i] * n && r.postings < bands[i + 1] * n);
    if (rs.length) console.log(`${bands[i]}–${bands[i + 1]} postings a row: ${rs.length} queries: ${modes.map((_, j) => (sum(rs.map((r) => r.t[j])) / rs.length).toFixed(3)).join(" / ")}`);
  }
  console.log(`all: ${modes.map((_, j) => (sum(out.map((r) => r.t[j])) / out.length).toFixed(3)).join(" / ")} (load ${os.loadavg()[0].toFixed(1)})`);
}
