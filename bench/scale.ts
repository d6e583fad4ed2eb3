/**
 * `npm run bench -- --only retrieval --scale N` (not part of CI): the in-memory search copy at N
 * passages, without LanceDB (writing a million rows through the store takes an hour on this
 * machine; its read rate is measured by the retrieval bench's 100k step instead).
 *
 * The archive is synthetic: 20,000 passages recombined from the sample reports with figures varied
 * (bench/retrieval.ts `synthesize`), embedded and segmented for real; each further passage is one of
 * them with its vector moved on a few dimensions (and normalised again) and one to three figure
 * words added, so no two rows are equal and the vocabulary grows with the archive as real figures
 * make it grow. Its vocabulary is far smaller than a real city's archive, so the genre's words have
 * longer postings here than they would there: the full-text figures are pessimistic.
 */
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import type { Chunk, PreparedReport } from "../server/corpus/types.ts";
import { prepareReport } from "../server/corpus/prepare.ts";
import { createLocalEmbedder } from "../server/embed/local.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { MemorySearchIndex } from "../server/store/memory-index.ts";
import type { MemoryRow } from "../server/store/memory-rows.ts";
import { loadMemorySnapshot, saveMemorySnapshot } from "../server/store/memory-snapshot.ts";
import { fuseHits } from "../server/store/search.ts";
import { LOCAL_FUSION } from "../server/store/fusion.ts";
import { segment } from "../server/store/segment.ts";
import { rng } from "./rng.ts";

const DIMENSION = 512;
const BASE_ROWS = 20_000;

export interface ScaleOptions {
  passages: number;
  corpus: string;
  queries: string[];
  log: (line: string) => void;
  synthesize: (pool: PreparedReport[], startDoc: number, chunkCount: number, seed: number) => PreparedReport[];
}

export function gc(): void {
  v8.setFlagsFromString("--expose-gc");
  (vm.runInNewContext("gc") as () => void)();
}

const loadAverage = () => os.loadavg()[0].toFixed(1);

type Timing = { p50: number; p95: number; cpu: number };

export interface ScaleFigures {
  passages: number;
  buildMs: number;
  firstSearchMs: number;
  memoryBytes: number;
  mirrorBytes: number;
  heapGrowth: number;
  rssGrowth: number;
  fileBytes: number;
  terms: number;
  /** Milliseconds: wall-clock p50 and p95, and CPU time per query. */
  hybrid: Timing;
  vector: Timing;
  text: Timing;
  /** Full-text top 24 by walking every posting (the reference the pruned search replaces), and how often the two agree. */
  textExhaustive: Timing;
  textTop24: Timing;
  /** The same top 24 by the other engine (document at a time with block maxima, or term at a time), and how often it agrees with the full walk. */
  textOther: Timing & { engine: string; same: number };
  /** SEARCH_MEMORY_MB the copy was given (the float mirror takes what the rest leaves). */
  budgetMB: number;
  textAgreement: { same: number; queries: number; pruned: number; searches: number };
  /** The snapshot: written (ms, bytes), read back (ms), the first search after it (ms), and whether the read copy answers alike. */
  snapshot: { saveMs: number; bytes: number; loadMs: number; firstSearchMs: number; sameAnswers: number; queries: number };
  load: string;
}

/** The sample reports, prepared: what the synthetic archive recombines. */
export async function samplePool(corpus: string): Promise<PreparedReport[]> {
  const pool: PreparedReport[] = [];
  for (const f of readdirSync(corpus).filter((f) => /\.(txt|md|docx)$/.test(f))) {
    pool.push(await prepareReport(f, new Uint8Array(readFileSync(path.join(corpus, f)))));
  }
  return pool;
}

