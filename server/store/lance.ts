import "./quiet.ts";
import * as lancedb from "@lancedb/lancedb";
import { Index, makeArrowTable, rerankers } from "@lancedb/lancedb";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { embeddingText } from "../corpus/chunk.ts";
import type { Chunk, PreparedReport, Role } from "../corpus/types.ts";
import { ROLES } from "../corpus/types.ts";
import type { Embedder } from "../embed/types.ts";
import { AppError } from "../errors.ts";
import { silentLogger, type Logger } from "../log.ts";
import {
  CHUNK_COLUMNS,
  chunksSchema,
  documentsSchema,
  metaSchema,
  SCHEMA_VERSION,
  TABLES,
  type ChunkRow,
  type DocumentRow,
} from "./schema.ts";
import { MemorySearchIndex, type Hit, type MemoryRow } from "./memory-index.ts";
import { segment, segmentJoined } from "./segment.ts";
import type {
  CorpusStore,
  DocumentSummary,
  IngestOutcome,
  Passage,
  SearchFilters,
  SearchOptions,
  StoredDocument,
  StoreInfo,
} from "./types.ts";

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
  /** Weights of the vector and full-text lists in hybrid fusion (default equal). */
  hybridWeights?: { vector: number; text: number };
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

const FTS_INDEX = "tokens_idx";
const RRF_K = 60;
/**
 * Scalar indexes for the filter columns. Measured at 100k chunks: role+year filtered hybrid search
 * 19.7 → 12.8 ms, tag filter 30.7 → 13.2 ms, getChunks 9.8 → 3.2 ms; building all four took 127 ms.
 */
const SCALAR_INDEXES: Array<{ column: string; name: string; make: () => Index }> = [
  { column: "role", name: "role_idx", make: () => Index.bitmap() },
  { column: "year", name: "year_idx", make: () => Index.btree() },
  { column: "doc_id", name: "doc_id_idx", make: () => Index.btree() },
  { column: "tags", name: "tags_idx", make: () => Index.labelList() },
];
const VECTOR_INDEX = "vector_idx";
/**
 * Largest vector scan (non-zero query dimensions × rows) done in memory: about 5 ms in V8 here.
 * A local-embedder query (≈30–80 non-zero dimensions) stays far below it up to 60k+ rows; a dense
 * 1024-dimension query from a remote model passes it from ~8k rows, where LanceDB's ANN index is cheaper.
 */
const MEMORY_VECTOR_BUDGET = 8_000_000;

/** SQL string literal with quotes escaped (filters are built from user input). */
/** Entries in the search result cache (a few MB at most: k passages of a few hundred characters each). */
const SEARCH_CACHE_SIZE = 1000;

export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** Turn search filters into one SQL `where` prefilter, or undefined when there is none. */
export function buildWhere(f: SearchFilters): string | undefined {
  const parts: string[] = [];
  if (f.role !== undefined) {
    const roles = (Array.isArray(f.role) ? f.role : [f.role]).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    if (roles.length === 0) parts.push("false");
    else parts.push(`role IN (${roles.map(sqlString).join(", ")})`);
  }
  if (f.tags && f.tags.length > 0) parts.push(`array_has_any(tags, make_array(${f.tags.map(sqlString).join(", ")}))`);
  if (f.yearFrom !== undefined) parts.push(`year >= ${Math.trunc(f.yearFrom)}`);
  if (f.yearTo !== undefined) parts.push(`year <= ${Math.trunc(f.yearTo)}`);
  if (f.docId !== undefined) parts.push(`doc_id = ${sqlString(f.docId)}`);
  if (f.excludeDocIds && f.excludeDocIds.length > 0) parts.push(`doc_id NOT IN (${f.excludeDocIds.map(sqlString).join(", ")})`);
  return parts.length ? parts.join(" AND ") : undefined;
}

