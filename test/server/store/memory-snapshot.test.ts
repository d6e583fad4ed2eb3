import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Chunk } from "../../../server/corpus/types.ts";
import { createLocalEmbedder } from "../../../server/embed/local.ts";
import type { Logger } from "../../../server/log.ts";
import { openCorpusStore } from "../../../server/store/lance.ts";
import { MemorySearchIndex } from "../../../server/store/memory-index.ts";
import { loadMemorySnapshot, saveMemorySnapshot, saveMemorySnapshotInSlices } from "../../../server/store/memory-snapshot.ts";
import { SnapshotChanged } from "../../../server/store/snapshot.ts";
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

describe("the search copy's snapshot written in slices", () => {
  it("lets searches run while it writes, and reads back a copy that answers alike", async () => {
    const rand = rng(21);
    const a = new MemorySearchIndex(DIM, { coldDir: tmp() });
    const b = new MemorySearchIndex(DIM, { coldDir: tmp() });
    try {
      for (let d = 0; d < 400; d++) addDoc([a], d, rand);
      for (let d = 0; d < 400; d += 5) a.removeDocument(`d${d}`);
      a.settle();
      const want = answers(a, rng(3));
      const dir = tmp();
      // Pieces of 4 KB: about a hundred of them at this size.
      let done = false;
      let searches = 0;
      // Before each piece the writer asks whether the copy changed: count the pieces before which a
      // search ran since the one before.
      let pieces = 0;
      let between = 0;
      let seen = 0;
      const unchanged = () => {
        pieces++;
        if (searches > seen) between++;
        seen = searches;
        return true;
      };
      const writing = saveMemorySnapshotInSlices(a, dir, { unchanged, pieceBytes: 4096 }).finally(() => (done = true));
      while (!done) {
        await new Promise((r) => setImmediate(r));
        expect(a.searchText(["w1", "w2"], 6, {}).length).toBeGreaterThan(0);
        searches++;
      }
      const f = await writing;
      expect(f.passages).toBe(a.size);
      // Searches ran between the pieces (a write in one go lets none through).
      expect(pieces).toBeGreaterThan(50);
      expect(between).toBeGreaterThan(pieces * 0.5);
      expect(loadMemorySnapshot(b, dir)?.passages).toBe(a.size);
      expect(b.held()).toEqual(a.held());
      expect(answers(b, rng(3))).toEqual(want);
      expect(readdirSync(dir)).toEqual(["current"]);
    } finally {
      a.close();
      b.close();
    }
  });

  it("stops when the copy changes under it, leaving the previous snapshot", async () => {
    const rand = rng(22);
    const a = new MemorySearchIndex(DIM, { coldDir: tmp() });
    const b = new MemorySearchIndex(DIM, { coldDir: tmp() });
    try {
      for (let d = 0; d < 100; d++) addDoc([a], d, rand);
      const dir = tmp();
      saveMemorySnapshot(a, dir);
      const held = a.held();
      const savedSize = a.size;
      for (let d = 100; d < 150; d++) addDoc([a], d, rand);
      let pieces = 0;
      const err = await saveMemorySnapshotInSlices(a, dir, { unchanged: () => ++pieces < 10, pieceBytes: 1024 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SnapshotChanged);
      expect(readdirSync(dir)).toEqual(["current"]);
      expect(loadMemorySnapshot(b, dir)?.passages).toBe(savedSize);
      expect(b.held()).toEqual(held);
    } finally {
      a.close();
      b.close();
    }
  });

  it("a process killed in the middle of the write leaves the previous snapshot, read at the next start", { timeout: 120_000 }, async () => {
    const dir = tmp();
    const root = path.resolve(import.meta.dirname, "../../..");
    // The child saves a snapshot, adds documents, and is killed while writing the next one (it stops
    // itself mid-write with a blocking wait, so the kill lands there).
    const code = `
      import { MemorySearchIndex } from ${JSON.stringify(path.join(root, "server/store/memory-index.ts"))};
      import { saveMemorySnapshot, saveMemorySnapshotInSlices } from ${JSON.stringify(path.join(root, "server/store/memory-snapshot.ts"))};
      const idx = new MemorySearchIndex(8);
      const put = (d) => idx.setDocument("d" + d, "h" + d, [0, 1, 2].map((s) => ({ chunk: { id: "d" + d + ":" + s, docId: "d" + d, seq: s, title: "t", year: 2020, headingPath: [], role: "work", tags: [], text: "w" + d + "w" + s, start: s, end: s + 1 }, vector: Float32Array.from({ length: 8 }, (_, k) => ((d * 7 + s * 3 + k) % 5) + 1), tokens: ["w" + d, "w" + s] })));
      for (let d = 0; d < 50; d++) put(d);
      saveMemorySnapshot(idx, process.env.SNAP_DIR);
      console.log("saved " + idx.size);
      for (let d = 50; d < 400; d++) put(d);
      let n = 0;
      await saveMemorySnapshotInSlices(idx, process.env.SNAP_DIR, { pieceBytes: 512, unchanged: () => {
        if (++n === 6) {
          console.log("writing");
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000);
        }
        return true;
      } });
      console.log("finished");
    `;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { cwd: root, env: { ...process.env, SNAP_DIR: dir }, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        if (out.includes("writing")) resolve();
      });
      child.on("exit", () => reject(new Error(`child ended before writing: ${out}`)));
    });
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    expect(out).not.toContain("finished");
    const saved = Number(/saved (\d+)/.exec(out)![1]);
    // The cut-short write left its folder; the snapshot in place is the one saved before.
    const left = readdirSync(dir).filter((n) => n.startsWith("writing-"));
    expect(left).toHaveLength(1);
    const idx = new MemorySearchIndex(8);
    try {
      expect(loadMemorySnapshot(idx, dir)?.passages).toBe(saved);
      expect(idx.held().size).toBe(50);
      expect(idx.searchText(["w7"], 3, {}).map((h) => h.chunk.docId)).toEqual(["d7", "d7", "d7"]);
      // The next write removes the dead process's folder.
      await saveMemorySnapshotInSlices(idx, dir, { unchanged: () => true });
      expect(existsSync(path.join(dir, left[0]))).toBe(false);
    } finally {
      idx.close();
    }
  });
});
