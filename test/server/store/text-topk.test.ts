import { describe, expect, it } from "vitest";
import type { Chunk } from "../../../server/corpus/types.ts";
import { MemorySearchIndex } from "../../../server/store/memory-index.ts";
import type { TextEngine } from "../../../server/store/memory-text.ts";

/**
 * The pruned full-text search (MaxScore with block maxima, text-topk.ts) must return exactly what
 * scoring every posting returns: the same rows, in the same order, with the same scores, on random
 * archives with a skewed vocabulary, through removals, rows added after the last merge, repeated
 * query words and filters.
 */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
}

const chunk = (docId: string, seq: number, role: "opening" | "work"): Chunk => ({
  id: `${docId}:${seq}`, docId, seq, title: "t", year: 2018 + (seq % 6), headingPath: [], role, tags: [], text: `${docId}-${seq}`, start: 0, end: 1,
});

/** A word drawn by a Zipf-like law over `vocab` words (word 0 the most frequent). */
function word(rand: () => number, vocab: number): string {
  return `w${Math.floor(vocab ** rand()) - 1}`;
}

function archive(seed: number, docs: number, vocab: number, textEngine: TextEngine) {
  const rand = rng(seed);
  // Every query long enough to prune is pruned here (the store walks short lists whole).
  const idx = new MemorySearchIndex(8, { minPrunedPostings: 0, textEngine });
  const add = (d: number) => {
    const rows = Array.from({ length: 5 + Math.floor(rand() * 30) }, (_, s) => {
      const len = 3 + Math.floor(rand() * 60);
      // Some rows repeat a word many times (counts up to the saturation at 255).
      const tokens = Array.from({ length: len }, () => word(rand, vocab));
      if (rand() < 0.02) for (let r = 0; r < 300; r++) tokens.push("w1");
      const v = new Float32Array(8);
      v[s % 8] = 1;
      return { chunk: chunk(`d${d}`, s, s % 3 === 0 ? "opening" : "work"), vector: v, tokens };
    });
    idx.setDocument(`d${d}`, "h", rows);
  };
  return { idx, add, rand };
}

function same(idx: MemorySearchIndex, q: string[], k: number, filters = {}) {
  const got = idx.searchText(q, k, filters).map((h) => [h.id, h.score]);
  const want = idx.searchTextExhaustive(q, k, filters).map((h) => [h.id, h.score]);
  expect(got).toEqual(want);
  return want.length;
}

describe("top-k BM25 without walking every posting", () => {
  it.each([
    [1, 40, 50, "blockmax"],
    [2, 120, 400, "blockmax"],
    [3, 300, 3000, "blockmax"],
    [4, 1500, 3000, "blockmax"],
    [1, 40, 50, "taat"],
    [2, 120, 400, "taat"],
    [3, 300, 3000, "taat"],
  ] as const)("equals the exhaustive scorer on a random archive (seed %i, %i documents, %i words, %s)", (seed, docs, vocab, engine) => {
    const { idx, add, rand } = archive(seed, docs, vocab, engine);
    for (let d = 0; d < docs; d++) add(d);
    let nonEmpty = 0;
    const queries = () => {
      for (let q = 0; q < 60; q++) {
        const query = Array.from({ length: 1 + Math.floor(rand() * 12) }, () => word(rand, vocab));
        if (q % 7 === 0) query.push(query[0]); // a repeated word
        if (q % 11 === 0) query.push("absent");
        const k = [1, 5, 8, 24, 200][q % 5];
        if (same(idx, query, k) > 0) nonEmpty++;
        if (q % 4 === 0) same(idx, query, k, { role: "opening" });
        if (q % 6 === 0) same(idx, query, k, { yearFrom: 2021 });
      }
    };
    queries(); // merged base only
    for (let d = 0; d < docs; d += 3) idx.removeDocument(`d${d}`);
    queries(); // with removed rows (fewer than a quarter: no compaction)
    for (let d = docs; d < docs + Math.ceil(docs / 10); d++) add(d);
    queries(); // rows added since the last merge (the tail)
    for (let d = 1; d < docs; d += 3) idx.removeDocument(`d${d}`);
    queries(); // compacted again
    expect(nonEmpty).toBeGreaterThan(150);
    // Both paths were taken: the pruned one (a rare word with common ones) and the full walk.
    expect(idx.prunedTextSearches).toBeGreaterThan(20);
  });

  it("ranks ties to the earlier row, as the exhaustive ranking does", () => {
    const idx = new MemorySearchIndex(8, { minPrunedPostings: 0 });
    const v = new Float32Array(8).fill(1 / Math.sqrt(8));
    for (let d = 0; d < 30; d++) idx.setDocument(`d${d}`, "h", [{ chunk: chunk(`d${d}`, 0, "work"), vector: v, tokens: ["a", "b", d % 2 ? "c" : "a"] }]);
    const hits = idx.searchText(["a", "b"], 4);
    expect(hits.map((h) => h.id)).toEqual(idx.searchTextExhaustive(["a", "b"], 4).map((h) => h.id));
    expect(hits.map((h) => h.id)).toEqual(["d0:0", "d2:0", "d4:0", "d6:0"]);
  });
});
