import { topRows, topRowsOfInts } from "./memory-rows.ts";
import { createAtLeast, createDot2, type AtLeast, type Dot2 } from "./simd.ts";

/** The query's weights are scaled to integers of at most this magnitude (int16 lanes; int32 sums cannot overflow below 1,024 dimensions). */
const QUERY_UNITS = 16383;
/** Rows far past their scales re-scored by every search until the codes are recomputed, at most (see setRow). */
const MAX_INEXACT = 4096;

/** Rows the SIMD candidate filter lists at most (past it, the JavaScript pass does): 64 KB of the kernel's memory. */
const AT_LEAST_CAP = 16_384;

/**
 * The vector half of the in-memory search copy: one int8 code per (row, dimension), column-major,
 * with one scale per dimension (value ≈ code × scale[d]; scalar quantisation, symmetric, clamped at
 * ±127). One byte per dimension and row, held once: the float vectors live in the cold file
 * (cold-rows.ts) and re-score the candidates exactly.
 *
 * Scales follow the largest magnitude seen in each dimension; when a dimension's largest value
 * outgrows its scale by a quarter (the first rows always do: no scale yet), `needsRescale` says the
 * codes should be recomputed from the float vectors. Until then larger values are clamped, which
 * only costs candidates, not exactness (the candidates are re-scored).
 */
export class Int8Columns {
  readonly scale: Float32Array;
  private readonly maxAbs: Float32Array;
  /** Column stride: a multiple of 16 (the int8 kernel's lanes). */
  stride = 0;
  cols: Int8Array<ArrayBufferLike> = new Int8Array(0);
  /** Integer scores of the last `dot` (units of the query's largest weight ÷ QUERY_UNITS). */
  scores: Int32Array<ArrayBufferLike> = new Int32Array(0);
  /** What one unit of `scores` is worth: the last `dot`'s integer scores times this are the float products. */
  scoreUnit = 0;
  private simd: { memory: WebAssembly.Memory; dot2: Dot2; atLeast: AtLeast | null } | null = null;
  private colsByte = 0;
  private scoresByte = 0;
  /** Where the `atLeast` kernel lists the candidates' rows (AT_LEAST_CAP of them at most), after the scores. */
  private listByte = 0;
  /** The new scales while the codes are recomputed (beginRescale), and the rows already under them. */
  private next: Float32Array | null = null;
  private requantised = 0;
  /** Scratch of `candidates` when rows are not unit vectors (the approximate scores divided by each row's norm). */
  private cosines = new Float32Array(0);
  /** Rows written with values far past their scales (see setRow). */
  private inexact: number[] = [];

  constructor(readonly dimension: number, useSimd = true) {
    this.scale = new Float32Array(dimension);
    this.maxAbs = new Float32Array(dimension);
    if (useSimd) {
      const memory = new WebAssembly.Memory({ initial: 1 });
      const dot2 = createDot2(memory);
      if (dot2) this.simd = { memory, dot2, atLeast: createAtLeast(memory) };
    }
  }

  get usesSimd(): boolean {
    return this.simd !== null;
  }

  /** Bytes held (codes and the score buffer). */
  get bytes(): number {
    return this.cols.byteLength + this.scores.byteLength + this.cosines.byteLength + (this.simd ? AT_LEAST_CAP * 4 : 0);
  }

