import { afterEach, describe, expect, it } from "vitest";
import { ColdRows } from "../../../server/store/cold-rows.ts";

const dim = 16;
const rowOf = (seed: number) => Float32Array.from({ length: dim }, (_, d) => Math.sin(seed * 31 + d * 7) * (d + 1));
const open: ColdRows[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});
const make = (hotBytes?: number) => {
  const c = new ColdRows(dim, undefined, hotBytes);
  open.push(c);
  return c;
};
const read = (c: ColdRows, row: number) => Array.from(c.readVector(row, new Float32Array(dim)));

describe("the cold rows' vectors", () => {
  it("read the same from the in-memory mirror as from the file, through appends and compaction", () => {
    const mirrored = make();
    const fileOnly = make(0);
    for (const c of [mirrored, fileOnly]) {
      c.appendVectors([1, 2, 3].map(rowOf));
      c.appendVectors(Array.from({ length: 40 }, (_, i) => rowOf(10 + i)));
    }
    expect(mirrored.hotMirrorBytes).toBe(43 * dim * 4);
    expect(fileOnly.hotMirrorBytes).toBe(0);
    for (let r = 0; r < 43; r++) expect(read(mirrored, r)).toEqual(read(fileOnly, r));
    expect(read(mirrored, 2)).toEqual(Array.from(rowOf(3)));
    // Keep every third row, in a new order; the mirror follows.
    const kept = Array.from({ length: 15 }, (_, i) => 42 - 3 * i);
    const zeros = kept.map(() => 0);
    for (const c of [mirrored, fileOnly]) c.compact(kept, zeros, zeros);
    for (let r = 0; r < kept.length; r++) {
      expect(read(mirrored, r)).toEqual(read(fileOnly, r));
      expect(read(mirrored, r)).toEqual(Array.from(rowOf(kept[r] < 3 ? kept[r] + 1 : 10 + kept[r] - 3)));
    }
  });

  it("mirrors only the first rows its cap holds, follows a changed cap, and reads every row alike", () => {
    const c = make(10 * dim * 4);
    const fileOnly = make(0);
    for (const x of [c, fileOnly]) {
      x.appendVectors(Array.from({ length: 8 }, (_, i) => rowOf(i)));
      x.appendVectors(Array.from({ length: 8 }, (_, i) => rowOf(8 + i)));
    }
    expect(c.mirroredRows).toBe(10);
    expect(c.hotMirrorBytes).toBe(10 * dim * 4);
    for (let r = 0; r < 16; r++) expect(read(c, r)).toEqual(Array.from(rowOf(r)));
    c.setHotBytes(4 * dim * 4);
    expect(c.mirroredRows).toBe(4);
    for (let r = 0; r < 16; r++) expect(read(c, r)).toEqual(read(fileOnly, r));
    c.setHotBytes(100 * dim * 4);
    expect(c.mirroredRows).toBe(16);
    c.appendVectors([rowOf(16)]);
    expect(c.mirroredRows).toBe(17);
    for (let r = 0; r < 17; r++) expect(read(c, r)).toEqual(Array.from(rowOf(r)));
  });

  it("mirrors thousands of rows across its pages, written in batches that straddle them, as the file reads them", () => {
    const mirrored = make(2_300 * dim * 4);
    const fileOnly = make(0);
    let made = 0;
    for (const size of [1, 700, 1_000, 5, 400, 394]) {
      for (const c of [mirrored, fileOnly]) c.appendVectors(Array.from({ length: size }, (_, i) => rowOf(made + i)));
      made += size;
    }
    expect(mirrored.mirroredRows).toBe(2_300);
    const q = rowOf(7);
    const nz = Array.from({ length: dim }, (_, d) => d);
    for (let r = 0; r < made; r++) {
      expect(read(mirrored, r)).toEqual(Array.from(rowOf(r)));
      expect(mirrored.dotRow(r, q, nz)).toBe(fileOnly.dotRow(r, q, nz));
    }
    mirrored.setHotBytes(1_500 * dim * 4);
    expect(mirrored.mirroredRows).toBe(1_500);
    for (const r of [0, 1_023, 1_024, 1_499, 1_500, 2_499]) expect(read(mirrored, r)).toEqual(Array.from(rowOf(r)));
  });
});
