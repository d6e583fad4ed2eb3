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
  it("reads a range whose first figure carries the unit too, and is a warning a proofreader acts on", () => {
    expect(form("近五年（2020年-2024年）的工作，上半年即1月-6月的数据。", range)).toEqual([
      ["2020年-2024", "2020年—2024"],
      ["1月-6", "1月—6"],
    ]);
    expect(checkNumberForm("配备3-5名网格员。", ctx).find((f) => /范围用/.test(f.message))?.severity).toBe("warning");
    // different units on the two ends are no range of one measure
    expect(form("2020年-6月", range)).toEqual([]);
  });
  it("leaves codes, phone numbers, document numbers, titles and descending pairs alone", () => {
    // A span of years inside a title is reported since session 9 (clauses-9.test.ts): the title's publisher prints the 一字线.
    expect(form("举报电话0731-12345678，编号G15-3号，文号〔2025〕3-1号，印发《平安建设第3-5号指引》，比分5-3名。", range)).toEqual([]);
  });
});

describe("leftovers of a web page and blank lengths of time", () => {
  it("reports a site's watermark line and a paywall prompt left in the text, the same lines ingest cleans", async () => {
    const { checkPlaceholder } = await import("../../../server/checking/rules/placeholder.ts");
    const text = "一、平安建设\n全县刑事案件下降12%。\n  某某 写作 网原创▲文章\n想阅读完全部内容，请先登录会员\n二、法治建设\n";
    const found = checkPlaceholder(text, ctx).filter((f) => /网页残留/.test(f.message));
    // adjacent web lines are one block, one finding
    expect(found.map((f) => text.slice(f.start, f.end).trim())).toEqual(["某某 写作 网原创▲文章\n想阅读完全部内容，请先登录会员"]);
    expect(checkPlaceholder("全县开展原创文艺作品征集活动，评出优秀作品20件。\n", ctx)).toEqual([]);
  });

  it("calls XX年 after 超/近/连续 a blank number, not an unfilled year", async () => {
    const { checkPlaceholder } = await import("../../../server/checking/rules/placeholder.ts");
    expect(checkPlaceholder("全县连续xx年实现命案全破。\n", ctx).map((f) => f.message)).toEqual(["数字未填写：“xx年”"]);
    expect(checkPlaceholder("20XX年全县平安建设再上新台阶。\n", ctx).map((f) => f.message)).toEqual(["年份未填写：“20XX年”"]);
  });
});
