import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { documentIdFor, prepareReport } from "../../../server/corpus/prepare.ts";
import type { PreparedReport } from "../../../server/corpus/types.ts";

// The retrieval bench scores recall@5 and MRR against these labels; a label pointing at text that
// the index never holds would silently count as a miss, so every label is checked against the
// samples as the real pipeline prepares them (the same cleaned text and passages that get stored).

const ROOT = path.resolve(import.meta.dirname, "../../..");
const CORPUS = path.join(ROOT, "corpus");

interface LabelledQuery {
  query: string;
  source: string;
  docId: string;
  phrase: string;
  section?: string;
}

function loadSet(name: string): LabelledQuery[] {
  return (JSON.parse(readFileSync(path.join(ROOT, "test/fixtures", name), "utf8")) as { queries: LabelledQuery[] }).queries;
}

const tuning = loadSet("queries.json");
const heldout = loadSet("queries-heldout.json");
const byId = new Map<string, PreparedReport>();

/** What is wrong with one label, or null: its docId must be the source's, and the phrase must sit inside one stored passage. */
function labelProblem(q: LabelledQuery, docs: Map<string, PreparedReport>): string | null {
  if (documentIdFor(q.source) !== q.docId) return `docId should be ${documentIdFor(q.source)}`;
  const report = docs.get(q.docId);
  if (!report) return `no sample report has id ${q.docId}`;
  if (!report.document.cleanedText.includes(q.phrase)) return `"${q.phrase}" is not in the cleaned text`;
  // Relevance is judged per passage, so a phrase split across two chunks could never be found.
  if (!report.chunks.some((c) => c.text.includes(q.phrase))) return `"${q.phrase}" is in no single passage`;
  return null;
}

beforeAll(async () => {
  for (const f of readdirSync(CORPUS).filter((f) => f.endsWith(".txt"))) {
    const report = await prepareReport(f, new Uint8Array(readFileSync(path.join(CORPUS, f))));
    byId.set(report.document.id, report);
  }
});

describe.each([
  ["queries.json", tuning],
  ["queries-heldout.json", heldout],
])("labels in %s", (_name, queries) => {
  it.each(queries.map((q) => [q.query, q] as const))("the phrase labelled for “%s” occurs in a passage of the document named", (_query, q) => {
    expect(labelProblem(q, byId)).toBeNull();
  });
});

describe("the held-out query set", () => {
  it("has at least 30 queries, covering all five sample reports", () => {
    expect(heldout.length).toBeGreaterThanOrEqual(30);
    expect(byId.size).toBe(5);
    expect(new Set(heldout.map((q) => q.docId))).toEqual(new Set(byId.keys()));
  });

  it("covers the opening, the work, the problems and the plans of a report", () => {
    const sections = new Set(heldout.map((q) => q.section));
    for (const s of ["opening", "work", "problems", "plans"]) expect(sections).toContain(s);
    expect(heldout.every((q) => ["opening", "work", "problems", "plans"].includes(q.section ?? ""))).toBe(true);
  });

  it("shares no query and no labelled passage phrase with the tuning set", () => {
    const tuningQueries = new Set(tuning.map((q) => q.query));
    const tuningLabels = new Set(tuning.map((q) => `${q.docId}|${q.phrase}`));
    expect(heldout.filter((q) => tuningQueries.has(q.query))).toEqual([]);
    expect(heldout.filter((q) => tuningLabels.has(`${q.docId}|${q.phrase}`))).toEqual([]);
    expect(new Set(heldout.map((q) => q.query)).size).toBe(heldout.length);
  });

  it("never spells out its own labelled phrase in the query", () => {
    expect(heldout.filter((q) => q.query.includes(q.phrase)).map((q) => q.query)).toEqual([]);
  });
});

describe("the label check itself", () => {
  it("rejects a phrase missing from the document, a wrong docId and a phrase that spans two passages", () => {
    const good = heldout[0];
    expect(labelProblem(good, byId)).toBeNull();
    expect(labelProblem({ ...good, phrase: "这句话不在任何范文里" }, byId)).toMatch(/not in the cleaned text/);
    expect(labelProblem({ ...good, docId: tuning.find((q) => q.docId !== good.docId)!.docId }, byId)).toMatch(/docId should be/);
    // Three characters either side of a boundary where one passage ends and the next begins at once.
    const report = byId.get(good.docId)!;
    const i = report.chunks.findIndex((c, j) => j + 1 < report.chunks.length && report.chunks[j + 1].start === c.end);
    expect(i).toBeGreaterThanOrEqual(0);
    const spanning = report.document.cleanedText.slice(report.chunks[i].end - 3, report.chunks[i].end + 3);
    expect(labelProblem({ ...good, phrase: spanning }, byId)).toMatch(/in no single passage/);
  });
});