/** The synthetic archive of `o.passages` passages, built into a fresh copy (see the file's comment). */
export async function buildArchive(o: Pick<ScaleOptions, "passages" | "corpus" | "log" | "synthesize">): Promise<{ index: MemorySearchIndex; embedder: ReturnType<typeof createLocalEmbedder>; buildMs: number; heap0: NodeJS.MemoryUsage }> {
  const { log } = o;
  const pool = await samplePool(o.corpus);
  const embedder = createLocalEmbedder(DIMENSION);
  const base = o.synthesize(pool, 0, Math.min(BASE_ROWS, o.passages), 77).flatMap((r) => r.chunks);
  log(`scale: embedding and segmenting ${base.length} base passages (load ${loadAverage()})`);
  const vectors = await embedder.embed(base.map((c) => c.text));
  const tokens = base.map((c) => segment(c.text));
  gc();
  const heap0 = process.memoryUsage();
  const index = new MemorySearchIndex(DIMENSION);
  index.reserve(o.passages, Math.round((o.passages * tokens.reduce((n, t) => n + new Set(t).size, 0)) / tokens.length) + 2 * o.passages);
  const rand = rng(4242);
  let buildMs = 0;
  let made = 0;
  let doc = 0;
  while (made < o.passages) {
    // Documents of 40–80 passages, as the store holds them.
    const count = Math.min(o.passages - made, 40 + Math.floor(rand() * 40));
    const id = `s${doc++}`;
    const rows: MemoryRow[] = [];
    for (let seq = 0; seq < count; seq++) {
      const j = (made + seq) % base.length;
      const src = base[j];
      let vector = vectors[j];
      let toks = tokens[j];
      if (made + seq >= base.length) {
        vector = Float32Array.from(vector);
        for (let k = 0; k < 8; k++) vector[Math.floor(rand() * DIMENSION)] += (rand() - 0.5) * 0.1;
        let n = 0;
        for (const x of vector) n += x * x;
        n = Math.sqrt(n);
        for (let d = 0; d < DIMENSION; d++) vector[d] /= n;
        toks = [...toks];
        const extra = 1 + Math.floor(rand() * 3);
        for (let k = 0; k < extra; k++) toks.push(String(Math.floor(rand() * 20_000)));
      }
      const chunk: Chunk = { ...src, id: `${id}:${seq}`, docId: id, seq };
      rows.push({ chunk, vector, tokens: toks });
    }
    const t = performance.now();
    index.setDocument(id, "h", rows);
    buildMs += performance.now() - t;
    made += count;
    if (doc % 2000 === 0) log(`scale: ${made} / ${o.passages} passages (load ${loadAverage()})`);
  }
  return { index, embedder, buildMs, heap0 };
}

