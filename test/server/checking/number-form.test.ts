import { describe, expect, it } from "vitest";
import { loadRegistry } from "../../../server/checking/registry.ts";
import { checkNumberForm } from "../../../server/checking/rules/number-form.ts";

const ctx = { year: 2025, registry: loadRegistry() };
const fix = (text: string) => checkNumberForm(text, ctx).map((f) => [f.text, f.suggestion]);

describe("number forms (GB/T 15835)", () => {
  it("writes a two-digit calendar year in full, in the report's century", () => {
    expect(fix("23年以来，工作稳步推进；自24年上半年起")).toEqual([["23年", "2023年"], ["24年", "2024年"]]);
    expect(fix("截至99年底")).toEqual([["99年", "1999年"]]);
  });

  it("leaves durations and full years alone", () => {
    expect(fix("连续工作23年，2024年全年，服役12年")).toEqual([]);
  });

  it("replaces 千/百 after Arabic digits with the number, but not units such as 千米", () => {
    expect(fix("培训3千人次，发放5百份，投入1.5千元")).toEqual([["3千", "3000"], ["5百", "500"], ["1.5千", "1500"]]);
    expect(fix("道路3千米，功率5千瓦，1.2万元")).toEqual([]);
  });

  it("drops the 顿号 in an adjacent-numeral estimate, never in a list", () => {
    expect(fix("持续三、四天，一、二、三项工作")).toEqual([["三、四", "三四"]]);
  });
});
