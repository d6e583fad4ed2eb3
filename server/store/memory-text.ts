/**
 * The full-text half of the in-memory search copy: BM25 postings in typed arrays.
 *
 * A base in CSR form (postings of term t are base rows [start[t], start[t+1]), each a row number and
 * the term's count in it), and a tail for rows added since the base was built: one linked list per
 * term through three growing typed arrays. `rebuild` merges both into a new base and drops removed
 * rows. The BM25 weight is computed at query time from the count, the row's length and the live
 * rows' average length, so removing a row never needs its words again, and the statistics are
 * always those of the live rows (as LanceDB's after a delete).
 *
 * Memory: 5 bytes per (row, distinct term) posting plus 4 bytes of row length; the term dictionary
 * grows only with the vocabulary.
 */

import { MIN_PRUNED_POSTINGS, topKBM25, TermCursor, worthPruning, type Accumulators, type BM25Shape } from "./text-topk.ts";
import { fullWalk, walkPostings } from "./text-walk.ts";
import { BLOCKMAX_MIN_POSTINGS, blockMaxPays, BlockMaxCache, topKBlockMax, type TextEngine } from "./text-blockmax.ts";

/** BM25 parameters (the usual Lucene/tantivy defaults, which LanceDB's inverted index also uses). */
const K1 = 1.2;

const B = 0.75;

function grow<T extends Int32Array | Uint8Array | Uint32Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2, 64));
  b.set(a);
  return b;
}

export class TextPostings {
  /** Term dictionary (grows only; a removed row's words stay, bounded by the vocabulary). */
  readonly terms = new Map<string, number>();
  private start = new Int32Array(1);
  private postRow = new Int32Array(0);
  /** The term's count in the row (saturating at 255; BM25 barely moves past a few). */
  private postTf = new Uint8Array(0);
  /** Tail, in the order added: head[t] is the last tail posting of term t (−1: none), next[p] the one before it. */
  private head = new Int32Array(0);
  private tailNext = new Int32Array(0);
  private tailTerm = new Int32Array(0);
  private tailRow = new Int32Array(0);
  private tailTf = new Uint8Array(0);
  private tailCount = 0;
  /** Scratch of add(): the posting of term t for the row being added. */
  private slotOf = new Int32Array(0);
  private markOf = new Int32Array(0);
  /** Tokens per row. */
  private docLen = new Uint32Array(0);
  private liveLen = 0;
  /** Upper-bound data of the base (text-topk.ts): per term, the largest count and the shortest row. */
  private termMaxTf: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  private termMinLen: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  /** Live base postings per term, cached until the next removal (`dfStamp[t] === removals + 1`). */
  private baseDf = new Int32Array(0);
  private dfStamp = new Int32Array(0);
  private removals = 0;
  /** Searches that took the pruned path (text-topk.ts) rather than the full walk. */
  pruned = 0;
  /** Block maxima of the base lists (text-blockmax.ts). */
  private readonly blocks = new BlockMaxCache();

  /** `engine`: the top-k search of long queries (text-blockmax.ts). */
  constructor(private readonly minPrunedPostings = MIN_PRUNED_POSTINGS, public engine: TextEngine = "auto") {}

  /** Postings held in the base and the tail (for the rebuild rule and the memory figures). */
  get postings(): { base: number; tail: number } {
    return { base: this.postRow.length, tail: this.tailCount };
  }

  /** Bytes held by the typed arrays (the dictionary's strings not counted). */
  get bytes(): number {
    return this.start.byteLength + this.postRow.byteLength + this.postTf.byteLength + this.head.byteLength + this.tailNext.byteLength
      + this.tailTerm.byteLength + this.tailRow.byteLength + this.tailTf.byteLength + this.slotOf.byteLength + this.markOf.byteLength + this.docLen.byteLength
      + this.termMaxTf.byteLength + this.termMinLen.byteLength + this.baseDf.byteLength + this.dfStamp.byteLength + this.blocks.bytes;
  }

  /** Room for `rows` rows of about `postings` postings in all ahead of a bulk load (no regrowth). */
  reserve(rows: number, postings: number): void {
    this.docLen = grow(this.docLen, rows);
    this.tailNext = grow(this.tailNext, postings);
    this.tailTerm = grow(this.tailTerm, postings);
    this.tailRow = grow(this.tailRow, postings);
    this.tailTf = grow(this.tailTf, postings);
  }