/** Serialises async work (writes) in this process. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

interface Committed {
  hash: string;
  chunkCount: number;
}

type Row = Record<string, unknown>;

function rowToChunk(r: Row): Chunk {
  return {
    id: String(r.id),
    docId: String(r.doc_id),
    seq: Number(r.seq),
    title: String(r.title),
    year: r.year === null || r.year === undefined ? null : Number(r.year),
    headingPath: JSON.parse(String(r.heading_path)) as string[],
    role: r.role as Role,
    tags: listToArray(r.tags),
    text: String(r.text),
    start: Number(r.start_offset),
    end: Number(r.end_offset),
  };
}

function listToArray(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.map(String);
  // Arrow list cells come back as Vectors: iterable, with toArray().
  const maybe = v as { toArray?: () => unknown[] };
  if (typeof maybe.toArray === "function") return Array.from(maybe.toArray(), String);
  return Array.from(v as Iterable<unknown>, String);
}

/** The LanceDB-backed corpus store. */
export class LanceCorpusStore implements CorpusStore {
  private readonly mutex = new Mutex();
  private readonly committed = new Map<string, Committed>();
  /** Rows of the write in flight that searches must skip (new chunks before commit, old ones after). */
  private pendingInvisible = 0;
  private rrf: rerankers.RRFReranker | null = null;
  private hasVectorIndex = false;
  private hasScalarIndexes = false;
  /** Set when rows of a failed write could not be removed; the next write repairs first. */
  private dirty = false;
  private writesSinceDocOptimize = 0;
  /** Version of the documents table the committed map was read from. */
  private docsVersion = -1;
  /** Search results keyed by (committed version, query, options); see searchPassages. */
  private readonly searchCache = new Map<string, Passage[]>();
  private searchCacheSize = SEARCH_CACHE_SIZE;
  private closed = false;
  /** Bumped whenever the committed map changes; the memory index records the epoch it mirrors. */
  private committedEpoch = 0;
  private lastRefresh = -Infinity;
  private memory: MemorySearchIndex | null = null;
  private memoryBudgetBytes = 0;
  private memoryEpoch = -1;
  /** Whether the copy at memoryEpoch serves searches (false: over budget). */
  private memoryServes = false;
  private memorySync: Promise<MemorySearchIndex | null> | null = null;
  private memoryOverBudgetLogged = false;

  private constructor(
    private readonly lockPath: string,
    private readonly db: lancedb.Connection,
    private readonly documents: lancedb.Table,
    private readonly chunks: lancedb.Table,
    private readonly embedder: Embedder,
    private readonly logger: Logger,
    private readonly embeddingText: (c: Chunk) => string,
    private readonly annThreshold: number,
    private readonly optimizeAfterRows: number,
    private readonly weights: { vector: number; text: number },
    private readonly hybridEngine: "fused" | "lancedb",
    private readonly nprobes: number,
    private readonly fusion: "rrf" | "convex",
    private readonly depth: { factor: number; min: number },
  ) {}

