/**
 * Top-k BM25 without walking every posting, over the typed-array postings of memory-text.ts:
 * term-at-a-time scoring that stops taking new candidates once the terms left cannot lift an unseen
 * row into the top k (the "quit/continue" pruning of Moffat & Zobel 1996, with MaxScore's per-term
 * upper bounds, Turtle & Flood 1995), then exact scoring of the few rows still in reach.
 *
 * 1. Each query term's bound is its BM25 weight at the largest count and the shortest row it holds.
 *    Terms are taken rarest first (largest bound) and their postings added into per-row partial
 *    scores, as the exhaustive walk does. After each term, θ is the k-th best partial score (a lower
 *    bound of the final k-th best) and R the sum of the bounds of the terms left. Once R < θ, a row no
 *    term has touched yet cannot enter: the common words' long lists are never walked.
 * 2. Candidates are the touched rows whose partial score plus R can still reach θ.
 * 3. Each candidate's score is computed afresh in the query's token order (a galloping search in each
 *    term's list), exactly as the exhaustive walk sums it, so scores are identical bit for bit, and
 *    ties go to the earlier row as in the exhaustive ranking. Comparisons of bounds keep a margin far
 *    above floating-point error. A test holds the result to the exhaustive scorer on random archives.
 */

export const END = 0x7fffffff;
/** Postings per block of a term's base list (its bound for block-max pruning, text-blockmax.ts). */
export const BLOCK_SHIFT = 6;
export const BLOCK = 1 << BLOCK_SHIFT;
/** A galloping search costs about this many postings walked: below it, candidates are looked up. */
const SEEK_COST = 16;
/** Below this many postings in all, the query's lists are walked whole. */
export const MIN_PRUNED_POSTINGS = 20_000;
/**
 * The pruned search is taken when the bounds say at most 1/PRUNE_AT_MOST of the postings must be
 * walked. Chosen on the 31 bench queries at 100k passages (best of 11 per query, load 14): the mean
 * full-text top 24 was 2.68 ms with the old rule (a half), 1.00 ms with a tenth, 1.25 ms never
 * pruning; on the 61 held-out queries, timed only, 2.09, 0.77 and 0.90 ms.
 */
const PRUNE_AT_MOST = 10;

export interface BM25Shape {
  k1b: number;
  k1bAvg: number;
  docLen: Uint32Array;
}

/**
 * The BM25 accumulation: add weight `w` × tf / (tf + k1(1 − b) + k1·b·len/avg) of postings [from, to)
 * of `rows`/`tfs` into `scores`, for live rows in the mask (null: every row), listing rows touched for
 * the first time after `touched[0..n)` (their `hit` set); returns the new count. The one loop of the
 * full walk and of the pruned search's term-at-a-time pass.
 */
export function addPostings(rows: Int32Array, tfs: Uint8Array, from: number, to: number, w: number, shape: BM25Shape, live: Uint8Array, mask: Uint8Array | null, scores: Float64Array, hit: Uint8Array, touched: Int32Array, n: number): number {
  const { k1b, k1bAvg, docLen } = shape;
  for (let p = from; p < to; p++) {
    const i = rows[p];
    if (live[i] === 0 || (mask !== null && mask[i] === 0)) continue;
    const tf = tfs[p];
    scores[i] += (w * tf) / (tf + k1b + k1bAvg * docLen[i]);
    if (hit[i] === 0) {
      hit[i] = 1;
      touched[n++] = i;
    }
  }
  return n;
}

/** `addPostings` for the rows marked `hit[row] === 2` only (every other row is left as it is). */
function addToMarked(rows: Int32Array, tfs: Uint8Array, from: number, to: number, w: number, shape: BM25Shape, hit: Uint8Array, scores: Float64Array): void {
  const { k1b, k1bAvg, docLen } = shape;
  for (let p = from; p < to; p++) {
    const i = rows[p];
    if (hit[i] !== 2) continue;
    const tf = tfs[p];
    scores[i] += (w * tf) / (tf + k1b + k1bAvg * docLen[i]);
  }
}

/** Zero the scratch of rows `touched[0..n)` (their score and `hit` flag). */
export function clearTouched(scores: Float64Array, hit: Uint8Array, touched: Int32Array, n: number): void {
  for (let r = 0; r < n; r++) {
    scores[touched[r]] = 0;
    hit[touched[r]] = 0;
  }
}

/**
 * The k-th largest score among rows `rows[0..n)` (n ≥ k), using `partials` (room for n) as scratch.
 * The copy is a function of its own: a function whose long loop is compiled while it runs (on-stack
 * replacement) has no type feedback yet for what follows the loop, and bailed out there on every call.
 */
