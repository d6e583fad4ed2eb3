import type { Chunk, Role } from "../corpus/types.ts";
import { ROLES } from "../corpus/types.ts";
import { createAxpy, type Axpy } from "./simd.ts";
import type { SearchFilters } from "./types.ts";

/**
 * An in-memory copy of the committed chunks, for searching without a round trip through LanceDB.
 *
 * Why: under load a LanceDB hybrid search costs about 12 ms of CPU at 10k chunks (vector scan
 * ~5 ms, full-text ~3 ms, plus Arrow decoding of the rows), which caps two cores at ~90 searches/s.
 * Here the vectors are held column-major (one Float32Array per dimension, over all rows), so a
 * query costs (non-zero query dimensions × rows) multiply-adds: the local embedder's query vectors
 * have about 30–80 non-zero dimensions out of 512, so a 10k-chunk scan is well under a millisecond.
 * Full text is BM25 over the same jieba tokens LanceDB indexes, from an inverted index in CSR form.
 *
 * The store owns when this is used (see LanceCorpusStore.syncMemory): it mirrors exactly the
 * committed document versions, is rebuilt lazily after a commit, and is skipped above a memory
 * budget, where LanceDB's own indexes take over. Results are exact (no ANN approximation).
 */

export interface MemoryRow {
  chunk: Chunk;
  vector: Float32Array;
  /** Search tokens (jieba, lower-cased), as stored in LanceDB's `tokens` column. */
  tokens: string[];
}

export interface Hit {
  chunk: Chunk;
  score: number;
}

/** BM25 parameters (the usual Lucene/tantivy defaults, which LanceDB's inverted index also uses). */
const K1 = 1.2;
const B = 0.75;

interface Snapshot {
  n: number;
  /** Column stride: n rounded up to a multiple of 4 (the SIMD kernel's lane count). */
  stride: number;
  chunks: Chunk[];
  /** Column-major vectors: value of dimension d for row i at cols[d * stride + i]. */
  cols: Float32Array;
  /** With the SIMD kernel: the score buffer, and byte offsets of scores and cols in its memory. */
  simd: { axpy: Axpy; scores: Float32Array; scoresByte: number; colsByte: number } | null;
  /** 1 / |v| per row (0 for a zero vector). */
  invNorm: Float32Array;
  /** True when every stored vector already has unit length (the local embedder's do). */
  unit: boolean;
  roleOf: Uint8Array;
  yearOf: Int32Array; // YEAR_NONE when unknown
  /** Inverted index in CSR form: postings of term t are rows[start[t] .. start[t+1]). */
  start: Int32Array;
  postRow: Int32Array;
  /** BM25 weight of each posting without the idf: tf·(k1+1) / (tf + k1·(1 − b + b·len/avgLen)). */
  postW: Float32Array;
  /** Scratch for searchText (all zero between calls). */
  textScores: Float64Array;
  textHit: Uint8Array;
  textTouched: Int32Array;
}

const YEAR_NONE = -2147483648;
const ROLE_INDEX = new Map<string, number>(ROLES.map((r, i) => [r, i]));

export class MemorySearchIndex {
  /** Committed content per document: its version hash and rows. */
  private readonly docs = new Map<string, { hash: string; chunks: Chunk[]; vectors: Float32Array[]; termIds: Uint32Array[] }>();
  /** Term dictionary (grows only; a removed document's words stay, bounded by the vocabulary). */
  private readonly terms = new Map<string, number>();
  private snap: Snapshot | null = null;
  private rowCount = 0;
  /** WebAssembly memory holding the snapshot's scores and columns (grows, never shrinks). */
  private wasm: { memory: WebAssembly.Memory; axpy: Axpy } | null | undefined;

  /** `simd: false` keeps the plain JavaScript loop (tests compare the two). */
  constructor(readonly dimension: number, private readonly opts: { simd?: boolean } = {}) {}

  /** Whether vector scoring runs on the WebAssembly SIMD kernel. */
  get usesSimd(): boolean {
    return this.snapshot().simd !== null;
  }