  /** Open (or create) the store; checks the embedder against the stored metadata and repairs interrupted writes. */
  static async open(opts: OpenStoreOptions): Promise<LanceCorpusStore> {
    const logger = opts.logger ?? silentLogger;
    const { embedder } = opts;
    const dir = path.join(opts.dataDir, "lancedb");
    mkdirSync(dir, { recursive: true });
    // Re-check tables written by another process (CLI ingest while the server runs) at most once a second.
    const db = await lancedb.connect(dir, { readConsistencyInterval: 1 });
    const names = new Set(await db.tableNames());
    const dimension = embedder.dimension;

    let meta: lancedb.Table;
    if (names.has(TABLES.meta)) {
      meta = await db.openTable(TABLES.meta);
      const rows = (await meta.query().toArray()) as Array<{ key: string; value: string }>;
      const m = new Map(rows.map((r) => [r.key, r.value]));
      const storedName = m.get("embedder");
      const storedDim = Number(m.get("dimension"));
      if (storedName && (storedName !== embedder.name || storedDim !== dimension)) {
        meta.close();
        db.close();
        throw new AppError(
          "conflict:embedder_mismatch",
          `范文库由向量模型 ${storedName}（${storedDim} 维）建立，当前配置为 ${embedder.name}（${dimension} 维），两者不能混用。` +
            `请改回原来的向量配置；或删除文件夹 ${dir} 后重新导入；或导入到新的数据目录：npx zongjie --data <新目录> ingest corpus`,
          { details: { stored: { embedder: storedName, dimension: storedDim }, configured: { embedder: embedder.name, dimension } } },
        );
      }
      if (m.get("schema") && m.get("schema") !== SCHEMA_VERSION) {
        meta.close();
        db.close();
        throw new AppError(
          "conflict:schema_version",
          `范文库格式版本为 ${m.get("schema")}，本程序需要 ${SCHEMA_VERSION}。请删除文件夹 ${dir} 后重新导入：npx zongjie ingest corpus`,
        );
      }
    } else {
      meta = await db.createEmptyTable(TABLES.meta, metaSchema);
    }
    const documents = names.has(TABLES.documents)
      ? await db.openTable(TABLES.documents)
      : await db.createEmptyTable(TABLES.documents, documentsSchema);
    const chunks = names.has(TABLES.chunks)
      ? await db.openTable(TABLES.chunks)
      : await db.createEmptyTable(TABLES.chunks, chunksSchema(dimension));
    // The vectors themselves must fit too (meta may be missing if the first open was interrupted).
    const vectorType = (await chunks.schema()).fields.find((f) => f.name === "vector")?.type as { listSize?: number } | undefined;
    if (vectorType?.listSize !== dimension) {
      chunks.close();
      documents.close();
      meta.close();
      db.close();
      throw new AppError(
        "conflict:embedder_mismatch",
        `范文库中的向量为 ${vectorType?.listSize ?? "未知"} 维，当前向量配置为 ${dimension} 维。请删除文件夹 ${dir} 后重新导入，或导入到新的数据目录：npx zongjie --data <新目录> ingest corpus`,
      );
    }
    // Meta is written last: a folder without it is treated as new and checked again next time.
    if ((await meta.countRows()) === 0) {
      await meta.add(
        makeArrowTable(
          [
            { key: "embedder", value: embedder.name },
            { key: "dimension", value: String(dimension) },
            { key: "schema", value: SCHEMA_VERSION },
          ],
          { schema: metaSchema },
        ),
      );
    }
    meta.close();

    const store = new LanceCorpusStore(
      path.join(dir, "write.lock"),
      db,
      documents,
      chunks,
      embedder,
      logger,
      opts.embeddingText ?? defaultEmbeddingText,
      opts.annThreshold ?? 10_000,
      opts.optimizeAfterRows ?? 1,
      opts.hybridWeights ?? { vector: 1, text: 1 },
      opts.hybridEngine ?? "fused",
      opts.nprobes ?? 20,
      opts.fusion ?? "convex",
      opts.hybridDepth ?? { factor: 3, min: 24 },
    );
    store.searchCacheSize = Math.max(0, opts.searchCacheSize ?? SEARCH_CACHE_SIZE);
    const mb = opts.memorySearchMB ?? 256;
    if (Number.isFinite(mb) && mb > 0) {
      store.memory = new MemorySearchIndex(dimension);
      store.memoryBudgetBytes = mb * 1024 * 1024;
    }
    await store.load();
    return store;
  }

  /** Read the committed versions, delete orphan chunks, make sure the indexes exist. */
  private async load(): Promise<void> {
    await this.loadCommitted();
    if (this.otherWriterAlive()) {
      // Its uncommitted chunks are in flight, not orphans; searches hide them either way.
      this.logger.info("另一个进程正在写入范文库，跳过启动修复");
    } else {
      await this.repair();
    }

    const indices = await this.chunks.listIndices();
    if (!indices.some((i) => i.name === FTS_INDEX)) await this.createFtsIndex();
    this.hasVectorIndex = indices.some((i) => i.name === VECTOR_INDEX);
    this.hasScalarIndexes = SCALAR_INDEXES.every((x) => indices.some((i) => i.name === x.name));
  }

  /** The committed (doc id → content hash) map, read from the documents table (the commit markers). */
  private async loadCommitted(): Promise<void> {
    const version = await this.documents.version(); // read first: a commit landing meanwhile triggers a reload next time
    const docs = (await this.documents.query().select(["id", "content_hash", "chunk_count"]).toArray()) as Row[];
    const next = new Map<string, Committed>();
    for (const d of docs) next.set(String(d.id), { hash: String(d.content_hash), chunkCount: Number(d.chunk_count) });
    this.committed.clear();
    for (const [k, v] of next) this.committed.set(k, v);
    this.docsVersion = version;
    this.committedEpoch++;
  }

  /** Pick up commits made by another process (the documents table moved to a new version). */
  private async refresh(): Promise<void> {
    this.lastRefresh = performance.now();
    if ((await this.documents.version()) !== this.docsVersion) await this.loadCommitted();
  }

