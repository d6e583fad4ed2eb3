import { makeArrowTable } from "@lancedb/lancedb";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createLocalEmbedder } from "../../../server/embed/local.ts";
import { ADD_ROWS, chunkTable, chunkTables } from "../../../server/store/chunk-arrow.ts";
import { openCorpusStore } from "../../../server/store/lance.ts";
import { chunksSchema, type ChunkRow } from "../../../server/store/schema.ts";
import { makeReport, type Part } from "./helpers.ts";

const DIM = 16;

function row(i: number): ChunkRow {
  const vector = Float32Array.from({ length: DIM }, (_, k) => Math.sin(i * 7 + k));
  return {
    id: `d:${i}`,
    doc_id: "d",
    seq: i,
    title: "某区委政法委工作总结",
    year: i % 3 === 0 ? null : 2020 + (i % 5),
    heading_path: JSON.stringify(["一、主要工作", `（${i}）`]),
    role: "work",
    tags: i % 2 ? ["平安建设", "扫黑除恶"] : [],
    // Two-, three- and four-byte UTF-8, and an empty string.
    text: i % 4 === 0 ? "" : `全年化解矛盾纠纷${i}件，“枫桥经验”𠀋见实效。`,
    start_offset: i * 10,
    end_offset: i * 10 + 9,
    content_hash: "h",
    tokens: `全年 化解 ${i}`,
    vector,
  };
}

describe("chunk rows as Arrow tables", () => {
  it("builds the same table as LanceDB's makeArrowTable, column by column", () => {
    const rows = Array.from({ length: 40 }, (_, i) => row(i));
    const schema = chunksSchema(DIM);
    const ours = chunkTable(rows, schema);
    const theirs = makeArrowTable(rows.map((r) => ({ ...r, vector: Array.from(r.vector) })) as unknown as Array<Record<string, unknown>>, { schema });
    expect(ours.numRows).toBe(40);
    expect(String(ours.schema)).toBe(String(theirs.schema));
    for (const f of schema.fields) {
      const a = ours.getChild(f.name)!.toArray();
      const b = theirs.getChild(f.name)!.toArray();
      const plain = (v: unknown) => (v && typeof v === "object" && "toArray" in v ? Array.from((v as { toArray(): ArrayLike<unknown> }).toArray()) : v);
      expect(Array.from(a as ArrayLike<unknown>, plain), f.name).toEqual(Array.from(b as ArrayLike<unknown>, plain));
    }
  });

  it("cuts the rows into tables of at most ADD_ROWS rows, in order", async () => {
    const rows = Array.from({ length: 2 * ADD_ROWS + 5 }, (_, i) => row(i));
    const sizes: number[] = [];
    const ids: string[] = [];
    for await (const t of chunkTables(rows, chunksSchema(DIM))) {
      sizes.push(t.numRows);
      ids.push(...Array.from(t.getChild("id")!.toArray() as ArrayLike<string>));
    }
    expect(sizes).toEqual([ADD_ROWS, ADD_ROWS, 5]);
    expect(ids).toEqual(rows.map((r) => r.id));
  });

  it("commits a document of more chunks than one table holds, all of them visible and intact", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-arrow-"));
    const store = await openCorpusStore({ dataDir: dir, embedder: createLocalEmbedder(DIM) });
    try {
      const parts: Part[] = Array.from({ length: 3 * ADD_ROWS + 17 }, (_, i) => ({
        headingPath: ["一、主要工作"],
        role: "work",
        tags: i % 2 ? ["平安建设"] : [],
        text: `第${i}段：全年化解矛盾纠纷${100 + i}件，群众满意度稳步提升。`,
      }));
      const report = makeReport("big", "某县委政法委工作总结", 2023, parts);
      const out = await store.putReport(report);
      expect(out).toMatchObject({ status: "added", chunks: parts.length });
      const chunks = await store.getChunks("big");
      expect(chunks).toHaveLength(parts.length);
      expect(chunks).toEqual(report.chunks);
      const hits = await store.searchPassages("化解矛盾纠纷 777件", { k: 3 });
      expect(hits[0]?.text).toContain("777件");
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
