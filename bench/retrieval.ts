/**
 * Retrieval bench (`npm run bench -- --only retrieval [--quick]`): ingest throughput, hybrid-search
 * latency at 1k/10k/100k chunks, and retrieval quality against a plain baseline (LangChain
 * RecursiveCharacterTextSplitter 500/50 over the raw files + the same embedder, vector search only)
 * measured in the same run. Quality is measured twice: on test/fixtures/queries.json, the set the
 * fusion was chosen on, and on test/fixtures/queries-heldout.json, written afterwards and never used
 * to choose anything, so a choice that only fits its own test set shows up as a gap between the two.
 */
import "../server/store/quiet.ts";
import * as lancedb from "@lancedb/lancedb";
import { makeArrowTable } from "@lancedb/lancedb";
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import { Field, FixedSizeList, Float32, Schema, Utf8 } from "apache-arrow";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ingestPaths } from "../server/ingest/ingest.ts";
import { documentIdFor, prepareReport } from "../server/corpus/prepare.ts";
import type { Chunk, PreparedReport } from "../server/corpus/types.ts";
import { createLocalEmbedder } from "../server/embed/local.ts";
import type { Embedder } from "../server/embed/types.ts";
import { openCorpusStore, type LanceCorpusStore } from "../server/store/lance.ts";
import { calibrateFusion, fusionFor } from "../server/store/fusion.ts";
import type { SearchOptions } from "../server/store/types.ts";
import type { BenchOptions, BenchPart } from "./types.ts";
import { rng } from "./rng.ts";
import { gc, runScale, samplePool } from "./scale.ts";
import { runCheckScale } from "./scale-check.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CORPUS = path.join(ROOT, "corpus");
const QUERIES = path.join(ROOT, "test/fixtures/queries.json");
const HELDOUT = path.join(ROOT, "test/fixtures/queries-heldout.json");
const DIMENSION = 512; // the default EMBED_DIMENSION

interface LabelledQuery {
  query: string;
  source: string;
  docId: string;
  phrase: string;
}


const PLACES = ["城关", "东城", "西山", "南湖", "北塘", "青山", "临江", "河西", "高新", "新区", "石桥", "白沙", "龙泉", "金水", "清河", "枫林", "长岭", "柳营", "凤凰", "云溪"];
const LEVELS = ["区", "县", "市"] as const;

/** Vary the figures of a real paragraph: numbers get a similar magnitude, X/XX placeholders become numbers. */
function varyFigures(text: string, rand: () => number): string {
  return text
    .replace(/[XxＸ*＊]{1,4}(?=[个件次人名余万条起家场期%％])/g, (m) => String(Math.floor(rand() * 10 ** m.length) + 1))
    .replace(/\d+(?:\.\d+)?/g, (m) => {
      const n = Number(m);
      if (n >= 1990 && n <= 2030 && !m.includes(".")) return String(2018 + Math.floor(rand() * 8)); // a year
      if (m.includes(".")) return (n * (0.6 + rand() * 0.8)).toFixed(m.split(".")[1].length);
      return String(Math.max(1, Math.round(n * (0.5 + rand()))));
    });
}

