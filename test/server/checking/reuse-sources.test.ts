import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildPostings } from "../../../server/checking/postings.ts";
import { fingerprintDocument, type DocEntry } from "../../../server/checking/reuse-entry.ts";
import { matchReuse, stockMinDf, type ArchiveView } from "../../../server/checking/reuse-match.ts";
import { matchStale } from "../../../server/checking/stale-match.ts";
import { prepareReport } from "../../../server/corpus/prepare.ts";
import type { PreparedReport } from "../../../server/corpus/types.ts";
import { builtinOfficeLists } from "../../../server/lists/office.ts";
import { rng } from "../../../bench/rng.ts";

/**
 * The reuse match reads a run's source (to extend it to its true length) only when the run could
 * reach SPECIFIC_MIN characters of its own once extended. On a seeded archive of 420 documents (the
 * sample reports with lines left out, sentences reordered and figures changed: shared wording with
 * every document frequency from 1 up), drafts copied from it with characters swapped and figures changed must get the
 * same reuse and stale findings, with the same sources, as when every run's source is read, while
 * fewer than half the sources are read.
 */
const ROOT = path.resolve(import.meta.dirname, "../../..");
let reports: PreparedReport[];
const lists = builtinOfficeLists();

beforeAll(async () => {
  const dir = path.join(ROOT, "corpus");
  const files = readdirSync(dir).filter((f) => f.endsWith(".txt")).sort();
  reports = await Promise.all(files.map((f) => prepareReport(f, readFileSync(path.join(dir, f)))));
});

function archive(documents: number, seed: number): DocEntry[] {
  const rand = rng(seed);
  const out: DocEntry[] = [];
  for (let d = 0; d < documents; d++) {
    const r = reports[d % reports.length];
    const lines = r.document.cleanedText.split("\n");
    // Half the lines kept with a few characters swapped: wording of this document alone or of a few.
    const kept = lines.filter(() => rand() < 0.6).map((l) => {
      if (rand() < 0.5) return l;
      const chars = [...l];
      for (let k = 0; k < 2; k++) chars[Math.floor(rand() * chars.length)] = chars[Math.floor(rand() * chars.length)];
      return chars.join("");
    });
    // Reorder a few lines and change some figures, so documents share runs of every length.
    for (let k = 0; k < 3; k++) {
      const a = Math.floor(rand() * kept.length);
      const b = Math.floor(rand() * kept.length);
      [kept[a], kept[b]] = [kept[b], kept[a]];
    }
    const text = kept.join("\n").replace(/\d/g, (x) => (rand() < 0.3 ? String(Math.floor(rand() * 10)) : x));
    out.push(fingerprintDocument({ id: `d${d}`, title: `${r.document.title}·${d}`, contentHash: `h${d}`, cleanedText: text, chunks: [{ ...r.chunks[0], start: 0, end: text.length, headingPath: [`第${d}篇`] }] }));
  }
  return out;
}

function drafts(docs: DocEntry[], count: number, seed: number): string[] {
  const rand = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const chars = [...docs[Math.floor(rand() * docs.length)].text.slice(0, 2500)];
    for (let k = 0; k < 30; k++) chars[Math.floor(rand() * chars.length)] = chars[Math.floor(rand() * chars.length)];
    // Some figures changed: sentences the archive wrote with other figures.
    out.push(chars.join("").replace(/\d/g, (x) => (rand() < 0.5 ? String((Number(x) + 3) % 10) : x)));
  }
  return out;
}

const shape = (fs: Array<{ kind: string; severity: string; start: number; end: number; source?: { docId: string; start: number; end: number; text: string; headingPath: string[] } }>) =>
  fs.map((f) => `${f.kind}:${f.severity}:${f.start}-${f.end}:${f.source?.docId}:${f.source?.start}-${f.source?.end}:${f.source?.text}:${f.source?.headingPath.join("/")}`);

describe("the reuse match reads only the sources that can matter", () => {
  it("gives the findings of reading every run's source, on a seeded archive", () => {
    const docs = archive(420, 11);
    const postings = buildPostings(docs, docs.length, 0);
    let reads = 0;
    const view: ArchiveView = {
      tables: [postings],
      doc: (slot) => {
        reads++;
        return docs[slot];
      },
      excluded: new Set(),
      minDf: stockMinDf(docs.length),
      stock: lists.stockPhrases,
      stockSet: new Set(lists.stockPhrases),
      names: lists.names,
    };
    let findings = 0;
    let stale = 0;
    const readsBy = { bounded: 0, exhaustive: 0 };
    for (const text of drafts(docs, 36, 5)) {
      const got: Record<"bounded" | "exhaustive", string[]> = { bounded: [], exhaustive: [] };
      for (const how of ["bounded", "exhaustive"] as const) {
        reads = 0;
        const m = matchReuse(text, view, { exhaustive: how === "exhaustive" });
        got[how] = shape([...m.reuse, ...matchStale(text, view, m)]);
        readsBy[how] += reads;
        if (how === "bounded") stale += matchStale(text, view, m).length;
      }
      expect(got.bounded).toEqual(got.exhaustive);
      findings += got.bounded.length;
    }
    // The drafts copy the archive: findings of both kinds, and most runs' sources left unread.
    expect(findings).toBeGreaterThan(60);
    expect(stale).toBeGreaterThanOrEqual(3);
    expect(readsBy.bounded).toBeLessThan(readsBy.exhaustive / 2);
  });
});
