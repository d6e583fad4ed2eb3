import type * as lancedb from "@lancedb/lancedb";
import path from "node:path";
import { embeddingText } from "../corpus/chunk.ts";
import type { Chunk, PreparedReport } from "../corpus/types.ts";
import type { Embedder } from "../embed/types.ts";
import { AppError } from "../errors.ts";
import { silentLogger, type Logger } from "../log.ts";
import { CommitProtocol } from "./commit.ts";
import { ChunkIndexes } from "./indexes.ts";
import { MemorySync } from "./memory-sync.ts";
import { openTables } from "./open.ts";
import { documentRow, embedChunkRows, rowToChunk, rowToSummary, type Row } from "./rows.ts";
import { CHUNK_COLUMNS } from "./schema.ts";
import { fusionFor, type FusionWeights } from "./fusion.ts";
import { PassageSearch } from "./search.ts";
import { sqlString } from "./sql.ts";
import type { CorpusStore, DocumentSummary, IngestOutcome, Passage, SearchOptions, StoredDocument, StoreInfo } from "./types.ts";


export interface OpenStoreOptions {
  dataDir: string;
  embedder: Embedder;
  logger?: Logger;
  /** Text that is embedded and segmented for a chunk (the corpus module's `embeddingText`). */
  embeddingText?: (chunk: Chunk) => string;
  /**
   * Build the ANN vector index once the chunks table holds this many rows (default 10 000).
   * Measured here: a flat scan of 512-dim vectors costs about 1.3 ms per 1 000 rows (13 ms at 10k),
   * so past 10k rows a flat scan alone would eat the 15 ms search budget.
   */
  annThreshold?: number;
  /** Weights of the vector and full-text lists in hybrid fusion (default: by the embedder's measured reliability, server/store/fusion.ts). */
  hybridWeights?: FusionWeights;
  /**
   * How the two lists are fused. "convex" (default): weighted sum of per-list normalised scores;
   * "rrf": weighted reciprocal rank fusion (k = 60). Measured on test/fixtures/queries.json (bench):
   * convex MRR 0.885 vs RRF 0.787 at equal recall@5, because RRF forgets how far ahead a strong
   * BM25 match is and lets a passage ranked 3rd in both lists beat one ranked 1st in one.
   * On the held-out set (test/fixtures/queries-heldout.json, 61 queries written after this choice)
   * convex still beats RRF on MRR (0.750 vs 0.679) at equal recall@5, but with the local embedder
   * the hybrid does not beat BM25 alone there (82.0% vs 88.5% recall@5).
   */
  fusion?: "rrf" | "convex";
  /** "fused" (default): concurrent vector + FTS queries, weighted RRF here; "lancedb": LanceDB's hybrid query + RRFReranker. */
  hybridEngine?: "fused" | "lancedb";
  /** Candidates fetched from each list for hybrid fusion: max(factor × k, min) (default 3 × k, at least 24). */
  hybridDepth?: { factor: number; min: number };
  /** IVF partitions probed once the ANN index exists (default 20). */
  nprobes?: number;
  /** Fold unindexed rows into the indexes once this many have accumulated (default 1: after every write, see maintain()). */
  optimizeAfterRows?: number;
  /** Search results kept per committed corpus version (default 1000; 0 disables, as the latency bench does). */
  searchCacheSize?: number;
  /**
   * Memory (MB) the in-memory search copy may use (default 256; 0 turns it off and every search goes
   * to LanceDB). It holds each committed chunk's vector twice (per document and column-major), so
   * 256 MB covers about 65k chunks of 512 dimensions; past the budget LanceDB's indexes serve
   * searches. See memory-index.ts for why it exists.
   */
  memorySearchMB?: number;
}

/** Heading path and text (the corpus module's definition): the heading says what a passage is about. */
export const defaultEmbeddingText: (chunk: Chunk) => string = embeddingText;

/** Entries in the search result cache (a few MB at most: k passages of a few hundred characters each). */
const SEARCH_CACHE_SIZE = 1000;

/** The parts the store is built from once its tables are open. */
interface StoreParts {
  db: lancedb.Connection;
  documents: lancedb.Table;
  chunks: lancedb.Table;
  embedder: Embedder;
  embeddingText: (c: Chunk) => string;
  commits: CommitProtocol;
  indexes: ChunkIndexes;
  memory: MemorySync | null;
  search: PassageSearch;
}

/**
 * The LanceDB-backed corpus store. The jobs live beside it: open.ts opens and validates the tables,
 * commit.ts is the commit protocol, search.ts searches and fuses, memory-sync.ts keeps the in-memory
 * copy in step, rows.ts converts rows; this class puts them together behind CorpusStore.
 */
export class LanceCorpusStore implements CorpusStore {
  private closed = false;

  private constructor(private readonly parts: StoreParts) {}