/** Build `count` synthetic chunks as whole reports recombined from the samples' real paragraphs. */
export function synthesize(pool: PreparedReport[], startDoc: number, chunkCount: number, seed: number): PreparedReport[] {
  const rand = rng(seed);
  const reports: PreparedReport[] = [];
  let made = 0;
  let d = startDoc;
  while (made < chunkCount) {
    const base = pool[Math.floor(rand() * pool.length)];
    const year = 2018 + Math.floor(rand() * 8);
    const level = LEVELS[Math.floor(rand() * LEVELS.length)];
    const place = PLACES[Math.floor(rand() * PLACES.length)];
    const title = `${place}${level}委政法委${year}年工作总结`;
    const id = `bench_${d++}`;
    const want = Math.min(chunkCount - made, 40 + Math.floor(rand() * 40));
    const picked: Chunk[] = [];
    for (let i = 0; i < want; i++) {
      // Mostly the base report in order, sometimes a paragraph from another report (as real drafts borrow).
      const src = rand() < 0.75 ? base : pool[Math.floor(rand() * pool.length)];
      picked.push(src.chunks[(i + Math.floor(rand() * 3)) % src.chunks.length]);
    }
    let cleaned = `${title}\n`;
    const chunks: Chunk[] = picked.map((c, seq) => {
      const text = varyFigures(c.text, rand);
      const start = cleaned.length;
      cleaned += text + "\n";
      return { ...c, id: `${id}:${seq}`, docId: id, seq, title, year, text, start, end: start + text.length };
    });
    reports.push({
      document: {
        ...base.document,
        id,
        sourceName: `${id}.txt`,
        title,
        year,
        level,
        cleanedText: cleaned,
        contentHash: createHash("sha256").update(cleaned).digest("hex"),
        removed: [],
      },
      chunks,
    });
    made += chunks.length;
  }
  return reports;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function latency(store: LanceCorpusStore, queries: string[], runs: number, opts: SearchOptions = {}) {
  for (const q of queries.slice(0, 5)) await store.searchPassages(q, opts); // warm caches
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await store.searchPassages(queries[i % queries.length], { k: 8, ...opts });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

interface Quality {
  recallAt5: number;
  mrr: number;
  misses: string[];
  /** Per query, the rank (1-based) of the first relevant passage in the top 10, or 0 when none. */
  firstRanks: number[];
}

/** Per query, how often `other` puts the first relevant passage higher / lower / level with `ours` (ranks past 10 count as level). */
function paired(ours: Quality, other: Quality): { better: number; worse: number; same: number } {
  const r = (x: number) => (x === 0 ? Infinity : x);
  let better = 0;
  let worse = 0;
  ours.firstRanks.forEach((a, i) => {
    const b = other.firstRanks[i];
    if (r(b) < r(a)) better++;
    else if (r(b) > r(a)) worse++;
  });
  return { better, worse, same: ours.firstRanks.length - better - worse };
}

/** recall@5 and MRR (over the top 10) given, per query, the ranked relevance flags. */
function score(queries: LabelledQuery[], ranked: boolean[][]): Quality {
  let hits = 0;
  let rr = 0;
  const misses: string[] = [];
  const firstRanks: number[] = [];
  ranked.forEach((flags, i) => {
    const first = flags.findIndex(Boolean);
    if (first >= 0 && first < 5) hits++;
    else misses.push(queries[i].query);
    if (first >= 0) rr += 1 / (first + 1);
    firstRanks.push(first + 1);
  });
  return { recallAt5: hits / ranked.length, mrr: rr / ranked.length, misses, firstRanks };
}

/** Build the baseline index once; the returned function scores a query set against it. */
async function baseline(dir: string, embedder: Embedder): Promise<{ score: (queries: LabelledQuery[]) => Promise<Quality>; close: () => void }> {
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 500, chunkOverlap: 50 });
  const rows: Array<{ source: string; text: string; vector: number[] }> = [];
  for (const f of readdirSync(CORPUS).filter((f) => f.endsWith(".txt"))) {
    const raw = new TextDecoder("utf-8").decode(readFileSync(path.join(CORPUS, f)));
    const pieces = await splitter.splitText(raw);
    const vectors = await embedder.embed(pieces);
    pieces.forEach((text, i) => rows.push({ source: f, text, vector: Array.from(vectors[i]) }));
  }
  const schema = new Schema([
    new Field("source", new Utf8(), false),
    new Field("text", new Utf8(), false),
    new Field("vector", new FixedSizeList(embedder.dimension, new Field("item", new Float32(), true)), false),
  ]);
  const db = await lancedb.connect(path.join(dir, "baseline"));
  const table = await db.createTable("baseline", makeArrowTable(rows, { schema }));
  return {
    score: async (queries) => {
      const ranked: boolean[][] = [];
      for (const q of queries) {
        const [v] = await embedder.embed([q.query]);
        const hits = (await table.vectorSearch(v).distanceType("cosine").limit(10).toArray()) as Array<{ source: string; text: string }>;
        ranked.push(hits.map((h) => h.source === q.source && h.text.includes(q.phrase)));
      }
      return score(queries, ranked);
    },
    close: () => {
      table.close();
      db.close();
    },
  };
}