function kthOfRows(scores: Float64Array, rows: Int32Array, n: number, partials: Float64Array, k: number): number {
  gather(scores, rows, n, partials);
  return kthLargest(partials, n, k);
}

function gather(scores: Float64Array, rows: Int32Array, n: number, out: Float64Array): void {
  for (let r = 0; r < n; r++) out[r] = scores[rows[r]];
}

/** The touched rows whose score plus `reach` is at least θ, marked `hit = 2`, in increasing order. */
function inReach(scores: Float64Array, touched: Int32Array, n: number, reach: number, theta: number, hit: Uint8Array): Int32Array {
  const cand = new Int32Array(countInReach(scores, touched, n, reach, theta));
  markInReach(scores, touched, n, reach, theta, hit, cand);
  return cand.sort();
}

function countInReach(scores: Float64Array, touched: Int32Array, n: number, reach: number, theta: number): number {
  let nc = 0;
  for (let r = 0; r < n; r++) if (scores[touched[r]] + reach >= theta) nc++;
  return nc;
}

function markInReach(scores: Float64Array, touched: Int32Array, n: number, reach: number, theta: number, hit: Uint8Array, cand: Int32Array): void {
  let nc = 0;
  for (let r = 0; r < n; r++) {
    const row = touched[r];
    if (scores[row] + reach >= theta) {
      cand[nc++] = row;
      hit[row] = 2;
    }
  }
}

/** Keep the candidates whose score plus `reach` is at least θ (in place, order kept; the others lose `hit = 2`); returns how many. */
function keepInReach(cand: Int32Array, nc: number, scores: Float64Array, reach: number, theta: number, hit: Uint8Array): number {
  let kept = 0;
  for (let r = 0; r < nc; r++) {
    const row = cand[r];
    if (scores[row] + reach >= theta) cand[kept++] = row;
    else hit[row] = 1;
  }
  return kept;
}

/** One distinct query term's postings and weight. */
export class TermCursor {
  /** Position in the virtual list: base [from, to), then the tail array. */
  private p: number;
  private readonly baseEnd: number;
  private readonly from: number;
  private tailAt = 0;
  /** Current row (END past the last). */
  row: number;
  /** Upper bound of this term's contribution over its whole list (times its repeats in the query). */
  readonly ub: number;

  constructor(
    private readonly rows: Int32Array,
    private readonly tfs: Uint8Array,
    from: number,
    to: number,
    private readonly tailRows: Int32Array,
    private readonly tailTfs: Uint8Array,
    /** BM25 weight idf × (k1 + 1). */
    readonly w: number,
    /** Times the term occurs in the query. */
    readonly repeats: number,
    /** Its largest count and shortest row over the base slice and the tail. */
    maxTf: number,
    minLen: number,
    private readonly shape: BM25Shape,
  ) {
    this.p = from;
    this.from = from;
    this.baseEnd = to;
    this.ub = this.bound(maxTf, minLen) * repeats;
    this.row = this.at();
  }

  /**
   * Per block of BLOCK base postings, the largest tf / (tf + k1(1 − b) + k1·b·len/avg) (text-blockmax.ts);
   * null: the whole list is bounded by `ub`.
   */
  blocks: Float64Array | null = null;

  /** The next posting. */
  next(): void {
    if (this.p < this.baseEnd) this.p++;
    else this.tailAt++;
    this.row = this.at();
  }

  /** The last row of the block holding the current posting (the tail is one block). */
  blockLast(): number {
    if (this.p >= this.baseEnd) return END - 1;
    const end = this.from + (((this.p - this.from) >> BLOCK_SHIFT) + 1) * BLOCK;
    return this.rows[(end < this.baseEnd ? end : this.baseEnd) - 1];
  }

  /** An upper bound of this term's contribution (times its repeats) to any row of the current block. */
  blockBound(): number {
    if (this.p >= this.baseEnd || this.blocks === null) return this.ub;
    return this.blocks[(this.p - this.from) >> BLOCK_SHIFT] * this.w * this.repeats;
  }

  private bound(tf: number, len: number): number {
    return tf === 0 ? 0 : (this.w * tf) / (tf + this.shape.k1b + this.shape.k1bAvg * len);
  }

  private at(): number {
    if (this.p < this.baseEnd) return this.rows[this.p];
    return this.tailAt < this.tailRows.length ? this.tailRows[this.tailAt] : END;
  }

  /** The term's BM25 contribution at the current row (one occurrence), as the exhaustive walk computes it. */
  score(): number {
    const tf = this.p < this.baseEnd ? this.tfs[this.p] : this.tailTfs[this.tailAt];
    return (this.w * tf) / (tf + this.shape.k1b + this.shape.k1bAvg * this.shape.docLen[this.row]);
  }

