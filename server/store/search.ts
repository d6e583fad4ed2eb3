import { rerankers, type Table } from "@lancedb/lancedb";
import type { Chunk } from "../corpus/types.ts";
import type { Embedder } from "../embed/types.ts";
import type { CommitProtocol } from "./commit.ts";
import type { ChunkIndexes } from "./indexes.ts";
import type { Hit } from "./memory-rows.ts";
import type { MemorySync } from "./memory-sync.ts";
import { rowToChunk, type Row } from "./rows.ts";
import { CHUNK_COLUMNS } from "./schema.ts";
import { segment } from "./segment.ts";
import { buildWhere } from "./sql.ts";
import type { FusionWeights } from "./fusion.ts";
import type { Passage, SearchOptions } from "./types.ts";

const RRF_K = 60;
/**
 * Largest vector scan (non-zero query dimensions × rows) done in memory: about 5 ms in V8 here.
 * A local-embedder query (≈30–80 non-zero dimensions) stays far below it up to 60k+ rows; a dense
 * 1024-dimension query from a remote model passes it from ~8k rows, where LanceDB's ANN index is cheaper.
 */
const MEMORY_VECTOR_BUDGET = 8_000_000;

/** How hybrid search fetches and fuses its two lists (see OpenStoreOptions for what each means). */
export interface SearchSettings {
  weights: FusionWeights;
  fusion: "rrf" | "convex";
  hybridEngine: "fused" | "lancedb";
  depth: { factor: number; min: number };
  nprobes: number;
  cacheSize: number;
}

export interface SearchSources {
  chunks: Table;
  commits: CommitProtocol;
  indexes: ChunkIndexes;
  /** null: the in-memory copy is turned off. */
  memory: MemorySync | null;
  embedder: Embedder;
}

/** Vector, full-text and hybrid search over the committed chunks, with a result cache per committed version. */
export class PassageSearch {
  /** Search results keyed by (committed version, query, options); see search(). */
  private readonly cache = new Map<string, Passage[]>();
  private rrf: rerankers.RRFReranker | null = null;

  constructor(
    private readonly from: SearchSources,
    private readonly settings: SearchSettings,
  ) {}

