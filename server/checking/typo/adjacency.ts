/**
 * Which characters stand next to which (inside dictionary words, in official prose), by character:
 * the followers of each character in one sorted run, and its predecessors in another (compressed
 * rows). A question looks in the shorter of the two runs; asked for many characters beside one
 * neighbour (a position's confusion set), it reads the same few cache lines, where a hash table spread
 * over megabytes missed the cache on nearly every question.
 */
export class Adjacency {
  private readonly fStart: Int32Array;
  private readonly followers: Uint16Array;
  private readonly pStart: Int32Array;
  private readonly predecessors: Uint16Array;
  /** `pairs`: each pair's two UTF-16 codes as (first << 16 | second) >>> 0. */
  constructor(pairs: Iterable<number> | ArrayLike<number>) {
    const keys = Uint32Array.from(pairs as Iterable<number>).sort();
    const swapped = keys.map((k) => ((k & 0xffff) << 16 | (k >>> 16)) >>> 0).sort();
    [this.fStart, this.followers] = Adjacency.rows(keys);
    [this.pStart, this.predecessors] = Adjacency.rows(swapped);
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
}
