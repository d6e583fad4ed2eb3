/**
 * The indexes derived from the corpus store, in one place: the reuse fingerprints, the typo check's archive
 * table and the store's in-memory search copy. The corpus hooks keep the first two current after each
 * commit or removal in this process; reconcileDerived makes all three agree with the store after another
 * process (the command line) changed it, and keepInStep does so every few seconds while the server runs.
 *
 * What a document contributes to the first two (its fingerprints, its archive terms) is worked out in the
 * parse worker that prepared it (`deriveEvidence`, loaded there through DERIVE_MODULE): on a 45 MB
 * document.xml that is over a second of CPU the thread serving HTTP no longer does. The hook then only
 * files the arrays. A report that comes without them (the operator's own file read in-process, a worker
 * that could not load this module) is fingerprinted here, as before.
 */
import { existsSync, readdirSync, readSync, statSync } from "node:fs";
import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import { BASE_ARRAYS, type ReuseBaseParts } from "./checking/reuse-base.ts";
import { fingerprintDocument, type DocEntry } from "./checking/reuse-entry.ts";
import { openReuseIndex, type FingerprintIndex, type ReuseBaseFile } from "./checking/reuse-index.ts";
import { readSnapshotFile, writeSnapshotFileInSlices } from "./store/snapshot.ts";
import type { ArchiveTableFile } from "./checking/typo/archive-file.ts";
import { archiveTerms, type ArchiveEntry, type MemoryArchiveLexicon } from "./checking/typo/archive.ts";
import type { ReuseIndex } from "./checking/types.ts";
import type { Chunk, PreparedReport } from "./corpus/types.ts";
import { silentLogger, type Logger } from "./log.ts";
import type { CorpusHooks, CorpusStore } from "./store/types.ts";

/** The derived indexes of one process; the archive table only where the typo check runs with one (the server). */
export interface DerivedIndexes {
  /** The reuse fingerprints; `addEntry` (the fingerprint index has it) files a document fingerprinted in the parse worker. */
  reuse: ReuseIndex & { addEntry?(entry: DocEntry): Promise<void> };
  archive?: MemoryArchiveLexicon;
}

/** What one prepared report contributes to the derived indexes, computed in the parse worker. */
export interface DerivedEvidence {
  reuse: DocEntry;
  archive: ArchiveEntry;
}

/** This module, for the parse workers to load (`deriveEvidence`); given to the parse pool by composition. */
export const DERIVE_MODULE = new URL(import.meta.url);

/** The text of a document as the archive table counts it: its chunks, one a line. */
const archiveText = (chunks: readonly Chunk[]) => chunks.map((c) => c.text).join("\n");

/**
 * Work out a report's fingerprints and archive terms (in a parse worker): the evidence and the buffers
 * to move, not copy, back to the thread that serves HTTP.
 */
export function deriveEvidence(report: PreparedReport): { evidence: DerivedEvidence; transfer: ArrayBuffer[] } {
  const reuse = fingerprintDocument({ ...report.document, chunks: report.chunks });
  const archive: ArchiveEntry = { id: report.document.id, terms: archiveTerms(archiveText(report.chunks)) };
  const arrays = [reuse.fpHash, reuse.fpPos, reuse.sMask, reuse.sFull, reuse.sStart, reuse.sEnd, reuse.ckpt, archive.terms];
  const transfer = [...new Set(arrays.map((a) => a.buffer))].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer && b.byteLength > 0);
  return { evidence: { reuse, archive }, transfer };
}

/** The report's evidence when it is there and is this very version of this document; else undefined. */
export function evidenceOf(report: PreparedReport): DerivedEvidence | undefined {
  const e = report.evidence as Partial<DerivedEvidence> | undefined;
  const { id, contentHash } = report.document;
  if (!e?.reuse || !e.archive) return undefined;
  if (e.reuse.id !== id || e.reuse.contentHash !== contentHash || e.archive.id !== id) return undefined;
  if (!(e.archive.terms instanceof Uint32Array) || !(e.reuse.fpHash instanceof Uint32Array) || typeof e.reuse.text !== "string") return undefined;
  return e as DerivedEvidence;
}

