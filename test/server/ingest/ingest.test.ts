import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestBuffer, ingestPaths } from "../../../server/ingest/ingest.ts";
import { createLocalEmbedder } from "../../../server/embed/local.ts";
import { parseConfig } from "../../../server/env.ts";
import { silentLogger } from "../../../server/log.ts";
import { ensureIndexed } from "../../../server/runtime.ts";
import { openCorpusStore, type LanceCorpusStore } from "../../../server/store/lance.ts";
import type { IngestProgress } from "../../../server/store/types.ts";

const CORPUS = path.resolve(import.meta.dirname, "../../../corpus");
let dir: string;
let store: LanceCorpusStore;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-ingest-"));
  store = await openCorpusStore({ dataDir: path.join(dir, "data"), embedder: createLocalEmbedder(128) });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("ingest pipeline", () => {
  it("ingests a folder of samples, skipping its README and other file types, with progress", async () => {
    const folder = path.join(dir, "in");
    mkdirSync(path.join(folder, "sub"), { recursive: true });
    copyFileSync(path.join(CORPUS, "000_e0d1f4ebb38b7fad.txt"), path.join(folder, "a.txt"));
    copyFileSync(path.join(CORPUS, "002_3b6b9d578a83b9ec.txt"), path.join(folder, "sub", "b.md"));
    writeFileSync(path.join(folder, "README.md"), "# 说明\n这里放范文。\n");
    writeFileSync(path.join(folder, "notes.json"), "{}");
    const seen: IngestProgress[] = [];
    const out = await ingestPaths({ store }, [folder], (p) => seen.push(p));
    expect(out.map((o) => [o.status, o.sourceName])).toEqual([
      ["added", "a.txt"],
      ["added", "b.md"],
    ]);
    expect(seen.at(-1)).toMatchObject({ done: 2, total: 2 });
    expect(seen.some((p) => p.file === "b.md" && p.done === 1)).toBe(true);
    expect((await store.info()).documents).toBe(2);
  });

  it("re-ingesting the same files adds nothing; a changed file replaces its chunks", async () => {
    const file = path.join(dir, "report.txt");
    copyFileSync(path.join(CORPUS, "004_24640fe1ff6907e2.txt"), file);
    const first = await ingestPaths({ store }, [file]);
    expect(first[0].status).toBe("added");
    const before = await store.info();
    const second = await ingestPaths({ store }, [file]);
    expect(second[0].status).toBe("unchanged");
    expect(await store.info()).toEqual(before);

    writeFileSync(file, "XX县2024年政法工作总结\n一、主要工作\n全年排查化解矛盾纠纷300件，调解成功率达99%。\n二、下一步打算\n持续推进平安建设。\n");
    const third = await ingestPaths({ store }, [file]);
    expect(third[0]).toMatchObject({ status: "replaced", docId: first[0].status !== "rejected" ? first[0].docId : "" });
    const after = await store.info();
    expect(after.documents).toBe(1);
    const chunks = await store.getChunks(third[0].status === "rejected" ? "" : third[0].docId);
    expect(after.chunks).toBe(chunks.length);
    expect(chunks.map((c) => c.text).join("")).toContain("调解成功率达99%");
    expect(chunks.map((c) => c.text).join("")).not.toContain("政法工作汇报");
  });

  it("rejects missing paths, wrong types, binary and oversized files without writing", async () => {
    const bin = path.join(dir, "bin.txt");
    writeFileSync(bin, Buffer.from([0, 159, 146, 150, 0, 0, 1, 2, 3]));
    const pdf = path.join(dir, "report.pdf");
    writeFileSync(pdf, "%PDF-1.4");
    const big = path.join(dir, "big.txt");
    writeFileSync(big, "工作总结。".repeat(2000));
    const out = await ingestPaths({ store, maxBytes: 10_000 }, [path.join(dir, "nope.txt"), bin, pdf, big]);
    expect(out.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected", "rejected"]);
    const codes = out.map((o) => (o.status === "rejected" ? o.code : ""));
    expect(codes[0]).toBe("not_found:path");
    expect(codes[3]).toBe("too_large:file");
    for (const o of out) if (o.status === "rejected") expect(o.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await store.info()).toMatchObject({ documents: 0, chunks: 0 });
  });

  it("calls the hooks after a commit and not for unchanged or rejected files", async () => {
    const calls: string[] = [];
    const hooks = { afterPut: async (r: { document: { id: string } }) => void calls.push(r.document.id) };
    const bytes = new TextEncoder().encode("某区政法委工作总结\n一、主要工作\n推进扫黑除恶常态化。\n");
    const a = await ingestBuffer({ store, hooks }, "a.txt", bytes);
    await ingestBuffer({ store, hooks }, "a.txt", bytes);
    await ingestBuffer({ store, hooks }, "b.txt", new Uint8Array());
    expect(a.status).toBe("added");
    expect(calls).toEqual([a.status === "added" ? a.docId : ""]);
  });

  it("builds the index from the corpus folder on first start only", async () => {
    const config = parseConfig({}, { dataDir: path.join(dir, "data") });
    const rt = { store, hooks: {}, logger: silentLogger, config };
    const first = await ensureIndexed(rt, { corpusDir: CORPUS });
    expect(first?.filter((o) => o.status === "added").length).toBe(5);
    expect(await ensureIndexed(rt, { corpusDir: CORPUS })).toBeNull();
    expect((await store.info()).documents).toBe(5);
  });
});
