import { describe, expect, it } from "vitest";
import type { Chunk } from "../../../server/corpus/types.ts";
import { MemorySearchIndex } from "../../../server/store/memory-index.ts";
import { createDot2 } from "../../../server/store/simd.ts";

/**
 * The int8 copy must find what exact float search finds: on a seeded archive, the top 5 of the
 * quantised search (candidates re-scored against the float vectors) against a brute-force float
 * cosine over the same rows.
 */
const chunk = (docId: string, seq: number): Chunk => ({
  id: `${docId}:${seq}`, docId, seq, title: "t", year: 2020 + (seq % 5), headingPath: [], role: seq % 4 === 0 ? "opening" : "work", tags: [], text: `${docId}-${seq}`, start: 0, end: 1,
});

function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
}

/** Sparse unit vectors like the local embedder's (a few dozen non-zero dimensions), or dense ones. */
function vector(dim: number, rand: () => number, sparse: boolean): Float32Array {
  const v = new Float32Array(dim);
  const nnz = sparse ? 20 + Math.floor(rand() * 40) : dim;
  for (let j = 0; j < nnz; j++) v[sparse ? Math.floor(rand() * dim) : j] += rand() - 0.5 + (sparse ? 0.5 : 0);
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n) || 1;
  for (let d = 0; d < dim; d++) v[d] /= n;
  return v;
}

function exactTop(rows: Float32Array[], q: Float32Array, k: number): number[] {
  const qn = Math.hypot(...q);
  return rows
    .map((v, i) => {
      let dot = 0;
      let vn = 0;
      for (let d = 0; d < v.length; d++) {
        dot += v[d] * q[d];
        vn += v[d] * v[d];
      }
      return { i, s: vn > 0 ? dot / (Math.sqrt(vn) * qn) : -Infinity };
    })
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, k)
    .map((e) => e.i);
}

describe("int8 quantised vector search", () => {
  it.each([true, false])("agrees with exact float search on the top 5 (sparse vectors: %s)", (sparse) => {
    const rand = rng(sparse ? 11 : 12);
    const dim = sparse ? 256 : 64;
    const idx = new MemorySearchIndex(dim);
    const rows: Float32Array[] = [];
    const ids: string[] = [];
    for (let d = 0; d < 60; d++) {
      const rs = Array.from({ length: 50 }, (_, s) => {
        const v = vector(dim, rand, sparse);
        rows.push(v);
        ids.push(`d${d}:${s}`);
        return { chunk: chunk(`d${d}`, s), vector: v, tokens: [] };
      });
      idx.setDocument(`d${d}`, "h", rs);
    }
    let same = 0;
    const queries = 200;
    for (let q = 0; q < queries; q++) {
      // A query near a stored row (as a real query shares words with its passage), or a fresh one.
      const base = q % 2 === 0 ? rows[Math.floor(rand() * rows.length)] : vector(dim, rand, sparse);
      const query = Float32Array.from(base, (x) => (x !== 0 ? x + (rand() - 0.5) * 0.2 : 0));
      const want = exactTop(rows, query, 5).map((i) => ids[i]);
      const got = idx.searchVector(query, 5).map((h) => h.id);
      if (JSON.stringify(got) === JSON.stringify(want)) same++;
    }
    expect(same / queries).toBeGreaterThanOrEqual(0.99);
    // All of it in memory (codes, row data, scratch) is less than one float copy of the vectors (there were two),
    // besides the float mirror the budget may leave room for.
    expect(idx.mirrorBytes).toBe(rows.length * dim * 4);
    expect(idx.memoryBytes - idx.mirrorBytes).toBeLessThan(rows.length * dim * 4);
  });

  it("scores are the float cosine, and a later row larger than the scales is still found first", () => {
    const idx = new MemorySearchIndex(4);
    idx.setDocument("a", "h", [{ chunk: chunk("a", 0), vector: Float32Array.from([0.1, 0.1, 0, 0]), tokens: [] }]);
    idx.setDocument("b", "h", [{ chunk: chunk("b", 0), vector: Float32Array.from([0.05, 0.2, 0, 0]), tokens: [] }]);
    expect(idx.searchVector(Float32Array.from([1, 0, 0, 0]), 2).map((h) => h.id)).toEqual(["a:0", "b:0"]);
    // Outgrows dimension 0's scale by far: the codes are recomputed before the next search.
    idx.setDocument("c", "h", [{ chunk: chunk("c", 0), vector: Float32Array.from([9, 0.1, 0, 0]), tokens: [] }]);
    const hits = idx.searchVector(Float32Array.from([1, 0, 0, 0]), 3);
    expect(hits.map((h) => h.id)).toEqual(["c:0", "a:0", "b:0"]);
    expect(hits[0].score).toBeCloseTo(9 / Math.hypot(9, 0.1), 6);
    expect(hits[2].score).toBeCloseTo(0.05 / Math.hypot(0.05, 0.2), 6);
    expect(hits[2].chunk).toEqual(chunk("b", 0));
    idx.close();
  });

  it("the int8 kernel adds qa × a + qb × b into int32 scores, two columns and sixteen rows a pass", () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const dot2 = createDot2(memory);
    expect(dot2).toBeTypeOf("function");
    const n = 48;
    const scores = new Int32Array(memory.buffer, 0, n);
    const a = new Int8Array(memory.buffer, 4096, n);
    const b = new Int8Array(memory.buffer, 8192, n);
    for (let i = 0; i < n; i++) {
      a[i] = ((i * 37) % 255) - 127;
      b[i] = ((i * 91 + 5) % 255) - 127;
    }
    const pack = (qa: number, qb: number) => (qa & 0xffff) | (qb << 16);
    dot2!(0, 4096, 8192, n, pack(16383, -16383));
    dot2!(0, 4096, 8192, n, pack(-7, 300));
    // Only the first 32 rows: the rest must stay untouched.
    dot2!(0, 8192, 4096, 32, pack(1, 0));
    for (let i = 0; i < n; i++) expect(scores[i]).toBe(16376 * a[i] - 16083 * b[i] + (i < 32 ? b[i] : 0));
  });

  it("removed and replaced documents leave the results after compaction", () => {
    const rand = rng(5);
    const idx = new MemorySearchIndex(32, { simd: false });
    const vecs = new Map<string, Float32Array>();
    for (let d = 0; d < 40; d++) {
      const v = vector(32, rand, false);
      vecs.set(`d${d}`, v);
      idx.setDocument(`d${d}`, "h", [{ chunk: chunk(`d${d}`, 0), vector: v, tokens: ["词", `w${d}`] }]);
    }
    for (let d = 0; d < 30; d++) idx.removeDocument(`d${d}`); // past a quarter dead: compacted
    idx.setDocument("d35", "h2", [{ chunk: chunk("d35", 0), vector: vecs.get("d0")!, tokens: ["新"] }]);
    const hits = idx.searchVector(vecs.get("d0")!, 20);
    expect(hits.map((h) => h.id).sort()).toEqual(["d30", "d31", "d32", "d33", "d34", "d35", "d36", "d37", "d38", "d39"].map((d) => `${d}:0`).sort());
    expect(hits[0].id).toBe("d35:0");
    expect(hits[0].score).toBeCloseTo(1, 6);
    expect(idx.searchText(["词"], 20).length).toBe(9);
    expect(idx.searchText(["w3"], 5)).toEqual([]);
    expect(idx.searchText(["新"], 5).map((h) => h.chunk.id)).toEqual(["d35:0"]);
    idx.close();
  });
});
