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
