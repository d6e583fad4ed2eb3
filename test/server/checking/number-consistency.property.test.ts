import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkNumberConsistency } from "../../../server/checking/rules/number-consistency.ts";
import { chineseInteger, parseChineseNumeral } from "../../../server/text/numerals.ts";
import { reportText, RUNS } from "../properties/arbitraries.ts";

/** Report text with both forms of each kind mixed in, so the rule has something to weigh. */
const MIXED = ["二〇二四年", "二〇二五年十二月二十日", "百分之九十七点五", "约百分之五十以上", "十二人", "三十余名", "一万余人", "百分之", "〇", "点", "月", "日", "件", "人次"];
const mixedText = fc
  .array(fc.oneof({ weight: 3, arbitrary: reportText(6) }, { weight: 1, arbitrary: fc.constantFrom(...MIXED) }), { maxLength: 30 })
  .map((a) => a.join(""));

describe("one form per kind, on any text", () => {
  it("reports spans inside the text whose text is the slice they point at, the same on every run", () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        const a = checkNumberConsistency(text);
        for (const f of a) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeLessThanOrEqual(text.length);
          expect(f.start).toBeLessThan(f.end);
          expect(f.text).toBe(text.slice(f.start, f.end));
        }
        expect(checkNumberConsistency(text)).toEqual(a);
      }),
      RUNS,
    );
  });

  it("finds the one 汉字 statistic among Arabic ones and converts it to the same number", () => {
    const count = fc.integer({ min: 10, max: 99_999_999 }).filter((n) => n % 10_000 !== 0);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 10, max: 9999 }), { minLength: 1, maxLength: 5 }), count, (arabic, n) => {
        const cn = chineseInteger(n)!;
        const text = arabic.map((a) => `受理纠纷${a}件。`).join("") + `调解成功${cn}件。`;
        const found = checkNumberConsistency(text);
        expect(found.map((f) => [f.text, f.suggestion])).toEqual([[`${cn}件`, `${n}件`]]);
      }),
      RUNS,
    );
  });

  it("writes every integer below 10⁸ in 汉字 that reads back to itself", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999_999 }), (n) => {
      expect(parseChineseNumeral(chineseInteger(n)!)).toBe(n);
    }), RUNS);
  });
});
