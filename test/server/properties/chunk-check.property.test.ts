import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkText } from "../../../server/checking/check.ts";
import { openReuseIndex } from "../../../server/checking/reuse-index.ts";
import type { ReuseIndex } from "../../../server/checking/types.ts";
import { buildChunks } from "../../../server/corpus/chunk.ts";
import { cleanText } from "../../../server/corpus/clean.ts";
import { prepareReport } from "../../../server/corpus/prepare.ts";
import { analyzeStructure } from "../../../server/corpus/structure.ts";
import { silentLogger } from "../../../server/log.ts";
import { RUNS, reportLines, reportText } from "./arbitraries.ts";

const CORPUS = path.resolve(import.meta.dirname, "../../../corpus");
const anyText = fc.oneof(reportText(), reportLines);

/** Sample report paragraphs, so generated texts also contain real (reusable, figure-heavy) prose. */
const samples: string[] = [];
for (const f of readdirSync(CORPUS).filter((n) => n.endsWith(".txt")).sort()) {
  samples.push(...cleanText(readFileSync(path.join(CORPUS, f), "utf8")).text.split("\n").filter((l) => l.length > 20));
}
const withSamples = fc
  .array(fc.oneof(fc.constantFrom(...samples), reportText(15)), { maxLength: 12 })
  .map((parts) => parts.join("\n"));

describe("chunker properties", () => {
  it("never throws; every chunk slices back out of the cleaned text, in order, without overlap", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, withSamples), (raw) => {
        const cleaned = cleanText(raw).text;
        const chunks = buildChunks(cleaned, analyzeStructure(cleaned), { docId: "d_test", title: "标题", year: 2024 });
        chunks.forEach((c, i) => {
          expect(c.seq).toBe(i);
          expect(c.id).toBe(`d_test:${i}`);
          expect(0 <= c.start && c.start < c.end && c.end <= cleaned.length).toBe(true);
          expect(cleaned.slice(c.start, c.end)).toBe(c.text);
          if (i > 0) expect(c.start).toBeGreaterThanOrEqual(chunks[i - 1].end);
        });
      }),
      RUNS,
    );
  });

  it("gives the same chunks when run twice on the same input", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, withSamples), (raw) => {
        const cleaned = cleanText(raw).text;
        const once = () => buildChunks(cleaned, analyzeStructure(cleaned), { docId: "d_x", title: "t", year: null });
        expect(once()).toEqual(once());
      }),
      RUNS,
    );
  });
});

describe("checker properties", () => {
  let reuse: ReuseIndex & { match?: unknown };
  beforeAll(async () => {
    const index = await openReuseIndex({ dataDir: null, logger: silentLogger });
    for (const f of readdirSync(CORPUS).filter((n) => n.endsWith(".txt")).sort()) {
      const { document, chunks } = await prepareReport(f, new Uint8Array(readFileSync(path.join(CORPUS, f))));
      await index.addDocument({ id: document.id, title: document.title, contentHash: document.contentHash, cleanedText: document.cleanedText, chunks });
    }
    reuse = index;
  });

  const strip = (r: Awaited<ReturnType<typeof checkText>>) => ({ ...r, stats: { ...r.stats, elapsedMs: 0 } });

  it("never throws on arbitrary Unicode; each finding's offsets lie inside the text and slice back to its text", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyText, withSamples), fc.integer({ min: 1990, max: 2100 }), async (text, year) => {
        const { findings } = await checkText(text, { year, reuse });
        for (const f of findings) {
          expect(0 <= f.start && f.start <= f.end && f.end <= text.length, `${f.kind} ${f.start}-${f.end}`).toBe(true);
          expect(text.slice(f.start, f.end), f.kind).toBe(f.text);
          expect(f.message.length).toBeGreaterThan(0);
          if (f.source) {
            expect(f.source.start).toBeGreaterThanOrEqual(0);
            expect(f.source.end).toBeGreaterThanOrEqual(f.source.start);
          }
        }
        for (let i = 1; i < findings.length; i++) expect(findings[i].start).toBeGreaterThanOrEqual(findings[i - 1].start);
      }),
      { numRuns: 150 },
    );
  });

  it("a suggestion, once applied, fixes the finding it belongs to", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyText, withSamples), async (text) => {
        const { findings } = await checkText(text, { year: 2024, reuse });
        for (const f of findings.filter((x) => x.suggestion !== undefined && x.suggestion !== x.text)) {
          const fixed = text.slice(0, f.start) + f.suggestion + text.slice(f.end);
          const again = await checkText(fixed, { year: 2024, reuse });
          const same = again.findings.find((g) => g.kind === f.kind && g.start === f.start && g.text === f.suggestion && g.suggestion === f.suggestion);
          expect(same, `${f.kind} “${f.text}” → “${f.suggestion}”`).toBeUndefined();
        }
      }),
      { numRuns: 100 },
    );
  });

  it("gives the same findings when run twice on the same input", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyText, withSamples), async (text) => {
        expect(strip(await checkText(text, { year: 2024, reuse }))).toEqual(strip(await checkText(text, { year: 2024, reuse })));
      }),
      { numRuns: 100 },
    );
  });

  it("finds reuse when a whole archive paragraph is pasted in (the generator reaches the interesting path)", async () => {
    const long = samples.filter((s) => s.length > 80);
    const { findings } = await checkText(`2024年工作总结\n${long[3]}\n${long[10]}`, { year: 2024, reuse });
    expect(findings.some((f) => f.kind === "reuse")).toBe(true);
  });
});
