import path from "node:path";
import type { Chunk } from "../corpus/types.ts";
import type { Logger } from "../log.ts";
import { FingerprintLog } from "./fingerprint-log.ts";
import { buildPostings, type Postings } from "./postings.ts";
import { fingerprintDocument, type DocEntry } from "./reuse-entry.ts";
import { matchReuse, stockMinDf } from "./reuse-match.ts";
import { matchStale } from "./stale-match.ts";
import type { NameLists } from "../text/names.ts";
import { builtinOfficeLists, type OfficeLists } from "../lists/office.ts";
import type { Finding, IndexedVersion, ReuseIndex } from "./types.ts";


/** One change to the index, as told to subscribers. */
export type ReuseChange = { put: DocEntry; drop?: undefined } | { drop: string; put?: undefined };

export interface MatchOptions {
  excludeDocIds?: string[];
}

/**
 * The archive's fingerprints in memory (documents by slot; sorted posting tables rebuilt lazily after
 * changes), written through to an append-only log on disk when it has a file.
 */
export class FingerprintIndex implements ReuseIndex {
  private docs: Array<DocEntry | null> = [];
  private slots = new Map<string, number>();
  private postings: Postings | null = null;
  private garbage = 0;
  /** Told of every change after it is made (the check workers' copies follow through this). */
  private readonly listeners = new Set<(change: ReuseChange) => void>();
  private readonly log: FingerprintLog | null;
  readonly stock: string[];
  private stockSet: Set<string> | null = null;
  /** Surnames and name endings: what makes a shared run name something. */
  private readonly names: NameLists;

  constructor(file: string | null, logger: Logger, lists: Pick<OfficeLists, "stockPhrases" | "names"> = builtinOfficeLists()) {
    this.log = file ? new FingerprintLog(file, logger) : null;
    this.stock = lists.stockPhrases;
    this.names = lists.names;
  }

  /** Load the log (if any); compacts it when more than half of it is superseded. */
  async load(): Promise<void> {
    if (!this.log) return;
    const lines = await this.log.replay({ add: (e) => this.put(e), remove: (id) => this.drop(id) });
    if (lines > 2 * this.slots.size + 16) await this.compact();
  }

  /** Follow every later change; returns the function that stops it. */
  subscribe(fn: (change: ReuseChange) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** The live entries (a copy of the list; the entries themselves are never mutated). */
  entries(): DocEntry[] {
    return this.docs.filter((d): d is DocEntry => d !== null);
  }

  private put(e: DocEntry) {
    for (const fn of this.listeners) fn({ put: e });
    const old = this.slots.get(e.id);
    if (old !== undefined) {
      this.docs[old] = null;
      this.garbage++;
    }
    this.slots.set(e.id, this.docs.length);
    this.docs.push(e);
    this.postings = null;
  }

  private drop(id: string): boolean {
    const slot = this.slots.get(id);
    if (slot === undefined) return false;
    for (const fn of this.listeners) fn({ drop: id });
    this.docs[slot] = null;
    this.slots.delete(id);
    this.garbage++;
    this.postings = null;
    return true;
  }

  private async compact() {
    await this.log?.compact(() => this.entries());
    this.garbage = 0;
  }

  async addDocument(doc: { id: string; title: string; contentHash: string; cleanedText: string; chunks: Chunk[] }): Promise<void> {
    const slot = this.slots.get(doc.id);
    if (slot !== undefined && this.docs[slot]?.contentHash === doc.contentHash) return;
    const e = fingerprintDocument(doc);
    this.put(e);
    await this.log?.append(e);
  }

  /** Add many documents without writing the log (benchmarks and in-memory indexes). */
  addFingerprinted(entries: DocEntry[]) {
    for (const e of entries) this.put(e);
  }

  async removeDocument(id: string): Promise<void> {
    if (!this.drop(id)) return;
    if (this.log) {
      await this.log.appendRemove(id);
      if (this.garbage > this.slots.size + 16) await this.compact();
    }
  }

  documentIds(): string[] {
    return [...this.slots.keys()];
  }

  indexed(id: string): IndexedVersion | undefined {
    const slot = this.slots.get(id);
    const d = slot === undefined ? null : this.docs[slot];
    return d ? { title: d.title, contentHash: d.contentHash, chars: d.text.length } : undefined;
  }

  stats(): { documents: number; fingerprints: number } {
    let fingerprints = 0;
    for (const d of this.docs) if (d) fingerprints += d.fpHash.length;
    return { documents: this.slots.size, fingerprints };
  }

  /** Whether any document with this id is indexed. */
  has(id: string): boolean {
    return this.slots.has(id);
  }

  /** Reuse and stale findings for a text against the archive. */
  match(text: string, opts: MatchOptions = {}): { reuse: Finding[]; stale: Finding[] } {
    this.postings ??= buildPostings(this.docs, this.slots.size);
    const excluded = new Set<number>();
    for (const id of opts.excludeDocIds ?? []) {
      const s = this.slots.get(id);
      if (s !== undefined) excluded.add(s);
    }
    const liveDocs = this.postings.documents - excluded.size;
    if (liveDocs <= 0) return { reuse: [], stale: [] };
    this.stockSet ??= new Set(this.stock);
    const view = { postings: this.postings, docs: this.docs, excluded, minDf: stockMinDf(liveDocs), stock: this.stock, stockSet: this.stockSet, names: this.names };
    const m = matchReuse(text, view);
    return { reuse: m.reuse, stale: matchStale(text, view, m) };
  }
}

/**
 * Open (or create) the reuse index in `<dataDir>/reuse/fingerprints.jsonl`; without a dataDir it lives in memory only.
 * Stock phrasing and names come from the office's lists (default: the built-ins).
 */
export async function openReuseIndex(opts: { dataDir?: string | null; logger: Logger; lists?: OfficeLists }): Promise<FingerprintIndex> {
  const file = opts.dataDir ? path.join(opts.dataDir, "reuse", "fingerprints.jsonl") : null;
  const index = new FingerprintIndex(file, opts.logger, opts.lists);
  await index.load();
  return index;
}