  /** Index row `row`'s tokens (rows are added in increasing order). */
  add(row: number, tokens: string[]): void {
    const ids = new Int32Array(tokens.length);
    for (let k = 0; k < tokens.length; k++) {
      let id = this.terms.get(tokens[k]);
      if (id === undefined) this.terms.set(tokens[k], (id = this.terms.size));
      ids[k] = id;
    }
    const v = this.terms.size;
    if (this.head.length < v) {
      const old = this.head.length;
      this.head = grow(this.head, v);
      this.head.fill(-1, old);
      this.slotOf = grow(this.slotOf, this.head.length);
      this.markOf = grow(this.markOf, this.head.length);
    }
    const need = this.tailCount + ids.length;
    if (need > this.tailRow.length) {
      this.tailNext = grow(this.tailNext, need);
      this.tailTerm = grow(this.tailTerm, need);
      this.tailRow = grow(this.tailRow, need);
      this.tailTf = grow(this.tailTf, need);
    }
    const mark = row + 1;
    for (let k = 0; k < ids.length; k++) {
      const t = ids[k];
      if (this.markOf[t] === mark) {
        const p = this.slotOf[t];
        if (this.tailTf[p] < 255) this.tailTf[p]++;
        continue;
      }
      const p = this.tailCount++;
      this.markOf[t] = mark;
      this.slotOf[t] = p;
      this.tailTerm[p] = t;
      this.tailRow[p] = row;
      this.tailTf[p] = 1;
      this.tailNext[p] = this.head[t];
      this.head[t] = p;
    }
    this.docLen = grow(this.docLen, row + 1);
    this.docLen[row] = tokens.length;
    this.liveLen += tokens.length;
  }

  /** A row was removed (its postings stay until the next rebuild; `live` says so). */
  remove(row: number): void {
    this.liveLen -= this.docLen[row];
    this.removals++;
  }

  /**
   * Merge base and tail into a new base, keeping rows with `renumber[row] ≥ 0` under their new
   * numbers (`rows` is the new row count). Order of rows is kept, so each term's list stays sorted:
   * a term's base postings come first, then its tail postings in the order they were added.
   */
  rebuild(renumber: Int32Array, rows: number): void {
    const v = this.terms.size;
    const oldV = this.start.length - 1;
    const { postRow, tailTerm, tailRow } = this;
    const start = new Int32Array(v + 1);
    for (let t = 0; t < oldV; t++) {
      let c = 0;
      for (let p = this.start[t]; p < this.start[t + 1]; p++) if (renumber[postRow[p]] >= 0) c++;
      start[t + 1] = c;
    }
    for (let p = 0; p < this.tailCount; p++) if (renumber[tailRow[p]] >= 0) start[tailTerm[p] + 1]++;
    for (let t = 0; t < v; t++) start[t + 1] += start[t];
    const merged = new Int32Array(start[v]);
    const mergedTf = new Uint8Array(start[v]);
    for (let t = 0; t < v; t++) this.mergeTerm(t, renumber, merged, mergedTf, start[t]);
    const docLen = new Uint32Array(rows);
    let live = 0;
    for (let row = 0; row < renumber.length; row++) {
      const r = renumber[row];
      if (r < 0) continue;
      docLen[r] = this.docLen[row];
      live += this.docLen[row];
    }
    this.start = start;
    this.postRow = merged;
    this.postTf = mergedTf;
    this.emptyTail(v);
    this.docLen = docLen;
    this.liveLen = live;
    this.bounds();
  }

