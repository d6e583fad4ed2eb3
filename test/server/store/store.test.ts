import * as lancedb from "@lancedb/lancedb";
import { makeArrowTable } from "@lancedb/lancedb";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLocalEmbedder } from "../../../server/embed/local.ts";
import type { Embedder } from "../../../server/embed/types.ts";
import { isAppError } from "../../../server/errors.ts";
import { openCorpusStore, type LanceCorpusStore } from "../../../server/store/lance.ts";
import { buildWhere } from "../../../server/store/sql.ts";
import { chunksSchema } from "../../../server/store/schema.ts";
import { makeReport, REPORT_A, REPORT_B } from "./helpers.ts";

let dir: string;
let store: LanceCorpusStore;
const embedder = createLocalEmbedder(64);

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-store-"));
  store = await openCorpusStore({ dataDir: dir, embedder });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rawChunkCount(where?: string): Promise<number> {
  const db = await lancedb.connect(path.join(dir, "lancedb"));
  const t = await db.openTable("chunks");
  const n = await t.countRows(where);
  t.close();
  db.close();
  return n;
}

describe("corpus store", () => {
  it("stores a report and lists it with counts", async () => {
    const out = await store.putReport(REPORT_A());
    expect(out).toMatchObject({ status: "added", docId: "doc-a", chunks: 5 });
    const docs = await store.listDocuments();
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ id: "doc-a", title: "2021年区委政法委工作总结", year: 2021, level: "区", chunkCount: 5, format: "txt" });
    expect(await store.info()).toMatchObject({ documents: 1, chunks: 5, embedder: "local-hash-ngram-v1", dimension: 64 });
    const stored = await store.getDocument("doc-a");
    expect(stored?.document.cleanedText).toBe(REPORT_A().document.cleanedText);
    const chunks = await store.getChunks("doc-a");
    expect(chunks.map((c) => c.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(chunks[1]).toEqual(REPORT_A().chunks[1]);
  });

  it("keeps integer columns as Int32 and vectors as fixed-size Float32 lists", async () => {
    await store.putReport(REPORT_A());
    const db = await lancedb.connect(path.join(dir, "lancedb"));
    const schema = await (await db.openTable("chunks")).schema();
    expect(String(schema.fields.find((f) => f.name === "seq")?.type)).toBe("Int32");
    expect(String(schema.fields.find((f) => f.name === "vector")?.type)).toBe("FixedSizeList[64]<Float32>");
    db.close();
  });

  it("finds a jieba-segmented term by full-text search alone", async () => {
    await store.putReport(REPORT_A());
    await store.putReport(REPORT_B());
    const hits = await store.searchPassages("扫黑除恶", { mode: "text", k: 3 });
    expect(hits[0]?.id).toBe("doc-a:1");
    const grid = await store.searchPassages("网格员", { mode: "text", k: 5 });
    expect(grid.map((h) => h.id).sort()).toEqual(["doc-a:3", "doc-b:1"]);
  });

  it("ranks the right passage first in hybrid search for rephrased queries", async () => {
    await store.putReport(REPORT_A());
    await store.putReport(REPORT_B());
    expect((await store.searchPassages("打击黑恶势力犯罪团伙"))[0].id).toBe("doc-a:1");
    expect((await store.searchPassages("视频监控建设与发案率下降"))[0].id).toBe("doc-b:0");
    expect((await store.searchPassages("调解矛盾 枫桥"))[0].id).toBe("doc-a:2");
    const v = await store.searchPassages("网格员配备", { mode: "vector", k: 2 });
    expect(v.map((h) => h.docId)).toContain("doc-b");
    expect(v[0].score).toBeGreaterThan(0);
  });

  it("applies role, tag, year and document filters", async () => {
    await store.putReport(REPORT_A());
    await store.putReport(REPORT_B());
    const q = "工作";
    const problems = await store.searchPassages(q, { role: "problems", k: 10 });
    expect(problems.length).toBe(2);
    expect(problems.every((p) => p.role === "problems")).toBe(true);
    const tagged = await store.searchPassages(q, { tags: ["平安建设", "扫黑除恶"], k: 10 });
    expect(tagged.map((p) => p.id).sort()).toEqual(["doc-a:1", "doc-a:4", "doc-b:0"]);
    const recent = await store.searchPassages(q, { yearFrom: 2022, k: 10 });
    expect(recent.every((p) => p.year === 2023)).toBe(true);
    expect(recent.length).toBe(3);
    const old = await store.searchPassages(q, { yearTo: 2021, k: 10, mode: "text" });
    expect(old.every((p) => p.docId === "doc-a")).toBe(true);
    const only = await store.searchPassages("矛盾纠纷", { docId: "doc-b", k: 10 });
    expect(only.every((p) => p.docId === "doc-b")).toBe(true);
    const excl = await store.searchPassages("矛盾纠纷", { excludeDocIds: ["doc-a"], k: 10 });
    expect(excl.length).toBeGreaterThan(0);
    expect(excl.every((p) => p.docId === "doc-b")).toBe(true);
  });

  it("escapes quotes in filter values instead of breaking or widening the query", async () => {
    await store.putReport(REPORT_A());
    expect(buildWhere({ docId: "x' OR '1'='1" })).toBe("doc_id = 'x'' OR ''1''=''1'");
    expect(await store.searchPassages("扫黑除恶", { docId: "x' OR '1'='1" })).toEqual([]);
    expect(await store.searchPassages("扫黑除恶", { tags: ["it's"] })).toEqual([]);
  });

  it("re-putting an unchanged report writes nothing", async () => {
    await store.putReport(REPORT_A());
    const before = await rawChunkCount();
    const again = await store.putReport(REPORT_A());
    expect(again.status).toBe("unchanged");
    expect(await rawChunkCount()).toBe(before);
    expect((await store.listDocuments()).length).toBe(1);
  });

  it("replaces the chunks of a changed report", async () => {
    await store.putReport(REPORT_A());
    const changed = makeReport("doc-a", "2021年区委政法委工作总结", 2021, [
      { headingPath: ["一、履职尽责"], role: "work", tags: ["廉政"], text: "严格落实中央八项规定精神，开展警示教育。" },
    ]);
    const out = await store.putReport(changed);
    expect(out).toMatchObject({ status: "replaced", chunks: 1 });
    expect(await rawChunkCount()).toBe(1);
    expect((await store.getChunks("doc-a")).map((c) => c.text)).toEqual(["严格落实中央八项规定精神，开展警示教育。"]);
    expect(await store.searchPassages("扫黑除恶", { mode: "text" })).toEqual([]);
    expect((await store.getDocument("doc-a"))?.chunkCount).toBe(1);
  });

  it("removing a document removes its chunks", async () => {
    await store.putReport(REPORT_A());
    await store.putReport(REPORT_B());
    expect(await store.removeDocument("doc-a")).toBe(true);
    expect(await store.removeDocument("doc-a")).toBe(false);
    expect(await rawChunkCount("doc_id = 'doc-a'")).toBe(0);
    expect(await store.getDocument("doc-a")).toBeNull();
    expect((await store.searchPassages("扫黑除恶")).every((p) => p.docId === "doc-b")).toBe(true);
    expect((await store.info()).documents).toBe(1);
  });

  it("hides chunks of an interrupted ingest and deletes them at the next open", async () => {
    await store.putReport(REPORT_B());
    // Simulate a crash after the chunks were written but before the documents row (the commit).
    const orphan = REPORT_A();
    const db = await lancedb.connect(path.join(dir, "lancedb"));
    const t = await db.openTable("chunks");
    const vecs = await embedder.embed(orphan.chunks.map((c) => c.text));
    await t.add(
      makeArrowTable(
        orphan.chunks.map((c, i) => ({
          id: c.id, doc_id: c.docId, seq: c.seq, title: c.title, year: c.year, heading_path: JSON.stringify(c.headingPath),
          role: c.role, tags: c.tags, text: c.text, start_offset: c.start, end_offset: c.end,
          content_hash: orphan.document.contentHash, tokens: "扫黑 除恶", vector: Array.from(vecs[i]),
        })),
        { schema: chunksSchema(64) },
      ),
    );
    t.close();
    db.close();
    expect(await rawChunkCount("doc_id = 'doc-a'")).toBe(5);
    // Visible to nobody while the store that did not commit it is open…
    expect((await store.searchPassages("扫黑除恶", { k: 20 })).some((p) => p.docId === "doc-a")).toBe(false);
    expect(await store.getChunks("doc-a")).toEqual([]);
    // …and repaired at the next open.
    await store.close();
    store = await openCorpusStore({ dataDir: dir, embedder });
    expect(await rawChunkCount("doc_id = 'doc-a'")).toBe(0);
    expect(await rawChunkCount()).toBe(3);
    // The same document can then be ingested normally.
    expect((await store.putReport(REPORT_A())).status).toBe("added");
    expect(await rawChunkCount("doc_id = 'doc-a'")).toBe(5);
  });

  it("refuses to open with another embedder or dimension, saying how to rebuild", async () => {
    await store.putReport(REPORT_A());
    await store.close();
    const other: Embedder = { name: "openai:bge-m3", dimension: 64, embed: async (t) => t.map(() => new Float32Array(64)) };
    for (const e of [other, createLocalEmbedder(128)]) {
      const err = await openCorpusStore({ dataDir: dir, embedder: e }).then(() => null, (x: unknown) => x);
      expect(isAppError(err)).toBe(true);
      if (!isAppError(err)) return;
      expect(err.code).toBe("conflict:embedder_mismatch");
      expect(err.message).toContain("local-hash-ngram-v1");
      expect(err.message).toContain("ingest corpus");
      expect(err.message).toContain(path.join(dir, "lancedb"));
    }
    store = await openCorpusStore({ dataDir: dir, embedder });
    expect((await store.info()).chunks).toBe(5);
  });

  it("checks the stored vector width even when the metadata table is missing", async () => {
    await store.putReport(REPORT_A());
    await store.close();
    const db = await lancedb.connect(path.join(dir, "lancedb"));
    await db.dropTable("meta");
    db.close();
    await expect(openCorpusStore({ dataDir: dir, embedder: createLocalEmbedder(128) })).rejects.toMatchObject({ code: "conflict:embedder_mismatch" });
    store = await openCorpusStore({ dataDir: dir, embedder });
    expect((await store.info()).chunks).toBe(5);
  });

  it("rejects vectors of the wrong length before writing anything", async () => {
    await store.close();
    const liar: Embedder = { name: "liar", dimension: 64, embed: async (t) => t.map(() => new Float32Array(63)) };
    const dir2 = mkdtempSync(path.join(os.tmpdir(), "zongjie-store-"));
    const s2 = await openCorpusStore({ dataDir: dir2, embedder: liar });
    await expect(s2.putReport(REPORT_A())).rejects.toMatchObject({ code: "internal:embed_dimension" });
    expect((await s2.info()).chunks).toBe(0);
    await s2.close();
    rmSync(dir2, { recursive: true, force: true });
    store = await openCorpusStore({ dataDir: dir, embedder });
  });

  it("keeps new rows searchable before and after the indexes are folded in", async () => {
    await store.putReport(REPORT_A());
    await store.maintain(true);
    await store.putReport(REPORT_B());
    expect((await store.searchPassages("雪亮工程", { mode: "text" }))[0]?.id).toBe("doc-b:0");
    await store.maintain(true);
    expect((await store.searchPassages("雪亮工程", { mode: "text" }))[0]?.id).toBe("doc-b:0");
    expect((await store.searchPassages("扫黑除恶", { mode: "text" }))[0]?.id).toBe("doc-a:1");
  });
});

