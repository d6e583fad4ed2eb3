/**
 * A small in-memory CorpusStore for drafting tests: role/tag filters as the real store applies
 * them, and a character-bigram overlap score instead of hybrid search.
 */
import type { Chunk } from "../../../server/corpus/types.ts";
import type { CorpusStore, Passage, SearchOptions } from "../../../server/store/types.ts";

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

export function chunk(id: string, role: Chunk["role"], tags: string[], text: string, title = "某区委政法委2024年工作总结"): Chunk {
  const docId = id.split(":")[0];
  return { id, docId, seq: Number(id.split(":")[1] ?? 0), title, year: 2024, headingPath: [title], role, tags, text, start: 0, end: text.length };
}

export function memoryStore(chunks: Chunk[], calls: Array<{ query: string; options?: SearchOptions }> = []): CorpusStore {
  return {
    async info() {
      return { embedder: "memory", dimension: 0, documents: new Set(chunks.map((c) => c.docId)).size, chunks: chunks.length };
    },
    async putReport() {
      throw new Error("read-only");
    },
    async removeDocument() {
      return false;
    },
    async listDocuments() {
      return [];
    },
    async getDocument() {
      return null;
    },
    async getChunks(docId) {
      return chunks.filter((c) => c.docId === docId);
    },
    async searchPassages(query, options = {}) {
      calls.push({ query, options });
      const roles = options.role === undefined ? null : Array.isArray(options.role) ? options.role : [options.role];
      const q = bigrams(query);
      const scored: Passage[] = chunks
        .filter((c) => !roles || roles.includes(c.role))
        .filter((c) => !options.tags?.length || c.tags.some((t) => options.tags!.includes(t)))
        .map((c) => {
          const b = bigrams(c.text);
          let hit = 0;
          for (const g of q) if (b.has(g)) hit++;
          return { ...c, score: hit / Math.max(1, q.size) };
        })
        .filter((p) => p.score > 0)
        .sort((a, b) => b.score - a.score);
      return scored.slice(0, options.k ?? 8);
    },
    async close() {},
  };
}
