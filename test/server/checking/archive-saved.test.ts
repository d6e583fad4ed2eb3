import { mkdtemp, readdir, rm, truncate } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MemoryArchiveLexicon } from "../../../server/checking/typo/archive.ts";
import { archiveTableFile } from "../../../server/derived.ts";

/**
 * The typo check's archive table saved with the data (so a start reads it instead of hashing every
 * document again): read back, it counts every stretch as a table filled from the documents does, it
 * can still remove a document it read (its terms are read in place from the saved file), and a torn
 * save is not read.
 */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
}
// Written for this test: wording of the genre and an office's own names, recombined.
const PIECES = ["白沙镇网格员走访群众", "文艺汇演进社区", "稻鱼共生示范基地", "矛盾纠纷排查化解", "石桥村调解室", "反诈宣传进校园", "枫林街道综治中心", "禁毒宣传周活动"];
const docs = (n: number, seed: number) => {
  const rand = rng(seed);
  return Array.from({ length: n }, (_, d) => ({ id: `doc${d}`, text: Array.from({ length: 2 + Math.floor(rand() * 5) }, () => PIECES[Math.floor(rand() * PIECES.length)]).join("，") }));
};
const probes = [...new Set(PIECES.flatMap((p) => [...p].flatMap((_, i) => [p.slice(i, i + 2), p.slice(i, i + 3), p.slice(i, i + 4)])))];

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe("the archive table saved with the data", () => {
  it("reads back with the counts of a table filled from the documents, and removes a document it read", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "zj-archive-saved-"));
    dirs.push(dir);
    const file = archiveTableFile(dir);
    // Terms spilled to the temporary file after 20 documents, merged every 15 changes.
    const owner = new MemoryArchiveLexicon({ file, mergeAt: () => 15, spillAfter: 20 });
    const fresh = new MemoryArchiveLexicon({ mergeAt: () => Infinity });
    const all = docs(80, 4);
    for (const d of all) owner.addDocument(d.id, d.text);
    for (let i = 0; i < 80; i += 5) owner.removeDocument(`doc${i}`);
    owner.addDocument("doc3", "石桥村调解室，禁毒宣传周活动");
    owner.mergeNow();
    await owner.saved();
    for (const d of all) if (owner.has(d.id) && d.id !== "doc3") fresh.addDocument(d.id, d.text);
    fresh.addDocument("doc3", "石桥村调解室，禁毒宣传周活动");

    const back = new MemoryArchiveLexicon({ file, mergeAt: () => 15 });
    expect(back.load()).toBe(true);
    expect(back.documents).toBe(fresh.documents);
    expect(back.documentIds().sort()).toEqual(fresh.documentIds().sort());
    for (const p of probes) expect(back.documentFrequency(p)).toBe(fresh.documentFrequency(p));
    expect(back.snapshot().keys.buffer).toBeInstanceOf(SharedArrayBuffer);
    // Removing and replacing documents it read: their terms come from the saved file.
    for (const id of ["doc1", "doc3", "doc42"]) {
      back.removeDocument(id);
      fresh.removeDocument(id);
    }
    back.addDocument("doc2", "白沙镇网格员走访群众");
    fresh.addDocument("doc2", "白沙镇网格员走访群众");
    for (const p of probes) expect(back.documentFrequency(p)).toBe(fresh.documentFrequency(p));
    // Saved again after a merge; only the terms file the table names is kept.
    back.mergeNow();
    await back.saved();
    expect((await readdir(path.join(dir, "reuse"))).filter((f) => f.startsWith("archive-terms-"))).toHaveLength(1);
    const again = new MemoryArchiveLexicon({ file });
    expect(again.load()).toBe(true);
    for (const p of probes) expect(again.documentFrequency(p)).toBe(fresh.documentFrequency(p));
    // A torn terms file: the save is not read (the start fills the table from the store instead).
    const terms = (await readdir(path.join(dir, "reuse"))).find((f) => f.startsWith("archive-terms-"))!;
    await truncate(path.join(dir, "reuse", terms), 100);
    expect(new MemoryArchiveLexicon({ file }).load()).toBe(false);
    for (const a of [owner, back, again]) a.close();
  });
});
