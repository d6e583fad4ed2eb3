/**
 * `npx tsx bench/search-saved.ts --passages N --dir DIR [--rounds R]` (not part of CI): the `--scale N`
 * bench's synthetic archive, built once and saved as the search copy's snapshot in DIR, then read back
 * on later runs, so one hybrid query can be timed and profiled again without the build. Runs the 92
 * labelled queries (tuning and held-out) and the bench's five more, R rounds, as the store's hybrid
 * search does (embed, segment, vector and full-text top 24, fusion); prints the CPU time per query
 * (the process's, best round and median round), the wall-clock p50 and a digest of the answers.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { MemorySearchIndex } from "../server/store/memory-index.ts";
import { loadMemorySnapshot, saveMemorySnapshot } from "../server/store/memory-snapshot.ts";
import { fuseHits } from "../server/store/search.ts";
import { LOCAL_FUSION } from "../server/store/fusion.ts";
import { segment } from "../server/store/segment.ts";
import { createLocalEmbedder } from "../server/embed/local.ts";
import { synthesize } from "./retrieval.ts";
import { buildArchive } from "./scale.ts";

const arg = (name: string, dflt: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : dflt;
};
const passages = Number(arg("--passages", "100000"));
const dir = path.resolve(arg("--dir", path.join(os.tmpdir(), `zongjie-search-${passages}`)));
const rounds = Number(arg("--rounds", "5"));
/** `--part vector` or `--part text`: that half of the hybrid query alone (its top 24). */
const part = arg("--part", "hybrid");
const ROOT = path.resolve(import.meta.dirname, "..");
const log = (l: string) => console.error(`[${new Date().toISOString().slice(11, 19)} load ${os.loadavg()[0].toFixed(1)}] ${l}`);
const DIMENSION = 512;

const queries = ["queries.json", "queries-heldout.json"].flatMap((f) => (JSON.parse(readFileSync(path.join(ROOT, "test/fixtures", f), "utf8")) as { queries: Array<{ query: string }> }).queries.map((q) => q.query));
queries.push("扫黑除恶", "网格化管理", "矛盾纠纷排查化解", "政法队伍教育整顿", "平安建设");

const budget = (n: number) => {
  const perRow = MemorySearchIndex.bytesPerRow(DIMENSION);
  const budgetMB = Math.max(256, Math.ceil((n * perRow) / 1048576 / 256) * 256);
  return budgetMB * 1048576 - n * perRow;
};

let index: MemorySearchIndex;
const embedder = createLocalEmbedder(DIMENSION);
if (!existsSync(path.join(dir, "current"))) {
  const built = await buildArchive({ passages, corpus: path.join(ROOT, "corpus"), log, synthesize });
  index = built.index;
  index.setMirrorBytes(budget(passages));
  const saved = saveMemorySnapshot(index, dir);
  log(`built in ${(built.buildMs / 1000).toFixed(1)} s; snapshot ${(saved.bytes / 1048576).toFixed(0)} MB written in ${(saved.ms / 1000).toFixed(1)} s`);
  index.close();
}
index = new MemorySearchIndex(DIMENSION);
index.setMirrorBytes(budget(passages));
{
  const t = performance.now();
  if (!loadMemorySnapshot(index, dir)) throw new Error("snapshot not read");
  log(`read back ${index.size} passages in ${((performance.now() - t) / 1000).toFixed(2)} s`);
}
const vectors = await embedder.embed(queries);
const depth = 24;
const digest = createHash("sha256");
const perRound: number[] = [];
const walls: number[] = [];
for (let r = 0; r < rounds + 1; r++) {
  const c0 = process.cpuUsage();
  for (let i = 0; i < queries.length; i++) {
    const t = performance.now();
    let hits;
    if (part === "vector") hits = index.searchVector(vectors[i], depth);
    else if (part === "text") hits = index.searchText(segment(queries[i]), depth);
    else {
      const [v] = await embedder.embed([queries[i]]);
      hits = fuseHits(index.searchVector(v, depth), index.searchText(segment(queries[i]), depth), 8, "convex", LOCAL_FUSION);
    }
    if (r > 0) walls.push(performance.now() - t);
    if (r === 0) digest.update(JSON.stringify(hits.map((h) => [h.id, h.score])));
  }
  const c = process.cpuUsage(c0);
  if (r > 0) perRound.push((c.user + c.system) / 1000 / queries.length);
}
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
log(`${part}, ${queries.length} queries × ${rounds} rounds: CPU per query best round ${sorted(perRound)[0].toFixed(2)} ms, median round ${sorted(perRound)[Math.floor(rounds / 2)].toFixed(2)} ms; wall p50 ${sorted(walls)[Math.floor(walls.length / 2)].toFixed(2)} ms; answers ${digest.digest("hex").slice(0, 16)}`);
index.close();
