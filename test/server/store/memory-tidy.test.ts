/**
 * The tidy after a big load (merging the postings' tail, requantising the codes) runs in steps with
 * searches between them (issue 19: in one block it held the thread serving HTTP for 1–2 s), and the
 * copy answers correctly at every step and after.
 */
import { describe, expect, it } from "vitest";
import type { Chunk } from "../../../server/corpus/types.ts";
import { MemorySearchIndex } from "../../../server/store/memory-index.ts";
import type { MemoryRow } from "../../../server/store/memory-rows.ts";
import { Int8Columns } from "../../../server/store/memory-vectors.ts";

const DIM = 64;
const WORDS = Array.from({ length: 400 }, (_, i) => `词${i}`);

function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
}

const chunk = (docId: string, seq: number): Chunk => ({
  id: `${docId}:${seq}`, docId, seq, title: docId, year: 2024, headingPath: [], role: "work", tags: [], text: `${docId} ${seq}`, start: seq, end: seq + 1,
});

/** Rows with words of a skewed vocabulary and vectors over the first `dims` dimensions, at magnitude `size`. */
function rows(docId: string, count: number, rand: () => number, dims: number, size: number): MemoryRow[] {
  return Array.from({ length: count }, (_, seq) => {
    const v = new Float32Array(DIM);
    for (let d = 0; d < dims; d++) v[d] = (rand() - 0.5) * size;
    const tokens = Array.from({ length: 10 + Math.floor(rand() * 20) }, () => WORDS[Math.floor(WORDS.length * rand() ** 2)]);
    return { chunk: chunk(docId, seq), vector: v, tokens };
  });
}

const key = (hits: Array<{ id?: string; score: number }>) => hits.map((h) => `${h.id} ${h.score.toFixed(9)}`);
const QUERIES = [["词1", "词7", "词30"], ["词3"], ["词0", "词200", "词201", "词5"]];

describe("tidyInSlices", () => {
  it("merges and requantises in steps, searches answering between them as the copy tidied in one block does", async () => {
    const rand = rng(5);
    const small = rows("small", 300, rand, 8, 0.5);
    // The big document's values reach 8 times the small one's, over dimensions it never used: the codes must be recomputed.
    const big = rows("big", 12_000, rand, DIM, 4);
    const sliced = new MemorySearchIndex(DIM, { slicePostings: 20_000 });
    const whole = new MemorySearchIndex(DIM);
    for (const idx of [sliced, whole]) {
      idx.setDocument("small", "h", small);
      idx.searchText(["词1"], 1); // tidied: the small document is the base
    }
    sliced.holdTidy(true);
    sliced.setDocument("big", "h", big);
    whole.setDocument("big", "h", big);
    const queryVectors = [big[17].vector, big[9000].vector, small[3].vector];
    // The reference: tidied in one block by its first search.
    const textWant = QUERIES.map((q) => key(whole.searchTextExhaustive(q, 10)));
    const vectorWant = queryVectors.map((v) => key(whole.searchVector(v, 5)));
    const smallWant = key(whole.searchVector(small[3].vector, 10));
    let turns = 0;
    let searched = 0;
    let slowest = 0;
    let last = performance.now();
    await sliced.tidyInSlices(async () => {
      turns++;
      slowest = Math.max(slowest, performance.now() - last);
      // A search between steps reads the copy as it is: full text is exact throughout.
      QUERIES.forEach((q, i) => expect(key(sliced.searchText(q, 10))).toEqual(textWant[i]));
      // Vectors: rows already requantised are read under the new scales, the others under the old (the
      // new rows' codes, made before their dimensions had a scale, are approximate until requantised).
      expect(key(sliced.searchVector(small[3].vector, 10))).toEqual(smallWant);
      searched++;
      await new Promise((r) => setImmediate(r));
      last = performance.now();
    });
    sliced.holdTidy(false);
    expect(turns).toBeGreaterThan(15); // the merge (about 190,000 postings) and the requantisation (12 blocks of rows) each took several steps
    expect(searched).toBe(turns);
    // Far from a one-block tidy of this copy (which the steps add up to), yet well within 200 ms.
    expect(slowest).toBeLessThan(200);
    QUERIES.forEach((q, i) => expect(key(sliced.searchText(q, 10))).toEqual(textWant[i]));
    queryVectors.forEach((v, i) => expect(key(sliced.searchVector(v, 5))).toEqual(vectorWant[i]));
    expect(sliced.searchVector(big[17].vector, 1)[0].id).toBe("big:17");
    sliced.close();
    whole.close();
  }, 60_000);
});

