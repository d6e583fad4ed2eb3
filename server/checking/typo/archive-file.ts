import { openSync } from "node:fs";
import { closeQuietly, openUnlinked, readFully, writeFully } from "../../files.ts";

/*
 * What the typo check's archive table (archive.ts) keeps on disk: each document's terms in a temporary
 * file (read back only to remove the document), and the shapes of the table as saved with the data.
 */

/** Each document's terms, kept in an unlinked temporary file (they are read back only to remove it). */
export class TermSpill {
  private fd: number;
  private end = 0;
  private readonly at = new Map<string, { offset: number; count: number; base?: boolean }>();
  /** A saved table's terms file, read in place (never written). */
  private baseFd: number | null = null;

  constructor() {
    [this.fd] = openUnlinked("zongjie-archive-", ["terms.u32"]);
  }

  set(id: string, terms: Uint32Array): void {
    const buf = Buffer.from(terms.buffer, terms.byteOffset, terms.byteLength);
    writeFully(this.fd, buf, this.end);
    this.at.set(id, { offset: this.end, count: terms.length });
    this.end += buf.length;
  }

  /** Take the documents of a saved table: their terms stay in its file, read in place. */
  adoptBase(file: string, ids: string[], termsAt: Float64Array<ArrayBufferLike>): void {
    this.baseFd = openSync(file, "r");
    ids.forEach((id, i) => this.at.set(id, { offset: termsAt[i] * 4, count: termsAt[i + 1] - termsAt[i], base: true }));
  }

  /** Where a document's terms are: what a save copies from (the bytes there never change). */
  span(id: string): { fd: number; offset: number; count: number } | undefined {
    const a = this.at.get(id);
    return a && { fd: a.base ? this.baseFd! : this.fd, offset: a.offset, count: a.count };
  }

  get(id: string): Uint32Array | undefined {
    const a = this.at.get(id);
    if (!a) return undefined;
    const out = new Uint32Array(a.count);
    const buf = Buffer.from(out.buffer);
    readFully(a.base ? this.baseFd! : this.fd, buf, a.offset, "范文词频的临时文件被截断");
    return out;
  }

  delete(id: string): void {
    this.at.delete(id);
  }

  has(id: string): boolean {
    return this.at.has(id);
  }

  ids(): string[] {
    return [...this.at.keys()];
  }

  get size(): number {
    return this.at.size;
  }

  close(): void {
    closeQuietly([this.fd, this.baseFd]);
  }
}

/** The shared table as saved: its hashes and counts, and each document's terms (to remove it later). */
export interface ArchiveTableSaved {
  keys: Uint32Array<ArrayBufferLike>;
  counts: Uint32Array<ArrayBufferLike>;
  ids: string[];
  /** Document i's terms are [termsAt[i], termsAt[i+1]) of the terms file. */
  termsAt: Float64Array<ArrayBufferLike>;
  termsFile: string;
}

/** A table to save: frozen (the arrays never change, and each document's terms are where `terms` says). */
export interface ArchiveTableCapture {
  keys: Uint32Array<ArrayBufferLike>;
  counts: Uint32Array<ArrayBufferLike>;
  ids: string[];
  /** Each document's terms: in memory, or a span of a file that is only ever appended to. */
  terms: Array<Uint32Array | { fd: number; offset: number; count: number }>;
}

/** Where the archive table is saved (given by composition: server/derived.ts). */
export interface ArchiveTableFile {
  read(): ArchiveTableSaved | null;
  write(c: ArchiveTableCapture): Promise<void>;
}