  /** Float32 buffers for the scores and columns: in WebAssembly memory when SIMD is on and it can grow. */
  private buffers(stride: number): { cols: Float32Array; simd: Snapshot["simd"] } {
    const colFloats = this.dimension * stride;
    if (this.wasm === undefined) {
      if (this.opts.simd === false) this.wasm = null;
      else {
        const memory = new WebAssembly.Memory({ initial: 1 });
        const axpy = createAxpy(memory);
        this.wasm = axpy ? { memory, axpy } : null;
      }
    }
    if (this.wasm) {
      const { memory, axpy } = this.wasm;
      const bytes = (stride + colFloats) * 4;
      try {
        if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
        const scores = new Float32Array(memory.buffer, 0, stride);
        const cols = new Float32Array(memory.buffer, stride * 4, colFloats);
        cols.fill(0);
        return { cols, simd: { axpy, scores, scoresByte: 0, colsByte: stride * 4 } };
      } catch {
        // Could not grow (address space): fall through to ordinary arrays.
      }
    }
    return { cols: new Float32Array(colFloats), simd: null };
  }

  /** Document id → content hash of what is held. */
  held(): Map<string, string> {
    return new Map([...this.docs].map(([id, d]) => [id, d.hash]));
  }

  get size(): number {
    return this.rowCount;
  }

  /** Bytes held by the vectors (the bulk of the memory), for the budget. */
  static vectorBytes(rows: number, dimension: number): number {
    return rows * dimension * 4 * 2; // per-document rows + the column-major snapshot
  }

  setDocument(id: string, hash: string, rows: MemoryRow[]): void {
    for (const r of rows) {
      if (r.vector.length !== this.dimension) throw new Error(`vector of ${r.vector.length} dims, index has ${this.dimension}`);
    }
    this.removeDocument(id);
    const termIds = rows.map((r) => {
      const ids = new Uint32Array(r.tokens.length);
      r.tokens.forEach((t, i) => {
        let id = this.terms.get(t);
        if (id === undefined) this.terms.set(t, (id = this.terms.size));
        ids[i] = id;
      });
      return ids;
    });
    // The token strings are not kept: term ids are all the index needs (at 10k chunks the strings
    // alone would hold ~1.5M small heap objects).
    this.docs.set(id, { hash, chunks: rows.map((r) => r.chunk), vectors: rows.map((r) => r.vector), termIds });
    this.rowCount += rows.length;
    this.snap = null;
  }

  removeDocument(id: string): void {
    const d = this.docs.get(id);
    if (!d) return;
    this.docs.delete(id);
    this.rowCount -= d.chunks.length;
    this.snap = null;
  }

  clear(): void {
    this.docs.clear();
    this.rowCount = 0;
    this.snap = null;
  }

