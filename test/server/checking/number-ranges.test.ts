import { describe, expect, it } from "vitest";
import { checkNumberForm } from "../../../server/checking/rules/number-form.ts";
import { loadRegistry } from "../../../server/lists/registry.ts";

const ctx = { year: 2025, registry: loadRegistry(), periodEnd: 20251231 };
const form = (text: string, pick: RegExp) => checkNumberForm(text, ctx).filter((f) => pick.test(f.message)).map((f) => [f.text, f.suggestion]);

describe("a share written without its percent sign", () => {
  const pct = /百分号/;
  it("adds the % to a bare share of a whole", () => {
    expect(form("群众来信占信访总量的41.6；来访占比22，其余为网上信访。", pct)).toEqual([["41.6", "41.6%"], ["22", "22%"]]);
  });
  it("leaves a share with its sign, a count with its unit and a number over 100 alone", () => {
    expect(form("来信占信访总量的41.6%，占全部案件的120件中的多数。", pct)).toEqual([]);
    expect(form("占全县总人口的1250，", pct)).toEqual([]);
  });
});

describe("ranges joined with a hyphen", () => {
  const range = /范围用/;
  it("gives a range of values the 浪纹线 and a range of time the 一字线", () => {
    expect(form("每个网格配备3-5名网格员，1-6月共排查隐患200处，规划期为2021-2025年。", range)).toEqual([
      ["3-5", "3～5"],
      ["1-6", "1—6"],
      ["2021-2025", "2021—2025"],
    ]);
  });
  it("leaves codes, phone numbers, document numbers, titles and descending pairs alone", () => {
    expect(form("举报电话0731-12345678，编号G15-3号，文号〔2025〕3-1号，印发《平安建设规划（2021-2025年）》，比分5-3名。", range)).toEqual([]);
  });
});