  /**
   * Searches look for other processes' commits at most every 100 ms: asking LanceDB for the table
   * version costs ~0.07 ms, 6% of a core at 800 searches/s, and LanceDB itself re-reads the table
   * only once a second (readConsistencyInterval). This process's own commits update the committed
   * map directly, so they are seen at once.
   */
  private async refreshForSearch(): Promise<void> {
    if (performance.now() - this.lastRefresh >= 100) await this.refresh();
  }

  /** Another live process holds the write marker. */
  private otherWriterAlive(): boolean {
    if (!existsSync(this.lockPath)) return false;
    const pid = Number(readFileSync(this.lockPath, "utf8").trim());
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === "EPERM";
    }
  }

  /** Run a write with the cross-process marker set, so a store opening meanwhile does not "repair" it. */
  private async withWriteMarker<T>(fn: () => Promise<T>): Promise<T> {
    writeFileSync(this.lockPath, String(process.pid));
    try {
      return await fn();
    } finally {
      rmSync(this.lockPath, { force: true });
    }
  }

  /** Delete chunks whose (doc_id, content_hash) is not committed: leftovers of an interrupted write. */
  private async repair(): Promise<void> {
    // Repair: chunks whose (doc_id, content_hash) is not committed come from an interrupted write.
    const seen = new Map<string, Set<string>>();
    for await (const batch of this.chunks.query().select(["doc_id", "content_hash"])) {
      const ids = batch.getChild("doc_id");
      const hashes = batch.getChild("content_hash");
      for (let i = 0; i < batch.numRows; i++) {
        const id = String(ids?.get(i));
        const h = String(hashes?.get(i));
        if (this.committed.get(id)?.hash === h) continue;
        if (!seen.has(id)) seen.set(id, new Set());
        seen.get(id)!.add(h);
      }
    }
    for (const [id, hashes] of seen) {
      for (const h of hashes) {
        await this.chunks.delete(`doc_id = ${sqlString(id)} AND content_hash = ${sqlString(h)}`);
      }
      this.logger.warn(`范文库修复：删除了文档 ${id} 未完成导入时留下的段落`);
    }
    this.dirty = false;
  }

  private async createFtsIndex(): Promise<void> {
    await this.chunks.createIndex("tokens", {
      name: FTS_INDEX,
      replace: true,
      config: Index.fts({
        baseTokenizer: "whitespace", // tokens are already jieba-segmented
        withPosition: true,
        lowercase: true,
        stem: false,
        removeStopWords: false,
        asciiFolding: false,
      }),
    });
  }

  private async reranker(): Promise<rerankers.RRFReranker> {
    this.rrf ??= await rerankers.RRFReranker.create();
    return this.rrf;
  }

  async info(): Promise<StoreInfo> {
    this.assertOpen();
    await this.refresh();
    let chunks = 0;
    for (const c of this.committed.values()) chunks += c.chunkCount;
    return { embedder: this.embedder.name, dimension: this.embedder.dimension, documents: this.committed.size, chunks };
  }

  putReport(report: PreparedReport): Promise<IngestOutcome> {
    return this.putReports([report]).then((o) => o[0]);
  }

  /**
   * Store several reports in one write (bulk ingest, bench). Chunks are written first, tagged with
   * their document's contentHash; the documents rows are the commit marker and are written last in
   * one merge; the old versions' chunks are deleted after. Until the commit the new chunks are
   * invisible, and an interruption leaves only orphans that the next open deletes.
   */
  putReports(reports: PreparedReport[], onProgress?: (phase: "embed" | "write" | "index") => void): Promise<IngestOutcome[]> {
    return this.mutex.run(() => this.withWriteMarker(async () => {
      this.assertOpen();
      await this.refresh();
      const outcomes: IngestOutcome[] = [];
      const todo: Array<{ report: PreparedReport; prev: Committed | undefined }> = [];
      const seenIds = new Set<string>();
      for (const report of reports) {
        const doc = report.document;
        const prev = this.committed.get(doc.id);
        if (seenIds.has(doc.id)) throw new AppError("bad_request:duplicate_document", `同一批次中文档 ${doc.id} 出现了两次`);
        seenIds.add(doc.id);
        for (const c of report.chunks) {
          if (c.docId !== doc.id) throw new AppError("internal:chunk_doc", `段落 ${c.id} 不属于文档 ${doc.id}`);
        }
        if (prev && prev.hash === doc.contentHash) {
          outcomes.push({ status: "unchanged", docId: doc.id, title: doc.title, chunks: prev.chunkCount, sourceName: doc.sourceName });
        } else {
          todo.push({ report, prev });
          outcomes.push({
            status: prev ? "replaced" : "added",
            docId: doc.id,
            title: doc.title,
            chunks: report.chunks.length,
            sourceName: doc.sourceName,
          });
        }
      }
      if (todo.length === 0) return outcomes;

      onProgress?.("embed");
      const allChunks = todo.flatMap((t) => t.report.chunks.map((c) => ({ c, hash: t.report.document.contentHash })));
      const texts = allChunks.map(({ c }) => this.embeddingText(c));
      const vectors = allChunks.length ? await this.embedder.embed(texts) : [];
      const dim = this.embedder.dimension;
      if (vectors.length !== allChunks.length) {
        throw new AppError("internal:embed_count", `向量数量 ${vectors.length} 与段落数量 ${allChunks.length} 不符`);
      }
      vectors.forEach((v, i) => {
        if (v.length !== dim) throw new AppError("internal:embed_dimension", `段落 ${allChunks[i].c.id} 的向量长度为 ${v.length}，应为 ${dim}`);
      });

      onProgress?.("write");
      const rows: ChunkRow[] = allChunks.map(({ c, hash }, i) => ({
        id: c.id,
        doc_id: c.docId,
        seq: c.seq,
        title: c.title,
        year: c.year,
        heading_path: JSON.stringify(c.headingPath),
        role: c.role,
        tags: c.tags,
        text: c.text,
        start_offset: c.start,
        end_offset: c.end,
        content_hash: hash,
        tokens: segmentJoined(texts[i]),
        vector: Array.from(vectors[i]),
      }));
      const now = new Date().toISOString();
      const docRows: DocumentRow[] = todo.map(({ report }) => {
        const d = report.document;
        return {
          id: d.id,
          source_name: d.sourceName,
          title: d.title,
          year: d.year,
          level: d.level,
          format: d.format,
          content_hash: d.contentHash,
          chunk_count: report.chunks.length,
          char_count: d.cleanedText.length,
          ingested_at: now,
          json: JSON.stringify(d),
        };
      });

      this.pendingInvisible = rows.length + todo.reduce((n, t) => n + (t.prev?.chunkCount ?? 0), 0);
      let committed = false;
      try {
        // A failed clean-up below left rows of an uncommitted attempt: repair before writing again.
        if (this.dirty) await this.repair();
        for (let i = 0; i < rows.length; i += 20_000) {
          await this.chunks.add(makeArrowTable(rows.slice(i, i + 20_000) as unknown as Row[], { schema: chunksSchema(dim) }));
        }
        // The commit: one atomic write of all documents rows.
        await this.documents
          .mergeInsert("id")
          .whenMatchedUpdateAll()
          .whenNotMatchedInsertAll()
          .execute(makeArrowTable(docRows as unknown as Row[], { schema: documentsSchema }));
        committed = true;
        for (const { report } of todo) {
          this.committed.set(report.document.id, { hash: report.document.contentHash, chunkCount: report.chunks.length });
        }
        this.committedEpoch++;
        // Old versions' chunks: no longer committed, so already invisible; now remove them.
        const replaced = todo.filter((t) => t.prev).map((t) => t.report.document);
        if (replaced.length > 0) await this.chunks.delete(this.uncommittedPredicate(replaced));
      } catch (e) {
        if (!committed) {
          // Best effort: drop what this attempt wrote; if this fails too, the next open repairs it.
          await this.chunks.delete(this.uncommittedPredicate(todo.map((t) => t.report.document))).catch(() => {
            this.dirty = true;
          });
        }
        throw e;
      } finally {
        this.pendingInvisible = 0;
      }
      onProgress?.("index");
      await this.maintain();
      return outcomes;
    }));
  }

  /** SQL: rows whose content_hash is not the committed one of their document (per doc in `docs`). */
  private uncommittedPredicate(docs: Array<{ id: string; contentHash: string }>): string {
    const per = docs.map((d) => {
      const committed = this.committed.get(d.id);
      // Before commit the committed version is the previous one (or none); after, the new one.
      const keep = committed?.hash;
      return keep === undefined
        ? `doc_id = ${sqlString(d.id)}`
        : `(doc_id = ${sqlString(d.id)} AND content_hash <> ${sqlString(keep)})`;
    });
    return `(${per.join(" OR ")})`;
  }

  /**
   * Keep the indexes fresh: LanceDB searches rows added after the last index build by brute force,
   * which is correct but slows down as they pile up, so fold them in once enough have accumulated;
   * build the ANN vector index once the table is big enough for a flat scan to be slow.
   */
  async maintain(force = false): Promise<void> {
    const stats = await this.chunks.indexStats(FTS_INDEX);
    const unindexed = stats?.numUnindexedRows ?? 0;
    const total = await this.chunks.countRows();
    if (!this.hasScalarIndexes && total > 0) {
      for (const x of SCALAR_INDEXES) await this.chunks.createIndex(x.column, { name: x.name, replace: true, config: x.make() });
      this.hasScalarIndexes = true;
    }
    if (!this.hasVectorIndex && total >= this.annThreshold) {
      const started = Date.now();
      await this.chunks.createIndex("vector", {
        name: VECTOR_INDEX,
        replace: true,
        config: Index.ivfPq({
          distanceType: "cosine",
          numPartitions: Math.max(16, Math.round(Math.sqrt(total))),
          numSubVectors: Math.max(1, Math.floor(this.embedder.dimension / 16)),
        }),
      });
      this.hasVectorIndex = true;
      this.logger.info(`已为 ${total} 个段落建立向量索引（${Date.now() - started} ms）`);
    }
    // Measured on LanceDB 0.37: full-text search does scan unindexed rows, but their hits are not
    // merged by score, and `limit` may cut the best one. So every write is folded into the index
    // before it is reported done (optimize() updates indexes incrementally and compacts fragments).
    if (force || unindexed >= this.optimizeAfterRows) {
      const cutoff = new Date(Date.now() - 60 * 60 * 1000);
      await this.chunks.optimize({ cleanupOlderThan: cutoff });
      if (force || ++this.writesSinceDocOptimize >= 20) {
        await this.documents.optimize({ cleanupOlderThan: cutoff });
        this.writesSinceDocOptimize = 0;
      }
    }
  }

  removeDocument(id: string): Promise<boolean> {
    return this.mutex.run(() => this.withWriteMarker(async () => {
      this.assertOpen();
      await this.refresh();
      const prev = this.committed.get(id);
      if (!prev) return false;
      // Un-commit first: from here on the chunks are invisible even if deleting them is interrupted.
      await this.documents.delete(`id = ${sqlString(id)}`);
      this.committed.delete(id);
      this.committedEpoch++;
      await this.chunks.delete(`doc_id = ${sqlString(id)}`);
      return true;
    }));
  }

  async listDocuments(): Promise<DocumentSummary[]> {
    this.assertOpen();
    await this.refresh();
    const rows = (await this.documents
      .query()
      .select(["id", "source_name", "title", "year", "level", "format", "content_hash", "chunk_count", "char_count", "ingested_at"])
      .toArray()) as Row[];
    return rows.map(rowToSummary).sort((a, b) => a.sourceName.localeCompare(b.sourceName, "zh"));
  }

  async getDocument(id: string): Promise<StoredDocument | null> {
    this.assertOpen();
    const rows = (await this.documents.query().where(`id = ${sqlString(id)}`).limit(1).toArray()) as Row[];
    if (rows.length === 0) return null;
    return { ...rowToSummary(rows[0]), document: JSON.parse(String(rows[0].json)) };
  }

  async getChunks(docId: string): Promise<Chunk[]> {
    this.assertOpen();
    await this.refresh();
    const c = this.committed.get(docId);
    if (!c) return [];
    const rows = (await this.chunks
      .query()
      .where(`doc_id = ${sqlString(docId)} AND content_hash = ${sqlString(c.hash)}`)
      .select(CHUNK_COLUMNS)
      .limit(1_000_000)
      .toArray()) as Row[];
    return rows.map(rowToChunk).sort((a, b) => a.seq - b.seq);
  }

  /**
   * Hybrid search with filters. Results are cached per committed version of the corpus: drafting
   * asks the same section queries again and again (regenerate, several users on one outline), and
   * a search costs ~0.5 ms from the memory copy (10–15 ms through LanceDB) while a hit costs
   * microseconds. Any commit (here or in another process) changes the key, so a hit is never stale.
   */
  async searchPassages(query: string, options: SearchOptions = {}): Promise<Passage[]> {
    this.assertOpen();
    await this.refreshForSearch();
    const key = JSON.stringify([this.docsVersion, this.committedEpoch, query.trim(), options.k ?? 8, options.mode ?? "hybrid", buildWhere(options) ?? ""]);
    const hit = this.searchCache.get(key);
    if (hit) {
      // LRU: move to the newest end.
      this.searchCache.delete(key);
      this.searchCache.set(key, hit);
      return hit.map((p) => ({ ...p }));
    }
    const version = this.docsVersion;
    const epoch = this.committedEpoch;
    const result = await this.searchFresh(query, options);
    if (this.searchCacheSize > 0 && this.docsVersion === version && this.committedEpoch === epoch && this.pendingInvisible === 0) {
      this.searchCache.set(key, result);
      if (this.searchCache.size > this.searchCacheSize) this.searchCache.delete(this.searchCache.keys().next().value!);
    }
    return result.map((p) => ({ ...p }));
  }

  private async searchFresh(query: string, options: SearchOptions): Promise<Passage[]> {
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
    const depth = mode === "hybrid" ? Math.max(this.depth.factor * k, this.depth.min) : k;
    const limit = depth + this.pendingInvisible;
    // The in-memory copy of the committed chunks, when it is on, within budget and in step.
    const mem = this.hybridEngine === "fused" ? await this.syncMemory() : null;

    const visible = (r: Row) => this.committed.get(String(r.doc_id))?.hash === String(r.content_hash);
    const textQuery = () => {
      let qb = this.chunks.query().fullTextSearch(tokens, { columns: "tokens" }).select([...CHUNK_COLUMNS, "_score"]).limit(limit);
      if (where) qb = qb.where(where);
      return qb;
    };
    const vectorQuery = (vec: Float32Array) => {
      let qb = this.chunks.query().nearestTo(vec).distanceType("cosine").limit(limit);
      if (this.hasVectorIndex) qb = qb.nprobes(this.nprobes).refineFactor(5);
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
    const [vec] = await this.embedder.embed([q]);
    if (mode === "vector") return (await vectorHits(vec)).slice(0, k).map((h) => ({ ...h.chunk, score: h.score }));

    if (this.hybridEngine === "lancedb") {
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
    return fuseHits(vhits, thits, k, this.fusion, this.weights);
  }

  /** Load the in-memory copy now rather than on the first search (no-op when it is off or over budget). */
  async warmUp(): Promise<void> {
    this.assertOpen();
    await this.refresh();
    await this.syncMemory();
  }

  /** Whether the last search was served by the in-memory copy (false: off, over budget, or not in step yet). */
  get searchesFromMemory(): boolean {
    return this.memory !== null && this.memoryServes && this.memoryEpoch === this.committedEpoch;
  }

  /**
   * Bring the in-memory copy in step with the committed documents (lazily, on the search after a
   * commit: drop replaced and removed documents, load the new ones' rows from LanceDB). Returns
   * null when it cannot serve this search: turned off, over its memory budget, or a document's rows
   * are not all readable yet (another process's commit seen before its chunks; LanceDB serves until
   * the next try). One sync runs at a time; concurrent searches wait for it.
   */
  private async syncMemory(): Promise<MemorySearchIndex | null> {
    const mem = this.memory;
    if (!mem) return null;
    if (this.memoryEpoch === this.committedEpoch) return this.memoryServes ? mem : null;
    this.memorySync ??= this.loadMemory(mem)
      .catch((e: unknown) => {
        // The copy is only a faster path: if it cannot be loaded, LanceDB serves and the next search tries again.
        this.logger.warn(`内存检索副本载入失败，本次由 LanceDB 检索：${(e as Error).message}`);
        return null;
      })
      .finally(() => (this.memorySync = null));
    return this.memorySync;
  }

  private async loadMemory(mem: MemorySearchIndex): Promise<MemorySearchIndex | null> {
    const epoch = this.committedEpoch;
    const committed = new Map(this.committed);
    let total = 0;
    for (const c of committed.values()) total += c.chunkCount;
    if (MemorySearchIndex.vectorBytes(total, this.embedder.dimension) > this.memoryBudgetBytes) {
      if (!this.memoryOverBudgetLogged) {
        this.logger.info(`范文库 ${total} 个段落超出内存检索预算（${Math.round(this.memoryBudgetBytes / 1048576)} MB），改由 LanceDB 索引检索`);
        this.memoryOverBudgetLogged = true;
      }
      mem.clear();
      this.memoryEpoch = epoch;
      this.memoryServes = false;
      return null;
    }
    this.memoryOverBudgetLogged = false;
    const held = mem.held();
    for (const [id, hash] of held) if (committed.get(id)?.hash !== hash) mem.removeDocument(id);
    const missing = [...committed].filter(([id, c]) => held.get(id) !== c.hash && c.chunkCount > 0);
    let complete = true;
    if (missing.length > 0) {
      const started = performance.now();
      const byDoc = new Map<string, MemoryRow[]>();
      const read = async (where: string | undefined) => {
        let qb = this.chunks.query().select([...CHUNK_COLUMNS, "tokens", "vector"]).limit(100_000_000);
        if (where) qb = qb.where(where);
        // Batch by batch, so the Arrow data of the whole table is never in memory at once.
        for await (const batch of qb) {
          for (const r of batch.toArray() as Row[]) {
            const id = String(r.doc_id);
            if (committed.get(id)?.hash !== String(r.content_hash)) continue;
            let rows = byDoc.get(id);
            if (!rows) byDoc.set(id, (rows = []));
            rows.push({ chunk: rowToChunk(r), vector: toFloat32(r.vector), tokens: String(r.tokens).split(" ").filter(Boolean) });
          }
        }
      };
      // Most documents missing (the first search): one scan; otherwise only theirs.
      if (missing.length * 2 > committed.size) await read(undefined);
      else for (let i = 0; i < missing.length; i += 200) await read(`doc_id IN (${missing.slice(i, i + 200).map(([id]) => sqlString(id)).join(", ")})`);
      for (const [id, c] of missing) {
        const rows = byDoc.get(id) ?? [];
        if (rows.length !== c.chunkCount || rows.some((r) => r.vector.length !== this.embedder.dimension)) {
          complete = false;
          continue;
        }
        mem.setDocument(id, c.hash, rows.sort((a, b) => a.chunk.seq - b.chunk.seq));
      }
      this.logger.debug(`内存检索副本载入 ${missing.length} 篇文档（${Math.round(performance.now() - started)} ms）`);
    }
    if (!complete) return null;
    this.memoryEpoch = epoch;
    this.memoryServes = true;
    return mem;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Wait for a write in flight before closing the tables under it.
    await this.mutex.run(async () => undefined);
    this.closed = true;
    this.documents.close();
    this.chunks.close();
    this.db.close();
  }

  private assertOpen() {
    if (this.closed) throw new AppError("unavailable:store_closed", "范文库已关闭");
  }
}

/** A vector cell as a Float32Array of its own (not a view that would keep a whole Arrow batch alive). */
function toFloat32(v: unknown): Float32Array {
  const maybe = v as { toArray?: () => ArrayLike<number> };
  const arr = typeof maybe?.toArray === "function" ? maybe.toArray() : (v as ArrayLike<number>);
  return Float32Array.from(arr);
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
  weights: { vector: number; text: number },
): Passage[] {
  const fused = new Map<string, { chunk: Chunk; score: number; bm25: number }>();
  const entry = (h: Hit) => {
    let e = fused.get(h.chunk.id);
    if (!e) fused.set(h.chunk.id, (e = { chunk: h.chunk, score: 0, bm25: 0 }));
    return e;
  };
  for (const h of thits) entry(h).bm25 = h.score;
  if (fusion === "rrf") {
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
    .map((e) => ({ ...e.chunk, score: e.score }));
}

function rowToSummary(r: Row): DocumentSummary {
  return {
    id: String(r.id),
    sourceName: String(r.source_name),
    title: String(r.title),
    year: r.year === null || r.year === undefined ? null : Number(r.year),
    level: (r.level ?? null) as DocumentSummary["level"],
    format: r.format as DocumentSummary["format"],
    contentHash: String(r.content_hash),
    chunkCount: Number(r.chunk_count),
    charCount: Number(r.char_count),
    ingestedAt: String(r.ingested_at),
  };
}

/** Open (or create) the corpus store in `<dataDir>/lancedb`. */
export function openCorpusStore(opts: OpenStoreOptions): Promise<LanceCorpusStore> {
  return LanceCorpusStore.open(opts);
}