  /**
   * Add this term's contribution (times its repeats) to every eligible row of its list (live, in the
   * mask), listing rows touched for the first time after `touched[0..n)`; returns the new count.
   */
  accumulate(scores: Float64Array, hit: Uint8Array, touched: Int32Array, n: number, live: Uint8Array, mask: Uint8Array | null): number {
    const w = this.w * this.repeats;
    n = addPostings(this.rows, this.tfs, this.p, this.baseEnd, w, this.shape, live, mask, scores, hit, touched, n);
    return addPostings(this.tailRows, this.tailTfs, 0, this.tailRows.length, w, this.shape, live, mask, scores, hit, touched, n);
  }

  /** Postings in the list. */
  get length(): number {
    return this.baseEnd - this.from + this.tailRows.length;
  }

  /** Add this term's contribution (times its repeats) to the rows marked `hit[row] === 2` only. */
  accumulateInto(scores: Float64Array, hit: Uint8Array): void {
    const w = this.w * this.repeats;
    addToMarked(this.rows, this.tfs, this.from, this.baseEnd, w, this.shape, hit, scores);
    addToMarked(this.tailRows, this.tailTfs, 0, this.tailRows.length, w, this.shape, hit, scores);
  }

  /** Add this term's contribution (times its repeats) to rows `cand[0..nc)` (increasing), each looked up in the list. */
  addAt(cand: Int32Array, nc: number, scores: Float64Array): void {
    const w = this.repeats;
    for (let r = 0; r < nc; r++) {
      const row = cand[r];
      this.seek(row);
      if (this.row === row) scores[row] += this.score() * w;
    }
    this.rewind();
  }

  /** Back to the first posting. */
  rewind(): void {
    this.p = this.from;
    this.tailAt = 0;
    this.row = this.at();
  }

  /** Move to the first posting with row ≥ `target` (galloping, then binary search). */
  seek(target: number): void {
    if (this.row >= target) return;
    if (this.p < this.baseEnd) {
      const rows = this.rows;
      if (rows[this.baseEnd - 1] < target) {
        this.p = this.baseEnd;
      } else {
        let lo = this.p;
        let step = 1;
        let hi = lo + step;
        while (hi < this.baseEnd && rows[hi] < target) {
          lo = hi;
          step *= 2;
          hi = lo + step;
        }
        if (hi > this.baseEnd - 1) hi = this.baseEnd - 1;
        // rows[lo] < target ≤ rows[hi]
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          if (rows[mid] < target) lo = mid;
          else hi = mid;
        }
        this.p = hi;
        this.row = rows[hi];
        return;
      }
    }
    const t = this.tailRows;
    while (this.tailAt < t.length && t[this.tailAt] < target) this.tailAt++;
    this.row = this.at();
  }
}

/** Scratch of the term-at-a-time pass: one entry per row, all zero between calls. */
export interface Accumulators {
  scores: Float64Array;
  hit: Uint8Array;
  touched: Int32Array;
}

/** The k-th largest of `xs[0..n)` (n ≥ k ≥ 1), reordering them (quickselect). */
function kthLargest(xs: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  const want = k - 1;
  while (lo < hi) {
    const pivot = xs[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i] > pivot) i++;
      while (xs[j] < pivot) j--;
      if (i <= j) {
        const t = xs[i];
        xs[i++] = xs[j];
        xs[j--] = t;
      }
    }
    if (want <= j) hi = j;
    else if (want >= i) lo = i;
    else return xs[want];
  }
  return xs[want];
}

/**
 * Whether the pruned search can pay: walking terms rarest first, it can stop taking new rows at the
 * earliest after the terms whose bounds add up to those of the rest (θ never exceeds the bounds
 * walked), so at most the postings after that point are skipped. Its bookkeeping (θ, the rows still
 * in reach, completing them in the other lists, exact re-scoring) grows with the rows the first
 * terms touch, and on the synthetic archive at 100k (bench/scale.ts) it cost up to 20–50 times the
 * full walk when the first terms were common. It is taken when at most a tenth of the postings would
 * have to be walked (PRUNE_AT_MOST), and the lists are long enough for that to matter.
 */
export function worthPruning(cursors: TermCursor[], minPostings = MIN_PRUNED_POSTINGS): boolean {
  if (cursors.length < 2) return false;
  const byUb = [...cursors].sort((a, b) => b.ub - a.ub);
  let total = 0;
  let left = 0;
  for (const c of byUb) {
    total += c.length;
    left += c.ub;
  }
  // A short walk costs less than the bookkeeping's fixed part (in the load bench's profile at 2k
  // passages, the pruned path took 6.7% of the server's main thread).
  if (total < minPostings) return false;
  let walked = 0;
  let walkedPostings = 0;
  for (const c of byUb) {
    if (walked >= left) break;
    walked += c.ub;
    left -= c.ub;
    walkedPostings += c.length;
  }
  return walkedPostings * PRUNE_AT_MOST <= total;
}

