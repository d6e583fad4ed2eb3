import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareReport } from "../../../server/corpus/prepare.ts";
import { createLocalEmbedder } from "../../../server/embed/local.ts";
import { openCorpusStore, type LanceCorpusStore } from "../../../server/store/lance.ts";
import { segment } from "../../../server/store/segment.ts";
import { encodeBig5 } from "../corpus/big5.ts";

/** A Big5 report keeps its Traditional characters, and Simplified queries find it all the same. */
const ROOT = path.resolve(import.meta.dirname, "../../..");
const TRADITIONAL = readFileSync(path.join(ROOT, "test/server/corpus/fixtures/big5-report.utf8.txt"), "utf8");
let dir: string;
let stores: LanceCorpusStore[] = [];
let docId: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-trad-"));
  const report = await prepareReport("繁体总结.txt", encodeBig5(TRADITIONAL));
  expect(report.document.encoding).toBe("big5");
  docId = report.document.id;
  const sample = await prepareReport("002.txt", readFileSync(path.join(ROOT, "corpus", "002_3b6b9d578a83b9ec.txt")));
  const s = await openCorpusStore({ dataDir: dir, embedder: createLocalEmbedder(512), searchCacheSize: 0 });
  await s.putReports([report, sample]);
  stores = [s, await openCorpusStore({ dataDir: dir, embedder: createLocalEmbedder(512), searchCacheSize: 0, memorySearchMB: 0 })];
});
afterAll(async () => {
  for (const s of stores) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("Traditional reports and Simplified queries", () => {
  it("segments Traditional and Simplified forms of a phrase into the same words", () => {
    expect(segment("掃黑除惡專項鬥爭")).toEqual(segment("扫黑除恶专项斗争"));
    expect(segment("矛盾纠纷排查化解")).toEqual(segment("矛盾纠纷排查化解".normalize("NFKC")));
  });

  it.each([
    ["memory copy", 0],
    ["LanceDB", 1],
  ])("finds the Big5 report with a Simplified query, and shows it as written (%s)", async (_name, i) => {
    const s = stores[i];
    for (const mode of ["text", "hybrid"] as const) {
      const hits = await s.searchPassages("扫黑除恶专项斗争", { mode, k: 5 });
      const fromBig5 = hits.filter((h) => h.docId === docId);
      expect(fromBig5.length, mode).toBeGreaterThan(0);
      // The passage comes back in Traditional characters, as the office wrote it.
      expect(fromBig5[0].text).toMatch(/掃黑除惡|專項|鬥爭/);
    }
  });
});