  /**
   * Results are cached per committed version of the corpus: drafting asks the same section queries
   * again and again (regenerate, several users on one outline), and a search costs ~0.5 ms from the
   * memory copy (10–15 ms through LanceDB) while a hit costs microseconds. Any commit (here or in
   * another process) changes the key, so a hit is never stale.
   */
  async search(query: string, options: SearchOptions): Promise<Passage[]> {
    const { commits } = this.from;
    await commits.refreshForSearch();
    const key = JSON.stringify([commits.version, commits.epoch, query.trim(), options.k ?? 8, options.mode ?? "hybrid", buildWhere(options) ?? ""]);
    const hit = this.cache.get(key);
    if (hit) {
      // LRU: move to the newest end.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit.map((p) => ({ ...p }));
    }
    const version = commits.version;
    const epoch = commits.epoch;
    const result = await this.searchFresh(query, options);
    if (this.settings.cacheSize > 0 && commits.version === version && commits.epoch === epoch && commits.pendingInvisible === 0) {
      this.cache.set(key, result);
      if (this.cache.size > this.settings.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    }
    return result.map((p) => ({ ...p }));
  }

  private async searchFresh(query: string, options: SearchOptions): Promise<Passage[]> {
    const { chunks, commits, indexes, embedder } = this.from;
    const { hybridEngine, nprobes } = this.settings;
    const k = Math.min(Math.max(Math.trunc(options.k ?? 8), 1), 200);
    const q = query.trim();
    if (!q) return [];
    let mode = options.mode ?? "hybrid";
    const tokenList = segment(q);
    const tokens = tokenList.join(" ");
    if (!tokens) {
      if (mode === "text") return [];
      mode = "vector";
    }
    const where = buildWhere(options);
    // Over-fetch by the rows a write in flight hides, so k visible rows remain after filtering;
    // hybrid fuses deeper lists than k (a passage 8th in both lists belongs in the top 5).
    const depth = mode === "hybrid" ? Math.max(this.settings.depth.factor * k, this.settings.depth.min) : k;
    const limit = depth + commits.pendingInvisible;
    // The in-memory copy of the committed chunks, when it is on, within budget and in step.
    const mem = hybridEngine === "fused" && this.from.memory ? await this.from.memory.sync() : null;

    const visible = (r: Row) => commits.visible(r);
    const textQuery = () => {
      let qb = chunks.query().fullTextSearch(tokens, { columns: "tokens" }).select([...CHUNK_COLUMNS, "_score"]).limit(limit);
      if (where) qb = qb.where(where);
      return qb;
    };
    const vectorQuery = (vec: Float32Array) => {
      let qb = chunks.query().nearestTo(vec).distanceType("cosine").limit(limit);
      if (indexes.hasVectorIndex) qb = qb.nprobes(nprobes).refineFactor(5);
      if (where) qb = qb.where(where);
      return qb;
    };
    const textHits = async (): Promise<Hit[]> => {
      if (mem) return mem.searchText(tokenList, depth, options);
      const rows = ((await textQuery().toArray()) as Row[]).filter(visible);
      return rows.slice(0, depth).map((r) => ({ chunk: rowToChunk(r), score: Number(r._score) || 0 }));
    };
    const vectorHits = async (vec: Float32Array): Promise<Hit[]> => {
      if (mem && mem.vectorCost(vec) <= MEMORY_VECTOR_BUDGET) return mem.searchVector(vec, depth, options);
      const rows = ((await vectorQuery(vec).select([...CHUNK_COLUMNS, "_distance"]).toArray()) as Row[]).filter(visible);
      return rows.slice(0, depth).map((r) => ({ chunk: rowToChunk(r), score: 1 - Number(r._distance) }));
    };

    if (mode === "text") return (await textHits()).slice(0, k).map((h) => ({ ...h.chunk, score: h.score }));
    const [vec] = await embedder.embed([q]);
    if (mode === "vector") return (await vectorHits(vec)).slice(0, k).map((h) => ({ ...h.chunk, score: h.score }));

    if (hybridEngine === "lancedb") {
      // LanceDB's own hybrid query with its RRF reranker (kept for comparison in the bench).
      const rows = ((await vectorQuery(vec)
        .select(CHUNK_COLUMNS)
        .fullTextSearch(tokens, { columns: "tokens" })
        .rerank(await this.reranker())
        .toArray()) as Row[]).filter(visible);
      rows.sort((a, b) => {
        const d = Number(b._relevance_score) - Number(a._relevance_score);
        return Math.abs(d) > 1e-7 ? d : (Number(b._score) || 0) - (Number(a._score) || 0);
      });
      return rows.slice(0, k).map((r) => ({ ...rowToChunk(r), score: Number(r._relevance_score) }));
    }

    // Both searches run concurrently and are fused here. Measured: LanceDB's built-in hybrid query
    // (vector + FTS + RRFReranker) costs about twice the sum of its two parts (30 ms vs 12 + 2 ms at
    // 10k chunks on this machine), and fusing here lets us keep score gaps (see `fusion`).
    const [vhits, thits] = await Promise.all([vectorHits(vec), textHits()]);
    return fuseHits(vhits, thits, k, this.settings.fusion, this.settings.weights);
  }

  private async reranker(): Promise<rerankers.RRFReranker> {
    this.rrf ??= await rerankers.RRFReranker.create();
    return this.rrf;
  }
}

/**
 * Fuse a vector and a full-text hit list into the top k. "convex": weighted sum of per-list
 * normalised scores, which keeps how far apart the scores are (a BM25 of 18 vs 5 counts for more
 * than 5.1 vs 5), where rank fusion throws that away; "rrf": weighted reciprocal rank fusion.
 * Ties go to the higher BM25 score.
 */
export function fuseHits(
  vhits: Hit[],
  thits: Hit[],
  k: number,
  fusion: "rrf" | "convex",
  weights: FusionWeights,
): Passage[] {
  // Keyed by id without reading the chunk (a memory hit reads its chunk from disk only when returned).
  const fused = new Map<string, { hit: Hit; score: number; bm25: number }>();
  const entry = (h: Hit) => {
    const id = h.id ?? h.chunk.id;
    let e = fused.get(id);
    if (!e) fused.set(id, (e = { hit: h, score: 0, bm25: 0 }));
    return e;
  };
  for (const h of thits) entry(h).bm25 = h.score;
  if (weights.dominant) {
    // One signal decides; the other (a millionth as strong) only orders its ties and what it lacks.
    const [main, aux] = weights.dominant === "text" ? [thits, vhits] : [vhits, thits];
    const norm = (hits: Hit[]) => {
      let lo = Infinity;
      let hi = -Infinity;
      for (const h of hits) {
        lo = Math.min(lo, h.score);
        hi = Math.max(hi, h.score);
      }
      return (h: Hit) => (hi > lo ? (h.score - lo) / (hi - lo) : 1);
    };
    const m = norm(main);
    const a = norm(aux);
    for (const h of main) entry(h).score += 1 + m(h);
    for (const h of aux) entry(h).score += 1e-6 * a(h);
  } else if (fusion === "rrf") {
    vhits.forEach((h, i) => (entry(h).score += weights.vector / (RRF_K + i + 1)));
    thits.forEach((h, i) => (entry(h).score += weights.text / (RRF_K + i + 1)));
  } else {
    const total = weights.vector + weights.text;
    let lo = 0;
    let hi = 0;
    for (const h of vhits) {
      lo = Math.min(lo, h.score);
      hi = Math.max(hi, h.score);
    }
    for (const h of vhits) entry(h).score += (weights.vector / total) * (hi > lo ? (h.score - lo) / (hi - lo) : 0);
    let top = 0;
    for (const h of thits) top = Math.max(top, h.score);
    for (const h of thits) entry(h).score += (weights.text / total) * (top > 0 ? h.score / top : 0);
  }
  return [...fused.values()]
    .sort((a, b) => (Math.abs(b.score - a.score) > 1e-9 ? b.score - a.score : b.bm25 - a.bm25))
    .slice(0, k)
    .map((e) => ({ ...e.hit.chunk, score: e.score }));
}
