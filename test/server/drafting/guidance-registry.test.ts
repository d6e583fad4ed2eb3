import { describe, expect, it } from "vitest";
import { checkRules } from "../../../server/checking/check.ts";
import { periodEndFromText } from "../../../server/text/report.ts";
import { loadRegistry } from "../../../server/lists/registry.ts";
import { guidingThought } from "../../../server/drafting/guidance.ts";

// The opening's guiding thought is derived from the dated registry the outdated check reads; this keeps
// the derivation and the check's reading of the same dates in agreement.
describe("the offline opening's guiding thought and the outdated check", () => {
  for (let year = 2018; year <= 2026; year++) {
    for (const period of ["全年", "上半年"]) {
      it(`agree for ${year}${period}`, () => {
        const text = `某区委政法委${year}年${period === "全年" ? "" : period}工作总结\n${year}年，坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻${guidingThought(year, period)}。`;
        const ctx = { year, registry: loadRegistry(), periodEnd: periodEndFromText(text, year) };
        const outdated = checkRules(text, ctx, []).filter((f) => f.kind === "outdated");
        expect(outdated.map((f) => f.message)).toEqual([]);
      });
    }
  }
});

describe("checkText judges a half-year report at the end of June", () => {
  it("accepts the plenums held by then, and asks for the newer one in a full-year report", async () => {
    const { checkText } = await import("../../../server/checking/check.ts");
    const body = "2025年，坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届二中、三中全会精神。";
    const half = await checkText(`某区委政法委2025年上半年工作总结\n${body}`);
    expect(half.findings.filter((f) => f.kind === "outdated")).toEqual([]);
    const full = await checkText(`某区委政法委2025年工作总结\n${body}`);
    expect(full.findings.filter((f) => f.kind === "outdated").length).toBeGreaterThan(0);
  });
});
