import { TermSpill, type ArchiveTableCapture, type ArchiveTableFile } from "./archive-file.ts";

/**
 * The office's archive as a domain language model: in how many documents a stretch of text occurs.
 * What the archive writes in two or more documents is the office's own usage (涉法涉诉, 网格, a
 * township's name), so it protects the text as written and is evidence for a correction.
 */
export interface ArchiveLexicon {
  /** Documents that contain `term` (two or more Han characters; longer terms by their rarest three-character part). */
  documentFrequency(term: string): number;
  readonly documents: number;
  /** Changes with every document added or removed (the typo check's line cache is keyed by it); absent: never changes. */
  readonly version?: number;
}

/** What a document contributes: the hashes of its distinct two- and three-character stretches. */
export interface ArchiveEntry {
  id: string;
  terms: Uint32Array;
}

/**
 * The counts table as the check workers share it: hashes ascending and their document counts, in
 * SharedArrayBuffers (sent to a worker, they are shared, not copied).
 */
export interface ArchiveSnapshot {
  keys: Uint32Array<ArrayBufferLike>;
  counts: Uint32Array<ArrayBufferLike>;
  documents: number;
  version: number;
}

/**
 * A change, as told to subscribers: a document put or dropped (with the terms it had), or a new
 * shared table that holds every change so far (a copy then starts its own changes afresh).
 */
export type ArchiveChange =
  | { put: ArchiveEntry; documents: number; version: number }
  | { drop: string; terms: Uint32Array; documents: number; version: number }
  | { rebase: ArchiveSnapshot };

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Two- and three-character stretches of a text's Han runs, as 32-bit hashes (FNV-1a): a large
 * archive costs numbers, not strings. A collision can only make a term look used, which errs
 * towards silence (the retrieval bench's `--scale` run measures how often: `falseProtection`).
 */
export function archiveTerms(text: string): Uint32Array {
  const terms = new Set<number>();
  for (const m of text.matchAll(/\p{Script=Han}+/gu)) {
    const run = m[0];
    for (let i = 0; i + 1 < run.length; i++) {
      let h = Math.imul(FNV_OFFSET ^ run.charCodeAt(i), FNV_PRIME) >>> 0;
      h = Math.imul(h ^ run.charCodeAt(i + 1), FNV_PRIME) >>> 0;
      terms.add(h);
      if (i + 2 < run.length) terms.add(Math.imul(h ^ run.charCodeAt(i + 2), FNV_PRIME) >>> 0);
    }
  }
  return Uint32Array.from(terms);
}

export function termHash(term: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), FNV_PRIME) >>> 0;
  return h;
}

