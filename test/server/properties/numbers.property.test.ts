import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractFigures, figureKey } from "../../../server/numbers/index.ts";
import { parseChineseNumeral } from "../../../server/text/numerals.ts";
import { RUNS, reportText } from "./arbitraries.ts";

describe("number parser properties", () => {
  it("never throws on arbitrary Unicode and returns figures whose offsets slice back to their raw text", () => {
    fc.assert(
      fc.property(reportText(), fc.boolean(), (text, includeQuoted) => {
        const figures = extractFigures(text, { includeQuoted });
        for (const f of figures) {
          expect(Number.isInteger(f.start) && Number.isInteger(f.end)).toBe(true);
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeGreaterThan(f.start);
          expect(f.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(f.start, f.end)).toBe(f.raw);
          expect(Number.isFinite(f.value)).toBe(true);
          expect(typeof figureKey(f)).toBe("string");
        }
      }),
      RUNS,
    );
  });

  it("finds figures in text order without overlaps", () => {
    fc.assert(
      fc.property(reportText(), (text) => {
        const figures = extractFigures(text);
        for (let i = 1; i < figures.length; i++) expect(figures[i].start).toBeGreaterThanOrEqual(figures[i - 1].end);
      }),
      RUNS,
    );
  });

  it("gives the same answer when run twice on the same input", () => {
    fc.assert(
      fc.property(reportText(), (text) => {
        expect(extractFigures(text)).toEqual(extractFigures(text));
      }),
      RUNS,
    );
  });

  it("reads a figure the same wherever it stands after a sentence break", () => {
    // A figure that starts its own sentence must not depend on unrelated text before it.
    fc.assert(
      fc.property(reportText(20), fc.constantFrom("1.2万余件", "98.6%", "12.5个百分点", "3000余人", "2024年"), (before, fig) => {
        const a = extractFigures(`共计${fig}。`);
        const b = extractFigures(`${before}\n共计${fig}。`);
        const shift = before.length + 1;
        const tail = b.filter((f) => f.start >= shift).map((f) => ({ ...f, start: f.start - shift, end: f.end - shift }));
        expect(tail).toEqual(a);
      }),
      RUNS,
    );
  });

  it("parses Chinese numerals to a finite number or null, never throwing", () => {
    fc.assert(
      fc.property(fc.oneof(reportText(6), fc.array(fc.constantFrom(..."零〇一二两三四五六七八九十百千万亿壹贰叁"), { maxLength: 10 }).map((a) => a.join(""))), (s) => {
        const v = parseChineseNumeral(s);
        if (v !== null) expect(Number.isFinite(v)).toBe(true);
      }),
      RUNS,
    );
  });
});