  /**
   * Write term t's postings (base, then tail in the order added; rows renumbered by `renumber` when
   * given, dropped where it says −1) into `rows`/`tfs` from `at`; returns the position after them.
   */
  private mergeTerm(t: number, renumber: Int32Array | null, rows: Int32Array, tfs: Uint8Array, at: number): number {
    const { postRow, postTf, tailRow, tailTf, tailNext } = this;
    if (t < this.start.length - 1) {
      for (let p = this.start[t]; p < this.start[t + 1]; p++) {
        const r = renumber ? renumber[postRow[p]] : postRow[p];
        if (r < 0) continue;
        rows[at] = r;
        tfs[at++] = postTf[p];
      }
    }
    // The tail list runs newest first: written backwards from the end of the term's stretch.
    let count = 0;
    for (let p = t < this.head.length ? this.head[t] : -1; p >= 0; p = tailNext[p]) if (!renumber || renumber[tailRow[p]] >= 0) count++;
    let back = at + count;
    for (let p = t < this.head.length ? this.head[t] : -1; p >= 0; p = tailNext[p]) {
      const r = renumber ? renumber[tailRow[p]] : tailRow[p];
      if (r < 0) continue;
      rows[--back] = r;
      tfs[back] = tailTf[p];
    }
    return at + count;
  }

  /**
   * Merge the tail into the base as `rebuild` does with no row dropped, a few terms at a time with
   * `turn()` awaited between: at a million passages the merge held the thread serving HTTP for a
   * second or more. Searches meanwhile read the base and tail as they were (the new arrays are
   * swapped in at the end); nothing may be added or removed until it resolves.
   */
  async mergeInSlices(turn: () => Promise<void>, postingsPerSlice = 1 << 19): Promise<void> {
    const v = this.terms.size;
    const total = this.postRow.length + this.tailCount;
    const tail = this.tailCount;
    const start = new Int32Array(v + 1);
    const merged = new Int32Array(total);
    const mergedTf = new Uint8Array(total);
    const maxTf = new Uint8Array(v);
    const minLen = new Uint32Array(v);
    let at = 0;
    let since = 0;
    for (let t = 0; t < v; t++) {
      start[t] = at;
      at = this.mergeTerm(t, null, merged, mergedTf, at);
      [maxTf[t], minLen[t]] = this.termBounds(merged, mergedTf, start[t], at);
      since += at - start[t] + 1;
      if (since >= postingsPerSlice) {
        since = 0;
        await turn();
        if (this.tailCount !== tail || this.terms.size !== v) throw new Error("search copy changed during the merge");
      }
    }
    start[v] = at;
    this.start = start;
    this.postRow = merged;
    this.postTf = mergedTf;
    this.emptyTail(v);
    this.setBounds(maxTf, minLen);
  }

  /** The largest count and the shortest row among postings [from, to) of `rows`/`tfs`. */
  private termBounds(rows: Int32Array, tfs: Uint8Array, from: number, to: number): [number, number] {
    let maxTf = 0;
    let minLen = 0xffffffff;
    const docLen = this.docLen;
    for (let p = from; p < to; p++) {
      if (tfs[p] > maxTf) maxTf = tfs[p];
      const len = docLen[rows[p]];
      if (len < minLen) minLen = len;
    }
    return [maxTf, minLen];
  }

  /** An empty postings tail for a dictionary of `v` words. */
  private emptyTail(v: number): void {
    this.head = new Int32Array(v).fill(-1);
    this.slotOf = new Int32Array(v);
    this.markOf = new Int32Array(v);
    this.tailNext = new Int32Array(0);
    this.tailTerm = new Int32Array(0);
    this.tailRow = new Int32Array(0);
    this.tailTf = new Uint8Array(0);
    this.tailCount = 0;
  }

  /** What a snapshot keeps (the tail must be empty: merged by a rebuild first). */
  exportState(rows: number): { terms: string[]; liveLen: number; arrays: Record<string, Int32Array | Uint8Array | Uint32Array> } {
    if (this.tailCount > 0) throw new Error("postings tail not merged");
    return {
      terms: [...this.terms.keys()],
      liveLen: this.liveLen,
      arrays: { tStart: this.start, tRow: this.postRow, tTf: this.postTf, tDocLen: this.docLen.subarray(0, rows), tMaxTf: this.termMaxTf, tMinLen: this.termMinLen },
    };
  }

