import * as lancedb from "@lancedb/lancedb";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { embeddingText } from "../../../server/corpus/chunk.ts";
import { createLocalEmbedder } from "../../../server/embed/local.ts";
import { openDraftSaveStore } from "../../../server/saves/file-store.ts";
import { openCorpusStore } from "../../../server/store/lance.ts";
import { ROOT, sleep, spawnTs } from "./child.ts";

const INGEST_CHILD = path.join(import.meta.dirname, "ingest-child.ts");
const SAVE_CHILD = path.join(import.meta.dirname, "save-child.ts");
const CORPUS = path.join(ROOT, "corpus");

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "zongjie-crash-"));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Open the store as a restarted server would and check that no document is half there. */
let repairs = 0;
async function verifyStore(): Promise<Map<string, string>> {
  const logger = { debug() {}, info() {}, error() {}, warn: (m: string) => void (m.includes("修复") && repairs++) };
  const store = await openCorpusStore({ dataDir, embedder: createLocalEmbedder(64), embeddingText, logger });
  const hashes = new Map<string, string>();
  try {
    const docs = await store.listDocuments();
    let total = 0;
    for (const d of docs) {
      const full = await store.getDocument(d.id);
      const chunks = await store.getChunks(d.id);
      expect(chunks.length, d.sourceName).toBe(d.chunkCount);
      expect(chunks.map((c) => c.seq)).toEqual(chunks.map((_, i) => i));
      // Every chunk belongs to the committed version of its document (no old/new mix).
      for (const c of chunks) expect(full!.document.cleanedText.slice(c.start, c.end)).toBe(c.text);
      hashes.set(d.sourceName, full!.document.contentHash);
      total += d.chunkCount;
    }
    expect((await store.info()).chunks).toBe(total);
  } finally {
    await store.close();
  }
  // Below the store's API: after the repair at open, the chunks table holds exactly the committed rows.
  const db = await lancedb.connect(path.join(dataDir, "lancedb"));
  const table = await db.openTable("chunks");
  const rows = await table.countRows();
  const committed = await (await db.openTable("documents")).query().select(["chunk_count"]).toArray();
  expect(rows).toBe(committed.reduce((n, r) => n + Number((r as { chunk_count: number }).chunk_count), 0));
  table.close();
  db.close();
  return hashes;
}

describe("crash safety", () => {
  it("keeps the corpus store whole when an ingest is SIGKILLed mid-way, and a re-ingest completes", async () => {
    let round = 0;
    let midWrite = 0;
    for (let kill = 0; kill < 3; kill++) {
      const child = spawnTs(INGEST_CHILD, [dataDir, CORPUS, "50", String(round)]);
      // Wait until writes are under way (the lancedb folder exists and something is committed or in flight).
      await child.waitFor((l) => l.filter((x) => x.startsWith("BEGIN")).length >= 2 + kill, 90_000);
      expect(existsSync(path.join(dataDir, "lancedb"))).toBe(true);
      await sleep(50 + Math.floor(Math.random() * 400));
      child.proc.kill("SIGKILL");
      const { signal } = await child.exited;
      expect(signal).toBe("SIGKILL");
      expect(child.lines).not.toContain("DONE");
      round += 50;
      if (child.lines.filter((l) => l.startsWith("BEGIN") || l.startsWith("PUT")).at(-1)?.startsWith("BEGIN")) midWrite++;

      const hashes = await verifyStore();
      // The last write that reported success survived (or a newer version of that document did).
      const puts = child.lines.filter((l) => l.startsWith("PUT "));
      const last = puts.at(-1);
      if (last) {
        const [, name, hash] = last.split(" ");
        const begunAfter = child.lines.slice(child.lines.indexOf(last)).filter((l) => l.startsWith(`BEGIN ${name} `)).map((l) => l.split(" ")[2]);
        expect([hash, ...begunAfter]).toContain(hashes.get(name));
      }
    }
    expect(midWrite, "at least one kill should land inside a write").toBeGreaterThan(0);
    console.log(`ingest crash: ${midWrite}/3 kills landed inside a write; the store repaired leftovers ${repairs} time(s)`);
    // Restart and ingest to the end: completes, all six documents whole.
    const child = spawnTs(INGEST_CHILD, [dataDir, CORPUS, "1", "1000"]);
    const { code } = await child.exited;
    expect(code, child.stderr()).toBe(0);
    expect(child.lines).toContain("DONE");
    const hashes = await verifyStore();
    expect(hashes.size).toBe(6);
    for (const l of child.lines.filter((x) => x.startsWith("PUT "))) {
      const [, name, hash] = l.split(" ");
      expect(hashes.get(name)).toBe(hash);
    }
  }, 240_000);

  it("keeps the last completed draft save intact when the saving process is SIGKILLed", async () => {
    let id: string | undefined;
    let lastSaved = 0;
    for (let kill = 0; kill < 4; kill++) {
      const child = spawnTs(SAVE_CHILD, id ? [dataDir, id] : [dataDir]);
      await child.waitFor((l) => l.filter((x) => x.startsWith("SAVED")).length >= 3, 60_000);
      await sleep(Math.floor(Math.random() * 150));
      child.proc.kill("SIGKILL");
      await child.exited;
      const idLine = child.lines.find((l) => l.startsWith("ID "))!;
      id = idLine.split(" ")[1];
      const saved = child.lines.filter((l) => l.startsWith("SAVED ")).map((l) => Number(l.split(" ")[1]));
      lastSaved = saved.at(-1)!;

      // "Restart": a fresh store over the same folder.
      const store = openDraftSaveStore(dataDir);
      const list = await store.list();
      expect(list.map((d) => d.id)).toEqual([id]);
      expect(store.problems()).toEqual([]);
      const got = await store.get(id);
      // The last save that returned is there — or the one in flight, if its rename landed before the kill.
      expect([lastSaved, lastSaved + 1]).toContain(got!.version);
      const text = got!.draft.sections[0].text;
      expect(text.startsWith(`第${got!.version}版：`)).toBe(true);
      expect(text.endsWith(`（第${got!.version}版完）`)).toBe(true);
      expect(list[0].version).toBe(got!.version);
      // The backup is whole: the version before, or the current one when the kill fell between
      // writing the backup and renaming the new version into place.
      const prev = JSON.parse(await readFile(path.join(dataDir, "drafts", `${id}.prev.json`), "utf8"));
      expect([got!.version - 1, got!.version]).toContain(prev.version);
      expect(prev.draft.sections[0].text.endsWith(`（第${prev.version}版完）`)).toBe(true);
      // Saving continues from there.
      expect((await store.save(id, got!.version, got!.draft)).version).toBe(got!.version + 1);
    }
    const files = await readdir(path.join(dataDir, "drafts"));
    expect(files.filter((f) => !f.endsWith(".tmp")).sort()).toEqual([`${id}.json`, `${id}.prev.json`].sort());
  }, 240_000);
});
