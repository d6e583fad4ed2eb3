import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanText } from "../../../server/corpus/clean.ts";
import { parseHeading } from "../../../server/text/headings.ts";
import { analyzeStructure } from "../../../server/corpus/structure.ts";
import { RUNS, reportLines, reportText } from "./arbitraries.ts";

const anyText = fc.oneof(reportText(), reportLines);

describe("cleaner properties", () => {
  it("never throws and yields trimmed, non-empty lines with removals pointing at real lines", () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const { text, removed } = cleanText(raw);
        expect(typeof text).toBe("string");
        if (text !== "") {
          for (const line of text.split("\n")) {
            expect(line.trim()).not.toBe("");
            expect(line).toBe(line.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ""));
          }
        }
        const lineCount = raw.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n").split("\n").length;
        for (const r of removed) {
          expect(Number.isInteger(r.line)).toBe(true);
          expect(r.line).toBeGreaterThanOrEqual(1);
          expect(r.line).toBeLessThanOrEqual(lineCount);
        }
      }),
      RUNS,
    );
  });

  it("gives the same answer when run twice on the same input", () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        expect(cleanText(raw)).toEqual(cleanText(raw));
      }),
      RUNS,
    );
  });

  it("never invents text: every character it keeps appears in the input", () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        // Compared by UTF-16 unit: removing "##paidend##" from "\ud800##paidend##\udc00" joins two lone
        // surrogates into one pair, a new code point made only of units the input had (found by fast-check).
        const kept = new Set(raw.split(""));
        const out = cleanText(raw).text;
        for (let i = 0; i < out.length; i++) if (out[i] !== "\n") expect(kept.has(out[i])).toBe(true);
      }),
      RUNS,
    );
  });
});

describe("structure parser properties", () => {
  it("never throws on cleaned arbitrary text; every offset lies inside the text", () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const cleaned = cleanText(raw).text;
        const { structure, paras } = analyzeStructure(cleaned);
        const n = cleaned.length;
        for (const h of structure.headings) {
          expect(0 <= h.start && h.start <= h.end && h.end <= n).toBe(true);
          // The heading's span begins with its marker as written.
          expect(cleaned.slice(h.start, h.end).startsWith(h.marker)).toBe(true);
          expect(cleaned.slice(h.start, h.end)).toContain(h.text);
        }
        for (const s of structure.sections) expect(0 <= s.start && s.start <= s.end && s.end <= n).toBe(true);
        for (const p of paras) {
          expect(0 <= p.start && p.start <= p.end && p.end <= n).toBe(true);
          expect(cleaned.slice(p.start, p.end)).not.toContain("\n");
        }
        expect(paras.map((p) => cleaned.slice(p.start, p.end)).join("\n")).toBe(cleaned);
      }),
      RUNS,
    );
  });

  it("also survives raw, uncleaned text (control characters, lone surrogates, CRs)", () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const a = analyzeStructure(raw);
        for (const h of a.structure.headings) expect(0 <= h.start && h.start <= h.end && h.end <= raw.length).toBe(true);
      }),
      RUNS,
    );
  });

  it("gives the same answer when run twice on the same input", () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const cleaned = cleanText(raw).text;
        expect(analyzeStructure(cleaned)).toEqual(analyzeStructure(cleaned));
      }),
      RUNS,
    );
  });

  it("parses a heading line to offsets relative to where the line starts", () => {
    fc.assert(
      fc.property(reportText(10), fc.nat(10_000), (line, at) => {
        const a = parseHeading(line, 0);
        const b = parseHeading(line, at);
        if (a === null) {
          expect(b).toBeNull();
          return;
        }
        expect(b).not.toBeNull();
        expect(b!.start - a.start).toBe(at);
        expect(b!.end - a.end).toBe(at);
        expect(a.end).toBeLessThanOrEqual(line.length);
        expect(line.slice(a.start, a.end)).toContain(a.text);
      }),
      RUNS,
    );
  });
});
