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
 * Memory: 6 bytes per (row, distinct term) posting plus 4 bytes of row length; the term dictionary
 * grows only with the vocabulary.
 */

/** BM25 parameters (the usual Lucene/tantivy defaults, which LanceDB's inverted index also uses). */
const K1 = 1.2;
const B = 0.75;

function grow<T extends Int32Array | Uint16Array | Uint32Array>(a: T, need: number): T {
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
  private postTf = new Uint16Array(0);
  /** Tail: head[t] is the last tail posting of term t (−1: none), next[p] the one before it. */
  private head = new Int32Array(0);
  private tailNext = new Int32Array(0);
  private tailRow = new Int32Array(0);
  private tailTf = new Uint16Array(0);
  private tailCount = 0;
  /** Tokens per row. */
  private docLen = new Uint32Array(0);
  private liveLen = 0;

  /** Postings held in the base and the tail (for the rebuild rule and the memory figures). */
  get postings(): { base: number; tail: number } {
    return { base: this.postRow.length, tail: this.tailCount };
  }

  /** Bytes held by the typed arrays (the dictionary's strings not counted). */
  get bytes(): number {
    return this.start.byteLength + this.postRow.byteLength + this.postTf.byteLength + this.head.byteLength
      + this.tailNext.byteLength + this.tailRow.byteLength + this.tailTf.byteLength + this.docLen.byteLength;
  }

  /** Index row `row`'s tokens (rows are added in increasing order). */
  add(row: number, tokens: string[]): void {
    const tf = new Map<number, number>();
    for (const tok of tokens) {
      let id = this.terms.get(tok);
      if (id === undefined) this.terms.set(tok, (id = this.terms.size));
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    if (this.head.length < this.terms.size) {
      const old = this.head.length;
      this.head = grow(this.head, this.terms.size);
      this.head.fill(-1, old);
    }
    const need = this.tailCount + tf.size;
    this.tailNext = grow(this.tailNext, need);
    this.tailRow = grow(this.tailRow, need);
    this.tailTf = grow(this.tailTf, need);
    for (const [t, c] of tf) {
      const p = this.tailCount++;
      this.tailRow[p] = row;
      this.tailTf[p] = Math.min(c, 65535);
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
  }

  /**
   * Merge base and tail into a new base, keeping rows with `renumber[row] ≥ 0` under their new
   * numbers (`rows` is the new row count). Order of rows is kept, so each term's list stays sorted.
   */
  rebuild(renumber: Int32Array, rows: number): void {
    const v = this.terms.size;
    const start = new Int32Array(v + 1);
    const oldV = this.start.length - 1;
    const count = (t: number, visit: (row: number, tf: number) => void) => {
      if (t < oldV) for (let p = this.start[t]; p < this.start[t + 1]; p++) visit(this.postRow[p], this.postTf[p]);
      // The tail list runs newest first: collect and walk it backwards, so rows come in order.
      if (t < this.head.length && this.head[t] >= 0) {
        const ps: number[] = [];
        for (let p = this.head[t]; p >= 0; p = this.tailNext[p]) ps.push(p);
        for (let j = ps.length - 1; j >= 0; j--) visit(this.tailRow[ps[j]], this.tailTf[ps[j]]);
      }
    };
    for (let t = 0; t < v; t++) {
      let c = 0;
      count(t, (row) => {
        if (renumber[row] >= 0) c++;
      });
      start[t + 1] = start[t] + c;
    }
    const postRow = new Int32Array(start[v]);
    const postTf = new Uint16Array(start[v]);
    let at = 0;
    for (let t = 0; t < v; t++) {
      count(t, (row, tf) => {
        const r = renumber[row];
        if (r < 0) return;
        postRow[at] = r;
        postTf[at++] = tf;
      });
    }
    const docLen = new Uint32Array(rows);
    let live = 0;
    for (let row = 0; row < renumber.length; row++) {
      const r = renumber[row];
      if (r < 0) continue;
      docLen[r] = this.docLen[row];
      live += this.docLen[row];
    }
    this.start = start;
    this.postRow = postRow;
    this.postTf = postTf;
    this.head = new Int32Array(v).fill(-1);
    this.tailNext = new Int32Array(0);
    this.tailRow = new Int32Array(0);
    this.tailTf = new Uint16Array(0);
    this.tailCount = 0;
    this.docLen = docLen;
    this.liveLen = live;
  }

  /**
   * BM25 of the live rows (`live[row] ≠ 0`, `liveRows` of them) for the query tokens, added into
   * `scores`; rows touched are listed in `touched` (their `hit` flag set). Returns how many.
   * A term repeated in the query counts once per occurrence, as in LanceDB's (and Lucene's) match query.
   */
  score(queryTokens: string[], live: Uint8Array, liveRows: number, scores: Float64Array, hit: Uint8Array, touched: Int32Array): number {
    let nTouched = 0;
    if (liveRows === 0) return 0;
    const avgLen = this.liveLen / liveRows;
    const oldV = this.start.length - 1;
    const { postRow, postTf, tailRow, tailTf, tailNext, docLen } = this;
    for (const term of queryTokens) {
      const t = this.terms.get(term);
      if (t === undefined) continue;
      const from = t < oldV ? this.start[t] : 0;
      const to = t < oldV ? this.start[t + 1] : 0;
      const first = t < this.head.length ? this.head[t] : -1;
      let df = 0;
      for (let p = from; p < to; p++) df += live[postRow[p]];
      for (let p = first; p >= 0; p = tailNext[p]) df += live[tailRow[p]];
      if (df === 0) continue;
      const idf = Math.log(1 + (liveRows - df + 0.5) / (df + 0.5));
      const visit = (i: number, tf: number) => {
        if (live[i] === 0) return;
        scores[i] += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * docLen[i]) / avgLen));
        if (hit[i] === 0) {
          hit[i] = 1;
          touched[nTouched++] = i;
        }
      };
      for (let p = from; p < to; p++) visit(postRow[p], postTf[p]);
      for (let p = first; p >= 0; p = tailNext[p]) visit(tailRow[p], tailTf[p]);
    }
    return nTouched;
  }

  clear(): void {
    this.terms.clear();
    this.rebuild(new Int32Array(0), 0);
  }
}
