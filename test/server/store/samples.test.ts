import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPaths } from "../../../server/ingest/ingest.ts";
import { createLocalEmbedder } from "../../../server/embed/local.ts";
import { openCorpusStore, type LanceCorpusStore } from "../../../server/store/lance.ts";

const CORPUS = path.resolve(import.meta.dirname, "../../../corpus");
let dir: string;
let store: LanceCorpusStore;
const byFile = new Map<string, string>();

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-samples-"));
  store = await openCorpusStore({ dataDir: dir, embedder: createLocalEmbedder(512) });
  for (const o of await ingestPaths({ store }, [CORPUS])) if (o.status !== "rejected") byFile.set(o.sourceName.slice(0, 3), o.docId);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

// Queries phrased unlike the source; each expects the top passage in a given file to contain a phrase.
const CASES: Array<[string, string, string]> = [
  ["全能神邪教打击处置", "002", "全能神"],
  ["网格员积分奖励", "002", "积分"],
  ["命案防控三年行动", "000", "命案防控"],
  ["法律服务机器人", "000", "法律服务机器人"],
  ["教育整顿学习教育环节", "003", "学习教育"],
];

describe("hybrid search over the five sample reports", () => {
  it.each(CASES)("ranks the passage about %s first", async (query, file, phrase) => {
    const hits = await store.searchPassages(query, { k: 5 });
    expect(hits[0].docId).toBe(byFile.get(file));
    expect(hits[0].text).toContain(phrase);
  });

  it("full-text search alone finds a term only jieba segmentation exposes", async () => {
    // "雪亮工程" sits inside long unsegmented runs; LanceDB's own tokenizer would see one giant token.
    const hits = await store.searchPassages("雪亮工程", { mode: "text", k: 10 });
    expect(hits[0].text).toContain("雪亮工程");
    const withTerm = hits.filter((h) => h.text.includes("雪亮工程")).length;
    // Every passage that mentions it is found, ahead of passages matching only part of the query.
    expect(hits.slice(0, withTerm).every((h) => h.text.includes("雪亮工程"))).toBe(true);
    expect(withTerm).toBeGreaterThanOrEqual(3);
  });
});
