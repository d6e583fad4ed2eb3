/** The search copy's rows: what one is, the filters (the search options as a mask), the top-k ranking of scored rows. */
import type { Chunk, Role } from "../corpus/types.ts";
import { ROLES } from "../corpus/types.ts";
import type { SearchFilters } from "./types.ts";

/** The search copy's null year, and its role numbers. */
export const YEAR_NONE = -2147483648;
export const ROLE_INDEX = new Map<string, number>(ROLES.map((r, i) => [r, i]));

/** What the filters read of the search copy's rows. */
export interface FilterRows {
  n: number;
  roleOf: Uint8Array;
  yearOf: Int32Array;
  tagsOf: Int32Array;
  tagSets: string[][];
  docIdOf: (row: number) => string | undefined;
}

/** Rows passing the filters, as a mask; null when there are no filters. */
export function filterMask(f: SearchFilters, rows: FilterRows): Uint8Array | null {
  const roles = f.role === undefined ? null : new Set((Array.isArray(f.role) ? f.role : [f.role]).map((r: Role) => ROLE_INDEX.get(r) ?? -1));
  const tags = f.tags && f.tags.length ? new Set(f.tags) : null;
  const exclude = f.excludeDocIds && f.excludeDocIds.length ? new Set(f.excludeDocIds) : null;
  if (!roles && !tags && !exclude && f.yearFrom === undefined && f.yearTo === undefined && f.docId === undefined) return null;
  const lo = f.yearFrom === undefined ? null : Math.trunc(f.yearFrom);
  const hi = f.yearTo === undefined ? null : Math.trunc(f.yearTo);
  const tagOk = tags ? rows.tagSets.map((ts) => ts.some((t) => tags.has(t))) : null;
  const m = new Uint8Array(rows.n);
  for (let i = 0; i < rows.n; i++) {
    if (roles && !roles.has(rows.roleOf[i])) continue;
    const y = rows.yearOf[i];
    // As in SQL: a null year never satisfies a year bound.
    if (lo !== null && (y === YEAR_NONE || y < lo)) continue;
    if (hi !== null && (y === YEAR_NONE || y > hi)) continue;
    if (f.docId !== undefined || exclude) {
      const docId = rows.docIdOf(i);
      if (f.docId !== undefined && docId !== f.docId) continue;
      if (exclude && docId !== undefined && exclude.has(docId)) continue;
    }
    if (tagOk && !tagOk[rows.tagsOf[i]]) continue;
    m[i] = 1;
  }
  return m;
}

/**
 * The `limit` highest-scoring live rows in the mask (and, given `inv`, of non-zero norm), best
 * first, ties to the earlier row; over `rows[0..count)` when given, else over all rows.
 */
export function topRows(scores: Float32Array<ArrayBufferLike> | Float64Array | Int32Array<ArrayBufferLike>, limit: number, live: Uint8Array, mask: Uint8Array | null, inv: Float32Array | null, count: number, rows?: Int32Array): number[] {
    const idx: number[] = [];
    let floor = -Infinity;
    for (let r = 0; r < count; r++) {
      const i = rows ? rows[r] : r;
      const sc = scores[i];
      if (idx.length >= limit && sc < floor) continue;
      if (live[i] === 0 || (mask && mask[i] === 0) || (inv !== null && inv[i] === 0)) continue;
      let at = idx.length;
      while (at > 0 && (scores[idx[at - 1]] < sc || (scores[idx[at - 1]] === sc && idx[at - 1] > i))) at--;
      if (at >= limit) continue;
      idx.splice(at, 0, i);
      if (idx.length > limit) idx.pop();
      if (idx.length >= limit) floor = scores[idx[idx.length - 1]];
    }
    return idx;
  }

/** Every SAMPLE_STRIDE-th row sets the threshold of `topRowsOfInts`. */
const SAMPLE_STRIDE = 16;

/**
 * As `topRows` over integer scores of rows 0..count−1 (the int8 scan's), in two cheap passes
 * instead of one comparison-heavy one: the `limit`-th best score among every 16th eligible row is a
 * lower bound of the `limit`-th best overall, so the rows scoring at least that (about 16 × limit of
 * them) hold the whole top `limit`, ties included; they are listed in `scratch` (room for `count`)
 * and ranked by `topRows`. Same rows, same order. Measured at 100k rows (30 query dimensions, load
 * 13): 0.43 ms for `topRows` over every row against about 0.1 ms.
 */
export function topRowsOfInts(scores: Int32Array<ArrayBufferLike>, limit: number, live: Uint8Array, mask: Uint8Array | null, inv: Float32Array | null, count: number, scratch: Int32Array, atLeast?: (floor: number) => Int32Array | null): number[] {
  if (limit <= 0) return [];
  const best = new Int32Array(limit);
  let filled = 0;
  for (let i = 0; i < count; i += SAMPLE_STRIDE) {
    const sc = scores[i];
    if (filled === limit && sc <= best[limit - 1]) continue;
    if (live[i] === 0 || (mask !== null && mask[i] === 0) || (inv !== null && inv[i] === 0)) continue;
    let at = filled < limit ? filled++ : limit - 1;
    while (at > 0 && best[at - 1] < sc) {
      best[at] = best[at - 1];
      at--;
    }
    best[at] = sc;
  }
  if (filled < limit) return topRows(scores, limit, live, mask, inv, count);
  const floor = best[limit - 1];
  // The same rows, in the same order, by the caller's SIMD kernel when it has one (simd.ts `atLeast`).
  const listed = atLeast?.(floor);
  if (listed) return topRows(scores, limit, live, mask, inv, listed.length, listed);
  let m = 0;
  for (let i = 0; i < count; i++) if (scores[i] >= floor) scratch[m++] = i;
  return topRows(scores, limit, live, mask, inv, m, scratch);
}