  /** Take back a snapshot's state (replaces everything held). */
  importState(terms: string[], liveLen: number, arrays: Record<string, unknown>): void {
    const a = arrays as { tStart: Int32Array<ArrayBuffer>; tRow: Int32Array<ArrayBuffer>; tTf: Uint8Array<ArrayBuffer>; tDocLen: Uint32Array<ArrayBuffer>; tMaxTf: Uint8Array<ArrayBuffer>; tMinLen: Uint32Array<ArrayBuffer> };
    this.terms.clear();
    terms.forEach((t, i) => this.terms.set(t, i));
    const v = terms.length;
    this.start = a.tStart;
    this.postRow = a.tRow;
    this.postTf = a.tTf;
    this.docLen = a.tDocLen;
    this.liveLen = liveLen;
    this.termMaxTf = a.tMaxTf;
    this.termMinLen = a.tMinLen;
    this.emptyTail(v);
    this.baseDf = new Int32Array(v);
    this.dfStamp = new Int32Array(v);
    this.removals = 0;
    this.blocks.clear();
  }

  /** Term maxima of the base (after a rebuild). */
  private bounds(): void {
    const v = this.start.length - 1;
    const maxTf = new Uint8Array(v);
    const minLen = new Uint32Array(v);
    for (let t = 0; t < v; t++) [maxTf[t], minLen[t]] = this.termBounds(this.postRow, this.postTf, this.start[t], this.start[t + 1]);
    this.setBounds(maxTf, minLen);
  }

  private setBounds(maxTf: Uint8Array, minLen: Uint32Array): void {
    this.blocks.clear();
    this.termMaxTf = maxTf;
    this.termMinLen = minLen;
    this.baseDf = new Int32Array(maxTf.length);
    this.dfStamp = new Int32Array(maxTf.length);
    this.removals = 0;
  }

  /** Live base postings of term t (all of them when no row was removed; else counted once per removal generation). */
  private liveBase(t: number, live: Uint8Array, allLive: boolean): number {
    const from = this.start[t];
    const to = this.start[t + 1];
    if (allLive) return to - from;
    if (this.dfStamp[t] === this.removals + 1) return this.baseDf[t];
    let df = 0;
    for (let p = from; p < to; p++) df += live[this.postRow[p]];
    this.baseDf[t] = df;
    this.dfStamp[t] = this.removals + 1;
    return df;
  }

  /**
   * The `k` best live rows (in `mask` when given) by BM25 for the query tokens, best first, with
   * their scores: the same rows and scores as `score` followed by a full ranking, without walking
   * every posting (text-topk.ts).
   */
  topK(queryTokens: string[], live: Uint8Array, liveRows: number, allLive: boolean, k: number, mask: Uint8Array | null, acc: Accumulators, rowCount: number): { rows: number[]; scores: number[] } {
    if (liveRows === 0 || k <= 0) return { rows: [], scores: [] };
    const shape: BM25Shape = { k1b: K1 * (1 - B), k1bAvg: (K1 * B) / (this.liveLen / liveRows), docLen: this.docLen };
    const oldV = this.start.length - 1;
    const cursorOf = new Map<number, number>();
    const repeats: number[] = [];
    const ids: number[] = [];
    const order: number[] = [];
    for (const term of queryTokens) {
      const t = this.terms.get(term);
      if (t === undefined) continue;
      let c = cursorOf.get(t);
      if (c === undefined) {
        cursorOf.set(t, (c = ids.length));
        ids.push(t);
        repeats.push(0);
      }
      repeats[c]++;
      order.push(c);
    }
    const cursors: TermCursor[] = [];
    const keep: number[] = [];
    const keptIds: number[] = [];
    for (let c = 0; c < ids.length; c++) {
      const t = ids[c];
      const base = t < oldV;
      const from = base ? this.start[t] : 0;
      const to = base ? this.start[t + 1] : 0;
      let df = base ? this.liveBase(t, live, allLive) : 0;
      let maxTf = base ? this.termMaxTf[t] : 0;
      let minLen = base ? this.termMinLen[t] : 0xffffffff;
      const tail = this.tailOf(t, live);
      df += tail.rows.length;
      if (tail.maxTf > maxTf) maxTf = tail.maxTf;
      if (tail.minLen < minLen) minLen = tail.minLen;
      if (df === 0) {
        keep.push(-1);
        continue;
      }
      const idf = Math.log(1 + (liveRows - df + 0.5) / (df + 0.5));
      keep.push(cursors.length);
      keptIds.push(c);
      cursors.push(
        new TermCursor(this.postRow, this.postTf, from, to, tail.rows, tail.tfs, idf * (K1 + 1), repeats[c], maxTf, minLen, shape),
      );
    }
    const kept = order.map((c) => keep[c]).filter((c) => c >= 0);
    let total = 0;
    for (const c of cursors) total += c.length;
    let walked = 0; // what the full walk reads: a word said twice is walked twice
    for (const c of kept) walked += cursors[c].length;
    if (this.engine === "blockmax" || (this.engine === "auto" && blockMaxPays(walked, rowCount))) {
      if (cursors.length >= 2 && total >= this.minPrunedPostings) {
        this.pruned++;
        for (let c = 0; c < cursors.length; c++) {
          const t = ids[keptIds[c]];
          if (t < oldV) cursors[c].blocks = this.blocks.of(t, this.postRow, this.postTf, this.start[t], this.start[t + 1], shape);
        }
        return topKBlockMax(cursors, kept, k, live, mask);
      }
    } else if ((this.engine === "taat" || total < BLOCKMAX_MIN_POSTINGS) && worthPruning(cursors, this.minPrunedPostings)) {
      this.pruned++;
      return topKBM25(cursors, kept, k, live, mask, acc);
    }
    // The full walk, when pruning could not skip enough postings to pay for its bookkeeping.
    return fullWalk((scores, touched) => this.score(queryTokens, live, liveRows, allLive, scores, touched), walked, rowCount, k, live, mask, acc);
  }

