import path from "node:path";
import type { Chunk } from "../corpus/types.ts";
import type { Logger } from "../log.ts";
import { FingerprintLog } from "./fingerprint-log.ts";
import { buildPostings, type Postings } from "./postings.ts";
import { fingerprintDocument, type DocEntry } from "./reuse-entry.ts";
import { matchReuse, stockMinDf } from "./reuse-match.ts";
import { mergeBase, ReuseBase, type ReuseBaseParts } from "./reuse-base.ts";
import { matchStale } from "./stale-match.ts";
import type { NameLists } from "../text/names.ts";
import { builtinOfficeLists, type OfficeLists } from "../lists/office.ts";
import type { Finding, IndexedVersion, ReuseIndex } from "./types.ts";


/**
 * One change to the index, as told to subscribers: a document put or dropped, or a new shared table
 * that holds every change so far (a follower then drops the changes it kept since the last one).
 */
export type ReuseChange = { put: DocEntry; drop?: undefined; rebase?: undefined } | { drop: string; put?: undefined; rebase?: undefined } | { rebase: ReuseBaseParts; put?: undefined; drop?: undefined };

/** What a follower (a check worker) starts from: the shared table, its slots removed since, and the documents added since. */
export interface ReuseState {
  base: ReuseBaseParts | null;
  dead: number[];
  recent: DocEntry[];
}

/** Where the shared table is saved (the snapshot file, given by composition: server/derived.ts). */
export interface ReuseBaseFile {
  read(): Promise<ReuseBaseParts | null>;
  write(parts: ReuseBaseParts): Promise<void>;
}

export interface MatchOptions {
  excludeDocIds?: string[];
}

export interface FingerprintIndexOptions {
  /** Documents added or removed since the shared table, past which they are merged into a new one. */
  mergeAt?: (tableDocuments: number) => number;
  /** A follower never merges: it adopts the tables its owner sends. */
  follower?: boolean;
  baseFile?: ReuseBaseFile;
}

/**
 * The archive's fingerprints in memory: a shared table of every document as it was when it was built
 * (reuse-base.ts: sorted typed arrays in SharedArrayBuffers, read by the check workers in place), and
 * the documents added since (by slot after the table's; their small posting tables rebuilt lazily),
 * merged into a new shared table once they are many. Written through to an append-only log on disk
 * when it has a file; with a base file, the table is saved there at each merge and the log then
 * holds only the changes since.
 */
export class FingerprintIndex implements ReuseIndex {
  private base: ReuseBase | null = null;
  /** Slots of the shared table removed or replaced since it was built. */
  private dead = new Set<number>();
  private docs: Array<DocEntry | null> = [];
  private slots = new Map<string, number>();
  private postings: Postings | null = null;
  private garbage = 0;
  /** Told of every change after it is made (the check workers follow through this). */
  private readonly listeners = new Set<(change: ReuseChange) => void>();
  private readonly log: FingerprintLog | null;
  readonly stock: string[];
  private stockSet: Set<string> | null = null;
  /** Surnames and name endings: what makes a shared run name something. */
  private readonly names: NameLists;
  private readonly mergeAt: (tableDocuments: number) => number;
  private readonly follower: boolean;
  private readonly baseFile: ReuseBaseFile | null;

  constructor(file: string | null, private readonly logger: Logger, lists: Pick<OfficeLists, "stockPhrases" | "names"> = builtinOfficeLists(), opts: FingerprintIndexOptions = {}) {
    this.log = file ? new FingerprintLog(file, logger) : null;
    this.stock = lists.stockPhrases;
    this.names = lists.names;
    this.mergeAt = opts.mergeAt ?? ((n) => Math.max(64, n / 8));
    this.follower = opts.follower ?? false;
    this.baseFile = opts.baseFile ?? null;
  }

  /** Load the saved table (if any) and the log over it; compacts the log when more than half of it is superseded. */
  async load(): Promise<void> {
    const parts = await this.baseFile?.read();
    if (parts) this.adoptBase(parts);
    if (!this.log) return;
    const lines = await this.log.replay({ add: (e) => this.put(e, false), remove: (id) => this.drop(id) });
    if (lines > 2 * this.size + 16 || (this.baseFile && this.pendingChanges > this.mergeAt(this.base?.documents ?? 0))) await this.compact();
  }

