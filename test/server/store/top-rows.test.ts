import { describe, expect, it } from "vitest";
import { topRows, topRowsOfInts } from "../../../server/store/memory-rows.ts";
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
