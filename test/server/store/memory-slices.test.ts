/**
 * A big document enters the memory search copy in slices (issue 19: 19,000 passages held the thread
 * serving HTTP for seconds in one block). Between slices, searches see the copy as it was, and a
 * document that fails half-way is not left half in.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Chunk } from "../../../server/corpus/types.ts";
import { createLocalEmbedder } from "../../../server/embed/local.ts";
import { openCorpusStore } from "../../../server/store/lance.ts";
import { MemorySearchIndex } from "../../../server/store/memory-index.ts";
import type { MemoryRow } from "../../../server/store/memory-rows.ts";
import { makeReport } from "./helpers.ts";

const chunk = (docId: string, seq: number): Chunk => ({
  id: `${docId}:${seq}`, docId, seq, title: docId, year: 2024, headingPath: [], role: "work", tags: [], text: `${docId} ${seq}`, start: seq, end: seq + 1,
});
const row = (docId: string, seq: number, tokens: string[], v: number[]): MemoryRow => ({ chunk: chunk(docId, seq), vector: Float32Array.from(v), tokens });
const ids = (hits: Array<{ chunk: Chunk }>) => hits.map((h) => h.chunk.id);

describe("setDocumentInSlices", () => {
  it("writes a document between turns, invisible to searches until all of it is in, then finds it", async () => {
    const idx = new MemorySearchIndex(2);
    idx.setDocument("old", "h", [row("old", 0, ["平安", "建设"], [1, 0]), row("old", 1, ["平安"], [0.9, 0.1])]);
    const rows = Array.from({ length: 300 }, (_, i) => row("new", i, ["平安", "网格"], [0, 1]));
    const seen: Array<{ text: string[]; words: string[]; vector: string[]; size: number }> = [];
    let turns = 0;
    await idx.setDocumentInSlices("new", "h2", rows, async () => {
      turns++;
      seen.push({
        text: ids(idx.searchText(["平安"], 10)),
        words: ids(idx.searchText(["网格"], 10)),
        vector: ids(idx.searchVector(Float32Array.from([0, 1]), 10)),
        size: idx.size,
      });
    });
    expect(turns).toBeGreaterThan(3); // 300 rows come in several slices
    for (const s of seen) {
      expect(s.text.sort()).toEqual(["old:0", "old:1"]);
      expect(s.words).toEqual([]);
      expect(s.vector.sort()).toEqual(["old:0", "old:1"]);
      expect(s.size).toBe(2);
    }
    expect(idx.size).toBe(302);
    expect(idx.searchText(["网格"], 500)).toHaveLength(300);
    expect(ids(idx.searchVector(Float32Array.from([0, 1]), 3))).toEqual(["new:0", "new:1", "new:2"]);
    // The rows are where setDocument would have put them.
    const whole = new MemorySearchIndex(2);
    whole.setDocument("old", "h", [row("old", 0, ["平安", "建设"], [1, 0]), row("old", 1, ["平安"], [0.9, 0.1])]);
    whole.setDocument("new", "h2", rows);
    expect(idx.searchText(["平安", "网格"], 20).map((h) => [h.chunk.id, h.score.toFixed(6)])).toEqual(
      whole.searchText(["平安", "网格"], 20).map((h) => [h.chunk.id, h.score.toFixed(6)]),
    );
  });

  it("leaves nothing of a document that fails half-way, and takes the next one", async () => {
    const idx = new MemorySearchIndex(2);
    idx.setDocument("old", "h", [row("old", 0, ["平安"], [1, 0])]);
    const rows = Array.from({ length: 200 }, (_, i) => row("bad", i, ["网格"], [0, 1]));
    let turns = 0;
    await expect(
      idx.setDocumentInSlices("bad", "h", rows, async () => {
        if (++turns === 2) throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    expect(idx.held().has("bad")).toBe(false);
    expect(idx.searchText(["网格"], 10)).toEqual([]);
    expect(ids(idx.searchText(["平安"], 10))).toEqual(["old:0"]);
    await idx.setDocumentInSlices("good", "h", [row("good", 0, ["网格"], [0, 1])], async () => undefined);
    expect(ids(idx.searchText(["网格"], 10))).toEqual(["good:0"]);
  });
});

describe("the store's memory copy and a big document", () => {
  it("serves a search during the load of 2,500 passages from the copy as it was, and finds them once loaded", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-memslices-"));
    const store = await openCorpusStore({ dataDir: dir, embedder: createLocalEmbedder(64), searchCacheSize: 0 });
    try {
      const small = makeReport("small", "甲县工作总结", 2024, [{ headingPath: [], role: "work", text: "甲县推进网格化服务管理，化解矛盾纠纷。" }]);
      await store.putReport(small);
      expect((await store.searchPassages("网格化服务管理", { mode: "text" })).map((p) => p.docId)).toEqual(["small"]);
      expect(store.searchesFromMemory).toBe(true);
      const parts = Array.from({ length: 2500 }, (_, i) => ({ headingPath: [], role: "work" as const, text: `乙县第${i + 1}网格推进网格化服务管理，青榆调解室化解纠纷。` }));
      await store.putReport(makeReport("big", "乙县工作总结", 2024, parts));
      // This search starts the load and is not held by it: the copy as it was answers (without the new rows).
      const during = await store.searchPassages("青榆调解室", { mode: "text", k: 5 });
      expect(during).toEqual([]);
      await store.warmUp?.();
      const after = await store.searchPassages("青榆调解室", { mode: "text", k: 5 });
      expect(after).toHaveLength(5);
      expect(after.every((p) => p.docId === "big")).toBe(true);
      expect(store.searchesFromMemory).toBe(true);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
