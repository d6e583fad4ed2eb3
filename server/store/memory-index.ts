import type { Chunk } from "../corpus/types.ts";
import { ColdRows } from "./cold-rows.ts";
import { Int8Columns } from "./memory-vectors.ts";
import { TextPostings } from "./memory-text.ts";
import type { TextEngine } from "./text-blockmax.ts";
import type { SnapshotContents } from "./snapshot.ts";
import { DocSlots, type SavedSlot } from "./memory-docs.ts";
import { RowTable, topRows, type DocSlot, type Hit, type MemoryRow } from "./memory-rows.ts";
import type { SearchFilters } from "./types.ts";

/**
 * An in-memory copy of the committed chunks, for searching without a round trip through LanceDB.
 *
 * Why: under load a LanceDB hybrid search costs about 12 ms of CPU at 10k chunks, which caps two
 * cores at ~90 searches/s. Here:
 * - vectors are held once, as int8 codes with a scale per dimension (memory-vectors.ts), column-major,
 *   scored by a WebAssembly SIMD kernel over the query's non-zero dimensions; the best candidates
 *   (a few times the number asked for) are then re-scored exactly against their float vectors, read
 *   from a temporary file (cold-rows.ts), so scores are the float cosine LanceDB computes;
 * - full text is BM25 over the same jieba tokens LanceDB indexes, from postings in typed arrays
 *   (memory-text.ts);
 * - the chunks themselves (text, headings, offsets) are in the same temporary file, read for the
 *   hits a search returns.
 * What stays in memory per row: its codes (one byte per dimension), its postings (5 bytes per
 * distinct word) and about 40 bytes of row data; `npm run bench -- --only retrieval` prints it.
 *
 * Rows are appended as documents come; a removed document's rows are marked dead and dropped by the
 * next compaction (when a quarter of the rows are dead, or the postings' tail has grown). Results are
 * exact (no ANN approximation) as long as the true top k are among the int8 candidates, which a test
 * measures against float search.
 */

/** Rows written between turns of the event loop by setDocumentInSlices (about 5 ms of work). */
const SLICE_ROWS = 64;
/** A document whose rows are being written: rows first … first + count − 1, past `n` until it ends. */
type NewDocument = { id: string; first: number; count: number; slotNo: number };
/** Candidates re-scored exactly: this many times the number asked for, plus a margin. */
const RESCORE_FACTOR = 2;
const RESCORE_MARGIN = 8;

export class MemorySearchIndex {
  /** Each row's document, and the chunk ids that are not `docId:seq` (memory-docs.ts). */
  private readonly docs = new DocSlots();
  /** Rows appended so far (live and dead) and the live ones. */
  private n = 0;
  private live = 0;
  private readonly row = new RowTable();
  private unit = true;
  private readonly vectors: Int8Columns;
  private readonly text: TextPostings;
  private readonly cold: ColdRows;
  private stale = false;
  /** A document is being written in slices (setDocumentInSlices). */
  private writing = false;
  private readonly slicePostings: number;
  /** Searches leave the tidy to the load under way (holdTidy). */
  private tidyHeld = 0;
  /** Scratch of the full-text search (text-topk.ts; all zero between calls). */
  private readonly acc = { scores: new Float64Array(0), hit: new Uint8Array(0), touched: new Int32Array(0) };

  /**
   * `simd: false` keeps the plain JavaScript loop (tests compare the two); `coldDir`: where the temporary
   * files go; `minPrunedPostings`: below this many postings a full-text query walks them all (text-topk.ts);
   * `slicePostings`: postings merged per step of tidyInSlices.
   */
  constructor(readonly dimension: number, opts: { simd?: boolean; coldDir?: string; minPrunedPostings?: number; slicePostings?: number; textEngine?: TextEngine } = {}) {
    this.slicePostings = opts.slicePostings ?? 1 << 19;
    this.text = new TextPostings(opts.minPrunedPostings, opts.textEngine);
    this.vectors = new Int8Columns(dimension, opts.simd !== false);
    this.cold = new ColdRows(dimension, opts.coldDir);
  }