  /** Room for `rows` rows, keeping the codes of the first `keep`. */
  ensure(rows: number, keep: number, exact = false): void {
    if (rows <= this.stride) return;
    const stride = Math.ceil((exact ? rows : Math.max(rows, this.stride * 1.5, 64)) / 16) * 16;
    const dim = this.dimension;
    const colBytes = dim * stride;
    let cols: Int8Array;
    let scores: Int32Array;
    if (this.simd) {
      // Layout in the kernel's memory: the columns, then the scores. Columns move up (to larger
      // offsets) as the stride grows: copied last first, so none is overwritten before it moves.
      const { memory } = this.simd;
      const need = colBytes + stride * 4 + AT_LEAST_CAP * 4;
      try {
        if (memory.buffer.byteLength < need) memory.grow(Math.ceil((need - memory.buffer.byteLength) / 65536));
      } catch {
        return this.leaveSimd(stride, keep);
      }
      const heap = new Int8Array(memory.buffer);
      for (let d = dim - 1; d >= 0; d--) {
        heap.copyWithin(d * stride, d * this.stride, d * this.stride + keep);
        heap.fill(0, d * stride + keep, (d + 1) * stride);
      }
      cols = new Int8Array(memory.buffer, 0, colBytes);
      scores = new Int32Array(memory.buffer, colBytes, stride);
      this.colsByte = 0;
      this.scoresByte = colBytes;
      this.listByte = colBytes + stride * 4;
    } else {
      cols = new Int8Array(colBytes);
      for (let d = 0; d < dim; d++) cols.set(this.cols.subarray(d * this.stride, d * this.stride + keep), d * stride);
      scores = new Int32Array(stride);
    }
    this.cols = cols;
    this.scores = scores;
    this.stride = stride;
  }

  /** The kernel's memory could not grow (address space): continue with ordinary arrays. */
  private leaveSimd(stride: number, keep: number): void {
    const old = { cols: this.cols, stride: this.stride };
    this.simd = null;
    this.cols = new Int8Array(0);
    this.stride = 0;
    this.cols = new Int8Array(this.dimension * stride);
    for (let d = 0; d < this.dimension; d++) this.cols.set(old.cols.subarray(d * old.stride, d * old.stride + keep), d * stride);
    this.scores = new Int32Array(stride);
    this.stride = stride;
  }

  /** What a snapshot keeps: the scales, the largest magnitudes and the codes (stride in `stride`). */
  exportState(): { stride: number; arrays: { vScale: Float32Array; vMaxAbs: Float32Array; vCols: Int8Array } } {
    return { stride: this.stride, arrays: { vScale: this.scale, vMaxAbs: this.maxAbs, vCols: this.cols.subarray(0, this.dimension * this.stride) } };
  }

  /** Take back a snapshot's state (replaces every code). */
  importState(stride: number, arrays: Record<string, unknown>): void {
    const a = arrays as { vScale: Float32Array; vMaxAbs: Float32Array; vCols: Int8Array };
    this.scale.set(a.vScale);
    this.maxAbs.set(a.vMaxAbs);
    this.inexact = [];
    this.ensure(stride, 0, true);
    const dim = this.dimension;
    if (this.stride === stride) this.cols.set(a.vCols);
    else for (let d = 0; d < dim; d++) this.cols.set(a.vCols.subarray(d * stride, (d + 1) * stride), d * this.stride);
  }

  /** Quantise vector `v` into row `i` (room must have been made). */
  setRow(i: number, v: Float32Array): void {
    const maxAbs = this.maxAbs;
    for (let d = 0; d < v.length; d++) {
      const a = Math.abs(v[d]);
      if (a > maxAbs[d]) maxAbs[d] = a;
    }
    const scale = this.next && i < this.requantised ? this.next : this.scale;
    this.code(i, v, scale);
    // A value past its dimension's scale by more than the rescale margin (or in a dimension with no
    // scale yet) leaves the row's codes far off until the codes are recomputed: such a row is
    // re-scored as a candidate of every search meanwhile (`inexactRows`), so it is not missed.
    for (let d = 0; d < v.length; d++) {
      if (v[d] === 0 || Math.abs(v[d]) <= scale[d] * 127 * 1.25) continue;
      if (this.inexact.length < MAX_INEXACT) this.inexact.push(i);
      break;
    }
  }

  private code(i: number, v: Float32Array, scale: Float32Array): void {
    const { cols, stride } = this;
    for (let d = 0; d < v.length; d++) {
      const s = scale[d];
      cols[d * stride + i] = s > 0 ? Math.max(-127, Math.min(127, Math.round(v[d] / s))) : 0;
    }
  }

