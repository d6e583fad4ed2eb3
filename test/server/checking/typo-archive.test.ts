import { describe, expect, it } from "vitest";
import { archiveTerms, MemoryArchiveLexicon, type ArchiveChange } from "../../../server/checking/typo/archive.ts";
import { reconcileArchiveLexicon } from "../../../server/derived.ts";
import type { CorpusStore } from "../../../server/store/types.ts";

describe("the archive lexicon", () => {
  it("counts the documents a stretch occurs in, once per document", () => {
    const a = new MemoryArchiveLexicon();
    a.addDocument("d1", "涉法涉诉信访事项，涉法涉诉案件。");
    a.addDocument("d2", "落实涉法涉诉终结制度。");
    expect(a.documents).toBe(2);
    expect(a.documentFrequency("涉法")).toBe(2);
    expect(a.documentFrequency("涉法涉诉")).toBe(2);
    expect(a.documentFrequency("信访")).toBe(1);
    expect(a.documentFrequency("终结制度")).toBe(1);
    expect(a.documentFrequency("网格")).toBe(0);
  });

  it("forgets a removed document and replaces a re-added one", () => {
    const a = new MemoryArchiveLexicon();
    a.addDocument("d1", "网格化管理");
    a.addDocument("d2", "网格员队伍");
    a.removeDocument("d1");
    expect(a.documentFrequency("网格")).toBe(1);
    a.addDocument("d2", "调解室建设");
    expect(a.documentFrequency("网格")).toBe(0);
    expect(a.documentFrequency("调解")).toBe(1);
  });

  it("does not count stretches across punctuation", () => {
    expect(archiveTerms("网，格").length).toBe(0);
  });

  it("tells subscribers of each change, and a copy built from them agrees", () => {
    const a = new MemoryArchiveLexicon();
    const copy = new MemoryArchiveLexicon();
    const changes: ArchiveChange[] = [];
    a.subscribe((c) => {
      changes.push(c);
      if ("put" in c) copy.put(c.put);
      else if ("drop" in c) copy.removeDocument(c.drop);
    });
    a.addDocument("d1", "稻鱼综合种养");
    a.addDocument("d2", "稻鱼共生");
    a.removeDocument("d1");
    expect(changes.map((c) => ("put" in c ? `+${c.put.id}` : "drop" in c ? `-${c.drop}` : "rebase"))).toEqual(["+d1", "+d2", "-d1"]);
    expect(copy.documentFrequency("稻鱼")).toBe(a.documentFrequency("稻鱼"));
    expect(copy.documents).toBe(1);
  });

  it("reconciles with the store's documents and chunks", async () => {
    const docs: Record<string, string[]> = { a: ["文艺汇演一场", "网格化"], b: ["文艺汇演两场"] };
    const store = {
      listDocuments: async () => Object.keys(docs).map((id) => ({ id })),
      getChunks: async (id: string) => docs[id].map((text) => ({ text })),
    } as unknown as CorpusStore;
    const a = new MemoryArchiveLexicon();
    a.addDocument("gone", "文艺汇演");
    expect(await reconcileArchiveLexicon(a, store)).toEqual({ added: 2, removed: 1 });
    expect(a.documentFrequency("文艺汇演")).toBe(2);
    expect(await reconcileArchiveLexicon(a, store)).toEqual({ added: 0, removed: 0 });
  });
});