  /**
   * BM25 of the live rows (`live[row] ≠ 0`, `liveRows` of them; `allLive`: no row was removed) for the query tokens, added into
   * `scores`; rows touched are listed in `touched` when given (text-walk.ts). Returns how many.
   * A term repeated in the query counts once per occurrence, as in LanceDB's (and Lucene's) match query.
   */
  score(queryTokens: string[], live: Uint8Array, liveRows: number, allLive: boolean, scores: Float64Array, touched: Int32Array | null): number {
    let nTouched = 0;
    if (liveRows === 0) return 0;
    const shape: BM25Shape = { k1b: K1 * (1 - B), k1bAvg: (K1 * B) / (this.liveLen / liveRows), docLen: this.docLen };
    const oldV = this.start.length - 1;
    for (const term of queryTokens) {
      const t = this.terms.get(term);
      if (t === undefined) continue;
      const from = t < oldV ? this.start[t] : 0;
      const to = t < oldV ? this.start[t + 1] : 0;
      const tail = this.tailOf(t, live);
      const df = (t < oldV ? this.liveBase(t, live, allLive) : 0) + tail.rows.length;
      if (df === 0) continue;
      const w = Math.log(1 + (liveRows - df + 0.5) / (df + 0.5)) * (K1 + 1);
      nTouched = walkPostings(this.postRow, this.postTf, from, to, w, shape, allLive ? null : live, scores, touched, nTouched);
      nTouched = walkPostings(tail.rows, tail.tfs, 0, tail.rows.length, w, shape, live, scores, touched, nTouched); // rows being written lie past the live ones
    }
    return nTouched;
  }

  /** Term t's live tail postings in increasing row order, with their largest count and shortest row. */
  private tailOf(t: number, live: Uint8Array): { rows: Int32Array; tfs: Uint8Array; maxTf: number; minLen: number } {
    let count = 0;
    const first = t < this.head.length ? this.head[t] : -1;
    for (let p = first; p >= 0; p = this.tailNext[p]) count += live[this.tailRow[p]];
    const rows = new Int32Array(count);
    const tfs = new Uint8Array(count);
    let maxTf = 0;
    let minLen = 0xffffffff;
    // The list runs newest first: filled from the end.
    for (let p = first; p >= 0; p = this.tailNext[p]) {
      const row = this.tailRow[p];
      if (live[row] === 0) continue;
      rows[--count] = row;
      tfs[count] = this.tailTf[p];
      if (tfs[count] > maxTf) maxTf = tfs[count];
      if (this.docLen[row] < minLen) minLen = this.docLen[row];
    }
    return { rows, tfs, maxTf, minLen };
  }

  clear(): void {
    this.terms.clear();
    this.rebuild(new Int32Array(0), 0);
  }
}
