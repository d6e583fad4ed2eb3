import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitSentences } from "../../../server/text/sentences.ts";

const texts = (t: string, opts?: { semicolons?: boolean }) => splitSentences(t, opts).map((s) => t.slice(s.start, s.end));

describe("splitSentences", () => {
  it("splits at 。！？ and line breaks", () => {
    expect(texts("全年发案下降。群众满意吗？非常满意！\n第二段")).toEqual(["全年发案下降。", "群众满意吗？", "非常满意！", "第二段"]);
  });
  it("keeps closing quotes and brackets with their sentence", () => {
    expect(texts("他强调：“要守住底线。”随后部署工作。")).toEqual(["他强调：“要守住底线。”", "随后部署工作。"]);
    expect(texts("（以上数据截至11月底。）下一句。")).toEqual(["（以上数据截至11月底。）", "下一句。"]);
  });
  it("does not split inside a quotation", () => {
    expect(texts("坚持“预防为主。调解优先。”的原则。")).toEqual(["坚持“预防为主。调解优先。”", "的原则。"]);
  });
  it("recovers from an unbalanced quote (“……“ typo)", () => {
    expect(texts("构建“六位一体“工作网格。深入推进二期建设。")).toEqual(["构建“六位一体“工作网格。", "深入推进二期建设。"]);
  });
  it("splits at semicolons only when asked", () => {
    expect(texts("一是健全机制；二是强化调解。")).toEqual(["一是健全机制；二是强化调解。"]);
    expect(texts("一是健全机制；二是强化调解。", { semicolons: true })).toEqual(["一是健全机制；", "二是强化调解。"]);
  });
  it("treats …… and runs of end marks as one end, and never splits decimals", () => {
    expect(texts("破获……。下降1.2个百分点！？好")).toEqual(["破获……。", "下降1.2个百分点！？", "好"]);
  });
  it("skips whitespace between sentences", () => {
    expect(splitSentences("  甲。  乙。 ")).toEqual([
      { start: 2, end: 4 },
      { start: 6, end: 8 },
    ]);
  });
  it("returns ordered, non-overlapping spans that never start or end with whitespace (property)", () => {
    const alphabet = fc.constantFrom("政", "法", "。", "！", "？", "；", "“", "”", "（", "）", "\n", " ", "\u3000", "1", ".", "…");
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 200 }).map((a) => a.join("")), (t) => {
        let prev = 0;
        for (const s of splitSentences(t, { semicolons: true })) {
          expect(s.start).toBeGreaterThanOrEqual(prev);
          expect(s.end).toBeGreaterThan(s.start);
          expect(/\s/.test(t[s.start])).toBe(false);
          expect(/\s/.test(t[s.end - 1])).toBe(false);
          prev = s.end;
        }
        // Nothing but whitespace is left out.
        const covered = splitSentences(t).reduce((acc, s) => acc + t.slice(s.start, s.end).replace(/\s/g, "").length, 0);
        expect(covered).toBe(t.replace(/\s/g, "").length);
      }),
      { numRuns: 300, seed: 42 },
    );
  });
  it("with a limit gives the first sentences of the full split (property)", () => {
    const alphabet = fc.constantFrom("政", "法", "。", "！", "？", "；", "“", "”", "（", "）", "\n", " ", "…");
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 120 }).map((a) => a.join("")), fc.integer({ min: 1, max: 4 }), fc.boolean(), (t, limit, semicolons) => {
        expect(splitSentences(t, { limit, semicolons })).toEqual(splitSentences(t, { semicolons }).slice(0, limit));
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