  /** Build the search arrays from the per-document rows (after any change; lazily, on the next search). */
  private snapshot(): Snapshot {
    if (this.snap) return this.snap;
    const dim = this.dimension;
    const chunks: Chunk[] = [];
    const vecs: Float32Array[] = [];
    const ids: Uint32Array[] = [];
    for (const d of this.docs.values()) {
      for (let i = 0; i < d.chunks.length; i++) {
        chunks.push(d.chunks[i]);
        vecs.push(d.vectors[i]);
        ids.push(d.termIds[i]);
      }
    }
    const n = chunks.length;
    const stride = Math.ceil(n / 4) * 4;
    const { cols, simd } = this.buffers(stride);
    const invNorm = new Float32Array(n);
    let unit = true;
    for (let i = 0; i < n; i++) {
      const v = vecs[i];
      let sq = 0;
      for (let d = 0; d < dim; d++) {
        const x = v[d];
        cols[d * stride + i] = x;
        sq += x * x;
      }
      invNorm[i] = sq > 0 ? 1 / Math.sqrt(sq) : 0;
      if (sq > 0 && Math.abs(sq - 1) > 1e-4) unit = false;
    }
    const roleOf = new Uint8Array(n);
    const yearOf = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      roleOf[i] = ROLE_INDEX.get(chunks[i].role) ?? 255;
      yearOf[i] = chunks[i].year ?? YEAR_NONE;
    }
    // Postings: count (row, term) pairs per term, then fill.
    const v = this.terms.size;
    const start = new Int32Array(v + 1);
    const docLen = new Float32Array(n);
    let totalLen = 0;
    const perRow: Array<Map<number, number>> = new Array(n);
    for (let i = 0; i < n; i++) {
      const tf = new Map<number, number>();
      for (const t of ids[i]) tf.set(t, (tf.get(t) ?? 0) + 1);
      perRow[i] = tf;
      docLen[i] = ids[i].length;
      totalLen += ids[i].length;
      for (const t of tf.keys()) start[t + 1]++;
    }
    for (let t = 0; t < v; t++) start[t + 1] += start[t];
    const fill = start.slice(0, v);
    const postRow = new Int32Array(start[v]);
    const postW = new Float32Array(start[v]);
    const avgLen = n ? totalLen / n : 0;
    for (let i = 0; i < n; i++) {
      const norm = K1 * (1 - B + (B * docLen[i]) / avgLen);
      for (const [t, tf] of perRow[i]) {
        const at = fill[t]++;
        postRow[at] = i;
        postW[at] = (tf * (K1 + 1)) / (tf + norm);
      }
    }
    this.snap = { n, stride, chunks, cols, simd, invNorm, unit, roleOf, yearOf, start, postRow, postW, textScores: new Float64Array(n), textHit: new Uint8Array(n), textTouched: new Int32Array(n) };
    return this.snap;
  }

  /** Rows passing the filters, as a mask; null when there are no filters. */
  private mask(s: Snapshot, f: SearchFilters): Uint8Array | null {
    const roles = f.role === undefined ? null : new Set((Array.isArray(f.role) ? f.role : [f.role]).map((r: Role) => ROLE_INDEX.get(r) ?? -1));
    const tags = f.tags && f.tags.length ? new Set(f.tags) : null;
    const exclude = f.excludeDocIds && f.excludeDocIds.length ? new Set(f.excludeDocIds) : null;
    if (!roles && !tags && !exclude && f.yearFrom === undefined && f.yearTo === undefined && f.docId === undefined) return null;
    const lo = f.yearFrom === undefined ? null : Math.trunc(f.yearFrom);
    const hi = f.yearTo === undefined ? null : Math.trunc(f.yearTo);
    const m = new Uint8Array(s.n);
    for (let i = 0; i < s.n; i++) {
      if (roles && !roles.has(s.roleOf[i])) continue;
      const y = s.yearOf[i];
      // As in SQL: a null year never satisfies a year bound.
      if (lo !== null && (y === YEAR_NONE || y < lo)) continue;
      if (hi !== null && (y === YEAR_NONE || y > hi)) continue;
      const c = s.chunks[i];
      if (f.docId !== undefined && c.docId !== f.docId) continue;
      if (exclude && exclude.has(c.docId)) continue;
      if (tags && !c.tags.some((t) => tags.has(t))) continue;
      m[i] = 1;
    }
    return m;
  }

  /** Multiply-adds a vector search would cost (for choosing between this and LanceDB's ANN index). */
  vectorCost(query: Float32Array): number {
    let nnz = 0;
    for (let d = 0; d < query.length; d++) if (query[d] !== 0) nnz++;
    return nnz * this.rowCount;
  }

  /** Exact cosine nearest neighbours: the `limit` best rows passing the filters. */
  searchVector(query: Float32Array, limit: number, filters: SearchFilters = {}): Hit[] {
    if (query.length !== this.dimension) throw new Error(`query of ${query.length} dims, index has ${this.dimension}`);
    const s = this.snapshot();
    const n = s.n;
    if (n === 0 || limit <= 0) return [];
    let qn = 0;
    for (let d = 0; d < query.length; d++) qn += query[d] * query[d];
    if (qn === 0) return [];
    let scores: Float32Array | Float64Array;
    const nz: number[] = [];
    for (let d = 0; d < query.length; d++) if (query[d] !== 0) nz.push(d);
    if (s.simd) {
      const { axpy, scoresByte, colsByte } = s.simd;
      scores = s.simd.scores;
      scores.fill(0);
      for (const d of nz) axpy(scoresByte, colsByte + d * s.stride * 4, s.stride, query[d]);
    } else {
      scores = this.scoreColumnsJs(s, query, nz);
    }
    const qinv = 1 / Math.sqrt(qn);
    if (!s.unit || Math.abs(qn - 1) > 1e-4) {
      for (let i = 0; i < n; i++) scores[i] *= s.invNorm[i] * qinv;
    }
    // A zero vector has no direction: LanceDB's cosine distance is undefined for it; leave it out.
    return this.topK(s, scores, limit, this.mask(s, filters), s.invNorm);
  }

  /** BM25 over the search tokens; rows without any query term are not returned. */
  searchText(queryTokens: string[], limit: number, filters: SearchFilters = {}): Hit[] {
    const s = this.snapshot();
    const n = s.n;
    if (n === 0 || limit <= 0) return [];
    // Scratch buffers of the snapshot: this runs synchronously, and every touched entry is reset below.
    const scores = s.textScores;
    const hit = s.textHit;
    const touched = s.textTouched;
    const postRow = s.postRow;
    const postW = s.postW;
    let nTouched = 0;
    // A term repeated in the query counts once per occurrence, as in LanceDB's (and Lucene's) match query.
    for (const term of queryTokens) {
      const t = this.terms.get(term);
      if (t === undefined || t + 1 >= s.start.length) continue;
      const from = s.start[t];
      const to = s.start[t + 1];
      const df = to - from;
      if (df === 0) continue;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (let p = from; p < to; p++) {
        const i = postRow[p];
        scores[i] += idf * postW[p];
        if (hit[i] === 0) {
          hit[i] = 1;
          touched[nTouched++] = i;
        }
      }
    }
    if (nTouched === 0) return [];
    const hits = this.topK(s, scores, limit, this.mask(s, filters), null, touched, nTouched);
    for (let r = 0; r < nTouched; r++) {
      const i = touched[r];
      scores[i] = 0;
      hit[i] = 0;
    }
    return hits;
  }

  /** The same sums in JavaScript, four columns per pass (half the time of one at a time). */
  private scoreColumnsJs(s: Snapshot, query: Float32Array, nz: number[]): Float64Array {
    const n = s.n;
    const out = new Float64Array(n);
    const col = (d: number) => s.cols.subarray(d * s.stride, d * s.stride + n);
    let j = 0;
    for (; j + 3 < nz.length; j += 4) {
      const [a, b, c, d] = [nz[j], nz[j + 1], nz[j + 2], nz[j + 3]];
      const qa = query[a], qb = query[b], qc = query[c], qd = query[d];
      const ca = col(a), cb = col(b), cc = col(c), cd = col(d);
      for (let i = 0; i < n; i++) out[i] += qa * ca[i] + qb * cb[i] + qc * cc[i] + qd * cd[i];
    }
    for (; j < nz.length; j++) {
      const q = query[nz[j]];
      const c = col(nz[j]);
      for (let i = 0; i < n; i++) out[i] += q * c[i];
    }
    return out;
  }

  /**
   * The `limit` highest scores among rows in the mask (and with keep[i] ≠ 0 when given), best first;
   * over `rows[0..count)` when given, else over all rows.
   */
  private topK(
    s: Snapshot,
    scores: Float32Array | Float64Array,
    limit: number,
    mask: Uint8Array | null,
    keep: Float32Array | null,
    rows?: Int32Array,
    count = s.n,
  ): Hit[] {
    const idx: number[] = [];
    let floor = -Infinity;
    for (let r = 0; r < count; r++) {
      const i = rows ? rows[r] : r;
      const sc = scores[i];
      if (idx.length >= limit && sc < floor) continue;
      if (mask && mask[i] === 0) continue;
      if (keep && keep[i] === 0) continue;
      // Insertion into a short sorted list (limit is at most a few hundred); ties: the earlier row
      // first, whatever order the rows come in.
      let at = idx.length;
      while (at > 0 && (scores[idx[at - 1]] < sc || (scores[idx[at - 1]] === sc && idx[at - 1] > i))) at--;
      if (at >= limit) continue;
      idx.splice(at, 0, i);
      if (idx.length > limit) idx.pop();
      if (idx.length >= limit) floor = scores[idx[idx.length - 1]];
    }
    return idx.map((i) => ({ chunk: s.chunks[i], score: scores[i] }));
  }
}
