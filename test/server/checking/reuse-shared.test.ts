import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkText } from "../../../server/checking/check.ts";
import { CheckPool } from "../../../server/checking/pool.ts";
import { FingerprintIndex } from "../../../server/checking/reuse-index.ts";
import { fingerprintDocument, type DocEntry } from "../../../server/checking/reuse-entry.ts";
import { prepareReport } from "../../../server/corpus/prepare.ts";
import type { PreparedReport } from "../../../server/corpus/types.ts";
import { builtinOfficeLists } from "../../../server/lists/office.ts";
import { silentLogger } from "../../../server/log.ts";

/**
 * The reuse fingerprints the check workers share (one table in SharedArrayBuffers, the changes since
 * it was built kept beside it, merged into a new table as they pile up) must answer exactly as a
 * private index holding every document did (what each worker held before): the same reuse and stale
 * findings, with the same sources, through additions, replacements and removals on either side of a
 * merge, in process and in two worker threads.
 */
const ROOT = path.resolve(import.meta.dirname, "../../..");
const CORPUS = path.join(ROOT, "corpus");
let reports: PreparedReport[];
const lists = builtinOfficeLists();

beforeAll(async () => {
  const files = readdirSync(CORPUS).filter((f) => f.endsWith(".txt")).sort();
  reports = await Promise.all(files.map((f) => prepareReport(f, readFileSync(path.join(CORPUS, f)))));
});

const pools: CheckPool[] = [];
afterAll(async () => {
  for (const p of pools) await p.close();
});

/** Report i's lines of 40+ characters; variant v of a document keeps a different share of them. */
function lines(i: number): string[] {
  return reports[i].document.cleanedText.split("\n").filter((l) => l.length >= 40);
}

/** Document `id` as report i, or its v-th edited version (every (v+2)-th long line left out, figures changed). */
function entry(id: string, i: number, v = 0): DocEntry {
  const r = reports[i];
  const text = v === 0 ? r.document.cleanedText : r.document.cleanedText.split("\n").filter((_, k) => k % (v + 2) !== 1).join("\n").replace(/\d/g, (d) => String((Number(d) + v) % 10));
  return fingerprintDocument({ id, title: `${r.document.title}·${id}`, contentHash: `${id}:${i}:${v}`, cleanedText: text, chunks: r.chunks.filter((c) => c.end <= text.length) });
}

/** Drafts that copy lines of every report (and change a figure in one, for the stale check). */
function drafts(): string[] {
  const out: string[] = [];
  for (let i = 0; i < reports.length; i++) {
    const l = lines(i);
    out.push(`某区委政法委工作总结\n${l[1] ?? ""}\n${l[Math.floor(l.length / 2)] ?? ""}`);
    out.push(`${(l.find((x) => /\d/.test(x)) ?? "").replace(/\d/, (d) => String((Number(d) + 3) % 10))}`);
  }
  return out;
}

const shape = (m: ReturnType<FingerprintIndex["match"]>) => [...m.reuse, ...m.stale].map((f) => `${f.kind}:${f.severity}:${f.start}-${f.end}:${f.source?.docId}:${f.source?.start}-${f.source?.end}:${f.source?.text}:${f.source?.headingPath.join("/")}`);

/** The same sequence of changes on every index given. */
function history(apply: (op: { put?: DocEntry; drop?: string }) => void) {
  for (let d = 0; d < 12; d++) apply({ put: entry(`d${d}`, d % reports.length, Math.floor(d / reports.length)) });
  for (let d = 0; d < 12; d += 3) apply({ drop: `d${d}` });
  for (let d = 1; d < 12; d += 4) apply({ put: entry(`d${d}`, (d + 1) % reports.length, 1) });
  apply({ put: entry("d0", 0, 2) });
  for (let d = 12; d < 16; d++) apply({ put: entry(`d${d}`, d % reports.length, 2) });
  apply({ drop: "d13" });
}

