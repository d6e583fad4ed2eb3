/**
 * Which characters stand next to which (inside dictionary words, in official prose), by character:
 * the followers of each character in one sorted run, and its predecessors in another (compressed
 * rows). A question looks in the shorter of the two runs; asked for many characters beside one
 * neighbour (a position's confusion set), it reads the same few cache lines, where a hash table spread
 * over megabytes missed the cache on nearly every question.
 *
 * A long row (more than `denseAfter` characters: the common characters, asked most) is also kept as
 * a bitset over the characters that have any neighbour, so a question about it is one bit, not a
 * binary search (measured: 6.0 MB in all for the dictionary's pairs, 2.5 MB for official prose's, against
 * 2.5 and 1.8 MB as rows only).
 */
export class Adjacency {
  private readonly fStart: Int32Array;
  private readonly followers: Uint16Array;
  private readonly pStart: Int32Array;
  private readonly predecessors: Uint16Array;
  /** Each character's place among those with any neighbour (−1: none). */
  private readonly dense: Int32Array;
  /** Where a character's bitset of followers (fBits) or predecessors (pBits) starts in `bits`, in 32-bit words (−1: none). */
  private readonly fBits: Int32Array;
  private readonly pBits: Int32Array;
  private readonly bits: Uint32Array;

  /** `pairs`: each pair's two UTF-16 codes as (first << 16 | second) >>> 0. */
  constructor(pairs: Iterable<number> | ArrayLike<number>, { denseAfter = 32 }: { denseAfter?: number } = {}) {
    const keys = Uint32Array.from(pairs as Iterable<number>).sort();
    const swapped = keys.map((k) => ((k & 0xffff) << 16 | (k >>> 16)) >>> 0).sort();
    [this.fStart, this.followers] = Adjacency.rows(keys);
    [this.pStart, this.predecessors] = Adjacency.rows(swapped);
    this.dense = new Int32Array(65536).fill(-1);
    let n = 0;
    for (let c = 0; c < 65536; c++) if (this.fStart[c + 1] > this.fStart[c] || this.pStart[c + 1] > this.pStart[c]) this.dense[c] = n++;
    const words = (n + 31) >>> 5;
    const long = (start: Int32Array, c: number) => start[c + 1] - start[c] > denseAfter;
    let rows = 0;
    for (let c = 0; c < 65536; c++) rows += (long(this.fStart, c) ? 1 : 0) + (long(this.pStart, c) ? 1 : 0);
    this.bits = new Uint32Array(rows * words);
    this.fBits = new Int32Array(65536).fill(-1);
    this.pBits = new Int32Array(65536).fill(-1);
    let at = 0;
    for (const [start, items, where] of [[this.fStart, this.followers, this.fBits], [this.pStart, this.predecessors, this.pBits]] as const) {
      for (let c = 0; c < 65536; c++) {
        if (!long(start, c)) continue;
        where[c] = at;
        for (let x = start[c]; x < start[c + 1]; x++) {
          const j = this.dense[items[x]];
          this.bits[at + (j >>> 5)] |= 1 << (j & 31);
        }
        at += words;
      }
    }
  }
  private static rows(sorted: Uint32Array): [Int32Array, Uint16Array] {
    const start = new Int32Array(65537);
    const items = new Uint16Array(sorted.length);
    for (let i = 0; i < sorted.length; i++) {
      start[(sorted[i] >>> 16) + 1]++;
      items[i] = sorted[i] & 0xffff;
    }
    for (let c = 0; c < 65536; c++) start[c + 1] += start[c];
    return [start, items];
  }
  has(a: number, b: number): boolean {
    const fb = this.fBits[a];
    if (fb >= 0) {
      const j = this.dense[b];
      return j >= 0 && ((this.bits[fb + (j >>> 5)] >>> (j & 31)) & 1) === 1;
    }
    const pb = this.pBits[b];
    if (pb >= 0) {
      const j = this.dense[a];
      return j >= 0 && ((this.bits[pb + (j >>> 5)] >>> (j & 31)) & 1) === 1;
    }
    let lo = this.fStart[a];
    let hi = this.fStart[a + 1] - 1;
    const plo = this.pStart[b];
    const phi = this.pStart[b + 1] - 1;
    let items = this.followers;
    let x = b;
    if (phi - plo < hi - lo) {
      lo = plo;
      hi = phi;
      items = this.predecessors;
      x = a;
    }
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = items[mid];
      if (v < x) lo = mid + 1;
      else if (v > x) hi = mid - 1;
      else return true;
    }
    return false;
  }

  /** Memory of the tables in bytes. */
  get bytes(): number {
    return this.fStart.byteLength + this.pStart.byteLength + this.followers.byteLength + this.predecessors.byteLength + this.dense.byteLength + this.fBits.byteLength + this.pBits.byteLength + this.bits.byteLength;
  }
}