  /** Whether vector scoring runs on the WebAssembly SIMD kernel. */
  get usesSimd(): boolean {
    return this.vectors.usesSimd;
  }

  /** Document id → content hash of what is held. */
  held(): Map<string, string> {
    return this.docs.held();
  }

  get size(): number {
    return this.live;
  }

  /** Bytes per row the budget counts on (measured by the retrieval bench: codes, postings, row data). */
  static bytesPerRow(dimension: number): number {
    return dimension + 420 + 64;
  }

  /** Bytes the copy holds in memory now (typed arrays and the float mirror; the small per-document and dictionary objects not counted). */
  get memoryBytes(): number {
    const scratch = this.acc.scores.byteLength + this.acc.hit.byteLength + this.acc.touched.byteLength;
    return this.vectors.bytes + this.text.bytes + this.row.bytes + scratch + this.cold.hotMirrorBytes;
  }

  /** Full-text searches that took the pruned path (the rest walked every posting). */
  get prunedTextSearches(): number {
    return this.text.pruned;
  }

  /** The top-k search long full-text queries take (text-blockmax.ts; the bench compares them). */
  get textEngine(): TextEngine { return this.text.engine; }
  set textEngine(e: TextEngine) { this.text.engine = e; }

  /** Distinct words in the full-text dictionary. */
  get terms(): number {
    return this.text.terms.size;
  }

  /** Let the float vectors of the first rows be mirrored in memory within `bytes` (cold-rows.ts). */
  setMirrorBytes(bytes: number): void {
    this.cold.setHotBytes(bytes);
  }

  /** Bytes of the float vectors mirrored in memory (part of `memoryBytes`). */
  get mirrorBytes(): number {
    return this.cold.hotMirrorBytes;
  }

  /** Rows whose float vectors are mirrored in memory (the others are read from the file). */
  get mirroredRows(): number {
    return Math.min(this.cold.mirroredRows, this.n);
  }

  /** Bytes in the temporary file (float vectors and chunks). */
  get fileBytes(): number {
    return this.cold.bytes;
  }

  /** Make room for `rows` more rows of about `postings` postings (a bulk load), so nothing grows past what it needs. */
  reserve(rows: number, postings = rows * 90): void {
    const need = this.n + rows;
    this.vectors.ensure(need, this.n, true);
    this.row.grow(need, true);
    this.text.reserve(need, postings);
  }

  setDocument(id: string, hash: string, rows: MemoryRow[]): void {
    const doc = this.beginDocument(id, hash, rows);
    this.writeRows(doc, rows, 0, rows.length);
    this.endDocument(doc);
  }

  /**
   * As setDocument, `SLICE_ROWS` rows at a time with `turn()` awaited between: 19,000 passages held the
   * thread serving HTTP for seconds in one block. Searches meanwhile see the copy as it was: the new rows
   * lie past `n`, live only once all are in, and nothing is compacted or requantised before. One at a time.
   */
  async setDocumentInSlices(id: string, hash: string, rows: MemoryRow[], turn: () => Promise<void>): Promise<void> {
    const doc = this.beginDocument(id, hash, rows);
    let written = false;
    try {
      for (let from = 0; from < rows.length; from += SLICE_ROWS, await turn()) this.writeRows(doc, rows, from, Math.min(rows.length, from + SLICE_ROWS));
      written = true;
    } finally {
      this.endDocument(doc);
      if (!written) this.removeDocument(id); // half a document is none: the next sync loads it again
    }
  }

  /** Make room for a document's rows after the last, and give it its slot (replacing any older version). */
  private beginDocument(id: string, hash: string, rows: MemoryRow[]): NewDocument {
    if (this.writing) throw new Error("memory copy: one document is written at a time");
    for (const r of rows) if (r.vector.length !== this.dimension) throw new Error(`vector of ${r.vector.length} dims, index has ${this.dimension}`);
    this.removeDocument(id);
    const first = this.n;
    const need = first + rows.length;
    this.vectors.ensure(need, first);
    this.row.grow(need);
    const slot: DocSlot = { id, hash, first, count: rows.length };
    const slotNo = this.docs.add(slot);
    this.writing = true;
    return { id, first, count: rows.length, slotNo };
  }

