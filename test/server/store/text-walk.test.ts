import { describe, expect, it } from "vitest";
import type { Chunk } from "../../../server/corpus/types.ts";
import { MemorySearchIndex } from "../../../server/store/memory-index.ts";
import { DENSE_AT } from "../../../server/store/text-walk.ts";

/**
 * The full walk of a full-text query (text-walk.ts), in both its forms (rows listed as touched, or
 * every row read in order), against BM25 worked out here from each row's tokens: the same rows in the
 * same order with the same scores, bit for bit, on a seeded archive with copied documents (ties),
 * removals, rows added since the last merge, repeated query words and filters.
 */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
}

const chunk = (docId: string, seq: number, role: "opening" | "work"): Chunk => ({
  id: `${docId}:${seq}`, docId, seq, title: "t", year: 2018 + (seq % 6), headingPath: [], role, tags: [], text: `${docId}-${seq}`, start: 0, end: 1,
});

const word = (rand: () => number, vocab: number) => `w${Math.floor(vocab ** rand()) - 1}`;

type Row = { id: string; role: string; year: number; tokens: string[]; counts: Map<string, number> };

/** BM25 as LanceDB's match query sums it: each query token in order, k1 = 1.2, b = 0.75, counts saturating at 255. */
function reference(rows: Row[], query: string[], k: number, keep: (r: Row) => boolean) {
  const n = rows.length;
  const len = rows.reduce((s, r) => s + r.tokens.length, 0);
  const k1b = 1.2 * (1 - 0.75);
  const k1bAvg = (1.2 * 0.75) / (len / n);
  const df = new Map<string, number>();
  for (const t of new Set(query)) df.set(t, rows.filter((r) => r.counts.has(t)).length);
  const scored: Array<{ row: number; score: number }> = [];
  rows.forEach((r, row) => {
    let score = 0;
    let hit = false;
    for (const t of query) {
      const tf = r.counts.get(t);
      if (!tf) continue;
      const d = df.get(t)!;
      const w = Math.log(1 + (n - d + 0.5) / (d + 0.5)) * (1.2 + 1);
      score += (w * tf) / (tf + k1b + k1bAvg * r.tokens.length);
      hit = true;
    }
    if (hit && keep(r)) scored.push({ row, score });
  });
  scored.sort((a, b) => b.score - a.score || a.row - b.row);
  return { top: scored.slice(0, k).map((s) => [rows[s.row].id, s.score]), postings: [...df.values()].reduce((a, b) => a + b, 0) };
}

describe("the full walk of a full-text query", () => {
  it("equals BM25 worked out from the rows' tokens, in both forms", () => {
    const rand = rng(7);
    const vocab = 800;
    // Every query walks its lists whole here (no pruning).
    const idx = new MemorySearchIndex(8, { minPrunedPostings: Infinity });
    const docs = new Map<string, Row[]>();
    const order: string[] = []; // documents in row order: a replaced one moves to the end
    const add = (d: number) => {
      const id = `d${d}`;
      // Every fifth document copies an earlier one's rows: equal scores, ranked by row.
      const copy = d % 5 === 4 && docs.size > 0 ? [...docs.values()][Math.floor(rand() * docs.size)] : null;
      const rows = (copy ?? Array.from({ length: 3 + Math.floor(rand() * 12) }, () => ({ tokens: Array.from({ length: 3 + Math.floor(rand() * 40) }, () => word(rand, vocab)) }))).map((r, s) => {
        const v = new Float32Array(8);
        v[s % 8] = 1;
        return { chunk: chunk(id, s, s % 3 === 0 ? "opening" : "work"), vector: v, tokens: r.tokens };
      });
      idx.setDocument(id, "h", rows);
      docs.set(id, rows.map((r) => {
        const counts = new Map<string, number>();
        for (const t of r.tokens) counts.set(t, Math.min(255, (counts.get(t) ?? 0) + 1));
        return { id: r.chunk.id, role: r.chunk.role, year: r.chunk.year!, tokens: r.tokens, counts };
      }));
      if (order.includes(id)) order.splice(order.indexOf(id), 1);
      order.push(id);
    };
    const remove = (d: number) => {
      idx.removeDocument(`d${d}`);
      docs.delete(`d${d}`);
      order.splice(order.indexOf(`d${d}`), 1);
    };
    let dense = 0;
    let sparse = 0;
    const check = () => {
      const rows = order.flatMap((id) => docs.get(id)!);
      for (let q = 0; q < 40; q++) {
        // A third of the queries rarer words only (lists walked as touched), the rest Zipf-drawn.
        const query = Array.from({ length: 1 + Math.floor(rand() * 8) }, () => (q % 3 === 0 ? `w${200 + Math.floor(rand() * 600)}` : word(rand, vocab)));
        if (q % 7 === 0) query.push(query[0]);
        const k = [1, 5, 8, 24][q % 4];
        const got = (f = {}) => idx.searchText(query, k, f).map((h) => [h.id, h.score]);
        const all = reference(rows, query, k, () => true);
        expect(got()).toEqual(all.top);
        expect(got({ role: "opening" })).toEqual(reference(rows, query, k, (r) => r.role === "opening").top);
        expect(got({ yearFrom: 2021 })).toEqual(reference(rows, query, k, (r) => r.year >= 2021).top);
        if (all.postings * DENSE_AT >= rows.length) dense++;
        else sparse++;
      }
    };
    for (let d = 0; d < 200; d++) add(d);
    check(); // merged base
    for (let d = 0; d < 200; d += 9) remove(d);
    check(); // removed rows
    for (let d = 200; d < 230; d++) add(d);
    for (let d = 3; d < 60; d += 10) add(d); // replaced: appended at the end
    check(); // rows in the tail
    expect(dense).toBeGreaterThan(20);
    expect(sparse).toBeGreaterThan(20);
  });
});