/** The search copy's per-row data in typed arrays: grown as rows come, renumbered by a compaction. */
export class RowTable {
  liveOf = new Uint8Array(0);
  docOf = new Int32Array(0);
  roleOf = new Uint8Array(0);
  yearOf = new Int32Array(0);
  tagsOf = new Int32Array(0);
  seqOf = new Int32Array(0);
  /** 1 / |v| per row (0 for a zero vector). */
  invNorm = new Float32Array(0);
  fileRow = new Int32Array(0);
  chunkAt = new Float64Array(0);
  chunkLen = new Int32Array(0);
  readonly tagSets: string[][] = [];
  private readonly tagSetIds = new Map<string, number>();

  arrays() {
    return { liveOf: this.liveOf, docOf: this.docOf, roleOf: this.roleOf, yearOf: this.yearOf, tagsOf: this.tagsOf, seqOf: this.seqOf, invNorm: this.invNorm, fileRow: this.fileRow, chunkAt: this.chunkAt, chunkLen: this.chunkLen };
  }

  get bytes(): number {
    return Object.values(this.arrays()).reduce((s, a) => s + a.byteLength, 0);
  }

  /** Room for `need` rows in every array. */
  grow(need: number, exact = false): void {
    for (const key of ["liveOf", "roleOf"] as const) this[key] = grown(this[key], need, exact);
    for (const key of ["docOf", "yearOf", "tagsOf", "seqOf", "fileRow", "chunkLen"] as const) this[key] = grown(this[key], need, exact);
    this.invNorm = grown(this.invNorm, need, exact);
    this.chunkAt = grown(this.chunkAt, need, exact);
  }

  /** Row i's chunk data (not live yet); its vector's norm is set by the caller. */
  set(i: number, c: Chunk, slotNo: number, fileRow: number, chunkAt: number, chunkLen: number): void {
    this.liveOf[i] = 0;
    this.docOf[i] = slotNo;
    this.roleOf[i] = ROLE_INDEX.get(c.role) ?? 255;
    this.yearOf[i] = c.year ?? YEAR_NONE;
    this.tagsOf[i] = this.tagSet(c.tags);
    this.seqOf[i] = c.seq;
    this.fileRow[i] = fileRow;
    this.chunkAt[i] = chunkAt;
    this.chunkLen[i] = chunkLen;
  }

  /** Keep rows 0..n−1 with `renumber[row] ≥ 0` under their new numbers, in place. */
  move(renumber: Int32Array, n: number): void {
    for (const a of Object.values(this.arrays())) for (let i = 0; i < n; i++) if (renumber[i] >= 0) a[renumber[i]] = a[i];
  }

  private tagSet(tags: string[]): number {
    const key = JSON.stringify(tags);
    let t = this.tagSetIds.get(key);
    if (t === undefined) {
      this.tagSetIds.set(key, (t = this.tagSets.length));
      this.tagSets.push(tags);
    }
    return t;
  }

  /** Take a snapshot's arrays and tag sets (replacing what is held). */
  take(arrays: Record<string, unknown>, tagSets: string[][]): void {
    ({ liveOf: this.liveOf, docOf: this.docOf, roleOf: this.roleOf, yearOf: this.yearOf, tagsOf: this.tagsOf, seqOf: this.seqOf, invNorm: this.invNorm, fileRow: this.fileRow, chunkAt: this.chunkAt, chunkLen: this.chunkLen } = arrays as Record<string, never>);
    this.tagSets.length = 0;
    this.tagSetIds.clear();
    for (const ts of tagSets) this.tagSet(ts);
  }

  /** Rows 0..n−1 passing the filters, as a mask; null when there are no filters. */
  mask(f: SearchFilters, n: number, docIdOf: (row: number) => string | undefined): Uint8Array | null {
    return filterMask(f, { n, roleOf: this.roleOf, yearOf: this.yearOf, tagsOf: this.tagsOf, tagSets: this.tagSets, docIdOf });
  }
}

export interface MemoryRow {
  chunk: Chunk;
  vector: Float32Array;
  /** Search tokens (jieba, lower-cased), as stored in LanceDB's `tokens` column. */
  tokens: string[];
}

export interface Hit {
  readonly chunk: Chunk;
  score: number;
  /** The chunk's id, when known without reading the chunk (hits of the memory copy). */
  readonly id?: string;
}

export interface DocSlot {
  id: string;
  hash: string;
  first: number;
  count: number;
}

export function grown<T extends Uint8Array | Int32Array | Uint32Array | Float32Array | Float64Array>(a: T, need: number, exact = false): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(exact ? need : Math.max(need, Math.ceil(a.length * 1.5), 64));
  b.set(a);
  return b;
}
