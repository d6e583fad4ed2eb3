import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPaths } from "../../../server/ingest/ingest.ts";
import type { Chunk } from "../../../server/corpus/types.ts";
import { createLocalEmbedder } from "../../../server/embed/local.ts";
import { openCorpusStore, type LanceCorpusStore } from "../../../server/store/lance.ts";
import { MemorySearchIndex } from "../../../server/store/memory-index.ts";
import { createDot2 } from "../../../server/store/simd.ts";
import type { Passage, SearchOptions } from "../../../server/store/types.ts";
import { makeReport } from "./helpers.ts";

/**
 * The in-memory search copy must return what LanceDB returns: same passages, same order, same
 * scores (BM25 and cosine), under every filter, and follow every commit.
 */
const ROOT = path.resolve(import.meta.dirname, "../../..");
const QUERIES: string[] = JSON.parse(readFileSync(path.join(ROOT, "test/fixtures/queries.json"), "utf8")).queries.map((q: { query: string }) => q.query);

let dir: string;
let mem: LanceCorpusStore; // memory copy on (the default)
let lance: LanceCorpusStore; // memory copy off: every search goes to LanceDB
let docIds: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-memsearch-"));
  mem = await openCorpusStore({ dataDir: dir, embedder: createLocalEmbedder(512), searchCacheSize: 0 });
  const outcomes = await ingestPaths({ store: mem }, [path.join(ROOT, "corpus")]);
  docIds = outcomes.filter((o) => o.status !== "rejected").map((o) => (o as { docId: string }).docId);
  lance = await openCorpusStore({ dataDir: dir, embedder: createLocalEmbedder(512), searchCacheSize: 0, memorySearchMB: 0 });
}, 60_000);
afterAll(async () => {
  await mem.close();
  await lance.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Same passages in the same order with the same scores. Passages with equal scores may come in
 * any order (LanceDB scans fragments in parallel, so its own order of ties varies from run to run),
 * and a group of ties cut off by k may hold different members.
 */
function same(a: Passage[], b: Passage[]) {
  expect(a.length).toBe(b.length);
  a.forEach((p, i) => expect(p.score).toBeCloseTo(b[i].score, 3));
  const tied = (x: number, y: number) => Math.abs(x - y) <= 1e-4;
  const last = a.at(-1)?.score ?? 0;
  for (let i = 0; i < a.length; ) {
    let j = i + 1;
    while (j < a.length && tied(a[j].score, a[i].score)) j++;
    if (!tied(a[i].score, last)) expect(a.slice(i, j).map((p) => p.id).sort()).toEqual(b.slice(i, j).map((p) => p.id).sort());
    i = j;
  }
  // Whole passages, not just ids: text, offsets, heading path and tags come back the same.
  const byId = new Map(b.map(({ score: _s, ...c }) => [c.id, c]));
  let common = 0;
  for (const { score: _s, ...c } of a) {
    if (!byId.has(c.id)) continue;
    expect(c).toEqual(byId.get(c.id));
    common++;
  }
  if (a.length > 0) expect(common).toBeGreaterThan(0);
}

describe("in-memory search agrees with LanceDB", () => {
  it.each(["hybrid", "vector", "text"] as const)("on the 26 labelled queries, mode %s", async (mode) => {
    let nonEmpty = 0;
    for (const q of QUERIES) {
      const a = await mem.searchPassages(q, { k: 8, mode });
      same(a, await lance.searchPassages(q, { k: 8, mode }));
      if (a.length > 0) nonEmpty++;
    }
    expect(nonEmpty).toBe(QUERIES.length);
    // The comparison is of two engines: one side from the copy, the other through LanceDB.
    expect(mem.searchesFromMemory).toBe(true);
    expect(lance.searchesFromMemory).toBe(false);
  });

  it("under every kind of filter", async () => {
    const filters: SearchOptions[] = [
      { role: "work" },
      { role: ["opening", "plans"] },
      { yearFrom: 2022 },
      { yearTo: 2021 },
      { yearFrom: 2021, yearTo: 2022, role: "work" },
      { docId: docIds[1] },
      { excludeDocIds: [docIds[0], docIds[2]] },
      { tags: ["平安建设"] },
      { tags: ["矛盾纠纷化解", "扫黑除恶"], role: "work" },
      { role: [] as unknown as "work" }, // matches nothing, in both
    ];
    let compared = 0;
    for (const f of filters) {
      for (const q of QUERIES.slice(0, 8)) {
        const a = await mem.searchPassages(q, { ...f, k: 6 });
        same(a, await lance.searchPassages(q, { ...f, k: 6 }));
        if (a.length) compared++;
      }
    }
    expect(compared).toBeGreaterThan(40);
  });

  it("a query of only punctuation or unknown words behaves the same", async () => {
    for (const q of ["！？。", "zzqx", "的"]) {
      for (const mode of ["vector", "text"] as const) same(await mem.searchPassages(q, { mode }), await lance.searchPassages(q, { mode }));
      // Hybrid fuses lists cut at a depth inside a big group of ties here, so which tied rows make the
      // cut (LanceDB's varies from run to run) moves the normalised scores: compare counts only.
      expect((await mem.searchPassages(q)).length).toBe((await lance.searchPassages(q)).length);
    }
  });
});

describe("the memory copy follows commits", () => {
  const part = (text: string) => ({ headingPath: ["一、测试"], role: "work" as const, text });

  it("sees an added, a replaced and a removed document at once", async () => {
    const dir2 = mkdtempSync(path.join(os.tmpdir(), "zongjie-memsearch2-"));
    const s = await openCorpusStore({ dataDir: dir2, embedder: createLocalEmbedder(64), searchCacheSize: 0 });
    try {
      await s.putReport(makeReport("a", "甲县2024年工作总结", 2024, [part("甲县开展琥珀行动专项整治，成效明显。")]));
      expect((await s.searchPassages("琥珀行动")).map((p) => p.docId)).toEqual(["a"]);
      await s.putReport(makeReport("b", "乙县2024年工作总结", 2024, [part("乙县推进琥珀行动，排查隐患一百处。")]));
      expect((await s.searchPassages("琥珀行动", { mode: "text" })).map((p) => p.docId).sort()).toEqual(["a", "b"]);
      // Replace a: its old passage is gone, the new one is found.
      await s.putReport(makeReport("a", "甲县2024年工作总结", 2024, [part("甲县开展翡翠行动，成效明显。")]));
      const after = await s.searchPassages("琥珀行动", { mode: "text" });
      expect(after.map((p) => p.text)).toEqual(["乙县推进琥珀行动，排查隐患一百处。", "甲县开展翡翠行动，成效明显。"]);
      expect((await s.searchPassages("翡翠", { mode: "text" })).map((p) => p.docId)).toEqual(["a"]);
      await s.removeDocument("b");
      expect(await s.searchPassages("琥珀", { mode: "text" })).toEqual([]);
      expect((await s.searchPassages("琥珀行动")).map((p) => p.docId)).toEqual(["a"]); // vector: the only row left
    } finally {
      await s.close();
      rmSync(dir2, { recursive: true, force: true });
    }
  });

  it("sees a commit made by another process's store", async () => {
    const dir2 = mkdtempSync(path.join(os.tmpdir(), "zongjie-memsearch3-"));
    const reader = await openCorpusStore({ dataDir: dir2, embedder: createLocalEmbedder(64), searchCacheSize: 0 });
    const writer = await openCorpusStore({ dataDir: dir2, embedder: createLocalEmbedder(64), searchCacheSize: 0 });
    try {
      expect(await reader.searchPassages("玛瑙行动")).toEqual([]);
      await writer.putReport(makeReport("w", "丙县2024年工作总结", 2024, [part("丙县部署玛瑙行动。")]));
      // The reader re-checks the tables at most once a second.
      let found: Passage[] = [];
      for (let i = 0; i < 40 && found.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        found = await reader.searchPassages("玛瑙行动", { mode: "text" });
      }
      expect(found.map((p) => p.docId)).toEqual(["w"]);
    } finally {
      await reader.close();
      await writer.close();
      rmSync(dir2, { recursive: true, force: true });
    }
  });

  it("if the copy cannot be loaded, LanceDB serves the search and the copy is tried again later", async () => {
    const s = await openCorpusStore({ dataDir: dir, embedder: createLocalEmbedder(512), searchCacheSize: 0 });
    try {
      const table = (s as unknown as { parts: { chunks: { query: () => { select: (c: string[]) => unknown } } } }).parts.chunks;
      const original = table.query.bind(table);
      let fail = true;
      table.query = () => {
        const q = original();
        const select = q.select.bind(q);
        q.select = (cols: string[]) => {
          if (fail && cols.includes("vector")) throw new Error("disk read error");
          return select(cols);
        };
        return q;
      };
      const q = QUERIES[0];
      same(await s.searchPassages(q, { k: 5 }), await lance.searchPassages(q, { k: 5 }));
      expect(s.searchesFromMemory).toBe(false);
      fail = false;
      same(await s.searchPassages(q, { k: 5 }), await lance.searchPassages(q, { k: 5 }));
      expect(s.searchesFromMemory).toBe(true);
    } finally {
      await s.close();
    }
  });

  it("warmUp loads the copy before any search", async () => {
    const s = await openCorpusStore({ dataDir: dir, embedder: createLocalEmbedder(512), searchCacheSize: 0 });
    try {
      expect(s.searchesFromMemory).toBe(false);
      await s.warmUp();
      expect(s.searchesFromMemory).toBe(true);
    } finally {
      await s.close();
    }
  });

  it("over its memory budget, LanceDB serves the same results", async () => {
    const tiny = await openCorpusStore({ dataDir: dir, embedder: createLocalEmbedder(512), searchCacheSize: 0, memorySearchMB: 0.01 });
    try {
      for (const q of QUERIES.slice(0, 6)) {
        const a = await tiny.searchPassages(q, { k: 5 });
        expect(a.length).toBe(5);
        same(a, await lance.searchPassages(q, { k: 5 }));
      }
      expect(tiny.searchesFromMemory).toBe(false);
    } finally {
      await tiny.close();
    }
  });
});

describe("MemorySearchIndex", () => {
  const chunk = (id: string, over: Partial<Chunk> = {}): Chunk => ({
    id, docId: id.split(":")[0], seq: 0, title: "t", year: 2024, headingPath: [], role: "work", tags: [], text: id, start: 0, end: 1, ...over,
  });

  it("ranks by cosine for vectors that are not unit length, and skips zero vectors", () => {
    const idx = new MemorySearchIndex(3);
    const rows = [
      { id: "a:0", v: [10, 0, 0] },
      { id: "b:0", v: [1, 1, 0] },
      { id: "c:0", v: [0, 0, 0] },
      { id: "d:0", v: [0, 0.1, 0.1] },
    ];
    for (const r of rows) idx.setDocument(r.id.split(":")[0], "h", [{ chunk: chunk(r.id), vector: Float32Array.from(r.v), tokens: [] }]);
    const hits = idx.searchVector(Float32Array.from([2, 1, 0]), 10);
    const cos = (v: number[]) => (2 * v[0] + v[1]) / (Math.hypot(...v) * Math.hypot(2, 1));
    expect(hits.map((h) => h.chunk.id)).toEqual(["b:0", "a:0", "d:0"]); // 0.949, 0.894, 0.316
    hits.forEach((h) => expect(h.score).toBeCloseTo(cos(rows.find((r) => r.id === h.chunk.id)!.v), 5));
    expect(idx.searchVector(Float32Array.from([0, 0, 0]), 10)).toEqual([]);
    expect(() => idx.searchVector(Float32Array.from([1, 0]), 10)).toThrow(/dims/);
    expect(() => idx.setDocument("e", "h", [{ chunk: chunk("e:0"), vector: Float32Array.from([1]), tokens: [] }])).toThrow(/dims/);
  });

  it("scores BM25 by the textbook formula and returns only rows with a query term", () => {
    const idx = new MemorySearchIndex(2);
    const docs: Record<string, string[]> = { a: ["平安", "建设", "平安"], b: ["平安", "法治", "建设", "队伍", "教育"], c: ["禁毒"] };
    for (const [id, tokens] of Object.entries(docs)) idx.setDocument(id, "h", [{ chunk: chunk(`${id}:0`), vector: Float32Array.from([1, 0]), tokens }]);
    const n = 3;
    const avg = (3 + 5 + 1) / 3;
    const bm25 = (tf: number, df: number, len: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5)) * ((tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * len) / avg)));
    const hits = idx.searchText(["平安", "队伍"], 10);
    expect(hits.map((h) => h.chunk.id)).toEqual(["b:0", "a:0"]);
    expect(hits[0].score).toBeCloseTo(bm25(1, 2, 5) + bm25(1, 1, 5), 5);
    expect(hits[1].score).toBeCloseTo(bm25(2, 2, 3), 5);
    expect(idx.searchText(["不存在"], 10)).toEqual([]);
    idx.removeDocument("b");
    expect(idx.searchText(["队伍"], 10)).toEqual([]);
    expect(idx.size).toBe(2);
  });

  it("the WebAssembly SIMD kernel and the JavaScript loop give the same ranking and scores", () => {
    // Node 20 on x86-64 and arm64 has WebAssembly SIMD: the kernel must assemble and validate here.
    expect(createDot2(new WebAssembly.Memory({ initial: 1 }))).toBeTypeOf("function");
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
    const dim = 48;
    const simd = new MemorySearchIndex(dim);
    const js = new MemorySearchIndex(dim, { simd: false });
    // 1 001 rows: not a multiple of 4, so the padded lanes are exercised; several documents.
    for (let d = 0; d < 13; d++) {
      const rows = Array.from({ length: d === 12 ? 5 : 83 }, (_, i) => ({
        chunk: chunk(`d${d}:${i}`, { seq: i, role: i % 3 === 0 ? "opening" : "work" }),
        vector: Float32Array.from({ length: dim }, rnd),
        tokens: [],
      }));
      simd.setDocument(`d${d}`, "h", rows);
      js.setDocument(`d${d}`, "h", rows);
    }
    expect(simd.usesSimd).toBe(true);
    expect(js.usesSimd).toBe(false);
    for (let q = 0; q < 20; q++) {
      // Sparse (like a local-embedder query) and dense queries.
      const query = Float32Array.from({ length: dim }, (_, i) => (q % 2 === 0 && i % 5 !== 0 ? 0 : rnd()));
      const filters = q % 3 === 0 ? { role: "opening" as const } : {};
      const a = simd.searchVector(query, 30, filters);
      const b = js.searchVector(query, 30, filters);
      expect(a.map((h) => h.chunk.id)).toEqual(b.map((h) => h.chunk.id));
      a.forEach((h, i) => expect(h.score).toBeCloseTo(b[i].score, 5));
    }
    // A rebuild after removing rows reuses the kernel's memory and stays right.
    simd.removeDocument("d3");
    js.removeDocument("d3");
    const query = Float32Array.from({ length: dim }, rnd);
    expect(simd.searchVector(query, 50).map((h) => h.chunk.id)).toEqual(js.searchVector(query, 50).map((h) => h.chunk.id));
    expect(simd.searchVector(query, 2000).some((h) => h.chunk.docId === "d3")).toBe(false);
  });
});