/** Index of `v` in the ascending `keys[0..n)`, or −1. */
function find(keys: Uint32Array<ArrayBufferLike>, v: number): number {
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = keys[mid];
    if (x === v) return mid;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Document counts per hash: a sorted shared table (8 bytes a distinct stretch) and the changes made
 * since it was built, in a Map, until they are many enough to merge into a new table.
 */
export class ArchiveCounts {
  private keys: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  private counts: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  private readonly delta = new Map<number, number>();

  get tableKeys(): number {
    return this.keys.length;
  }

  get pending(): number {
    return this.delta.size;
  }

  /** Bytes of the shared table. */
  get tableBytes(): number {
    return this.keys.byteLength + this.counts.byteLength;
  }

  get(h: number): number {
    const i = find(this.keys, h);
    return (i < 0 ? 0 : this.counts[i]) + (this.delta.get(h) ?? 0);
  }

  add(terms: Uint32Array, by: 1 | -1): void {
    for (const t of terms) {
      const n = (this.delta.get(t) ?? 0) + by;
      if (n === 0) this.delta.delete(t);
      else this.delta.set(t, n);
    }
  }

  /** Adopt a shared table that already holds every change (a worker's copy, told by the owner). */
  adopt(s: Pick<ArchiveSnapshot, "keys" | "counts">): void {
    this.keys = s.keys;
    this.counts = s.counts;
    this.delta.clear();
  }

  /** Merge the changes into a new shared table (counts that reach 0 are dropped) and return it. */
  merge(): Pick<ArchiveSnapshot, "keys" | "counts"> {
    const dk = Uint32Array.from(this.delta.keys()).sort();
    const { keys, counts } = this;
    const most = keys.length + dk.length;
    let nk = new Uint32Array(new SharedArrayBuffer(most * 4));
    let nc = new Uint32Array(new SharedArrayBuffer(most * 4));
    let at = 0;
    let i = 0;
    let j = 0;
    while (i < keys.length || j < dk.length) {
      let k: number;
      let c: number;
      if (j >= dk.length || (i < keys.length && keys[i] < dk[j])) {
        k = keys[i];
        c = counts[i++];
      } else if (i < keys.length && keys[i] === dk[j]) {
        k = keys[i];
        c = counts[i++] + this.delta.get(dk[j++])!;
      } else {
        k = dk[j];
        c = this.delta.get(dk[j++])!;
      }
      if (c > 0) {
        nk[at] = k;
        nc[at++] = c;
      }
    }
    if (at < most) {
      const exact = (a: Uint32Array<ArrayBufferLike>) => {
        const b = new Uint32Array(new SharedArrayBuffer(at * 4));
        b.set(a.subarray(0, at));
        return b;
      };
      nk = exact(nk);
      nc = exact(nc);
    }
    this.keys = nk;
    this.counts = nc;
    this.delta.clear();
    return { keys: nk, counts: nc };
  }

  snapshotParts(): { keys: Uint32Array<ArrayBufferLike>; counts: Uint32Array<ArrayBufferLike>; delta: Array<[number, number]> } {
    return { keys: this.keys, counts: this.counts, delta: [...this.delta] };
  }

  setDelta(delta: Array<[number, number]>): void {
    this.delta.clear();
    for (const [k, v] of delta) this.delta.set(k, v);
  }
}

/**
 * The document frequency table, updated as documents come and go. The owner (the main thread) keeps
 * each document's terms in a temporary file; check workers hold a `SharedArchiveCopy` that reads the
 * same shared table and follows the owner's changes.
 */
export class MemoryArchiveLexicon implements ArchiveLexicon {
  private readonly counts = new ArchiveCounts();
  private spill: TermSpill | null = null;
  /** Small archives keep the terms in memory (no file for a test or a one-off check). */
  private readonly byDoc = new Map<string, Uint32Array>();
  private readonly listeners = new Set<(c: ArchiveChange) => void>();
  private changes = 0;
  /** Pending changes past which they are merged into a new shared table. */
  private readonly mergeAt: (tableKeys: number) => number;

  private readonly file: ArchiveTableFile | null;
  /** The save under way, and whether another was asked for meanwhile. */
  private saving: Promise<void> | null = null;
  private saveAgain = false;

  constructor(opts: { mergeAt?: (tableKeys: number) => number; spillAfter?: number; file?: ArchiveTableFile } = {}) {
    this.mergeAt = opts.mergeAt ?? ((n) => Math.max(65_536, Math.min(n / 8, 1 << 20)));
    this.spillAfter = opts.spillAfter ?? 2_000;
    this.file = opts.file ?? null;
  }

  /**
   * Start from the saved table (with a file): its counts are taken as they are and its documents'
   * terms read in place; the store's reconcile then adds and removes what changed since. Whether one was read.
   */
  load(): boolean {
    const saved = this.file?.read();
    if (!saved || this.documents > 0) return false;
    this.counts.adopt(saved);
    this.spill = new TermSpill();
    this.spill.adoptBase(saved.termsFile, saved.ids, saved.termsAt);
    this.changes++;
    return true;
  }

  /** Save the shared table after a merge (one save at a time; one more after it if asked meanwhile). */
  private save(): void {
    if (!this.file) return;
    if (this.saving) {
      this.saveAgain = true;
      return;
    }
    if (this.counts.pending > 0) return; // only a table that holds every document is saved
    const { keys, counts } = this.counts.snapshotParts();
    const ids = this.documentIds();
    const capture: ArchiveTableCapture = { keys, counts, ids, terms: ids.map((id) => this.byDoc.get(id) ?? this.spill!.span(id)!) };
    this.saving = this.file
      .write(capture)
      .catch(() => undefined)
      .finally(() => {
        this.saving = null;
        if (this.saveAgain) {
          this.saveAgain = false;
          this.save();
        }
      });
  }

  /** Once the save under way (if any) is done (tests, a graceful stop). */
  async saved(): Promise<void> {
    while (this.saving) await this.saving;
  }
  private readonly spillAfter: number;

  get version(): number {
    return this.changes;
  }

  get documents(): number {
    return this.byDoc.size + (this.spill?.size ?? 0);
  }

  /** Bytes of the shared table, distinct stretches in it and changes not merged yet. */
  stats(): { tableBytes: number; tableKeys: number; pending: number } {
    return { tableBytes: this.counts.tableBytes, tableKeys: this.counts.tableKeys, pending: this.counts.pending };
  }

  documentFrequency(term: string): number {
    return frequencyOf(this.counts, term);
  }

  /** Add (or replace) a document's text. */
  addDocument(id: string, text: string): void {
    this.put({ id, terms: archiveTerms(text) });
  }

  /** Add (or replace) a document whose terms were computed elsewhere. */
  put(entry: ArchiveEntry): void {
    const old = this.drop(entry.id);
    if (old) for (const l of this.listeners) l({ drop: entry.id, terms: old, documents: this.documents, version: this.changes });
    this.changes++;
    if (!this.spill && this.byDoc.size >= this.spillAfter) {
      this.spill = new TermSpill();
      for (const [id, terms] of this.byDoc) this.spill.set(id, terms);
      this.byDoc.clear();
    }
    if (this.spill) this.spill.set(entry.id, entry.terms);
    else this.byDoc.set(entry.id, entry.terms);
    this.counts.add(entry.terms, 1);
    for (const l of this.listeners) l({ put: entry, documents: this.documents, version: this.changes });
    this.maybeMerge();
  }

  removeDocument(id: string): void {
    const terms = this.drop(id);
    if (!terms) return;
    for (const l of this.listeners) l({ drop: id, terms, documents: this.documents, version: this.changes });
    this.maybeMerge();
  }

  private drop(id: string): Uint32Array | undefined {
    const terms = this.byDoc.get(id) ?? this.spill?.get(id);
    if (!terms) return undefined;
    this.changes++;
    this.byDoc.delete(id);
    this.spill?.delete(id);
    this.counts.add(terms, -1);
    return terms;
  }

  private maybeMerge(): void {
    if (this.counts.pending <= this.mergeAt(this.counts.tableKeys)) return;
    const t = this.counts.merge();
    for (const l of this.listeners) l({ rebase: { ...t, documents: this.documents, version: this.changes } });
    this.save();
  }

  /** The shared table and the changes not merged into it yet: what a new check worker starts from. */
  snapshot(): ArchiveSnapshot & { delta: Array<[number, number]> } {
    return { ...this.counts.snapshotParts(), documents: this.documents, version: this.changes };
  }

  /** Every document's entry (read back from the file when spilled). */
  entries(): ArchiveEntry[] {
    return this.documentIds().map((id) => ({ id, terms: (this.byDoc.get(id) ?? this.spill!.get(id))! }));
  }

  /** Be told of every change (the check pool forwards them to its workers); returns an unsubscribe. */
  subscribe(listener: (c: ArchiveChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The documents it holds (reconciled with the store by server/derived.ts). */
  documentIds(): string[] {
    return [...this.byDoc.keys(), ...(this.spill?.ids() ?? [])];
  }

  has(id: string): boolean {
    return this.byDoc.has(id) || (this.spill?.has(id) ?? false);
  }

  /** Merge every pending change into the shared table now (benchmarks, tests). */
  mergeNow(): void {
    if (this.counts.pending === 0) return;
    const t = this.counts.merge();
    for (const l of this.listeners) l({ rebase: { ...t, documents: this.documents, version: this.changes } });
    this.save();
  }

  close(): void {
    this.spill?.close();
  }
}

function frequencyOf(counts: ArchiveCounts, term: string): number {
  if (term.length <= 3) return counts.get(termHash(term));
  let least = Infinity;
  for (let i = 0; i + 3 <= term.length; i++) least = Math.min(least, counts.get(termHash(term.slice(i, i + 3))));
  return least;
}

/**
 * A check worker's view: the owner's shared table (not a copy) plus the changes told since it was
 * built. Follows the owner's `ArchiveChange`s in order.
 */
export class SharedArchiveCopy implements ArchiveLexicon {
  private readonly counts = new ArchiveCounts();
  documents: number;
  version: number;

  constructor(s: ArchiveSnapshot & { delta: Array<[number, number]> }) {
    this.counts.adopt(s);
    this.counts.setDelta(s.delta);
    this.documents = s.documents;
    this.version = s.version;
  }

  documentFrequency(term: string): number {
    return frequencyOf(this.counts, term);
  }

  apply(c: ArchiveChange): void {
    if ("rebase" in c) {
      this.counts.adopt(c.rebase);
      this.documents = c.rebase.documents;
      this.version = c.rebase.version;
      return;
    }
    if ("put" in c) this.counts.add(c.put.terms, 1);
    else this.counts.add(c.terms, -1);
    this.documents = c.documents;
    this.version = c.version;
  }
}