  /** Write rows [from, to) of a document begun with beginDocument (their vectors and chunks go to the file too). */
  private writeRows(doc: NewDocument, rows: MemoryRow[], from: number, to: number): void {
    const part = rows.slice(from, to);
    const fileFirst = this.cold.appendVectors(part.map((r) => r.vector));
    const { offsets, end } = this.cold.appendChunks(part.map((r) => r.chunk));
    part.forEach((r, k) => {
      const i = doc.first + from + k;
      const c = r.chunk;
      this.row.set(i, c, doc.slotNo, fileFirst + k, offsets[k], (k + 1 < offsets.length ? offsets[k + 1] : end) - offsets[k]); // live once the whole document is written (endDocument)
      if (c.id !== `${doc.id}:${c.seq}`) this.docs.setOddId(i, c.id);
      let sq = 0;
      for (let d = 0; d < this.dimension; d++) sq += r.vector[d] * r.vector[d];
      this.row.invNorm[i] = sq > 0 ? 1 / Math.sqrt(sq) : 0;
      if (sq > 0 && Math.abs(sq - 1) > 1e-4) this.unit = false;
      this.vectors.setRow(i, r.vector);
      this.text.add(i, r.tokens);
    });
  }

  /** The document's rows become live and counted, all at once. */
  private endDocument(doc: NewDocument): void {
    this.row.liveOf.fill(1, doc.first, doc.first + doc.count);
    this.n = doc.first + doc.count;
    this.live += doc.count;
    this.writing = false;
    this.stale = true;
  }

  removeDocument(id: string): void {
    const d = this.docs.get(id);
    if (!d) return;
    for (let i = d.first; i < d.first + d.count; i++) {
      this.row.liveOf[i] = 0;
      this.text.remove(i);
    }
    this.docs.remove(id, this.row.docOf[d.first]);
    this.live -= d.count;
    this.stale = true;
  }

  clear(): void {
    this.docs.clear();
    this.n = 0;
    this.live = 0;
    this.writing = false;
    this.unit = true;
    this.text.clear();
    this.cold.clear();
    this.stale = true;
  }

  /** Merge and drop dead rows now, so the copy is one compact base (what a snapshot holds). */
  settle(): void {
    this.prepare();
    if (this.n !== this.live || this.text.postings.tail > 0) this.compact();
  }

  /** The state a snapshot keeps (after `settle`); the float vectors and chunks go by `saveFiles`. */
  exportState(): SnapshotContents {
    const n = this.n;
    const v = this.vectors.exportState();
    const t = this.text.exportState(n);
    const arrays = Object.fromEntries(Object.entries(this.row.arrays()).map(([k, a]) => [k, a.subarray(0, n)]));
    const { slots, oddIds } = this.docs.exportState();
    return {
      meta: { dimension: this.dimension, n, unit: this.unit, slots, tagSets: this.row.tagSets, oddIds, stride: v.stride, terms: t.terms, liveLen: t.liveLen },
      arrays: { ...arrays, ...v.arrays, ...t.arrays },
    };
  }

  /** Copy the float vectors and chunks into a snapshot's files. */
  saveFiles(vecFile: string, chunkFile: string): { vecRows: number; chunkEnd: number } {
    return this.cold.saveTo(vecFile, chunkFile);
  }

  /** As saveFiles, in blocks with the event loop free between them (memory-snapshot.ts). */
  saveFilesInSlices(vecFile: string, chunkFile: string, unchanged: () => boolean, blockBytes?: number): Promise<{ vecRows: number; chunkEnd: number }> {
    return this.cold.saveToInSlices(vecFile, chunkFile, unchanged, blockBytes);
  }