describe("corpus store across processes and at size", () => {
  it("a second store on the same folder sees commits made by the first", async () => {
    const other = await openCorpusStore({ dataDir: dir, embedder });
    try {
      expect((await other.info()).documents).toBe(0);
      await store.putReport(REPORT_A());
      await new Promise((r) => setTimeout(r, 1200)); // the read-consistency interval
      expect((await other.info()).documents).toBe(1);
      expect((await other.searchPassages("扫黑除恶", { mode: "text" }))[0]?.id).toBe("doc-a:1");
      await store.removeDocument("doc-a");
      await new Promise((r) => setTimeout(r, 1200));
      expect(await other.searchPassages("扫黑除恶", { mode: "text" })).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it("does not repair chunks while another live process is writing", async () => {
    await store.putReport(REPORT_B());
    await store.close();
    // An in-flight write of another process: its chunks are not committed yet.
    const db = await lancedb.connect(path.join(dir, "lancedb"));
    const t = await db.openTable("chunks");
    const r = REPORT_A();
    const [v] = await embedder.embed(["x"]);
    const c = r.chunks[0];
    await t.add(makeArrowTable([{ id: c.id, doc_id: c.docId, seq: c.seq, title: c.title, year: c.year, heading_path: "[]", role: c.role, tags: [], text: c.text, start_offset: 0, end_offset: 1, content_hash: r.document.contentHash, tokens: "队伍", vector: Array.from(v) }], { schema: chunksSchema(64) }));
    t.close();
    db.close();
    const { writeFileSync } = await import("node:fs");
    writeFileSync(path.join(dir, "lancedb", "write.lock"), String(process.ppid)); // a live pid that is not ours
    store = await openCorpusStore({ dataDir: dir, embedder });
    expect(await rawChunkCount("doc_id = 'doc-a'")).toBe(1);
    expect((await store.searchPassages("队伍", { mode: "text", k: 20 })).some((p) => p.docId === "doc-a")).toBe(false);
    rmSync(path.join(dir, "lancedb", "write.lock"));
    await store.close();
    store = await openCorpusStore({ dataDir: dir, embedder });
    expect(await rawChunkCount("doc_id = 'doc-a'")).toBe(0);
  });

  it("builds the ANN vector index once the table passes the threshold and still finds passages", async () => {
    await store.close();
    store = await openCorpusStore({ dataDir: dir, embedder, annThreshold: 600 });
    const texts = ["推进雪亮工程建设", "开展扫黑除恶专项斗争", "化解矛盾纠纷", "加强网格化管理", "落实八项规定精神", "维护国家政治安全"];
    const reports = Array.from({ length: 13 }, (_, d) =>
      makeReport(`bulk-${d}`, `第${d}号总结`, 2020 + (d % 5), Array.from({ length: 50 }, (_, i) => ({
        headingPath: [`${i % 5}、部分`],
        role: "work" as const,
        text: `${texts[(d + i) % texts.length]}，第${d}篇第${i}段，完成任务${(d * 37 + i * 11) % 500}项。`,
      }))),
    );
    const indexNames = async () => {
      const db = await lancedb.connect(path.join(dir, "lancedb"));
      const t = await db.openTable("chunks");
      const names = (await t.listIndices()).map((i) => i.name);
      t.close();
      db.close();
      return names;
    };
    await store.putReports(reports.slice(0, 10));
    expect(await indexNames()).not.toContain("vector_idx");
    // Scalar indexes for the filter columns exist from the first write on.
    expect(await indexNames()).toEqual(expect.arrayContaining(["tokens_idx", "role_idx", "year_idx", "doc_id_idx", "tags_idx"]));
    expect((await store.searchPassages("第3篇", { docId: "bulk-3", yearFrom: 2023, role: "work", k: 50 })).length).toBe(50);
    await store.putReports(reports.slice(10));
    expect(await indexNames()).toContain("vector_idx");
    expect((await store.info()).chunks).toBe(650);
    // Through the ANN index (the local embedder's character n-grams tell 第12篇第7段 from a row whose
    // figures also hold 12 and 7; BM25, which hybrid follows for this embedder, cannot).
    const hits = await store.searchPassages("第12篇第7段", { k: 3, mode: "vector" });
    expect(hits[0].id).toBe("bulk-12:7");
    const vec = await store.searchPassages("扫黑除恶专项斗争", { mode: "vector", k: 5 });
    expect(vec.every((h) => h.text.includes("扫黑除恶"))).toBe(true);
  });
});

describe("hybrid fusion variants", () => {
  it("RRF fusion and LanceDB's own hybrid query with RRFReranker agree on a clear query", async () => {
    await store.putReport(REPORT_A());
    await store.putReport(REPORT_B());
    for (const opts of [{ fusion: "rrf" as const }, { hybridEngine: "lancedb" as const }, { fusion: "convex" as const }]) {
      const s = await openCorpusStore({ dataDir: dir, embedder, ...opts });
      const hits = await s.searchPassages("雪亮工程视频监控", { k: 3 });
      expect(hits[0].id, JSON.stringify(opts)).toBe("doc-b:0");
      expect(hits[0].score).toBeGreaterThan(hits[1].score);
      await s.close();
    }
  });

  it("a strong exact keyword match beats passages that are only middling in both lists", async () => {
    await store.putReport(REPORT_A());
    await store.putReport(REPORT_B());
    // Only doc-a:2 has 枫桥; doc-b:2 shares 矛盾纠纷 and is close in the vector list.
    const hits = await store.searchPassages("枫桥经验", { k: 3 });
    expect(hits[0].id).toBe("doc-a:2");
  });
});