describe("a row whose dimension had no scale yet", () => {
  it("is found by the vector search while the tidy is held and between every step of it", async () => {
    const rand = rng(21);
    const idx = new MemorySearchIndex(DIM);
    // 3,000 rows over dimensions 0–7, tidied: dimension 40 has no scale.
    idx.setDocument("old", "h", rows("old", 3_000, rand, 8, 0.5));
    idx.searchText(["词1"], 1);
    idx.holdTidy(true); // a load under way
    const late = rows("late", 3_100, rand, 8, 0.5);
    // The last row points along dimension 40 (and a little along the others): past the first steps of the requantisation.
    const target = late[late.length - 1].vector;
    target.fill(0.01, 0, 8);
    target[40] = 1;
    idx.setDocument("late", "h", late);
    // The query leans on dimension 40, and every row scores above zero on its other dimensions.
    const query = Float32Array.from({ length: DIM }, (_, d) => (d === 40 ? 1 : d < 8 ? 0.2 : 0));
    const first = () => idx.searchVector(query, 1)[0]?.id;
    expect(first()).toBe("late:3099");
    let steps = 0;
    await idx.tidyInSlices(async () => {
      steps++;
      expect(first()).toBe("late:3099");
    });
    idx.holdTidy(false);
    expect(steps).toBeGreaterThan(4); // the requantisation of 6,100 rows took several steps
    expect(first()).toBe("late:3099");
    idx.close();
  });
});

describe("Int8Columns during a rescale", () => {
  it("scores the rows already requantised under the new scales and the rest under the old", () => {
    const rand = rng(9);
    const cols = new Int8Columns(DIM);
    const vs: Float32Array[] = [];
    for (let i = 0; i < 256; i++) {
      const v = Float32Array.from({ length: DIM }, () => (rand() - 0.5) * (i < 128 ? 1 : 8));
      vs.push(v);
    }
    cols.ensure(256, 0);
    vs.slice(0, 128).forEach((v, i) => cols.setRow(i, v));
    cols.beginRescale(); // scales from the first 128 rows
    vs.slice(0, 128).forEach((v, i) => cols.requantise(i, v));
    cols.endRescale();
    vs.slice(128).forEach((v, i) => cols.setRow(128 + i, v)); // the rest outgrow them: clamped
    expect(cols.needsRescale()).toBe(true);
    const q = Float32Array.from({ length: DIM }, () => rand() - 0.5);
    const nz = Array.from({ length: DIM }, (_, d) => d);
    const exact = vs.map((v) => v.reduce((s, x, d) => s + x * q[d], 0));
    const close = (from: number, to: number) => {
      const got = cols.dot(q, nz, 256);
      for (let i = from; i < to; i++) expect(Math.abs(got[i] * cols.scoreUnit - exact[i])).toBeLessThan(0.02 * Math.max(1, Math.abs(exact[i])) + 0.15);
    };
    close(0, 128);
    cols.beginRescale();
    for (let i = 0; i < 64; i++) cols.requantise(i, vs[i]);
    cols.advance(64);
    close(0, 128); // rows 0–63 under the new scales, 64–127 still under the old: both read right
    for (let i = 64; i < 256; i++) cols.requantise(i, vs[i]);
    cols.endRescale();
    close(0, 256);
  });
});