  /**
   * Rows whose codes are far off until the codes are recomputed (at most MAX_INEXACT of them; a new
   * value outgrowing its scale that much always makes `needsRescale` true, so they last until the
   * next tidy). While the codes are recomputed in steps, only those not recomputed yet.
   */
  inexactRows(): number[] {
    if (!this.next) return this.inexact;
    return this.inexact.filter((i) => i >= this.requantised);
  }

  /** Whether some dimension's values outgrew its scale (the codes should be recomputed). */
  needsRescale(): boolean {
    for (let d = 0; d < this.dimension; d++) if (this.maxAbs[d] > this.scale[d] * 127 * 1.25) return true;
    return false;
  }

  /**
   * Recompute the codes under new scales (from the values seen), row by row in increasing order:
   * `requantise` each row's float vector, `advance` past the rows done (a multiple of 16), and
   * `endRescale`. Meanwhile the rows done are scored with the new scales and the rest with the old,
   * so every code is read under the scale it was made with, and searches may run between steps.
   */
  beginRescale(): void {
    this.next = Float32Array.from(this.maxAbs, (m) => m / 127);
    this.requantised = 0;
  }

  requantise(i: number, v: Float32Array): void {
    this.code(i, v, this.next!);
  }

  /**
   * Requantise live rows [from, to) (`live[i]` ≠ 0), row i's float vector being file row `fileRow[i]`
   * of `read(first, count)`; file rows ascend with rows, so the file is read in blocks of 1,024.
   */
  requantiseRows(from: number, to: number, live: Uint8Array, fileRow: Int32Array, read: (first: number, count: number) => Float32Array): void {
    const dim = this.dimension;
    let block: Float32Array = new Float32Array(0);
    let blockFirst = 0;
    for (let i = from; i < to; i++) {
      if (!live[i]) continue;
      const f = fileRow[i];
      if (f < blockFirst || f >= blockFirst + block.length / dim) {
        blockFirst = f;
        block = read(f, 1024);
      }
      this.requantise(i, block.subarray((f - blockFirst) * dim, (f - blockFirst + 1) * dim));
    }
  }

  /** Rows already under the new scales. */
  get requantisedRows(): number {
    return this.requantised;
  }

  advance(rows: number): void {
    this.requantised = rows - (rows % 16);
  }

  endRescale(): void {
    this.scale.set(this.next!);
    this.next = null;
    this.inexact = [];
  }

  /** Keep rows with `renumber[row] ≥ 0` under their new numbers (order kept), in place. */
  compact(renumber: Int32Array, n: number): void {
    this.inexact = this.inexact.map((i) => (i < n ? renumber[i] : -1)).filter((i) => i >= 0);
    const { cols, stride } = this;
    for (let d = 0; d < this.dimension; d++) {
      const base = d * stride;
      for (let row = 0; row < n; row++) {
        const r = renumber[row];
        if (r >= 0 && r !== row) cols[base + r] = cols[base + row];
      }
    }
  }

