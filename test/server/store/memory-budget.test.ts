import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createLocalEmbedder } from "../../../server/embed/local.ts";
import type { Logger } from "../../../server/log.ts";
import { openCorpusStore } from "../../../server/store/lance.ts";
import { MemorySearchIndex } from "../../../server/store/memory-index.ts";
import { makeReport } from "./helpers.ts";

/** The budget says what it buys, the start-up log says what is served, and the copy follows ingest and delete. */
describe("the memory copy's budget and sync", () => {
  it("logs the passages served from memory and the budget's capacity, and follows ingest and delete", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-membudget-"));
    const lines: string[] = [];
    const logger: Logger = { debug: () => {}, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
    const s = await openCorpusStore({ dataDir: dir, embedder: createLocalEmbedder(64), searchCacheSize: 0, memorySearchMB: 1, logger });
    try {
      const part = (text: string) => ({ headingPath: ["一、主要工作"], role: "work" as const, text });
      await s.putReport(makeReport("a", "甲县2024年工作总结", 2024, [part("甲县开展珊瑚行动。"), part("甲县调解纠纷三十起。")]));
      await s.putReport(makeReport("b", "乙县2024年工作总结", 2024, [part("乙县推进珊瑚行动。")]));
      await s.warmUp();
      const capacity = Math.floor((1024 * 1024) / MemorySearchIndex.bytesPerRow(64));
      expect(s.searchMemory).toMatchObject({ served: 3, passages: 3, capacity });
      expect(lines.some((l) => l.includes("3 个段落由内存检索") && l.includes("其中 3 个段落的原始向量也在内存中") && l.includes(`约可容纳 ${capacity} 个段落`))).toBe(true);
      // Typed arrays of three rows, far below the budget.
      expect(s.searchMemory!.memoryBytes).toBeLessThan(1024 * 1024);
      await s.removeDocument("a");
      expect((await s.searchPassages("珊瑚行动", { mode: "text" })).map((p) => p.docId)).toEqual(["b"]);
      expect(s.searchMemory!.served).toBe(1);
      await s.putReport(makeReport("c", "丙县2024年工作总结", 2024, [part("丙县部署珊瑚行动。"), part("丙县建成调解室。")]));
      expect((await s.searchPassages("珊瑚行动", { mode: "text" })).map((p) => p.docId).sort()).toEqual(["b", "c"]);
      expect(s.searchMemory!.served).toBe(3);
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a budget too small for the archive says how many passages it would hold", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-membudget2-"));
    const lines: string[] = [];
    const logger: Logger = { debug: () => {}, info: (m) => lines.push(m), warn: () => {}, error: () => {} };
    const s = await openCorpusStore({ dataDir: dir, embedder: createLocalEmbedder(64), searchCacheSize: 0, memorySearchMB: 0.0001, logger });
    try {
      await s.putReport(makeReport("a", "甲县2024年工作总结", 2024, [{ headingPath: [], role: "work", text: "甲县开展珊瑚行动。" }]));
      await s.warmUp();
      expect(s.searchesFromMemory).toBe(false);
      expect(lines.some((l) => l.includes("超出内存检索预算") && l.includes("约可容纳 0 个段落"))).toBe(true);
      expect((await s.searchPassages("珊瑚行动", { mode: "text" })).map((p) => p.docId)).toEqual(["a"]);
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
