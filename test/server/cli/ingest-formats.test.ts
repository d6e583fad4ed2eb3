import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { run as ingest } from "../../../server/cli/ingest.ts";
import { cliContext, cliTempDir } from "../../helpers/cli.ts";

const FORMATS = path.resolve(import.meta.dirname, "../../fixtures/formats");
const tmp = cliTempDir("zongjie-cli-formats-");

function ctx() {
  return cliContext(tmp.dir);
}


describe("zongjie ingest with the archive's formats", () => {
  it("takes .doc/.wps/.pdf/.ofd and .zip from a folder and prints the same results as the API with --json", async () => {
    const folder = path.join(tmp.dir, "归档");
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
    const copy = path.join(tmp.dir, "副本.doc");
    copyFileSync(path.join(FORMATS, "002.doc"), copy);
    expect(await ingest([copy], t.c)).toBe(0);
    expect(t.out()).toMatch(/^重复，未收录 副本\.doc：与范文库中的《002\.doc》内容相同/m);
    expect(t.out()).toMatch(/重复 1 篇/);
  });
});