  /**
   * Approximate dot products of rows 0..n−1 with the query's non-zero dimensions `nz`, in `scores`,
   * as integers proportional to them (one factor for every row, so they rank as the float products
   * would): each weight q[d] × scale[d] is rounded to an integer of at most QUERY_UNITS, and the
   * dimensions are taken two at a time by the integer kernel. The rounding moves a score by at most
   * 1/32,766 of the largest weight per dimension, far below the int8 codes' own rounding; the
   * candidates are re-scored exactly in any case.
   */
  dot(query: Float32Array, nz: number[], n: number): Int32Array<ArrayBufferLike> {
    const scores = this.scores;
    const len = Math.ceil(n / 16) * 16;
    scores.fill(0, 0, len);
    // Rows [0, split) are under the new scales while the codes are recomputed (beginRescale).
    const split = this.next ? Math.min(this.requantised, len) : 0;
    const parts: Array<[Float32Array, number, number]> = split > 0 ? [[this.next!, 0, split], [this.scale, split, len]] : [[this.scale, 0, len]];
    let top = 0;
    for (const [scale] of parts) for (const d of nz) top = Math.max(top, Math.abs(query[d] * scale[d]));
    this.scoreUnit = top / QUERY_UNITS;
    if (top === 0) return scores;
    for (const [scale, from, to] of parts) {
      if (to <= from) continue;
      const dims: number[] = [];
      const w: number[] = [];
      for (const d of nz) {
        const q = Math.round((query[d] * scale[d] * QUERY_UNITS) / top);
        if (q === 0) continue;
        dims.push(d);
        w.push(q);
      }
      for (let j = 0; j < dims.length; j += 2) {
        const last = j + 1 === dims.length;
        this.dot2(dims[j], last ? dims[j] : dims[j + 1], from, to, w[j], last ? 0 : w[j + 1]);
      }
    }
    return scores;
  }

  /**
   * The `want` rows most likely to be the query's nearest by the codes (live, in the mask, of non-zero
   * norm; divided by their norms unless all are unit vectors), and every row far past its scales
   * (`inexactRows`) besides: the candidates the caller re-scores exactly. `scratch`: room for n rows.
   */
  candidates(query: Float32Array, nz: number[], n: number, want: number, rows: { live: Uint8Array; mask: Uint8Array | null; invNorm: Float32Array; unit: boolean }, scratch: Int32Array): number[] {
    const { live, mask, invNorm } = rows;
    const approx = this.dot(query, nz, n);
    let cand: number[];
    if (rows.unit) cand = topRowsOfInts(approx, want, live, mask, invNorm, n, scratch, this.simd?.atLeast ? (floor) => this.atLeast(floor, n, scratch) : undefined);
    else {
      if (this.cosines.length < n) this.cosines = new Float32Array(this.stride);
      for (let i = 0; i < n; i++) this.cosines[i] = approx[i] * invNorm[i];
      cand = topRows(this.cosines, want, live, mask, invNorm, n);
    }
    const far = this.inexactRows();
    if (far.length > 0) {
      const seen = new Set(cand);
      for (const i of far) if (i < n && !seen.has(i) && live[i] && (!mask || mask[i]) && invNorm[i] !== 0) cand.push(i);
    }
    return cand;
  }

  /**
   * Rows [0, n) of the last `dot` scoring at least `floor`, in order, in `out` (a view of it), by the
   * SIMD kernel (the rows past the last multiple of 16 by hand); null past AT_LEAST_CAP of them.
   * About 0.03 against 0.17 ms for a JavaScript pass over 100k scores (load 14).
   */
  private atLeast(floor: number, n: number, out: Int32Array): Int32Array | null {
    const { memory, atLeast } = this.simd!;
    const whole = n - (n % 16);
    const m = atLeast!(this.scoresByte, whole, floor, this.listByte, AT_LEAST_CAP);
    if (m >= AT_LEAST_CAP) return null;
    out.set(new Int32Array(memory.buffer, this.listByte, m));
    let k = m;
    for (let i = whole; i < n; i++) if (this.scores[i] >= floor) out[k++] = i;
    return out.subarray(0, k);
  }

  /** scores[i] += qa × code[a][i] + qb × code[b][i] for rows [from, to) (multiples of 16). */
  private dot2(a: number, b: number, from: number, to: number, qa: number, qb: number): void {
    if (this.simd) return this.simd.dot2(this.scoresByte + from * 4, this.colsByte + a * this.stride + from, this.colsByte + b * this.stride + from, to - from, (qa & 0xffff) | (qb << 16));
    const { cols, scores } = this;
    const ca = a * this.stride;
    const cb = b * this.stride;
    for (let i = from; i < to; i++) scores[i] += qa * cols[ca + i] + qb * cols[cb + i];
  }
}
