import { describe, expect, it } from "vitest";
import { topRows, topRowsOfInts } from "../../../server/store/memory-rows.ts";
import { createAtLeast } from "../../../server/store/simd.ts";
import { rng } from "../../../bench/rng.ts";

/** The two-pass top rows of the int8 scan against the one-pass ranking it replaces. */
describe("topRowsOfInts", () => {
  it("gives the rows and order of topRows, ties, dead rows, masks and zero norms included", () => {
    const rand = rng(31);
    for (let trial = 0; trial < 200; trial++) {
      const count = 1 + Math.floor(rand() * 3000);
      // Few distinct values in some trials (many ties at the threshold), wide ones in others.
      const spread = trial % 3 === 0 ? 4 : 1_000_000;
      const scores = Int32Array.from({ length: count + 16 }, () => Math.floor((rand() - 0.5) * spread));
      const live = Uint8Array.from({ length: count }, () => (rand() < 0.9 ? 1 : 0));
      const mask = trial % 4 === 0 ? Uint8Array.from({ length: count }, () => (rand() < (trial % 8 === 0 ? 0.02 : 0.5) ? 1 : 0)) : null;
      const inv = Float32Array.from({ length: count }, () => (rand() < 0.05 ? 0 : 1));
      const limit = 1 + Math.floor(rand() * 80);
      const want = topRows(scores, limit, live, mask, inv, count);
      const got = topRowsOfInts(scores, limit, live, mask, inv, count, new Int32Array(count));
      expect(got).toEqual(want);
    }
  });
});

/** The SIMD floor filter the vector search lists its candidates with, against the plain pass. */
describe("the atLeast kernel", () => {
  it("lists every row at or above the floor, in order, ties and negative scores included, and stops at its cap", () => {
    const memory = new WebAssembly.Memory({ initial: 4 });
    const atLeast = createAtLeast(memory);
    expect(atLeast).toBeTypeOf("function");
    const rand = rng(47);
    for (let trial = 0; trial < 150; trial++) {
      const n = 16 * (1 + Math.floor(rand() * 300));
      const spread = trial % 3 === 0 ? 6 : 2_000_000;
      const scores = new Int32Array(memory.buffer, 0, n);
      for (let i = 0; i < n; i++) scores[i] = Math.floor((rand() - 0.5) * spread);
      // A floor taken from the scores (ties at it), or any value.
      const floor = trial % 2 === 0 ? scores[Math.floor(rand() * n)] : Math.floor((rand() - 0.5) * spread);
      const cap = trial % 5 === 0 ? 1 + Math.floor(rand() * 20) : 8192;
      const want: number[] = [];
      for (let i = 0; i < n; i++) if (scores[i] >= floor) want.push(i);
      const m = atLeast!(0, n, floor, n * 4, cap);
      const listed = [...new Int32Array(memory.buffer, n * 4, Math.min(m, cap))];
      if (want.length >= cap) {
        expect(m).toBe(cap);
        expect(listed).toEqual(want.slice(0, cap));
      } else {
        expect(m).toBe(want.length);
        expect(listed).toEqual(want);
      }
    }
  });
});
