/**
 * The full walk of a full-text query (memory-text.ts): every posting of every query term added into
 * per-row scores, then the best k ranked. Taken when pruning (text-topk.ts, text-blockmax.ts) could
 * not skip enough postings to pay for its bookkeeping: at 100k passages, most of the labelled queries.
 *
 * Two forms, with the same sums bit for bit (each row's terms added in the query's token order):
 * - sparse: the rows touched are listed as they are first reached, ranked from that list and their
 *   scores zeroed one by one: for short lists against the archive;
 * - dense: nothing is listed; the best k are taken by one pass over the rows in increasing order and
 *   the scores zeroed by one fill. At 100k passages a query of the labelled set touches about 43,000
 *   rows: listing, ranking and zeroing them in the order reached cost more than reading every row in
 *   order.
 * Every contribution is positive (idf > 0, tf ≥ 1), so a row's score is 0 exactly when no term
 * reached it: the walk needs no flag per row.
 */
import { topRows } from "./memory-rows.ts";
import { clearTouched, type Accumulators, type BM25Shape } from "./text-topk.ts";

/** The dense form is taken when the query's postings are at least 1/DENSE_AT of the rows. */
export const DENSE_AT = 4;

/**
 * Add weight `w` × tf / (tf + k1(1 − b) + k1·b·len/avg) of postings [from, to) of `rows`/`tfs` into
 * `scores`, for live rows (every row when `live` is null: none was removed). When `touched` is given,
 * rows reached for the first time (score still 0) are listed after `touched[0..n)`; returns the new count.
 */
export function walkPostings(rows: Int32Array, tfs: Uint8Array, from: number, to: number, w: number, shape: BM25Shape, live: Uint8Array | null, scores: Float64Array, touched: Int32Array | null, n: number): number {
  const { k1b, k1bAvg, docLen } = shape;
  if (touched === null) {
    if (live === null) {
      for (let p = from; p < to; p++) {
        const i = rows[p];
        const tf = tfs[p];
        scores[i] += (w * tf) / (tf + k1b + k1bAvg * docLen[i]);
      }
      return n;
    }
    for (let p = from; p < to; p++) {
      const i = rows[p];
      if (live[i] === 0) continue;
      const tf = tfs[p];
      scores[i] += (w * tf) / (tf + k1b + k1bAvg * docLen[i]);
    }
    return n;
  }
  for (let p = from; p < to; p++) {
    const i = rows[p];
    if (live !== null && live[i] === 0) continue;
    const tf = tfs[p];
    const s = scores[i];
    if (s === 0) touched[n++] = i;
    scores[i] = s + (w * tf) / (tf + k1b + k1bAvg * docLen[i]);
  }
  return n;
}

/**
 * The `k` best rows among 0..count−1 with a positive score (and in `mask` when given), best first,
 * ties to the earlier row, with their scores. Rows come in increasing order, so a row only as good
 * as the k-th held stays out.
 */
export function topPositive(scores: Float64Array, k: number, mask: Uint8Array | null, count: number): { rows: number[]; scores: number[] } {
  const topRow = new Int32Array(k);
  const topSum = new Float64Array(k);
  let have = 0;
  let floor = 0;
  for (let i = nextAbove(scores, 0, count, floor); i < count; i = nextAbove(scores, i + 1, count, floor)) {
    if (mask !== null && mask[i] === 0) continue;
    const sc = scores[i];
    let at = have < k ? have++ : k - 1;
    while (at > 0 && sc > topSum[at - 1]) {
      topSum[at] = topSum[at - 1];
      topRow[at] = topRow[at - 1];
      at--;
    }
    topSum[at] = sc;
    topRow[at] = i;
    if (have === k) floor = topSum[k - 1];
  }
  return { rows: Array.from(topRow.subarray(0, have)), scores: Array.from(topSum.subarray(0, have)) };
}

/**
 * The first row from `from` on scoring above `floor` (`count` if none): the scan's tight loop on its
 * own (0.12 against 0.16–0.30 ms over 100k rows with the ranking inside the loop, load 11).
 */
function nextAbove(scores: Float64Array, from: number, count: number, floor: number): number {
  for (let i = from; i < count; i++) if (scores[i] > floor) return i;
  return count;
}

/**
 * The `k` best live rows (in `mask` when given) of the full walk, best first, with their scores:
 * `walk` adds every posting into the scores (listing the rows touched when given a list) and returns
 * how many it listed; `postings`: how many it walks; `rowCount`: rows 0..rowCount−1 may be scored.
 * The scratch is left zero.
 */
export function fullWalk(walk: (scores: Float64Array, touched: Int32Array | null) => number, postings: number, rowCount: number, k: number, live: Uint8Array, mask: Uint8Array | null, acc: Accumulators): { rows: number[]; scores: number[] } {
  if (postings * DENSE_AT >= rowCount) {
    walk(acc.scores, null);
    const top = topPositive(acc.scores, k, mask, rowCount);
    acc.scores.fill(0, 0, rowCount);
    return top;
  }
  const n = walk(acc.scores, acc.touched);
  const rows = topRows(acc.scores, k, live, mask, null, n, acc.touched);
  const scores = rows.map((i) => acc.scores[i]);
  clearTouched(acc.scores, acc.hit, acc.touched, n);
  return { rows, scores };
}