/** The corpus hooks that keep every derived index current: the ingest pipeline calls them after each committed document or removal. */
export function derivedHooks(d: DerivedIndexes): CorpusHooks {
  return {
    afterPut: async (report) => {
      const evidence = evidenceOf(report);
      if (evidence && d.reuse.addEntry) await d.reuse.addEntry(evidence.reuse);
      else await d.reuse.addDocument({ ...report.document, chunks: report.chunks });
      if (evidence) d.archive?.put(evidence.archive);
      else d.archive?.addDocument(report.document.id, archiveText(report.chunks));
    },
    afterRemove: async (docId) => {
      await d.reuse.removeDocument(docId);
      d.archive?.removeDocument(docId);
    },
  };
}

export interface DerivedSync {
  reuse: { added: number; removed: number };
  archive: { added: number; removed: number };
}

/**
 * Make every derived index agree with the store: the reuse fingerprints, the archive table and the
 * in-memory search copy (loaded now rather than on the next search). Cheap when nothing changed.
 */
export async function reconcileDerived(d: DerivedIndexes, store: CorpusStore, logger: Logger): Promise<DerivedSync> {
  const reuse = await reconcileReuseIndex(d.reuse, store, logger);
  const archive = d.archive ? await reconcileArchiveLexicon(d.archive, store) : { added: 0, removed: 0 };
  if (archive.added || archive.removed) logger.info(`错别字检查的范文词频已与范文库同步：新增 ${archive.added} 篇，移除 ${archive.removed} 篇`);
  await store.warmUp?.();
  return { reuse, archive };
}

/**
 * Reconcile every `everyMs` (default 5 s), one run at a time, so a command-line ingest into the same data
 * folder reaches the running server's checks. Returns the function that stops it.
 */
