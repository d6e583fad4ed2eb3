import type { CorpusStore } from "../../store/types.ts";

/**
 * The office's archive as a domain language model: in how many documents a word or a pair of
 * characters occurs. What the archive writes in two or more documents is the office's own usage
 * (自贸区, 凡提必审, a township's name), so it is evidence for a correction and protection for the
 * text as written.
 */
export interface ArchiveLexicon {
  /** Documents that contain `term` (a string of two to four characters). */
  documentFrequency(term: string): number;
  readonly documents: number;
}

/**
 * Terms of a text as the archive counts them: every run of two to four Han characters, kept as a
 * 32-bit hash (FNV-1a) so a large archive costs numbers, not strings. A collision can only make a
 * term look used, which errs towards silence.
 */
export function archiveTerms(text: string): Set<number> {
  const terms = new Set<number>();
  for (const m of text.matchAll(/\p{Script=Han}+/gu)) {
    const run = m[0];
    for (let i = 0; i < run.length; i++) {
      let h = FNV_OFFSET;
      for (let n = 1; n <= MAX_TERM && i + n <= run.length; n++) {
        h = Math.imul(h ^ run.charCodeAt(i + n - 1), FNV_PRIME) >>> 0;
        if (n >= 2) terms.add(h);
      }
    }
  }
  return terms;
}

export function termHash(term: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), FNV_PRIME) >>> 0;
  return h;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

const MAX_TERM = 4;

/** A document frequency table kept in memory and updated as documents come and go. */
export class MemoryArchiveLexicon implements ArchiveLexicon {
  private readonly df = new Map<number, number>();
  private readonly byDoc = new Map<string, Uint32Array>();

  get documents(): number {
    return this.byDoc.size;
  }

  documentFrequency(term: string): number {
    return this.df.get(termHash(term)) ?? 0;
  }

  /** Add (or replace) a document's text. */
  addDocument(id: string, text: string): void {
    this.removeDocument(id);
    const terms = Uint32Array.from(archiveTerms(text));
    this.byDoc.set(id, terms);
    for (const t of terms) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  removeDocument(id: string): void {
    const terms = this.byDoc.get(id);
    if (!terms) return;
    this.byDoc.delete(id);
    for (const t of terms) {
      const n = (this.df.get(t) ?? 1) - 1;
      if (n <= 0) this.df.delete(t);
      else this.df.set(t, n);
    }
  }

  /** Make the table agree with the store: every stored document's chunks, nothing else. */
  async reconcile(store: CorpusStore): Promise<void> {
    const docs = await store.listDocuments();
    const ids = new Set(docs.map((d) => d.id));
    for (const id of [...this.byDoc.keys()]) if (!ids.has(id)) this.removeDocument(id);
    for (const d of docs) {
      if (this.byDoc.has(d.id)) continue;
      const chunks = await store.getChunks(d.id);
      this.addDocument(d.id, chunks.map((c) => c.text).join("\n"));
    }
  }
}
