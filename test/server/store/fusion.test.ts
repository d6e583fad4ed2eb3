import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Chunk } from "../../../server/corpus/types.ts";
import { fuseHits } from "../../../server/store/search.ts";
import { calibrateFusion, fusionFor, LOCAL_FUSION, signTest } from "../../../server/store/fusion.ts";

const chunk = (id: string): Chunk => ({ id, docId: id.split(":")[0], text: id } as unknown as Chunk);
const hit = (id: string, score: number) => ({ chunk: chunk(id), score });

describe("fusion weights from measured reliability", () => {
  it("the sign test gives the textbook values", () => {
    expect(signTest(6, 0)).toBeCloseTo(0.03125, 5);
    expect(signTest(3, 3)).toBe(1);
    expect(signTest(5, 1)).toBeCloseTo(0.21875, 5);
  });

  it("a signal that finds significantly more of what the other misses dominates; otherwise both count by their recall", () => {
    const weak = calibrateFusion([...Array(6).fill({ text: 1, vector: 0 }), ...Array(18).fill({ text: 2, vector: 3 }), { text: 0, vector: 0 }, { text: 0, vector: 0 }]);
    expect(weak.weights).toEqual({ text: 1, vector: 0, dominant: "text" });
    expect(weak).toMatchObject({ textOnly: 6, vectorOnly: 0 });
    const even = calibrateFusion([{ text: 1, vector: 0 }, { text: 0, vector: 2 }, { text: 1, vector: 1 }, { text: 3, vector: 9 }]);
    expect(even.weights.dominant).toBeUndefined();
    expect(even.weights).toEqual({ text: 0.75, vector: 0.5 });
  });

  it("the local embedder ships with text dominant; a served embedder counts as much as the text", () => {
    expect(fusionFor("local-hash-ngram-v1")).toBe(LOCAL_FUSION);
    expect(fusionFor("openai:bge-m3")).toEqual({ vector: 1, text: 1 });
  });

  it("with a dominant signal, hybrid's top k is the dominant list's top k (ties ordered by the other), then what only the other found", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 12 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 12 }),
        (t, v) => {
          const thits = t.map((id, i) => hit(`d:${id}`, 20 - i * 1.5));
          const vhits = v.map((id, i) => hit(`d:${id}`, 0.9 - i * 0.05));
          const k = 5;
          const fused = fuseHits(vhits, thits, k, "convex", LOCAL_FUSION).map((p) => p.id);
          const textTop = thits.slice(0, k).map((h) => h.chunk.id);
          expect(fused.slice(0, textTop.length)).toEqual(textTop);
          const rest = vhits.map((h) => h.chunk.id).filter((id) => !thits.some((x) => x.chunk.id === id));
          expect(fused.slice(textTop.length)).toEqual(rest.slice(0, k - textTop.length));
        },
      ),
    );
  });

  it("the weaker signal breaks the dominant one's exact ties", () => {
    const fused = fuseHits([hit("d:b", 0.9), hit("d:a", 0.1)], [hit("d:a", 5), hit("d:b", 5), hit("d:c", 1)], 3, "convex", LOCAL_FUSION);
    expect(fused.map((p) => p.id)).toEqual(["d:b", "d:a", "d:c"]);
  });
});
