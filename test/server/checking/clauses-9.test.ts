import { describe, expect, it } from "vitest";
import { checkNumberClauses } from "../../../server/checking/rules/number-clauses.ts";
import { checkPlaceholder } from "../../../server/checking/rules/placeholder.ts";
import { punctuationInParagraph } from "../../../server/checking/rules/punctuation.ts";
import { loadRegistry } from "../../../server/lists/registry.ts";

// Session 9, issue 16: clauses of the standards a proofreader applies, each with a planted case in our
// own words and a case the clause must leave alone.

const ctx = { year: 2025, registry: loadRegistry() };
const loud = <T extends { severity: string }>(fs: T[]) => fs.filter((f) => f.severity !== "info");

describe("GB/T 15834 §4.5.3.5: one series of quoted items takes one form", () => {
  it("reports the 顿号 of a series that joins its other quoted items with nothing", () => {
    const f = loud(punctuationInParagraph("概括起来是“一条主线”“两个抓手”、“三项机制”。"));
    expect(f.map((x) => [x.text, x.message.includes("应统一")])).toEqual([["、", true]]);
    const t = loud(punctuationInParagraph("编印了《调解手册》《普法读本》、《禁毒问答》。"));
    expect(t.filter((x) => x.message.includes("应统一")).map((x) => x.text)).toEqual(["、"]);
  });
  it("leaves a series that keeps the 顿号 throughout (a note), and one with none", () => {
    expect(loud(punctuationInParagraph("落实“一村一警”、“一村一法律顾问”、“一村一调解员”制度。"))).toEqual([]);
    expect(loud(punctuationInParagraph("落实“一村一警”“一村一法律顾问”“一村一调解员”制度。"))).toEqual([]);
  });
  it("holds a report on a year before GB/T 15834-2011 to its own time's usage (》、《 allowed)", () => {
    expect(loud(punctuationInParagraph("学习了《治安管理处罚法》、《信访条例》。", 2008))).toEqual([]);
    expect(loud(punctuationInParagraph("学习了《治安管理处罚法》、《信访条例》。", 2020)).map((f) => f.text)).toEqual(["、"]);
  });
});

describe("GB/T 15835: % on both ends of a range, from the figures' rules of 1987 on", () => {
  it("reports 5—8% for a recent year and leaves it in a report of the 1950s", () => {
    expect(checkNumberClauses("增幅控制在5—8%。", 2024).map((f) => f.suggestion)).toEqual(["5%—8%"]);
    expect(checkNumberClauses("增幅控制在5—8%。", 1956)).toEqual([]);
  });
});

describe("template leftovers: a web page's line inside a sentence is no ad", () => {
  it("leaves a link's words set on a line of their own in the middle of a sentence", () => {
    const text = "县司法局工作总结\n对于已过保护期的其他材料，可以参照\n版权说明页\n。今年共办理法律援助案件120件。";
    expect(checkPlaceholder(text, ctx).filter((f) => f.message.includes("网页残留"))).toEqual([]);
  });
  it("still reports the same line standing alone between sentences", () => {
    const text = "县司法局工作总结\n今年共办理法律援助案件120件。\n版权说明页\n全年接待群众来访300人次。";
    expect(checkPlaceholder(text, ctx).filter((f) => f.message.includes("网页残留")).map((f) => f.text)).toEqual(["版权说明页"]);
  });
});

describe("template leftovers: an empty slot, a figure left out with nothing in its place", () => {
  const slots = (t: string) => checkPlaceholder(t, ctx).filter((f) => f.message.includes("缺少数字")).map((f) => t.slice(f.start - 2, f.end));
  it("reports a measure word standing where official prose always puts a figure before it", () => {
    expect(slots("调解委员会从最初的个增加到个，调解员增加到人。")).toEqual(["初的个", "加到个", "加到人"]);
    expect(slots("司法所与个行政村签订了协议。")).toEqual(["所与个"]);
  });
  it("leaves the measure word after a figure, inside a word, distributing, or as the spoken indefinite", () => {
    expect(slots("调解委员会从最初的12个增加到三十多个，调解员增加到100余人。")).toEqual([]);
    expect(slots("他个人表示，个别村落实不到位，人人有责。")).toEqual([]);
    expect(slots("压实责任，责任到人，服务延伸到人。")).toEqual([]);
    expect(slots("要给青年干部做个榜样，我们党有这么个规矩。")).toEqual([]);
    // 对 + 台 (Taiwan) alone: official prose writes the two together, never with a figure between.
    expect(slots("进一步做好对台工作。")).toEqual([]);
    expect(slots("建设“N”个转化中心，办好“10+2”项实事，新增M项。")).toEqual([]);
  });
});