async function ours(store: LanceCorpusStore, queries: LabelledQuery[], mode: SearchOptions["mode"]): Promise<Quality> {
  const ranked: boolean[][] = [];
  for (const q of queries) {
    const hits = await store.searchPassages(q.query, { k: 10, mode });
    ranked.push(hits.map((h) => h.docId === q.docId && h.text.includes(q.phrase)));
  }
  return score(queries, ranked);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const ms = (x: number) => `${x.toFixed(2)} ms`;

/** Passage counts given with `--scale N[,M…]` (e.g. 100000,1000000), or null. */
function scaleArg(): number[] | null {
  const at = process.argv.indexOf("--scale");
  if (at < 0) return null;
  const list = (process.argv[at + 1] ?? "").split(",").map(Number).filter((n) => Number.isInteger(n) && n > 0);
  if (list.length === 0) throw new Error("--scale 需要段落数，例如 --scale 100000,1000000");
  return list;
}

/** `--scale N`: the in-memory copy alone over a synthetic archive of N passages (bench/scale.ts). */
async function runScales(sizes: number[], log: (l: string) => void): Promise<BenchPart> {
  const { queries } = JSON.parse(readFileSync(QUERIES, "utf8")) as { queries: LabelledQuery[] };
  const latencyQueries = [...queries.map((q) => q.query), "扫黑除恶", "网格化管理", "矛盾纠纷排查化解", "政法队伍教育整顿", "平安建设"];
  const rows: Array<[string, string]> = [];
  const figures: Record<string, unknown> = {};
  const check = process.argv.includes("--check");
  for (const n of sizes) {
    if (check) {
      const pool = await samplePool(CORPUS);
      let doc = 0;
      const c = await runCheckScale({
        passages: n,
        log,
        gc,
        reuse: !process.argv.includes("--no-reuse"),
        reports: (count) => {
          const r = synthesize(pool, doc, count, 500 + doc);
          doc += r.length;
          return r;
        },
      });
      figures[`check${n}`] = { ...c, machineLoad: os.loadavg()[0] };
      const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
      rows.push([`${n} passages (${c.documents} documents, ${(c.hanChars / 1e6).toFixed(1)}M Han chars): typo archive table, shared by the workers`, `${mb(c.tableBytes)} (${c.tableKeys} stretches, ${(c.tableBytes / n).toFixed(0)} bytes per passage), built in ${(c.archiveBuildMs / 1000).toFixed(1)} s`]);
      rows.push([`${n} passages: reuse fingerprints and texts, one shared table read by every worker in place / heap besides`, `${mb(c.reuseTableBytes)} (${(c.reuseTableBytes / n).toFixed(0)} bytes per passage) / ${mb(c.reuseHeapBytes)}, built in ${(c.reuseBuildMs / 1000).toFixed(1)} s; saved in ${(c.reuseSaveMs / 1000).toFixed(1)} s, read back in ${(c.reuseReadMs / 1000).toFixed(2)} s`]);
      rows.push([`${n} passages: reuse and stale match alone, p50 / slowest of 10`, `${ms(c.matchMs.p50)} / ${ms(c.matchMs.p95)}`]);
      rows.push([`${n} passages: check of a ${c.chars}-character draft, p50 / slowest of 10 (in process, load ${os.loadavg()[0].toFixed(1)})`, `${ms(c.checkMs.p50)} / ${ms(c.checkMs.p95)} (CPU p50 ${ms(c.checkMs.cpu)}); without the archive ${ms(c.bareMs.p50)} / ${ms(c.bareMs.p95)} (CPU p50 ${ms(c.bareMs.cpu)})`]);
      rows.push([`${n} passages: false protections by hash collision (random 2–3 character stretches)`, `${c.falseProtection.any} of ${c.falseProtection.probes} seen in ≥ 1 document (${pct(c.falseProtection.any / c.falseProtection.probes)}), ${c.falseProtection.twoOrMore} in ≥ 2`]);
      gc();
      if (process.argv.includes("--check-only")) continue;
    }
    const f = await runScale({ passages: n, corpus: CORPUS, queries: latencyQueries, log, synthesize });
    figures[String(n)] = f;
    const kb = (b: number) => `${(b / 1024).toFixed(2)} KB`;
    rows.push([`${n} passages: hybrid p50 / p95; CPU per query (memory copy, SEARCH_MEMORY_MB=${f.budgetMB}, machine load ${f.load})`, `${ms(f.hybrid.p50)} / ${ms(f.hybrid.p95)}; ${ms(f.hybrid.cpu)}`]);
    rows.push([`${n} passages: vector / text p50; CPU per query`, `${ms(f.vector.p50)} / ${ms(f.text.p50)}; ${ms(f.vector.cpu)} / ${ms(f.text.cpu)}`]);
    rows.push([`${n} passages: full-text top 24 as served / every posting walked, p50; same rows and scores; pruned path taken`, `${ms(f.textTop24.p50)} / ${ms(f.textExhaustive.p50)}; ${f.textAgreement.same} of ${f.textAgreement.queries} queries; ${f.textAgreement.pruned} of ${f.textAgreement.searches}`]);
    rows.push([`${n} passages: full-text top 24 by the other engine (${f.textOther.engine}), p50; CPU per query; same rows and scores as the full walk`, `${ms(f.textOther.p50)}; ${ms(f.textOther.cpu)} (as served: ${ms(f.textTop24.cpu)}, full walk ${ms(f.textExhaustive.cpu)}); ${f.textOther.same} of ${f.textAgreement.queries} queries`]);
    rows.push([`${n} passages: memory per passage, typed arrays without / with the float mirror / process growth after GC`, `${kb((f.memoryBytes - f.mirrorBytes) / n)} / ${kb(f.memoryBytes / n)} / ${kb(f.rssGrowth / n)} (heap ${kb(f.heapGrowth / n)}; ${f.terms} words in the dictionary)`]);
    rows.push([`${n} passages: temporary file (float vectors + chunks)`, `${(f.fileBytes / 1048576).toFixed(0)} MB`]);
    rows.push([`${n} passages: building the copy from rows in hand / first search`, `${(f.buildMs / 1000).toFixed(1)} s / ${(f.firstSearchMs / 1000).toFixed(1)} s`]);
    const sn = f.snapshot;
    rows.push([`${n} passages: start-up from the snapshot (one read) / first search after it; snapshot written in`, `${(sn.loadMs / 1000).toFixed(2)} s / ${ms(sn.firstSearchMs)}; ${(sn.saveMs / 1000).toFixed(1)} s (${(sn.bytes / 1048576).toFixed(0)} MB); same answers ${sn.sameAnswers} of ${sn.queries} queries`]);
  }
  return { title: "Retrieval at scale (synthetic archive, in-memory copy only; see bench/scale.ts)", rows, figures };
}

/** Run the retrieval bench. */
export async function run(opts: BenchOptions): Promise<BenchPart> {
  const { log } = opts;
  const scales = scaleArg();
  if (scales) return runScales(scales, log);
  const dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-bench-retrieval-"));
  const embedder = createLocalEmbedder(DIMENSION);
  const rows: Array<[string, string]> = [];
  const figures: Record<string, unknown> = { embedder: embedder.name, dimension: DIMENSION };
  try {
    const { queries } = JSON.parse(readFileSync(QUERIES, "utf8")) as { queries: LabelledQuery[] };

    // 1. Quality on the real samples through the real pipeline (also: pipeline ingest throughput).
    const qStore = await openCorpusStore({ searchCacheSize: 0, dataDir: path.join(dir, "quality"), embedder });
    let t = performance.now();
    const outcomes = await ingestPaths({ store: qStore }, [CORPUS]);
    const ingestMs = performance.now() - t;
    const docs = await qStore.listDocuments();
    const chars = docs.reduce((n, d) => n + d.charCount, 0);
    const nChunks = docs.reduce((n, d) => n + d.chunkCount, 0);
    if (outcomes.some((o) => o.status === "rejected")) throw new Error("a sample report was rejected");
    figures.pipelineIngest = { files: outcomes.length, chars, chunks: nChunks, ms: ingestMs, charsPerSec: (chars / ingestMs) * 1000, chunksPerSec: (nChunks / ingestMs) * 1000 };
    rows.push(["ingest (5 samples, read→clean→chunk→embed→write)", `${Math.round((chars / ingestMs) * 1000)} chars/s, ${Math.round((nChunks / ingestMs) * 1000)} chunks/s`]);

    // Labels must point at text that exists, or the figures mean nothing.
    const heldout = (JSON.parse(readFileSync(HELDOUT, "utf8")) as { queries: LabelledQuery[] }).queries;
    for (const [file, set] of [["queries.json", queries], ["queries-heldout.json", heldout]] as const) {
      for (const q of set) {
        if (documentIdFor(q.source) !== q.docId) throw new Error(`${file}: docId of ${q.source} should be ${documentIdFor(q.source)}`);
        const doc = await qStore.getDocument(q.docId);
        if (!doc?.document.cleanedText.includes(q.phrase)) throw new Error(`${file}: "${q.phrase}" not in ${q.source}`);
      }
    }
    // Every variant runs on both sets with the same search parameters; only the queries differ.
    const qNative = await openCorpusStore({ searchCacheSize: 0, dataDir: path.join(dir, "quality"), embedder, hybridEngine: "lancedb" });
    const qRrf = await openCorpusStore({ searchCacheSize: 0, dataDir: path.join(dir, "quality"), embedder, fusion: "rrf", hybridWeights: { vector: 0.5, text: 1 } });
    const base = await baseline(dir, embedder);
    const measure = async (set: LabelledQuery[]) => {
      const hybrid = await ours(qStore, set, "hybrid");
      const hybridNative = await ours(qNative, set, "hybrid");
      const hybridRrf = await ours(qRrf, set, "hybrid");
      const vectorOnly = await ours(qStore, set, "vector");
      const textOnly = await ours(qStore, set, "text");
      const b = await base.score(set);
      // A gap of a few queries in 26 or 61 may be noise: say, query by query, where each variant beats ours.
      const versusHybrid = {
        hybridWeightedRRF: paired(hybrid, hybridRrf),
        hybridLanceRRF: paired(hybrid, hybridNative),
        vector: paired(hybrid, vectorOnly),
        text: paired(hybrid, textOnly),
        baseline: paired(hybrid, b),
      };
      return { queries: set.length, hybrid, hybridLanceRRF: hybridNative, hybridWeightedRRF: hybridRrf, vector: vectorOnly, text: textOnly, baseline: b, recallGainPoints: (hybrid.recallAt5 - b.recallAt5) * 100, versusHybrid };
    };
    const tuned = await measure(queries);
    const held = await measure(heldout);
    // The int8 copy against exact float search (LanceDB's flat scan below 10k rows), top 5 by id.
    const qFloat = await openCorpusStore({ searchCacheSize: 0, dataDir: path.join(dir, "quality"), embedder, memorySearchMB: 0 });
    const agreement = async (set: LabelledQuery[]) => {
      let same = 0;
      for (const q of set) {
        const a = (await qStore.searchPassages(q.query, { k: 5, mode: "vector" })).map((p) => p.id);
        const b = (await qFloat.searchPassages(q.query, { k: 5, mode: "vector" })).map((p) => p.id);
        if (JSON.stringify(a) === JSON.stringify(b)) same++;
      }
      return same / set.length;
    };
    const agreeTuned = await agreement(queries);
    const agreeHeld = await agreement(heldout);
    await qFloat.close();
    figures.int8TopFiveAgreement = { tuning: agreeTuned, heldout: agreeHeld };
    rows.push(["int8 copy vs exact float vector search, same top 5 (tuning / held-out queries)", `${pct(agreeTuned)} / ${pct(agreeHeld)}`]);
    // The fusion's weights come from each signal's reliability on the tuning set only (server/store/fusion.ts).
    const cal = calibrateFusion(tuned.text.firstRanks.map((t, i) => ({ text: t, vector: tuned.vector.firstRanks[i] })));
    const shipped = fusionFor(embedder.name);
    const same = JSON.stringify(cal.weights) === JSON.stringify(shipped);
    figures.fusionCalibration = { ...cal, shipped, matchesShipped: same };
    rows.push([
      "fusion calibration on queries.json (top 5)",
      `text ${pct(cal.textRecall)}, vector ${pct(cal.vectorRecall)}; only text ${cal.textOnly}, only vector ${cal.vectorOnly}, sign test p = ${cal.p.toFixed(3)} → ${cal.weights.dominant ? `${cal.weights.dominant} dominates` : `weights text ${cal.weights.text.toFixed(2)} / vector ${cal.weights.vector.toFixed(2)}`}${same ? " (as shipped)" : " (DIFFERS from the shipped weights)"}`,
    ]);
    base.close();
    await qNative.close();
    await qRrf.close();
    await qStore.close();
    figures.quality = tuned;
    figures.qualityHeldout = held;
    for (const [label, m] of [["", tuned], ["held-out ", held]] as const) {
      const gain = (m.hybrid.recallAt5 - m.baseline.recallAt5) * 100;
      rows.push([`${label}recall@5 hybrid / baseline (${m.queries} queries)`, `${pct(m.hybrid.recallAt5)} / ${pct(m.baseline.recallAt5)}  (${gain >= 0 ? "+" : ""}${gain.toFixed(1)} points)`]);
      rows.push([`${label}MRR hybrid / baseline`, `${m.hybrid.mrr.toFixed(3)} / ${m.baseline.mrr.toFixed(3)}`]);
      const vs = (p: { better: number; worse: number }) => `  (first hit higher on ${p.better}, lower on ${p.worse})`;
      rows.push([`${label}recall@5 / MRR our fusion as weighted RRF (vector 0.5)`, `${pct(m.hybridWeightedRRF.recallAt5)} / ${m.hybridWeightedRRF.mrr.toFixed(3)}${vs(m.versusHybrid.hybridWeightedRRF)}`]);
      rows.push([`${label}recall@5 / MRR LanceDB hybrid + RRFReranker (equal weights)`, `${pct(m.hybridLanceRRF.recallAt5)} / ${m.hybridLanceRRF.mrr.toFixed(3)}${vs(m.versusHybrid.hybridLanceRRF)}`]);
      rows.push([`${label}recall@5 / MRR our vector only`, `${pct(m.vector.recallAt5)} / ${m.vector.mrr.toFixed(3)}${vs(m.versusHybrid.vector)}`]);
      rows.push([`${label}recall@5 / MRR our text only`, `${pct(m.text.recallAt5)} / ${m.text.mrr.toFixed(3)}${vs(m.versusHybrid.text)}`]);
      const better = Math.max(m.text.recallAt5, m.vector.recallAt5);
      rows.push([`${label}recall@5 hybrid / text / vector`, `${pct(m.hybrid.recallAt5)} / ${pct(m.text.recallAt5)} / ${pct(m.vector.recallAt5)}  (hybrid ${m.hybrid.recallAt5 >= better ? "not below" : "BELOW"} the better part)`]);
      log(`quality ${label || "tuning "}set: hybrid misses: ${m.hybrid.misses.join("；") || "none"}`);
      log(`quality ${label || "tuning "}set: weighted RRF misses: ${m.hybridWeightedRRF.misses.join("；") || "none"}`);
      log(`quality ${label || "tuning "}set: text-only misses: ${m.text.misses.join("；") || "none"}`);
      log(`quality ${label || "tuning "}set: baseline misses: ${m.baseline.misses.join("；") || "none"}`);
    }

    // 2. Scale: the samples' real paragraphs recombined with figures varied, written in batches.
    const pool: PreparedReport[] = [];
    for (const f of readdirSync(CORPUS).filter((f) => /\.(txt|md|docx)$/.test(f))) {
      pool.push(await prepareReport(f, new Uint8Array(readFileSync(path.join(CORPUS, f)))));
    }
    const store = await openCorpusStore({ searchCacheSize: 0, dataDir: path.join(dir, "scale"), embedder, optimizeAfterRows: 20_000 });
    const targets = opts.qualityOnly ? [] : opts.quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
    const latencyQueries = [...queries.map((q) => q.query), "扫黑除恶", "网格化管理", "矛盾纠纷排查化解", "政法队伍教育整顿", "平安建设"];
    let have = 0;
    let docNo = 0;
    figures.scale = {};
    for (const target of targets) {
      const reports = synthesize(pool, docNo, target - have, 1000 + target);
      docNo += reports.length;
      const addChunks = reports.reduce((n, r) => n + r.chunks.length, 0);
      const addChars = reports.reduce((n, r) => n + r.chunks.reduce((m, c) => m + c.text.length, 0), 0);
      t = performance.now();
      for (let i = 0; i < reports.length; i += 40) {
        await store.putReports(reports.slice(i, i + 40));
        log(`scale ${target}: wrote ${Math.min(i + 40, reports.length)}/${reports.length} reports`);
      }
      await store.maintain(true); // everything indexed before measuring
      const writeMs = performance.now() - t;
      have = (await store.info()).chunks;
      const hyb = await latency(store, latencyQueries, 200);
      const vec = await latency(store, latencyQueries, 100, { mode: "vector" });
      const txt = await latency(store, latencyQueries, 100, { mode: "text" });
      const filtered = await latency(store, latencyQueries, 100, { role: "work", yearFrom: 2020 });
      const fromMemory = store.searchesFromMemory;
      const memStats = store.searchMemory;
      // Start-up: a fresh store on the same folder loads the copy from LanceDB.
      const fresh = await openCorpusStore({ searchCacheSize: 0, dataDir: path.join(dir, "scale"), embedder });
      const loadStart = performance.now();
      await fresh.warmUp();
      const loadMs = performance.now() - loadStart;
      await fresh.close();
      const lanceStore = await openCorpusStore({ searchCacheSize: 0, dataDir: path.join(dir, "scale"), embedder, memorySearchMB: 0 });
      const lance = await latency(lanceStore, latencyQueries, 100);
      await lanceStore.close();
      const nativeStore = await openCorpusStore({ searchCacheSize: 0, dataDir: path.join(dir, "scale"), embedder, hybridEngine: "lancedb" });
      const native = await latency(nativeStore, latencyQueries, 100);
      await nativeStore.close();
      (figures.scale as Record<string, unknown>)[String(target)] = {
        chunks: have,
        ingest: { chunks: addChunks, chars: addChars, ms: writeMs, chunksPerSec: (addChunks / writeMs) * 1000, charsPerSec: (addChars / writeMs) * 1000 },
        hybrid: hyb,
        vector: vec,
        text: txt,
        hybridFiltered: filtered,
        servedBy: fromMemory ? "memory" : "lancedb",
        memory: memStats,
        loadMs,
        machineLoad: os.loadavg()[0],
        hybridLanceDB: lance,
        hybridLanceRRF: native,
      };
      rows.push([`${target} chunks: bulk ingest (embed+segment+write+index)`, `${Math.round((addChars / writeMs) * 1000)} chars/s, ${Math.round((addChunks / writeMs) * 1000)} chunks/s`]);
      rows.push([
        `${target} chunks: hybrid p50 / p95 (${fromMemory ? "memory copy" : "LanceDB: past the memory budget"})`,
        `${ms(hyb.p50)} / ${ms(hyb.p95)}`,
      ]);
      rows.push([`${target} chunks: vector / text p50`, `${ms(vec.p50)} / ${ms(txt.p50)}`]);
      if (memStats && fromMemory) {
        rows.push([`${target} chunks: memory copy per passage (typed arrays) / temporary file`, `${(memStats.memoryBytes / memStats.passages / 1024).toFixed(2)} KB / ${(memStats.fileBytes / memStats.passages / 1024).toFixed(2)} KB; the default budget holds ${memStats.capacity} passages`]);
      }
      rows.push([`${target} chunks: start-up load of the memory copy from LanceDB (machine load ${os.loadavg()[0].toFixed(1)})`, `${(loadMs / 1000).toFixed(2)} s`]);
      rows.push([`${target} chunks: hybrid + role/year filter p50`, ms(filtered.p50)]);
      rows.push([`${target} chunks: hybrid through LanceDB (memory copy off) p50 / p95`, `${ms(lance.p50)} / ${ms(lance.p95)}`]);
      rows.push([`${target} chunks: LanceDB hybrid + RRFReranker p50 / p95`, `${ms(native.p50)} / ${ms(native.p95)}`]);
      log(`scale ${target}: hybrid p50 ${ms(hyb.p50)} p95 ${ms(hyb.p95)}`);
    }
    if (opts.quick) rows.push(["100000 chunks", "skipped (--quick)"]);
    await store.close();
    return { title: "Retrieval (local embedder; hybrid = vector + jieba BM25, fused by normalised scores; served from the in-memory copy within SEARCH_MEMORY_MB, else LanceDB)", rows, figures };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