  /** Take back a snapshot (replaces everything held); its files are read in place. */
  importState(s: SnapshotContents, files: { vecFile: string; chunkFile: string; vecRows: number; chunkEnd: number }): void {
    const m = s.meta as { dimension: number; n: number; unit: boolean; slots: SavedSlot[]; tagSets: string[][]; oddIds: Array<[number, string]>; stride: number; terms: string[]; liveLen: number };
    if (m.dimension !== this.dimension) throw new Error(`快照向量维度 ${m.dimension} 与检索副本 ${this.dimension} 不符`);
    const rest = s.arrays as Record<string, unknown>;
    this.clear();
    this.cold.adopt(files.vecFile, files.chunkFile, files.vecRows, files.chunkEnd);
    this.n = this.live = m.n;
    this.unit = m.unit;
    this.row.take(s.arrays, m.tagSets);
    this.docs.importState(m.slots, m.oddIds);
    this.vectors.importState(m.stride, rest);
    this.text.importState(m.terms, m.liveLen, rest);
    this.stale = true;
  }

  /** Release the temporary files. */
  close(): void {
    this.cold.close();
  }

  /** Before a search after changes: drop dead rows, merge the postings' tail, requantise if scales moved. */
  private prepare(): void {
    // A document being written in slices lies past `n`: renumbering now would pull the rows from under it.
    if (this.stale && !this.writing && this.tidyHeld === 0) this.tidy();
  }

  private tidy(): void {
    this.stale = false;
    if (this.needsCompaction()) this.compact();
    if (this.vectors.needsRescale()) {
      this.vectors.beginRescale();
      this.requantise(0, this.n);
      this.vectors.endRescale();
    }
  }

  private needsCompaction(): boolean {
    const { base, tail } = this.text.postings;
    return (this.n - this.live) * 4 > this.n || tail > Math.max(base / 4, 50_000) || (tail > 0 && base === 0);
  }

  /**
   * While held (a load under way, memory-sync.ts), searches do not tidy the copy: they read it as it
   * is (dead rows skipped, the postings' tail walked, codes under the scales they were made with).
   */
  holdTidy(on: boolean): void {
    this.tidyHeld += on ? 1 : -1;
  }

  /**
   * The tidy a search would do, in steps with `turn()` awaited between (issue 19: after a big load it
   * held the thread serving HTTP for 1–2 s): the postings' tail merged a few terms at a time and the
   * codes requantised 1,024 rows at a time, searches reading the copy between steps. Dropping dead
   * rows renumbers every row and stays one step; it is due only once a quarter of the copy is dead.
   * Call while the tidy is held, with nothing written meanwhile.
   */
  async tidyInSlices(turn: () => Promise<void>): Promise<void> {
    if (!this.stale || this.writing) return;
    this.stale = false;
    if ((this.n - this.live) * 4 > this.n) this.compact();
    else if (this.needsCompaction()) await this.text.mergeInSlices(turn, this.slicePostings);
    if (!this.vectors.needsRescale()) return;
    this.vectors.beginRescale();
    try {
      for (let from = 0; from < this.n; from += 1024) {
        const to = Math.min(this.n, from + 1024);
        this.requantise(from, to);
        this.vectors.advance(to);
        await turn();
      }
    } finally {
      this.requantise(this.vectors.requantisedRows, this.n); // what a failed turn left
      this.vectors.endRescale();
    }
  }

  /** Requantise live rows [from, to) from their float vectors. */
  private requantise(from: number, to: number): void {
    this.vectors.requantiseRows(from, to, this.row.liveOf, this.row.fileRow, (f, count) => this.cold.readVectors(f, count));
  }

  /** Renumber the live rows 0..live−1 in order, everywhere (and in the file, when it is mostly garbage). */
  private compact(): void {
    const renumber = new Int32Array(this.n).fill(-1);
    let r = 0;
    for (let i = 0; i < this.n; i++) if (this.row.liveOf[i]) renumber[i] = r++;
    this.row.move(renumber, this.n);
    this.vectors.compact(renumber, this.n);
    this.text.rebuild(renumber, r);
    this.docs.renumber(renumber, this.row.docOf);
    this.n = r;
    if (this.cold.bytes > 2 * r * (this.dimension * 4 + 1024)) {
      const offsets = this.cold.compact(this.row.fileRow.subarray(0, r), this.row.chunkAt.subarray(0, r), this.row.chunkLen.subarray(0, r));
      for (let i = 0; i < r; i++) this.row.fileRow[i] = i;
      this.row.chunkAt.set(offsets);
    }
  }

