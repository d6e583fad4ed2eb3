import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Chunk } from "../../../server/corpus/types.ts";
import { createLocalEmbedder } from "../../../server/embed/local.ts";
import type { Logger } from "../../../server/log.ts";
import { openCorpusStore } from "../../../server/store/lance.ts";
import { MemorySearchIndex } from "../../../server/store/memory-index.ts";
import { loadMemorySnapshot, saveMemorySnapshot } from "../../../server/store/memory-snapshot.ts";
import { makeReport } from "./helpers.ts";

/** The search copy saved and read back answers every search as the copy it was saved from, and keeps following changes. */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
}
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), "zongjie-snap-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const DIM = 32;
const chunk = (docId: string, seq: number, text: string): Chunk => ({
  id: `${docId}:${seq}`, docId, seq, title: `标题${docId}`, year: 2019 + (seq % 5), headingPath: ["一、工作"], role: seq % 3 ? "work" : "opening", tags: seq % 2 ? ["甲"] : [], text, start: seq, end: seq + 1,
});

function addDoc(idx: MemorySearchIndex[], d: number, rand: () => number) {
  const n = 2 + Math.floor(rand() * 6);
  const rows = Array.from({ length: n }, (_, s) => {
    const tokens = Array.from({ length: 4 + Math.floor(rand() * 20) }, () => `w${Math.floor(60 ** rand())}`);
    const v = new Float32Array(DIM);
    for (let k = 0; k < 6; k++) v[Math.floor(rand() * DIM)] += rand();
    return { chunk: chunk(`d${d}`, s, tokens.join("")), vector: v, tokens };
  });
  for (const i of idx) i.setDocument(`d${d}`, `h${d}`, rows);
}

function answers(idx: MemorySearchIndex, rand: () => number) {
  const out: unknown[] = [];
  for (let q = 0; q < 25; q++) {
    const tokens = Array.from({ length: 1 + Math.floor(rand() * 5) }, () => `w${Math.floor(60 ** rand())}`);
    const v = new Float32Array(DIM);
    for (let k = 0; k < 5; k++) v[Math.floor(rand() * DIM)] = rand();
    const f = q % 3 === 0 ? { role: "work" as const } : {};
    out.push(idx.searchText(tokens, 6, f).map((h) => [h.id, h.score, h.chunk]));
    out.push(idx.searchVector(v, 6, f).map((h) => [h.id, h.score, h.chunk]));
  }
  return out;
}

describe("the search copy's snapshot", () => {
  it("reads back a copy that answers every search alike, and follows adds and removes after", () => {
    const rand = rng(5);
    const a = new MemorySearchIndex(DIM, { coldDir: tmp() });
    const b = new MemorySearchIndex(DIM, { coldDir: tmp() });
    try {
      for (let d = 0; d < 60; d++) addDoc([a], d, rand);
      for (let d = 0; d < 60; d += 4) a.removeDocument(`d${d}`);
      const dir = tmp();
      const saved = saveMemorySnapshot(a, dir);
      expect(saved.passages).toBe(a.size);
      expect(loadMemorySnapshot(b, dir)?.passages).toBe(a.size);
      expect(b.held()).toEqual(a.held());
      expect(answers(b, rng(9))).toEqual(answers(a, rng(9)));
      // Changes after loading: appended rows go past the snapshot's files, removals compact them away.
      for (let d = 60; d < 80; d++) addDoc([a, b], d, rand);
      for (let d = 1; d < 80; d += 3) {
        a.removeDocument(`d${d}`);
        b.removeDocument(`d${d}`);
      }
      expect(answers(b, rng(10))).toEqual(answers(a, rng(10)));
      expect(b.chunks()).toEqual(a.chunks());
    } finally {
      a.close();
      b.close();
    }
  });

  it("is not read when it is missing, cut short or of another dimension", () => {
    const dir = tmp();
    const idx = new MemorySearchIndex(DIM);
    try {
      expect(loadMemorySnapshot(idx, dir)).toBeNull();
      addDoc([idx], 0, rng(1));
      saveMemorySnapshot(idx, dir);
      const other = new MemorySearchIndex(DIM * 2);
      expect(loadMemorySnapshot(other, dir)).toBeNull();
      other.close();
    } finally {
      idx.close();
    }
  });

  it("a store reopened reads its copy from the snapshot and brings it in step with documents changed meanwhile", async () => {
    const dir = tmp();
    const lines: string[] = [];
    const logger: Logger = { debug: () => {}, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
    const part = (text: string) => ({ headingPath: ["一、主要工作"], role: "work" as const, text });
    const open = () => openCorpusStore({ dataDir: dir, embedder: createLocalEmbedder(64), searchCacheSize: 0, memorySearchMB: 16, logger });
    let s = await open();
    await s.putReport(makeReport("a", "甲县2024年工作总结", 2024, [part("甲县开展珊瑚行动。"), part("甲县调解纠纷三十起。")]));
    await s.putReport(makeReport("b", "乙县2024年工作总结", 2024, [part("乙县推进珊瑚行动。")]));
    await s.warmUp();
    const before = await s.searchPassages("珊瑚行动", { mode: "hybrid" });
    await s.close(); // a graceful stop saves the snapshot
    s = await open();
    try {
      await s.warmUp();
      expect(lines.some((l) => l.includes("从快照载入 3 个段落"))).toBe(true);
      expect(await s.searchPassages("珊瑚行动", { mode: "hybrid" })).toEqual(before);
      await s.removeDocument("a");
      await s.putReport(makeReport("c", "丙县2024年工作总结", 2024, [part("丙县部署珊瑚行动。")]));
      expect((await s.searchPassages("珊瑚行动", { mode: "text" })).map((p) => p.docId).sort()).toEqual(["b", "c"]);
      expect(s.searchMemory!.served).toBe(2);
    } finally {
      await s.close();
    }
    // The snapshot written at that close holds b and c: a third start reads it and needs nothing from LanceDB.
    lines.length = 0;
    s = await open();
    try {
      await s.warmUp();
      expect(lines.some((l) => l.includes("从快照载入 2 个段落"))).toBe(true);
      expect((await s.searchPassages("珊瑚行动", { mode: "text" })).map((p) => p.docId).sort()).toEqual(["b", "c"]);
    } finally {
      await s.close();
    }
  });
});