  /** Open (or create) the store; checks the embedder against the stored metadata and repairs interrupted writes. */
  static async open(opts: OpenStoreOptions): Promise<LanceCorpusStore> {
    const logger = opts.logger ?? silentLogger;
    const { embedder } = opts;
    const dimension = embedder.dimension;
    const { dir, db, documents, chunks } = await openTables(opts.dataDir, embedder);
    const commits = new CommitProtocol({ documents, chunks, lockPath: path.join(dir, "write.lock"), dimension, logger });
    const indexes = new ChunkIndexes(chunks, documents, {
      dimension,
      annThreshold: opts.annThreshold ?? 10_000,
      optimizeAfterRows: opts.optimizeAfterRows ?? 1,
    }, logger);
    const mb = opts.memorySearchMB ?? 256;
    const memory = Number.isFinite(mb) && mb > 0 ? new MemorySync({ budgetMB: mb, chunks, commits, dimension, logger }) : null;
    const search = new PassageSearch({ chunks, commits, indexes, memory, embedder }, {
      weights: opts.hybridWeights ?? fusionFor(embedder.name),
      fusion: opts.fusion ?? "convex",
      hybridEngine: opts.hybridEngine ?? "fused",
      depth: opts.hybridDepth ?? { factor: 3, min: 24 },
      nprobes: opts.nprobes ?? 20,
      cacheSize: Math.max(0, opts.searchCacheSize ?? SEARCH_CACHE_SIZE),
    });
    await commits.open();
    await indexes.ensure();
    const embeddingText = opts.embeddingText ?? defaultEmbeddingText;
    return new LanceCorpusStore({ db, documents, chunks, embedder, embeddingText, commits, indexes, memory, search });
  }

  async info(): Promise<StoreInfo> {
    this.assertOpen();
    const { commits, embedder } = this.parts;
    await commits.refresh();
    return { embedder: embedder.name, dimension: embedder.dimension, documents: commits.committed.size, chunks: commits.totalChunks() };
  }

  putReport(report: PreparedReport): Promise<IngestOutcome> {
    return this.putReports([report]).then((o) => o[0]);
  }

  /** Store several reports in one write (bulk ingest, bench), by the commit protocol of commit.ts. */
  putReports(reports: PreparedReport[], onProgress?: (phase: "embed" | "write" | "index") => void): Promise<IngestOutcome[]> {
    const { commits, embedder } = this.parts;
    return commits.write(async () => {
      this.assertOpen();
      await commits.refresh();
      const { outcomes, todo } = commits.plan(reports);
      if (todo.length === 0) return outcomes;
      onProgress?.("embed");
      const rows = await embedChunkRows(todo.map((t) => t.report), embedder, this.parts.embeddingText);
      onProgress?.("write");
      const now = new Date().toISOString();
      await commits.commit(todo, rows, todo.map((t) => documentRow(t.report, now)));
      onProgress?.("index");
      await this.parts.indexes.maintain();
      return outcomes;
    });
  }

  /** Fold unindexed rows into the indexes (force: now, whatever the thresholds say). */
  maintain(force = false): Promise<void> {
    return this.parts.indexes.maintain(force);
  }

  removeDocument(id: string): Promise<boolean> {
    const { commits } = this.parts;
    return commits.write(async () => {
      this.assertOpen();
      await commits.refresh();
      return commits.remove(id);
    });
  }

  async listDocuments(): Promise<DocumentSummary[]> {
    this.assertOpen();
    await this.parts.commits.refresh();
    const rows = (await this.parts.documents
      .query()
      .select(["id", "source_name", "title", "year", "level", "format", "content_hash", "chunk_count", "char_count", "ingested_at"])
      .toArray()) as Row[];
    return rows.map(rowToSummary).sort((a, b) => a.sourceName.localeCompare(b.sourceName, "zh"));
  }

  async getDocument(id: string): Promise<StoredDocument | null> {
    this.assertOpen();
    const rows = (await this.parts.documents.query().where(`id = ${sqlString(id)}`).limit(1).toArray()) as Row[];
    if (rows.length === 0) return null;
    return { ...rowToSummary(rows[0]), document: JSON.parse(String(rows[0].json)) };
  }

  async getChunks(docId: string): Promise<Chunk[]> {
    this.assertOpen();
    const { commits } = this.parts;
    await commits.refresh();
    const c = commits.committed.get(docId);
    if (!c) return [];
    const rows = (await this.parts.chunks
      .query()
      .where(`doc_id = ${sqlString(docId)} AND content_hash = ${sqlString(c.hash)}`)
      .select(CHUNK_COLUMNS)
      .limit(1_000_000)
      .toArray()) as Row[];
    return rows.map(rowToChunk).sort((a, b) => a.seq - b.seq);
  }

  /** Hybrid search with filters (search.ts), cached per committed version of the corpus. */
  searchPassages(query: string, options: SearchOptions = {}): Promise<Passage[]> {
    this.assertOpen();
    return this.parts.search.search(query, options);
  }

  /** Load the in-memory copy now rather than on the first search (no-op when it is off or over budget). */
  async warmUp(): Promise<void> {
    this.assertOpen();
    await this.parts.commits.refresh();
    await this.parts.memory?.sync();
  }

  /** Whether the last search was served by the in-memory copy (false: off, over budget, or not in step yet). */
  get searchesFromMemory(): boolean {
    return this.parts.memory?.inStep ?? false;
  }

  /** What the in-memory search copy holds (null when it is off). */
  get searchMemory(): { passages: number; memoryBytes: number; fileBytes: number; terms: number; capacity: number; served: number } | null {
    const m = this.parts.memory;
    return m ? { ...m.stats(), capacity: m.capacity, served: m.passages } : null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Wait for a write in flight before closing the tables under it.
    await this.parts.commits.idle();
    this.closed = true;
    this.parts.documents.close();
    this.parts.chunks.close();
    this.parts.db.close();
    this.parts.memory?.close();
  }

  private assertOpen() {
    if (this.closed) throw new AppError("unavailable:store_closed", "范文库已关闭");
  }
}

/** Open (or create) the corpus store in `<dataDir>/lancedb`. */
export function openCorpusStore(opts: OpenStoreOptions): Promise<LanceCorpusStore> {
  return LanceCorpusStore.open(opts);
}
