import { describe, expect, it } from "vitest";
import { checkFunctionWords } from "../../../server/checking/rules/function-words.ts";
import { checkLeaders } from "../../../server/checking/rules/leaders.ts";
import { checkNumberClauses } from "../../../server/checking/rules/number-clauses.ts";
import { checkPlaceholder } from "../../../server/checking/rules/placeholder.ts";
import { markClauses } from "../../../server/checking/rules/punctuation-marks.ts";
import { repetitionInParagraph } from "../../../server/checking/rules/repetition.ts";
import { loadRegistry } from "../../../server/lists/registry.ts";
import { loadRepetition } from "../../../server/lists/repetition.ts";

// Session 8, issue 16: clauses of the standards a proofreader applies, each with a planted case in our
// own words and a case the clause must leave alone.

const ctx = { year: 2025, registry: loadRegistry(), repetition: loadRepetition() };
const found = (fs: Array<{ text: string; suggestion?: string }>) => fs.map((f) => [f.text, f.suggestion ?? null]);

describe("GB/T 15835 / GB/T 9704: a date with its 月 left out", () => {
  it("reports a month and day run together, and a month before 底/初/旬", () => {
    expect(found(checkNumberClauses("1015日，县委政法委召开推进会。2024年318日开展培训。截至11底，共调处纠纷40件。"))).toEqual([
      ["1015日", "10月15日"], ["318日", "3月18日"], ["11底", "11月底"],
    ]);
  });
  it("leaves counts of days and figures that are no date", () => {
    expect(checkNumberClauses("案件在120日内办结，累计服务共1015日，平均每人365日。")).toEqual([]);
    expect(checkNumberClauses("2024年3月18日开展培训，11月底前完成。")).toEqual([]);
  });
});

describe("GB/T 15834 §4.5.3.1: bodies named side by side take a 顿号", () => {
  it("reports 党委政府, 县委县政府", () => {
    const pairs = markClauses("在党委政府的坚强领导下，落实县委县政府决策部署。");
    expect(found(pairs)).toEqual([["党委政府", "党委、政府"], ["县委县政府", "县委、县政府"]]);
    // A note: local reports write these pairs as set phrases, and proofreaders of real reports leave them.
    expect(pairs.map((f) => (f as { severity?: string }).severity)).toEqual(["info", "info"]);
  });
  it("leaves a body of a body and a joint office", () => {
    expect(markClauses("县委政法委牵头，县委县政府督查室督办，市政府办公室印发。")).toEqual([]);
  });
});

describe("GB/T 15834 §4.15: the 书名号 is for works, and a title inside a title takes 〈〉", () => {
  it("reports a body's name in 书名号 and angle brackets inside a title", () => {
    expect(found(markClauses("成立了《某县行政复议咨询委员会》。"))).toEqual([["《某县行政复议咨询委员会》", "某县行政复议咨询委员会"]]);
    expect(found(markClauses("制定《某县贯彻落实<法治政府建设实施纲要>工作方案》。"))).toEqual([["<", "〈"], [">", "〉"]]);
  });
  it("reports a cited document title whose matter lacks 关于 (GB/T 9704 §7.3.3)", () => {
    expect(markClauses("印发《2025年度行政执法案卷评查工作的通知》。").map((f) => f.kind)).toEqual(["grammar"]);
    expect(markClauses("印发《某县司法局关于开展案卷评查工作的通知》《某县转发省厅评查办法的通知》。")).toEqual([]);
  });
  it("leaves the titles of documents and laws that name a body", () => {
    expect(markClauses("印发《某县平安建设领导小组工作规则》，学习《地方各级人民代表大会和地方各级人民政府组织法》和《人民法院报》。")).toEqual([]);
  });
});

describe("redundancy: 同比 already says against the same period of last year; 出现……发生", () => {
  const semantic = (t: string) => repetitionInParagraph(t, ctx).map((f) => f.text);
  it("reports 与去年同比 and 出现……现象发生", () => {
    expect(semantic("全年发生刑事案件20起，与去年同比下降10%。")).toEqual(["与去年"]);
    expect(semantic("全年没有出现重复信访现象发生。")).toEqual(["出现"]);
  });
  it("leaves 同比 alone and 出现 without 发生", () => {
    expect(semantic("全年发生刑事案件20起，同比下降10%，与去年相比有所减少。全年没有出现重复信访现象。")).toEqual([]);
  });
});

describe("function words by neighbours: 的 before an aspect-marked verb, 截止 before a time", () => {
  const fw = (t: string) => found(checkFunctionWords(t, ctx));
  it("reports 及时的调整了 and 截止目前", () => {
    expect(fw("领导小组及时的调整了成员名单。")).toEqual([["的", "地"]]);
    expect(fw("截止目前，全县共排查隐患30处。")).toEqual([["截止", "截至"]]);
  });
  it("leaves 的 before a noun, 了解 as one word, and 截止 as a deadline", () => {
    expect(fw("这是及时的调整。人民的相互了解不断加深。报名截止日期为5月10日，截止到2025年底共受理。")).toEqual([]);
  });
});

describe("leaders: a named thought bears the name, not the title", () => {
  const leaders = (t: string) => found(checkLeaders(t, ctx).filter((f) => f.message.includes("思想的名称")));
  it("reports 以总书记新时代中国特色社会主义思想为指导", () => {
    expect(leaders("坚持以总书记新时代中国特色社会主义思想为指导。")).toEqual([["总书记", "习近平"]]);
  });
  it("leaves the name with or without the title after it", () => {
    expect(leaders("坚持以习近平新时代中国特色社会主义思想为指导，深入学习习近平总书记重要讲话精神。")).toEqual([]);
  });
});

describe("template leftovers: a unit's name taken out before a year", () => {
  const stripped = (t: string) => checkPlaceholder(t, ctx).filter((f) => f.message.includes("缺少名称")).map((f) => f.text);
  it("reports 县 alone after a preposition or 使 before a year", () => {
    expect(stripped("会议对县2024年禁毒工作作出部署，使县2024年发案数下降。")).toEqual(["县", "县"]);
  });
  it("leaves 全县, 本县 and a named county", () => {
    expect(stripped("会议对全县2024年禁毒工作作出部署，本县2024年发案数下降，对某县2024年工作进行评估。")).toEqual([]);
  });
});