/**
 * The `k` best of rows `cand[0..nc)` (increasing) by their exact scores, best first, ties to the
 * earlier row: each term's contribution looked up (the cursors are searched forward) and summed in
 * the query's token order `order`, as the exhaustive walk sums them.
 */
function exactTop(cursors: TermCursor[], order: number[], cand: Int32Array, nc: number, k: number): { rows: number[]; scores: number[] } {
  const m = cursors.length;
  const contrib = new Float64Array(nc * m);
  for (let t = 0; t < m; t++) {
    const c = cursors[t];
    c.rewind();
    for (let r = 0; r < nc; r++) {
      c.seek(cand[r]);
      if (c.row === cand[r]) contrib[r * m + t] = c.score();
    }
  }
  const ord = Int32Array.from(order);
  // The best k so far, best first (insertion into a short sorted list; most rows fall below it).
  const topRow = new Int32Array(k);
  const topSum = new Float64Array(k);
  let have = 0;
  for (let r = 0; r < nc; r++) {
    let sum = 0;
    for (let j = 0; j < ord.length; j++) {
      const x = contrib[r * m + ord[j]];
      if (x !== 0) sum += x;
    }
    // Rows come in increasing order: at a tie the one already held stays ahead.
    if (have === k && !(sum > topSum[k - 1])) continue;
    let at = have < k ? have++ : k - 1;
    while (at > 0 && sum > topSum[at - 1]) {
      topSum[at] = topSum[at - 1];
      topRow[at] = topRow[at - 1];
      at--;
    }
    topSum[at] = sum;
    topRow[at] = cand[r];
  }
  return { rows: Array.from(topRow.subarray(0, have)), scores: Array.from(topSum.subarray(0, have)) };
}

/**
 * The `k` best rows (live, in `mask` when given) by BM25 over `cursors`, best first (ties to the
 * earlier row), with their scores. `order[j]` is the cursor of the query's j-th token (repeats
 * included), in query order: the sum order of the exhaustive walk.
 */
export function topKBM25(cursors: TermCursor[], order: number[], k: number, live: Uint8Array, mask: Uint8Array | null, acc: Accumulators): { rows: number[]; scores: number[] } {
  const m = cursors.length;
  if (m === 0 || k <= 0) return { rows: [], scores: [] };
  const byUb = cursors.map((_, i) => i).sort((a, b) => cursors[b].ub - cursors[a].ub);
  let left = 0;
  for (const c of cursors) left += c.ub;
  const margin = 1e-9 * (left + 1);
  const { scores, hit, touched } = acc;
  let n = 0;
  let theta = -Infinity;
  let partials = new Float64Array(0);
  let firstUnwalked = m;
  let walked = 0;
  try {
    for (let j = 0; j < m; j++) {
      const c = cursors[byUb[j]];
      left -= c.ub;
      n = c.accumulate(scores, hit, touched, n, live, mask);
      walked += c.ub;
      // No partial score exceeds the bounds walked: θ cannot pass R yet, so it is not worked out.
      if (n < k || walked + margin < left) continue;
      if (partials.length < n) partials = new Float64Array(Math.max(n, partials.length * 2));
      theta = kthOfRows(scores, touched, n, partials, k);
      if (left + margin < theta) {
        firstUnwalked = j + 1;
        break;
      }
    }
    // Rows still in reach (hit = 2), by increasing row (the lists are searched forward). The loops
    // over rows are functions of their own on typed arrays: when they sat in this function, its
    // optimised code bailed out now and then on a map or a branch it had not seen (node
    // --trace-deopt), and the rest of that search ran in the interpreter (50 ms for 1,900 postings).
    const cand = inReach(scores, touched, n, left + 2 * margin, theta, hit);
    let nc = cand.length;
    // The terms not walked add to the candidates only, which shrink as θ rises and R falls: looked up
    // in the list while the candidates are few against it, else the list is walked for them.
    for (let j = firstUnwalked; j < m; j++) {
      const c = cursors[byUb[j]];
      left -= c.ub;
      if (nc * SEEK_COST < c.length) c.addAt(cand, nc, scores);
      else c.accumulateInto(scores, hit);
      if (nc >= k) {
        if (partials.length < nc) partials = new Float64Array(nc);
        theta = kthOfRows(scores, cand, nc, partials, k);
      }
      nc = keepInReach(cand, nc, scores, left + 2 * margin, theta, hit);
    }
    return exactTop(cursors, order, cand, nc, k);
  } finally {
    clearTouched(scores, hit, touched, n);
  }
}
