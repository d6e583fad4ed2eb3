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
export function topRows(scores: Float32Array<ArrayBufferLike> | Float64Array, limit: number, live: Uint8Array, mask: Uint8Array | null, inv: Float32Array | null, count: number, rows?: Int32Array): number[] {
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
