import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLocalEmbedder } from "../../../server/embed/local.ts";
import { openCorpusStore, type LanceCorpusStore } from "../../../server/store/lance.ts";
import { REPORT_A, REPORT_B } from "./helpers.ts";

let dir: string;
let store: LanceCorpusStore;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-cache-"));
  store = await openCorpusStore({ dataDir: dir, embedder: createLocalEmbedder(64) });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("search result cache", () => {
  it("answers a repeated query with equal results that callers cannot corrupt", async () => {
    await store.putReport(REPORT_A());
    const first = await store.searchPassages("矛盾纠纷", { k: 3 });
    expect(first.length).toBeGreaterThan(0);
    first[0].text = "被调用方改写";
    const second = await store.searchPassages("矛盾纠纷", { k: 3 });
    expect(second[0].text).not.toBe("被调用方改写");
    expect(second.map((p) => p.id)).toEqual(first.map((p) => p.id));
  });

  it("never serves a result from before a commit", async () => {
    await store.putReport(REPORT_A());
    const before = await store.searchPassages("矛盾纠纷", { k: 20 });
    await store.putReport(REPORT_B());
    const after = await store.searchPassages("矛盾纠纷", { k: 20 });
    expect(new Set(after.map((p) => p.docId)).has("doc-b")).toBe(true);
    expect(new Set(before.map((p) => p.docId)).has("doc-b")).toBe(false);
    await store.removeDocument("doc-b");
    const removed = await store.searchPassages("矛盾纠纷", { k: 20 });
    expect(removed.some((p) => p.docId === "doc-b")).toBe(false);
  });

  it("keys the cache by filters as well as the query", async () => {
    await store.putReport(REPORT_A());
    await store.putReport(REPORT_B());
    const all = await store.searchPassages("矛盾纠纷", { k: 20 });
    const onlyB = await store.searchPassages("矛盾纠纷", { k: 20, docId: "doc-b" });
    expect(onlyB.every((p) => p.docId === "doc-b")).toBe(true);
    expect(all.length).toBeGreaterThan(onlyB.length);
  });
});
