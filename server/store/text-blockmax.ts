/**
 * Full-text top k document at a time with block-max bounds (MaxScore, Turtle & Flood 1995, over
 * blocks as in Ding & Suel 2011 and Chakrabarti et al. 2011), over the cursors of text-topk.ts.
 *
 * - The rows are visited in increasing order, and the best k so far are held in a heap; θ is the
 *   k-th best score. A later row enters only with a score above θ (a tie goes to the earlier row).
 * - Terms are taken by increasing bound; the longest run of them whose bounds add up to less than θ
 *   is "non-essential": a row none of the others holds cannot enter, so only the essential lists are
 *   walked, and the others are looked up for the rows they lead to, from the largest bound down,
 *   stopping as soon as the bounds left cannot lift the row above θ.
 * - Each base list is cut into blocks of BLOCK postings, each with the largest row factor
 *   tf / (tf + k1(1 − b) + k1·b·len/avg) of its postings. While the essential cursors sit in blocks
 *   whose bounds (with the non-essential terms') stay below θ, every row up to the first of those
 *   blocks' ends is skipped at once.
 * - A row that may enter is scored exactly: each term's contribution as the full walk computes it,
 *   summed in the query's token order, so rows and scores are bit for bit those of the full walk.
 *   Comparisons of bounds keep a margin far above floating-point error.
 */
import { BLOCK, BLOCK_SHIFT, END, type BM25Shape, type TermCursor } from "./text-topk.ts";

/**
 * The top-k search of a long full-text query: "auto" takes block maxima (text-blockmax.ts) when
 * `blockMaxPays`, walks every posting (text-walk.ts) for the other queries from BLOCKMAX_MIN_POSTINGS
 * postings on, and term at a time (text-topk.ts) below when that pays; the other two force one.
 */
export type TextEngine = "auto" | "blockmax" | "taat";

/**
 * First chosen on the 31 bench and 61 held-out queries (least CPU of 5–7 per query, both engines
 * alternated in one process, load 17–18; docs/scale.md): at 100k passages block maxima cost more
 * below 100,000 postings (0.56 against 0.41 ms under 50,000) and less above (1.24 against 1.30 ms);
 * at 1M they cost about half from 100,000 postings on (8.3 against 17.4 ms on the bench queries).
 */
export const BLOCKMAX_MIN_POSTINGS = 100_000;

/**
 * Since the full walk reads every row in order (text-walk.ts), it costs less than block maxima until
 * a query's postings are about twice the rows (92 queries, least of 5–7 per query, load 10): at 100k
 * passages 1.17 against 2.10 ms for 1–1.5 postings a row, 1.52 against 1.94 ms for 1.5–2, 1.52
 * against 0.79 ms past 2; at 1M 24.6 against 31.4 ms for 1–1.5, 41.0 against 36.1 ms for 1.5–2,
 * 32.3 against 17.1 ms past 2, and less for every band below 1.
 */
export const BLOCKMAX_POSTINGS_PER_ROW = 2;

/** Whether block maxima pay for a query of `postings` postings over `rows` rows. */
export function blockMaxPays(postings: number, rows: number): boolean {
  return postings >= BLOCKMAX_MIN_POSTINGS && postings >= BLOCKMAX_POSTINGS_PER_ROW * rows;
}

/** The block maxima of postings [from, to) of `rows`/`tfs` (row factor only: the term's weight is applied at query time). */
export function blockMaxima(rows: Int32Array, tfs: Uint8Array, from: number, to: number, shape: BM25Shape): Float64Array {
  const { k1b, k1bAvg, docLen } = shape;
  const out = new Float64Array((to - from + BLOCK - 1) >> BLOCK_SHIFT);
  for (let p = from; p < to; p++) {
    const tf = tfs[p];
    const x = tf / (tf + k1b + k1bAvg * docLen[rows[p]]);
    const b = (p - from) >> BLOCK_SHIFT;
    if (x > out[b]) out[b] = x;
  }
  return out;
}

/**
 * Block maxima per term, made on first use and kept until the base changes (`clear`) or the live
 * rows' average length does (the row factor depends on it).
 */
export class BlockMaxCache {
  private readonly byTerm = new Map<number, Float64Array>();
  private avg = 0;
  bytes = 0;

  clear(): void {
    this.byTerm.clear();
    this.bytes = 0;
  }

  /** Term t's block maxima over base postings [from, to) of `rows`/`tfs`. */
  of(t: number, rows: Int32Array, tfs: Uint8Array, from: number, to: number, shape: BM25Shape): Float64Array {
    if (shape.k1bAvg !== this.avg) {
      this.clear();
      this.avg = shape.k1bAvg;
    }
    let b = this.byTerm.get(t);
    if (!b) {
      b = blockMaxima(rows, tfs, from, to, shape);
      this.byTerm.set(t, b);
      this.bytes += b.byteLength;
    }
    return b;
  }
}

/** The k best so far: a heap whose top is the worst (lowest score; at a tie, the later row). */
class TopK {
  readonly rows: Int32Array;
  readonly scores: Float64Array;
  size = 0;

  constructor(readonly k: number) {
    this.rows = new Int32Array(k);
    this.scores = new Float64Array(k);
  }

  private worse(a: number, b: number): boolean {
    const sa = this.scores[a];
    const sb = this.scores[b];
    return sa < sb || (sa === sb && this.rows[a] > this.rows[b]);
  }

