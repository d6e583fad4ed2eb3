import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliContext } from "../../../server/cli/context.ts";
import { run as ingest } from "../../../server/cli/ingest.ts";

const FORMATS = path.resolve(import.meta.dirname, "../../fixtures/formats");
let dir: string;

function ctx() {
  let out = "";
  let err = "";
  const c: CliContext = {
    dataDir: path.join(dir, "data"),
    isTTY: false,
    stdout: new Writable({ write: (chunk, _e, cb) => ((out += chunk), cb()) }),
    stderr: new Writable({ write: (chunk, _e, cb) => ((err += chunk), cb()) }),
  };
  return { c, out: () => out, err: () => err };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-cli-formats-"));
  process.env.EMBED_DIMENSION = "128";
});
afterAll(() => {
  delete process.env.EMBED_DIMENSION;
  rmSync(dir, { recursive: true, force: true });
});

describe("zongjie ingest with the archive's formats", () => {
  it("takes .doc/.wps/.pdf/.ofd and .zip from a folder and prints the same results as the API with --json", async () => {
    const folder = path.join(dir, "归档");
    mkdirSync(folder);
    for (const f of ["000.docx", "000.wps", "001.pdf", "003.ofd"]) copyFileSync(path.join(FORMATS, f), path.join(folder, f));
    writeFileSync(path.join(folder, "2022.zip"), zipSync({ "002.doc": new Uint8Array(readFileSync(path.join(FORMATS, "002.doc"))) }));
    const pdf = readFileSync(path.join(FORMATS, "004.pdf"));
    writeFileSync(path.join(folder, "坏.pdf"), pdf.subarray(0, 2000));
    const t = ctx();
    expect(await ingest([folder, "--json"], t.c)).toBe(1); // one file failed
    const { results } = JSON.parse(t.out()) as { results: Array<{ name: string; status: string; docId?: string; message?: string }> };
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ["000.docx", "ingested"],
      ["000.wps", "duplicate"],
      ["001.pdf", "ingested"],
      ["003.ofd", "ingested"],
      ["2022.zip/002.doc", "ingested"],
      ["坏.pdf", "error"],
    ]);
    expect(results[1].docId).toBe(results[0].docId);
    expect(results[5].message).toMatch(/[\u4e00-\u9fff]/);
  });
  it("says which files were duplicates in its plain report", async () => {
    const t = ctx();
    const copy = path.join(dir, "副本.doc");
    copyFileSync(path.join(FORMATS, "002.doc"), copy);
    expect(await ingest([copy], t.c)).toBe(0);
    expect(t.out()).toMatch(/重复 副本\.doc：与范文库中的《002\.doc》内容相同/);
    expect(t.out()).toMatch(/重复 1 篇/);
  });
});