  /** Follow every later change; returns the function that stops it. */
  subscribe(fn: (change: ReuseChange) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** What a new follower starts from (the shared table goes by reference). */
  state(): ReuseState {
    return { base: this.base?.parts ?? null, dead: [...this.dead], recent: this.docs.filter((d): d is DocEntry => d !== null) };
  }

  /** Start from an owner's state (a check worker). */
  follow(s: ReuseState): void {
    if (s.base) this.adoptBase(s.base);
    for (const slot of s.dead) this.dead.add(slot);
    for (const e of s.recent) this.put(e, false);
  }

  /** Apply an owner's change (a check worker). */
  apply(c: ReuseChange): void {
    if (c.rebase) this.adoptBase(c.rebase);
    else if (c.put) this.put(c.put, false);
    else this.drop(c.drop);
  }

  /** Bytes of the shared table (0 without one). */
  get tableBytes(): number {
    return this.base?.bytes ?? 0;
  }

  /** Documents added since the shared table was built (held beside it). */
  get recentDocuments(): number {
    return this.slots.size;
  }

  /** Documents held: the live ones of the shared table and those added since. */
  private get size(): number {
    return (this.base?.documents ?? 0) - this.dead.size + this.slots.size;
  }

  private get pendingChanges(): number {
    return this.dead.size + this.slots.size;
  }

  private adoptBase(parts: ReuseBaseParts) {
    this.base = new ReuseBase(parts);
    this.dead.clear();
    this.docs = [];
    this.slots.clear();
    this.postings = null;
    this.garbage = 0;
  }

  /** Every live document (the shared table's read back from it, fingerprinted again: log compaction without a base file). */
  entries(): DocEntry[] {
    const out: DocEntry[] = [];
    const b = this.base;
    if (b) for (let s = 0; s < b.documents; s++) if (!this.dead.has(s)) {
      const d = b.doc(s);
      out.push(fingerprintDocument({ id: d.id, title: d.title, contentHash: d.contentHash, cleanedText: d.text, chunks: d.chunks as unknown as Chunk[] }));
    }
    for (const d of this.docs) if (d) out.push(d);
    return out;
  }

  private put(e: DocEntry, merge = true) {
    for (const fn of this.listeners) fn({ put: e });
    this.forget(e.id);
    this.slots.set(e.id, this.docs.length);
    this.docs.push(e);
    this.postings = null;
    if (merge) this.maybeMerge();
  }

  /** Remove `id` wherever it is; whether it was there. */
  private forget(id: string): boolean {
    const b = this.base?.slots.get(id);
    if (b !== undefined && !this.dead.has(b)) {
      this.dead.add(b);
      return true;
    }
    const old = this.slots.get(id);
    if (old === undefined) return false;
    this.docs[old] = null;
    this.slots.delete(id);
    this.garbage++;
    this.postings = null;
    return true;
  }

  private drop(id: string): boolean {
    if (!this.has(id)) return false;
    for (const fn of this.listeners) fn({ drop: id });
    this.forget(id);
    this.maybeMerge();
    return true;
  }

  /** The owner merges the changes into a new shared table once they are many, and tells its followers. */
  private maybeMerge(): void {
    if (this.follower || this.pendingChanges <= this.mergeAt(this.base?.documents ?? 0)) return;
    this.mergeNow();
  }

  /** Merge every change into a new shared table now (and save it, with a base file). */
  mergeNow(): void {
    if (this.follower || this.pendingChanges === 0) return;
    const parts = mergeBase(this.base?.parts ?? null, this.dead, this.docs);
    this.adoptBase(parts);
    for (const fn of this.listeners) fn({ rebase: parts });
    if (this.log && this.baseFile) {
      this.log.rebase(() => this.baseFile!.write(parts)).catch((e: Error) => this.logger.warn(`查重索引的共享表未能保存（日志保留，下次启动重放）：${e.message}`));
    }
  }

  /** Once every write to disk asked for so far is done (tests, a graceful stop). */
  idle(): Promise<void> {
    return this.log?.idle() ?? Promise.resolve();
  }

  private async compact() {
    if (this.baseFile && this.log) {
      this.mergeNow();
      await this.log.rebase(async () => {
        if (this.base) await this.baseFile!.write(this.base.parts);
      });
    } else await this.log?.compact(() => this.entries());
    this.garbage = 0;
  }

  async addDocument(doc: { id: string; title: string; contentHash: string; cleanedText: string; chunks: Chunk[] }): Promise<void> {
    if (this.holds(doc.id, doc.contentHash)) return;
    await this.addEntry(fingerprintDocument(doc));
  }

  /** Add a document fingerprinted elsewhere (the parse worker, server/derived.ts), written to the log like addDocument. */
  async addEntry(e: DocEntry): Promise<void> {
    if (this.holds(e.id, e.contentHash)) return;
    this.put(e);
    await this.log?.append(e);
  }

  private holds(id: string, contentHash: string): boolean {
    return this.indexed(id)?.contentHash === contentHash;
  }

  /** Add many documents without writing the log (benchmarks and in-memory indexes); merges once after. */
  addFingerprinted(entries: DocEntry[]) {
    for (const e of entries) this.put(e, false);
    this.maybeMerge();
  }

  async removeDocument(id: string): Promise<void> {
    if (!this.drop(id)) return;
    if (this.log) {
      await this.log.appendRemove(id);
      if (this.garbage > this.slots.size + 16) await this.compact();
    }
  }

  documentIds(): string[] {
    const ids: string[] = [];
    if (this.base) for (const [id, s] of this.base.slots) if (!this.dead.has(s)) ids.push(id);
    return [...ids, ...this.slots.keys()];
  }

  indexed(id: string): IndexedVersion | undefined {
    const slot = this.slots.get(id);
    const d = slot === undefined ? null : this.docs[slot];
    if (d) return { title: d.title, contentHash: d.contentHash, chars: d.text.length };
    const b = this.base;
    const s = b?.slots.get(id);
    if (!b || s === undefined || this.dead.has(s)) return undefined;
    return { title: b.title(s), contentHash: b.contentHash(s), chars: b.chars(s) };
  }

  stats(): { documents: number; fingerprints: number } {
    let fingerprints = 0;
    for (const d of this.docs) if (d) fingerprints += d.fpHash.length;
    const b = this.base;
    if (b) for (let s = 0; s < b.documents; s++) if (!this.dead.has(s)) fingerprints += b.parts.fpCount[s];
    return { documents: this.size, fingerprints };
  }

  /** Whether any document with this id is indexed. */
  has(id: string): boolean {
    if (this.slots.has(id)) return true;
    const s = this.base?.slots.get(id);
    return s !== undefined && !this.dead.has(s);
  }

  /** Reuse and stale findings for a text against the archive. */
  match(text: string, opts: MatchOptions = {}): { reuse: Finding[]; stale: Finding[] } {
    const b = this.base;
    const B = b?.documents ?? 0;
    this.postings ??= buildPostings(this.docs, this.slots.size, B);
    let excluded = this.dead;
    if (opts.excludeDocIds?.length) {
      excluded = new Set(this.dead);
      for (const id of opts.excludeDocIds) {
        const s = this.slots.get(id);
        if (s !== undefined) excluded.add(B + s);
        const bs = b?.slots.get(id);
        if (bs !== undefined) excluded.add(bs);
      }
    }
    const liveDocs = B + this.slots.size - excluded.size;
    if (liveDocs <= 0) return { reuse: [], stale: [] };
    this.stockSet ??= new Set(this.stock);
    const tables = b ? [b.postings, this.postings] : [this.postings];
    const doc = (slot: number) => (slot < B ? b!.doc(slot) : this.docs[slot - B]!);
    const view = { tables, doc, excluded, minDf: stockMinDf(liveDocs), stock: this.stock, stockSet: this.stockSet, names: this.names };
    const m = matchReuse(text, view);
    return { reuse: m.reuse, stale: matchStale(text, view, m) };
  }
}

/**
 * Open (or create) the reuse index in `<dataDir>/reuse/fingerprints.jsonl`; without a dataDir it lives in memory only.
 * Stock phrasing and names come from the office's lists (default: the built-ins).
 */
export async function openReuseIndex(opts: { dataDir?: string | null; logger: Logger; lists?: OfficeLists; baseFile?: ReuseBaseFile }): Promise<FingerprintIndex> {
  const file = opts.dataDir ? path.join(opts.dataDir, "reuse", "fingerprints.jsonl") : null;
  const index = new FingerprintIndex(file, opts.logger, opts.lists, { baseFile: file ? opts.baseFile : undefined });
  await index.load();
  return index;
}
