import { describe, expect, it } from "vitest";
import { anyMatch, MATCH_FLOOR, queryTerms, termCoverage } from "../../../server/text/query-match.ts";

describe("whether a passage is about a query's words", () => {
  it("takes Han pairs within each run, single characters, and Latin words or numbers, folded", () => {
    expect(queryTerms("网格 化解")).toEqual(["网格", "化解"]);
    expect(queryTerms("扫黑除恶")).toEqual(["扫黑", "黑除", "除恶"]);
    expect(queryTerms("案 ＡＢＣ 2024")).toEqual(["案", "abc", "2024"]);
    expect(queryTerms("，。")).toEqual([]);
  });

  it("counts the share of terms a passage holds", () => {
    const terms = queryTerms("矛盾纠纷多元化解");
    expect(termCoverage(terms, "全年排查化解矛盾纠纷多起，多元化解机制逐步健全。")).toBe(1);
    expect(termCoverage(terms, "推进平安建设，加强基层治理。")).toBe(0);
    expect(termCoverage([], "任何文字")).toBe(0);
  });

  it("finds a match only when some passage reaches the floor", () => {
    const passages = ["持续推进基层治理工作。", "加强政法队伍建设工作。"];
    // Sharing one common pair (工作) with every passage is not being about the words.
    expect(anyMatch("卫星遥感工作", passages)).toBe(false);
    expect(anyMatch("基层治理", passages)).toBe(true);
    expect(MATCH_FLOOR).toBeGreaterThan(0.3);
  });
});