  private hit(i: number, score: number): Hit {
    const self = this;
    const at = this.row.chunkAt[i];
    const len = this.row.chunkLen[i];
    const id = this.docs.chunkId(i, this.row.docOf[i], this.row.seqOf[i]);
    let chunk: Chunk | null = null;
    return {
      id,
      score,
      get chunk() {
        return (chunk ??= self.cold.readChunk(at, len));
      },
    };
  }

  /** Rows passing the filters, as a mask; null when there are no filters. */
  private mask(f: SearchFilters): Uint8Array | null {
    return this.row.mask(f, this.n, (i) => this.docs.docId(this.row.docOf[i]));
  }

  /** Multiply-adds a vector search would cost (for choosing between this and LanceDB's ANN index). */
  vectorCost(query: Float32Array): number {
    let nnz = 0;
    for (let d = 0; d < query.length; d++) if (query[d] !== 0) nnz++;
    return nnz * this.live;
  }

  /** The searches' scratch, room for every row. */
  private scratch(): typeof this.acc {
    if (this.acc.scores.length < this.n) {
      this.acc.scores = new Float64Array(this.n);
      this.acc.hit = new Uint8Array(this.n);
      this.acc.touched = new Int32Array(this.n);
    }
    return this.acc;
  }

  /** Cosine nearest neighbours: the `limit` best rows passing the filters, scored exactly. */
  searchVector(query: Float32Array, limit: number, filters: SearchFilters = {}): Hit[] {
    if (query.length !== this.dimension) throw new Error(`query of ${query.length} dims, index has ${this.dimension}`);
    this.prepare();
    const n = this.n;
    if (this.live === 0 || limit <= 0) return [];
    let qn = 0;
    const nz: number[] = [];
    for (let d = 0; d < query.length; d++) {
      if (query[d] === 0) continue;
      qn += query[d] * query[d];
      nz.push(d);
    }
    if (qn === 0) return [];
    // A zero vector has no direction: LanceDB's cosine distance is undefined for it; leave it out.
    const rows = { live: this.row.liveOf, mask: this.mask(filters), invNorm: this.row.invNorm, unit: this.unit };
    const cand = this.vectors.candidates(query, nz, n, limit * RESCORE_FACTOR + RESCORE_MARGIN, rows, this.scratch().touched);
    const qinv = 1 / Math.sqrt(qn);
    const exact = cand.map((i) => ({ i, score: this.cold.dotRow(this.row.fileRow[i], query, nz) * this.row.invNorm[i] * qinv }));
    exact.sort((a, b) => b.score - a.score || a.i - b.i);
    return exact.slice(0, limit).map((e) => this.hit(e.i, e.score));
  }

  /** BM25 over the search tokens, top k by MaxScore (text-topk.ts); rows without any query term are not returned. */
  searchText(queryTokens: string[], limit: number, filters: SearchFilters = {}): Hit[] {
    this.prepare();
    if (this.live === 0 || limit <= 0) return [];
    const { rows, scores } = this.text.topK(queryTokens, this.row.liveOf, this.live, this.live === this.n, limit, this.mask(filters), this.scratch(), this.n);
    return rows.map((i, r) => this.hit(i, scores[r]));
  }

  /** The same ranking by scoring every posting of every query term (the reference the pruned search is tested against). */
  searchTextExhaustive(queryTokens: string[], limit: number, filters: SearchFilters = {}): Hit[] {
    this.prepare();
    if (this.live === 0 || limit <= 0) return [];
    const scores = new Float64Array(this.n);
    const touched = new Int32Array(this.n);
    const nTouched = this.text.score(queryTokens, this.row.liveOf, this.live, this.live === this.n, scores, touched);
    if (nTouched === 0) return [];
    return topRows(scores, limit, this.row.liveOf, this.mask(filters), null, nTouched, touched).map((i) => this.hit(i, scores[i]));
  }

  /** The live rows' chunks, in row order (tests). */
  chunks(): Chunk[] {
    const out: Chunk[] = [];
    for (let i = 0; i < this.n; i++) if (this.row.liveOf[i]) out.push(this.cold.readChunk(this.row.chunkAt[i], this.row.chunkLen[i]));
    return out;
  }
}