export function keepInStep(d: DerivedIndexes, store: CorpusStore, logger: Logger, everyMs = 5000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    reconcileDerived(d, store, logger)
      .catch((e) => logger.warn(`范文库派生索引同步失败：${(e as Error).message}`))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Make the reuse index agree with the corpus store: add documents it lacks or holds an older version
 * of, drop the ones the store no longer has. The corpus hooks keep the index current; this repairs it
 * at start and after another process (the CLI) ingested into the same data folder.
 */
export async function reconcileReuseIndex(index: ReuseIndex, store: CorpusStore, logger: Logger): Promise<{ added: number; removed: number }> {
  const listed = await store.listDocuments();
  const ids = new Set(listed.map((d) => d.id));
  let removed = 0;
  for (const id of index.documentIds()) {
    if (!ids.has(id)) {
      await index.removeDocument(id);
      removed++;
    }
  }
  let added = 0;
  for (const s of listed) {
    const have = index.indexed(s.id);
    // Cheap check first (the hooks keep the index current; this only repairs), exact hash after.
    if (have && have.title === s.title && have.chars === s.charCount) continue;
    const stored = await store.getDocument(s.id);
    if (!stored) continue;
    if (have && have.contentHash === stored.document.contentHash) continue;
    const chunks = await store.getChunks(s.id);
    await index.addDocument({ ...stored.document, chunks });
    added++;
  }
  if (added || removed) logger.info(`查重索引已与范文库同步：新增 ${added} 篇，移除 ${removed} 篇`);
  return { added, removed };
}

/** A reuse index in memory built from the store's documents (for one-off checks without a data folder). */
export async function reuseIndexFromStore(store: CorpusStore): Promise<FingerprintIndex> {
  const index = await openReuseIndex({ dataDir: null, logger: silentLogger });
  await reconcileReuseIndex(index, store, silentLogger);
  return index;
}

/**
 * Make the typo check's archive table agree with the store: every stored document's chunks, nothing
 * else. The corpus hooks keep it current; this fills it at start (and for a CLI check).
 */
export async function reconcileArchiveLexicon(archive: MemoryArchiveLexicon, store: CorpusStore): Promise<{ added: number; removed: number }> {
  const listed = await store.listDocuments();
  const ids = new Set(listed.map((d) => d.id));
  let removed = 0;
  for (const id of archive.documentIds()) {
    if (!ids.has(id)) {
      archive.removeDocument(id);
      removed++;
    }
  }
  let added = 0;
  for (const d of listed) {
    if (archive.has(d.id)) continue;
    const chunks = await store.getChunks(d.id);
    archive.addDocument(d.id, archiveText(chunks));
    added++;
  }
  return { added, removed };
}

/**
 * The reuse fingerprints' shared table saved as `<dataDir>/reuse/base.bin`, in the snapshot format of
 * store/snapshot.ts (read with one read into a SharedArrayBuffer, so the check workers share it as
 * read). Written by the file system's threads from the table as it is (it never changes), to a
 * temporary name renamed into place: a write cut short leaves the previous table.
 */
export function reuseBaseFile(dataDir: string): ReuseBaseFile {
  const file = path.join(dataDir, "reuse", "base.bin");
  return {
    async read() {
      const c = readSnapshotFile(file, { shared: true });
      if (!c || c.meta.kind !== "reuse-base" || typeof c.meta.documents !== "number") return null;
      const parts = { documents: c.meta.documents } as Record<string, unknown>;
      for (const k of BASE_ARRAYS) {
        if (!c.arrays[k]) return null;
        parts[k] = c.arrays[k];
      }
      return parts as unknown as ReuseBaseParts;
    },
    async write(parts) {
      const tmp = `${file}.writing-${process.pid}`;
      const arrays = Object.fromEntries(BASE_ARRAYS.map((k) => [k, parts[k]]));
      try {
        await writeSnapshotFileInSlices(tmp, { meta: { kind: "reuse-base", documents: parts.documents }, arrays }, { frozen: true });
        await rename(tmp, file);
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
    },
  };
}

/**
 * The typo check's archive table saved as `<dataDir>/reuse/archive.bin` (the hashes and counts, read
 * with one read into SharedArrayBuffers, and the documents' ids) and a terms file named in it (each
 * document's terms, read in place to remove the document later). The terms file is written first
 * under a new name, then the table renamed into place: a save cut short leaves the previous pair.
 */
export function archiveTableFile(dataDir: string): ArchiveTableFile {
  const dir = path.join(dataDir, "reuse");
  const table = path.join(dir, "archive.bin");
  return {
    read() {
      const c = readSnapshotFile(table, { shared: true });
      const m = c?.meta as { kind?: string; ids?: string[]; termsFile?: string } | undefined;
      if (!c || m?.kind !== "archive-table" || !Array.isArray(m.ids) || typeof m.termsFile !== "string") return null;
      const { keys, counts, termsAt } = c.arrays as Record<string, never>;
      const termsFile = path.join(dir, path.basename(m.termsFile));
      if (!keys || !counts || !termsAt || !existsSync(termsFile)) return null;
      if (statSync(termsFile).size !== (termsAt as Float64Array)[m.ids.length] * 4) return null;
      return { keys, counts, ids: m.ids, termsAt, termsFile };
    },
    async write(c) {
      const name = `archive-terms-${process.pid}-${Date.now()}.u32`;
      const termsFile = path.join(dir, name);
      const tmp = `${table}.writing-${process.pid}`;
      const termsAt = new Float64Array(c.ids.length + 1);
      await mkdir(dir, { recursive: true });
      try {
        const fh = await open(termsFile, "w");
        try {
          // In pieces of about 4 MB, each written by the file system's threads.
          let piece: Buffer[] = [];
          let pieceBytes = 0;
          let at = 0;
          const flush = async () => {
            const b = Buffer.concat(piece);
            await fh.write(b, 0, b.length, at);
            at += b.length;
            piece = [];
            pieceBytes = 0;
          };
          for (let i = 0; i < c.terms.length; i++) {
            const t = c.terms[i];
            let bytes: Buffer;
            if (t instanceof Uint32Array) bytes = Buffer.from(t.buffer, t.byteOffset, t.byteLength);
            else {
              bytes = Buffer.alloc(t.count * 4);
              let done = 0;
              while (done < bytes.length) {
                const n = readSync(t.fd, bytes, done, bytes.length - done, t.offset + done);
                if (n === 0) throw new Error("范文词频的临时文件被截断");
                done += n;
              }
            }
            termsAt[i + 1] = termsAt[i] + bytes.length / 4;
            piece.push(bytes);
            pieceBytes += bytes.length;
            if (pieceBytes >= 4 << 20) await flush();
          }
          await flush();
          await fh.datasync();
        } finally {
          await fh.close();
        }
        await writeSnapshotFileInSlices(tmp, { meta: { kind: "archive-table", ids: c.ids, termsFile: name }, arrays: { keys: c.keys, counts: c.counts, termsAt } }, { frozen: true });
        await rename(tmp, table);
      } catch (e) {
        await rm(tmp, { force: true });
        await rm(termsFile, { force: true });
        throw e;
      }
      // Terms files no table names any more.
      for (const f of readdirSync(dir)) if (f.startsWith("archive-terms-") && f !== name) await rm(path.join(dir, f), { force: true });
    },
  };
}