  private swap(a: number, b: number): void {
    const r = this.rows[a];
    this.rows[a] = this.rows[b];
    this.rows[b] = r;
    const s = this.scores[a];
    this.scores[a] = this.scores[b];
    this.scores[b] = s;
  }

  /** Offer a row later than every row held. */
  offer(row: number, score: number): void {
    let at: number;
    if (this.size < this.k) {
      at = this.size++;
      this.rows[at] = row;
      this.scores[at] = score;
      while (at > 0) {
        const up = (at - 1) >> 1;
        if (!this.worse(at, up)) break;
        this.swap(at, up);
        at = up;
      }
      return;
    }
    if (!(score > this.scores[0])) return;
    this.rows[0] = row;
    this.scores[0] = score;
    at = 0;
    for (;;) {
      const l = 2 * at + 1;
      if (l >= this.size) break;
      const c = l + 1 < this.size && this.worse(l + 1, l) ? l + 1 : l;
      if (!this.worse(c, at)) break;
      this.swap(c, at);
      at = c;
    }
  }

  /** θ: the k-th best score once k rows are held, else −∞. */
  get theta(): number {
    return this.size < this.k ? -Infinity : this.scores[0];
  }

  /** Best first, ties to the earlier row. */
  sorted(): { rows: number[]; scores: number[] } {
    const idx = Array.from({ length: this.size }, (_, i) => i);
    idx.sort((a, b) => this.scores[b] - this.scores[a] || this.rows[a] - this.rows[b]);
    return { rows: idx.map((i) => this.rows[i]), scores: idx.map((i) => this.scores[i]) };
  }
}

/**
 * The `k` best rows (live, in `mask` when given) by BM25 over `cursors` (each at its first posting,
 * with its block maxima when it has a base list), best first (ties to the earlier row), with their
 * scores. `order[j]` is the cursor of the query's j-th token (repeats included), in query order.
 */
export function topKBlockMax(cursors: TermCursor[], order: number[], k: number, live: Uint8Array, mask: Uint8Array | null): { rows: number[]; scores: number[] } {
  const m = cursors.length;
  if (m === 0 || k <= 0) return { rows: [], scores: [] };
  const ix = Int32Array.from(cursors.map((_, i) => i).sort((a, b) => cursors[a].ub - cursors[b].ub));
  const by = Array.from(ix, (i) => cursors[i]);
  const prefix = new Float64Array(m + 1);
  for (let i = 0; i < m; i++) prefix[i + 1] = prefix[i] + by[i].ub;
  const margin = 1e-9 * (prefix[m] + 1);
  const ord = Int32Array.from(order);
  const contrib = new Float64Array(m);
  const top = new TopK(k);
  let theta = -Infinity;
  let ne = 0;
  let checkedUntil = -1;
  let checkedTheta = -Infinity;
  for (;;) {
    let pivot = END;
    for (let i = ne; i < m; i++) if (by[i].row < pivot) pivot = by[i].row;
    if (pivot === END) break;
    // Every row from the pivot to the first end of the essential cursors' blocks is bounded alike:
    // worked out again once the pivot leaves that stretch or θ rises.
    if (theta !== -Infinity && (pivot > checkedUntil || theta !== checkedTheta)) {
      let bound = prefix[ne];
      let last = END;
      for (let i = ne; i < m; i++) {
        const c = by[i];
        if (c.row === END) continue;
        bound += c.blockBound();
        const l = c.blockLast();
        if (l < last) last = l;
      }
      if (bound + margin < theta) {
        for (let i = ne; i < m; i++) by[i].seek(last + 1);
        continue;
      }
      checkedUntil = last;
      checkedTheta = theta;
    }
    if (live[pivot] !== 0 && (mask === null || mask[pivot] !== 0)) {
      if (scoreRow(by, ix, ne, pivot, prefix, theta, margin, contrib)) {
        let sum = 0;
        for (let j = 0; j < ord.length; j++) {
          const x = contrib[ord[j]];
          if (x !== 0) sum += x;
        }
        top.offer(pivot, sum);
        theta = top.theta;
        while (ne < m && prefix[ne + 1] + margin < theta) ne++;
      }
    }
    for (let i = ne; i < m; i++) if (by[i].row === pivot) by[i].next();
  }
  return top.sorted();
}

/**
 * Each term's contribution to row `pivot` into `contrib` (by cursor), the essential terms from their
 * current posting and the others looked up from the largest bound down; false as soon as the bounds
 * left cannot lift the row above θ.
 */
function scoreRow(by: TermCursor[], ix: Int32Array, ne: number, pivot: number, prefix: Float64Array, theta: number, margin: number, contrib: Float64Array): boolean {
  contrib.fill(0);
  let sum = 0;
  for (let i = ne; i < by.length; i++) {
    const c = by[i];
    if (c.row !== pivot) continue;
    const x = c.score();
    contrib[ix[i]] = x;
    sum += x * c.repeats;
  }
  for (let i = ne - 1; i >= 0; i--) {
    if (sum + prefix[i + 1] + margin < theta) return false;
    const c = by[i];
    c.seek(pivot);
    if (c.row !== pivot) continue;
    const x = c.score();
    contrib[ix[i]] = x;
    sum += x * c.repeats;
  }
  return !(sum + margin < theta);
}
