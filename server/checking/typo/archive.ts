/**
 * The office's archive as a domain language model: in how many documents a stretch of text occurs.
 * What the archive writes in two or more documents is the office's own usage (涉法涉诉, 网格, a
 * township's name), so it protects the text as written and is evidence for a correction.
 */
export interface ArchiveLexicon {
  /** Documents that contain `term` (two or more Han characters; longer terms by their rarest three-character part). */
  documentFrequency(term: string): number;
  readonly documents: number;
}

/** What a document contributes: the hashes of its distinct two- and three-character stretches. */
export interface ArchiveEntry {
  id: string;
  terms: Uint32Array;
}

export type ArchiveChange = { put: ArchiveEntry } | { drop: string };

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Two- and three-character stretches of a text's Han runs, as 32-bit hashes (FNV-1a): a large
 * archive costs numbers, not strings. A collision can only make a term look used, which errs
 * towards silence.
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

function termHash(term: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), FNV_PRIME) >>> 0;
  return h;
}

/** A document frequency table kept in memory, updated as documents come and go. */
export class MemoryArchiveLexicon implements ArchiveLexicon {
  private readonly df = new Map<number, number>();
  private readonly byDoc = new Map<string, Uint32Array>();
  private readonly listeners = new Set<(c: ArchiveChange) => void>();

  get documents(): number {
    return this.byDoc.size;
  }

  documentFrequency(term: string): number {
    if (term.length <= 3) return this.df.get(termHash(term)) ?? 0;
    let least = Infinity;
    for (let i = 0; i + 3 <= term.length; i++) least = Math.min(least, this.df.get(termHash(term.slice(i, i + 3))) ?? 0);
    return least;
  }

  /** Add (or replace) a document's text. */
  addDocument(id: string, text: string): void {
    this.put({ id, terms: archiveTerms(text) });
  }

  /** Add (or replace) a document whose terms were computed elsewhere (a check worker's copy). */
  put(entry: ArchiveEntry): void {
    this.drop(entry.id);
    this.byDoc.set(entry.id, entry.terms);
    for (const t of entry.terms) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    for (const l of this.listeners) l({ put: entry });
  }

  removeDocument(id: string): void {
    if (this.drop(id)) for (const l of this.listeners) l({ drop: id });
  }

  private drop(id: string): boolean {
    const terms = this.byDoc.get(id);
    if (!terms) return false;
    this.byDoc.delete(id);
    for (const t of terms) {
      const n = (this.df.get(t) ?? 1) - 1;
      if (n <= 0) this.df.delete(t);
      else this.df.set(t, n);
    }
    return true;
  }

  entries(): ArchiveEntry[] {
    return [...this.byDoc].map(([id, terms]) => ({ id, terms }));
  }

  /** Be told of every change (the check pool forwards them to its workers); returns an unsubscribe. */
  subscribe(listener: (c: ArchiveChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The documents it holds (reconciled with the store by server/derived.ts). */
  documentIds(): string[] {
    return [...this.byDoc.keys()];
  }

  has(id: string): boolean {
    return this.byDoc.has(id);
  }
}
