/**
 * The derived indexes' share of an ingest (issue 19): a report's reuse fingerprints and typo-archive
 * terms are worked out in the parse worker that prepared it, and the hook on the thread serving HTTP only
 * files them. A crash between the commit and the derived indexes (or in the middle of the fingerprint
 * log's last line) is repaired by the reconcile at start.
 */
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fingerprintDocument } from "../../server/checking/reuse-entry.ts";
import { openReuseIndex } from "../../server/checking/reuse-index.ts";
import { archiveTerms, MemoryArchiveLexicon } from "../../server/checking/typo/archive.ts";
import { prepareReport } from "../../server/corpus/prepare.ts";
import type { PreparedReport } from "../../server/corpus/types.ts";
import { DERIVE_MODULE, derivedHooks, evidenceOf, reconcileDerived } from "../../server/derived.ts";
import { ingestBuffer } from "../../server/ingest/ingest.ts";
import { CHUNK_PART } from "../../server/ingest/parse-protocol.ts";
import { ParsePool } from "../../server/ingest/parse-pool.ts";
import { silentLogger } from "../../server/log.ts";
import { storeDeps } from "../helpers/deps.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);

/** A long made-up report: 1,600 paragraphs, so its chunks come back in several parts. */
function longReport(): string {
  const said = ["全年排查化解青榆片区邻里纠纷，调处成功率稳中有升。", "深化榆湾镇平安创建，群众安全感逐季提高。", "推进执法规范化建设，案件质量评查全覆盖。", "完善网格员队伍管理，基层治理更加精细。"];
  const lines = ["青榆县委政法委2024年工作总结", "一、主要工作"];
  for (let k = 0; k < 1600; k++) lines.push(`第${k + 1}网格：${said[k % 4]}${said[(k + 1) % 4]}`);
  return lines.join("\n");
}

let pool: ParsePool;
beforeAll(() => {
  pool = new ParsePool({ derive: DERIVE_MODULE });
});
afterAll(async () => {
  await pool.close();
});

describe("the parse worker derives the evidence", () => {
  it("sends a big report's chunks whole and in order, in parts, with fingerprints and terms equal to those made here", async () => {
    const bytes = utf8(longReport());
    const report = await pool.prepare("青榆县.txt", bytes, { derive: true });
    // Only ingest asks for it (a facts submission never enters the archive).
    expect((await pool.prepare("青榆县.txt", bytes)).evidence).toBeUndefined();
    const here = await prepareReport("青榆县.txt", bytes, {});
    expect(here.chunks.length).toBeGreaterThan(2 * CHUNK_PART);
    expect(report.chunks).toEqual(here.chunks);
    expect(report.document).toEqual(here.document);
    const evidence = evidenceOf(report);
    expect(evidence).toBeDefined();
    const fp = fingerprintDocument({ ...here.document, chunks: here.chunks });
    expect(evidence!.reuse).toEqual(fp);
    expect(evidence!.archive.terms).toEqual(archiveTerms(here.chunks.map((c) => c.text).join("\n")));
  }, 120_000);

  it("files the worker's evidence without fingerprinting on this thread, and ignores evidence of another version", async () => {
    const report = await pool.prepare("青榆县.txt", utf8(longReport()), { derive: true });
    const reuse = await openReuseIndex({ dataDir: null, logger: silentLogger });
    const archive = new MemoryArchiveLexicon();
    let fingerprintedHere = 0;
    const add = reuse.addDocument.bind(reuse);
    reuse.addDocument = (doc) => {
      fingerprintedHere++;
      return add(doc);
    };
    const hooks = derivedHooks({ reuse, archive });
    await hooks.afterPut!(report);
    expect(fingerprintedHere).toBe(0);
    expect(reuse.indexed(report.document.id)?.contentHash).toBe(report.document.contentHash);
    expect(archive.documentFrequency("榆湾镇")).toBe(1);
    // Evidence that does not match the report's version is not trusted: the hook works it out itself.
    const other: PreparedReport = { ...report, document: { ...report.document, contentHash: "another" } };
    expect(evidenceOf(other)).toBeUndefined();
    await hooks.afterPut!(other);
    expect(fingerprintedHere).toBe(1);
    expect(reuse.indexed(report.document.id)?.contentHash).toBe("another");
  }, 120_000);
});

describe("a crash between the commit and the derived indexes", () => {
  let env: Awaited<ReturnType<typeof storeDeps>>;
  let dataDir: string;
  beforeAll(async () => {
    env = await storeDeps();
    dataDir = mkdtempSync(path.join(os.tmpdir(), "zongjie-derived-"));
  }, 180_000);
  afterAll(async () => {
    await env.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("is repaired at the next start: a document committed without its fingerprints, and a torn last log line", async () => {
    const reuse = await openReuseIndex({ dataDir, logger: silentLogger });
    const hooks = derivedHooks({ reuse, archive: new MemoryArchiveLexicon() });
    const deps = { store: env.deps.store, parser: pool, logger: silentLogger };
    // One report fully filed; the process then dies after the next commit, before its hook finished.
    const first = await ingestBuffer({ ...deps, hooks }, "第一篇.txt", utf8(longReport()));
    expect(first.status).toBe("added");
    const crashing = { afterPut: async () => Promise.reject(new Error("killed")) };
    const second = await ingestBuffer({ ...deps, hooks: crashing }, "第二篇.txt", utf8(longReport().replace("2024", "2025").replaceAll("青榆", "白沙")));
    expect(second.status).toBe("added");
    // …and half of a log line was written when it died.
    appendFileSync(path.join(dataDir, "reuse", "fingerprints.jsonl"), '{"op":"add","id":"白沙县","title":"半行');

    // The next start: the log is replayed (the torn line skipped), then reconciled with the store.
    const restarted = await openReuseIndex({ dataDir, logger: silentLogger });
    expect(restarted.documentIds()).toHaveLength(1);
    const archive = new MemoryArchiveLexicon();
    const sync = await reconcileDerived({ reuse: restarted, archive }, env.deps.store, silentLogger);
    expect(sync.reuse).toEqual({ added: 1, removed: 0 });
    expect(sync.archive).toEqual({ added: 2, removed: 0 });
    const docs = await env.deps.store.listDocuments();
    expect(docs).toHaveLength(2);
    for (const d of docs) expect(restarted.indexed(d.id)?.contentHash).toBe(d.contentHash);
    expect(archive.documentFrequency("白沙县")).toBe(1);
    expect(restarted.stats().documents).toBe(2);
  }, 180_000);
});