describe("the shared reuse table", () => {
  it("gives the findings of a private index, in process and in a follower, through merges", () => {
    const owner = new FingerprintIndex(null, silentLogger, lists, { mergeAt: () => 2 });
    const privateIndex = new FingerprintIndex(null, silentLogger, lists, { mergeAt: () => Infinity });
    const follower = new FingerprintIndex(null, silentLogger, lists, { follower: true });
    let rebases = 0;
    let started = false;
    let ops = 0;
    history((op) => {
      for (const idx of [owner, privateIndex]) {
        if (op.put) idx.addFingerprinted([op.put]);
        else void idx.removeDocument(op.drop!);
      }
      // A follower that starts late gets the table and the changes since, then follows.
      if (++ops === 5) {
        follower.follow(owner.state());
        owner.subscribe((c) => {
          if (c.rebase) rebases++;
          follower.apply(c);
        });
        started = true;
      }
      if (!started) return;
      for (const t of drafts()) {
        const want = shape(privateIndex.match(t));
        expect(shape(owner.match(t))).toEqual(want);
        expect(shape(follower.match(t))).toEqual(want);
        expect(shape(owner.match(t, { excludeDocIds: ["d1", "d14"] }))).toEqual(shape(privateIndex.match(t, { excludeDocIds: ["d1", "d14"] })));
      }
    });
    expect(rebases).toBeGreaterThan(2);
    expect(privateIndex.tableBytes).toBe(0);
    const state = owner.state();
    expect(state.base!.doc.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(state.base!.text.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(owner.stats()).toEqual(privateIndex.stats());
    expect(follower.stats()).toEqual(privateIndex.stats());
    expect(owner.documentIds().sort()).toEqual(privateIndex.documentIds().sort());
    for (const id of privateIndex.documentIds()) expect(owner.indexed(id)).toEqual(privateIndex.indexed(id));
    // The comparison is worth something only if the drafts find the archive.
    const found = drafts().flatMap((t) => shape(privateIndex.match(t)));
    expect(found.filter((f) => f.startsWith("reuse:")).length).toBeGreaterThan(5);
    expect(found.some((f) => f.startsWith("stale:"))).toBe(true);
  });

  it("two check workers reading it give the findings a private index gives in process", { timeout: 240_000 }, async () => {
    const owner = new FingerprintIndex(null, silentLogger, lists, { mergeAt: () => 3 });
    const privateIndex = new FingerprintIndex(null, silentLogger, lists, { mergeAt: () => Infinity });
    let ops = 0;
    let pool: CheckPool | null = null;
    const ready: Array<Promise<void>> = [];
    history((op) => {
      for (const idx of [owner, privateIndex]) {
        if (op.put) idx.addFingerprinted([op.put]);
        else void idx.removeDocument(op.drop!);
      }
      if (++ops === 6) ready.push(CheckPool.open({ reuse: owner, lists, size: 2 }).then((p) => void pools.push((pool = p))));
    });
    await Promise.all(ready);
    // The workers started from a shared table and followed later changes and merges: each reads the
    // owner's current table and keeps only the documents added since it.
    expect(owner.tableBytes).toBeGreaterThan(0);
    for (const h of await pool!.held()) {
      expect(h.reuseTableBytes).toBe(owner.tableBytes);
      expect(h.reuseRecent).toBe(owner.recentDocuments);
      expect(h.reuseDocuments).toBe(privateIndex.stats().documents);
    }
    const findings = (r: Awaited<ReturnType<typeof checkText>>) => r.findings.filter((f) => f.kind === "reuse" || f.kind === "stale").map((f) => `${f.kind}:${f.start}-${f.end}:${f.source?.docId}:${f.source?.text}`);
    let seen = 0;
    for (const draft of drafts()) {
      const want = findings(await checkText(draft, { year: 2025, reuse: privateIndex, lists }));
      seen += want.length;
      const [a, b] = await Promise.all([pool!.check(draft, { year: 2025 }), pool!.check(draft, { year: 2025 })]);
      expect(findings(a)).toEqual(want);
      expect(findings(b)).toEqual(want);
    }
    expect(seen).toBeGreaterThan(5);
  });
});

describe("the shared reuse table on disk", () => {
  it("is saved at each merge, read back at start with the log of the changes since, and a write cut short is not read", async () => {
    const { mkdtemp, readFile, rm, writeFile, stat } = await import("node:fs/promises");
    const os = await import("node:os");
    const { reuseBaseFile } = await import("../../../server/derived.ts");
    const dir = await mkdtemp(path.join(os.tmpdir(), "zj-reuse-base-"));
    try {
      const log = path.join(dir, "reuse", "fingerprints.jsonl");
      const open = async () => {
        const idx = new FingerprintIndex(log, silentLogger, lists, { mergeAt: () => 3, baseFile: reuseBaseFile(dir) });
        await idx.load();
        return idx;
      };
      const a = await open();
      const privateIndex = new FingerprintIndex(null, silentLogger, lists, { mergeAt: () => Infinity });
      const ops: Array<Promise<void>> = [];
      history((op) => {
        if (op.put) {
          ops.push(a.addEntry(op.put));
          privateIndex.addFingerprinted([op.put]);
        } else {
          ops.push(a.removeDocument(op.drop!));
          void privateIndex.removeDocument(op.drop!);
        }
      });
      await Promise.all(ops);
      await a.idle();
      expect(a.tableBytes).toBeGreaterThan(0);
      expect((await stat(path.join(dir, "reuse", "base.bin"))).size).toBeGreaterThan(0);
      // The log holds only what came after the last saved table.
      const logLines = (await readFile(log, "utf8")).split("\n").filter(Boolean).length;
      expect(logLines).toBeLessThanOrEqual(a.recentDocuments + 4);
      // A write cut short (a temporary file left behind) is never read.
      await writeFile(path.join(dir, "reuse", "base.bin.writing-99999"), "ZJSC garbage");
      const b = await open();
      expect(b.tableBytes).toBe(a.tableBytes);
      expect(b.stats()).toEqual(privateIndex.stats());
      for (const t of drafts()) expect(shape(b.match(t))).toEqual(shape(privateIndex.match(t)));
      // A torn table is not read: the index starts from the log alone (the store's reconcile adds the rest).
      await writeFile(path.join(dir, "reuse", "base.bin"), (await readFile(path.join(dir, "reuse", "base.bin"))).subarray(0, 1000));
      const c = await open();
      expect(c.tableBytes).toBe(0);
      await Promise.all([a.idle(), b.idle(), c.idle()]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
