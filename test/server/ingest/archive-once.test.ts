/**
 * A .zip upload's directory is read once, in the parse worker: the thread serving HTTP decides from the
 * name and the first bytes alone, and the worker tells an archive of reports from a .docx under a .zip
 * name (or a damaged zip), which is then read as one file. The parse service here runs in-process so
 * the directory readings can be counted.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { prepareReport } from "../../../server/corpus/prepare.ts";
import { listZipEntries } from "../../../server/corpus/zip.ts";
import { createLocalEmbedder } from "../../../server/embed/local.ts";
import { mayBeArchive, openArchive } from "../../../server/ingest/archive.ts";
import { ingestUploads } from "../../../server/ingest/ingest.ts";
import type { ParseService } from "../../../server/ingest/parse-pool.ts";
import { openCorpusStore, type LanceCorpusStore } from "../../../server/store/lance.ts";

vi.mock("../../../server/corpus/zip.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../../server/corpus/zip.ts")>();
  return { ...real, listZipEntries: vi.fn(real.listZipEntries) };
});

const CORPUS = path.resolve(import.meta.dirname, "../../../corpus");
const DOCX = path.resolve(import.meta.dirname, "../../fixtures/formats/000.docx");
const listings = vi.mocked(listZipEntries);

/** A parse service in this thread, counting what it is asked. */
function inProcessParser() {
  const asked = { expand: 0, prepare: [] as string[] };
  const parser: ParseService = {
    read: () => Promise.reject(new Error("not used")),
    prepare: async (name, bytes, opts) => {
      asked.prepare.push(name);
      return prepareReport(name, bytes, { maxBytes: opts?.maxBytes });
    },
    expand: async (name, bytes, maxBytes) => {
      asked.expand++;
      return openArchive(name, bytes, maxBytes);
    },
    warm() {
      return parser;
    },
    close: async () => {},
  };
  return { parser, asked };
}

let dir: string;
let store: LanceCorpusStore;
beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-archive-once-"));
  store = await openCorpusStore({ dataDir: path.join(dir, "data"), embedder: createLocalEmbedder(128) });
  listings.mockClear();
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a .zip upload's directory is read once", () => {
  it("an archive of reports: one directory reading, in the parse service, and each report ingested", async () => {
    const zip = zipSync({
      "2023/甲.txt": readFileSync(path.join(CORPUS, "000_e0d1f4ebb38b7fad.txt")),
      "2024/乙.txt": readFileSync(path.join(CORPUS, "001_5bfcfaf447a4cc5e.txt")),
      "说明.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    });
    const { parser, asked } = inProcessParser();
    const out = await ingestUploads({ store, parser }, [{ name: "材料.zip", bytes: zip }]);
    expect(out.map((r) => [r.name, r.outcome.status])).toEqual([
      ["材料.zip/2023/甲.txt", "added"],
      ["材料.zip/2024/乙.txt", "added"],
    ]);
    expect(asked.expand).toBe(1);
    expect(listings).toHaveBeenCalledTimes(1);
  });

  it("a .docx under a .zip name is read as the one document it is", async () => {
    const { parser, asked } = inProcessParser();
    const out = await ingestUploads({ store, parser }, [{ name: "总结.zip", bytes: new Uint8Array(readFileSync(DOCX)) }]);
    expect(asked.expand).toBe(1);
    expect(asked.prepare).toEqual(["总结.zip"]);
    expect(out[0].outcome.status).toBe("added");
  });

  it("a damaged zip under a .zip name goes to the report reader, which says what is wrong", async () => {
    const { parser, asked } = inProcessParser();
    const damaged = zipSync({ "a.txt": strToU8("一二三") }).slice(0, 30);
    const out = await ingestUploads({ store, parser }, [{ name: "坏.zip", bytes: damaged }]);
    expect(asked.prepare).toEqual(["坏.zip"]);
    expect(out[0].outcome).toMatchObject({ status: "rejected", message: expect.stringContaining("坏.zip") });
  });

  it("only a file named .zip with a zip's first bytes is asked about: a .docx and a text are read directly", async () => {
    const { parser, asked } = inProcessParser();
    await ingestUploads({ store, parser }, [
      { name: "000.docx", bytes: new Uint8Array(readFileSync(DOCX)) },
      { name: "假.zip", bytes: strToU8("这不是压缩包") },
    ]);
    expect(asked.expand).toBe(0);
    expect(asked.prepare).toEqual(["000.docx", "假.zip"]);
    expect(mayBeArchive(zipSync({ "a.txt": strToU8("x") }), "A.ZIP")).toBe(true);
  });
});