/** Build the synthetic archive in memory and time searches over it. */
export async function runScale(o: ScaleOptions): Promise<ScaleFigures> {
  const { log } = o;
  const { index, embedder, buildMs, heap0 } = await buildArchive(o);
  // The float mirror gets what SEARCH_MEMORY_MB leaves after the codes, postings and row data, as in
  // the store (memory-sync.ts): the default 256 MB, or the next multiple of 256 MB the archive needs.
  const perRow = MemorySearchIndex.bytesPerRow(DIMENSION);
  const budgetMB = Math.max(256, Math.ceil((o.passages * perRow) / 1048576 / 256) * 256);
  index.setMirrorBytes(budgetMB * 1048576 - o.passages * perRow);
  let t = performance.now();
  const [warm] = await embedder.embed([o.queries[0]]);
  index.searchVector(warm, 1); // the first search compacts the postings and sets the int8 scales
  const firstSearchMs = performance.now() - t;
  gc();
  const heap1 = process.memoryUsage();
  // Wall-clock percentiles, and the process's CPU time per query over the same runs: on a shared
  // machine the first measures the queue for a core as much as the search, the second the search.
  const time = async (run: (q: string) => Promise<void>, runs: number) => {
    for (const q of o.queries.slice(0, 5)) await run(q);
    const times: number[] = [];
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < runs; i++) {
      t = performance.now();
      await run(o.queries[i % o.queries.length]);
      times.push(performance.now() - t);
    }
    const cpu = process.cpuUsage(cpu0);
    times.sort((a, b) => a - b);
    return { p50: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)], cpu: (cpu.user + cpu.system) / 1000 / runs };
  };
  const depth = 24; // the store's hybrid depth for k = 8 (factor 3, at least 24)
  const hybrid = await time(async (q) => {
    const [v] = await embedder.embed([q]);
    const toks = segment(q);
    fuseHits(index.searchVector(v, depth), index.searchText(toks, depth), 8, "convex", LOCAL_FUSION);
  }, 200);
  const vector = await time(async (q) => {
    const [v] = await embedder.embed([q]);
    index.searchVector(v, 8).map((h) => h.chunk);
  }, 100);
  const text = await time(async (q) => {
    index.searchText(segment(q), 8).map((h) => h.chunk);
  }, 100);
  const textTop24 = await time(async (q) => {
    index.searchText(segment(q), depth);
  }, 100);
  const textExhaustive = await time(async (q) => {
    index.searchTextExhaustive(segment(q), depth);
  }, 40);
  const served = index.textEngine;
  index.textEngine = served === "taat" ? "blockmax" : "taat";
  const otherTiming = await time(async (q) => {
    index.searchText(segment(q), depth);
  }, 100);
  const keyOf = (hs: Array<{ id?: string; score: number }>) => JSON.stringify(hs.map((h) => [h.id, h.score]));
  let otherSame = 0;
  for (const q of o.queries) if (keyOf(index.searchText(segment(q), depth)) === keyOf(index.searchTextExhaustive(segment(q), depth))) otherSame++;
  const textOther = { ...otherTiming, engine: index.textEngine, same: otherSame };
  index.textEngine = served;
  let same = 0;
  const prunedBefore = index.prunedTextSearches;
  for (const q of o.queries) {
    const key = (hs: Array<{ id?: string; score: number }>) => JSON.stringify(hs.map((h) => [h.id, h.score]));
    if (key(index.searchText(segment(q), depth)) === key(index.searchTextExhaustive(segment(q), depth))) same++;
  }
  const pruned = index.prunedTextSearches - prunedBefore;
  // Start-up from a snapshot: save the copy, read it into a fresh one, compare their answers.
  const snapDir = mkdtempSync(path.join(os.tmpdir(), "zongjie-scale-snap-"));
  let snapshot: ScaleFigures["snapshot"];
  try {
    const saved = saveMemorySnapshot(index, snapDir);
    log(`scale: snapshot written, ${(saved.bytes / 1048576).toFixed(0)} MB in ${(saved.ms / 1000).toFixed(1)} s (load ${loadAverage()})`);
    const copy = new MemorySearchIndex(DIMENSION);
    t = performance.now();
    loadMemorySnapshot(copy, snapDir);
    const loadMs = performance.now() - t;
    t = performance.now();
    copy.searchText(segment(o.queries[0]), 1);
    const firstMs = performance.now() - t;
    let alike = 0;
    for (const q of o.queries) {
      const [v] = await embedder.embed([q]);
      const key = (x: MemorySearchIndex) => JSON.stringify([x.searchText(segment(q), depth), x.searchVector(v, depth)].map((hs) => hs.map((h) => [h.id, h.score])));
      if (key(copy) === key(index)) alike++;
    }
    copy.close();
    snapshot = { saveMs: saved.ms, bytes: saved.bytes, loadMs, firstSearchMs: firstMs, sameAnswers: alike, queries: o.queries.length };
  } finally {
    rmSync(snapDir, { recursive: true, force: true });
  }
  const figures: ScaleFigures = {
    passages: index.size,
    buildMs,
    firstSearchMs,
    memoryBytes: index.memoryBytes,
    mirrorBytes: index.mirrorBytes,
    budgetMB,
    heapGrowth: heap1.heapUsed - heap0.heapUsed,
    rssGrowth: heap1.rss - heap0.rss,
    fileBytes: index.fileBytes,
    terms: index.terms,
    hybrid,
    vector,
    text,
    textExhaustive,
    textTop24,
    textOther,
    snapshot,
    textAgreement: { same, queries: o.queries.length, pruned, searches: o.queries.length },
    load: loadAverage(),
  };
  index.close();
  return figures;
}
