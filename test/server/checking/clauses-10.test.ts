import { describe, expect, it } from "vitest";
import { checkNumberClauses } from "../../../server/checking/rules/number-clauses.ts";
import { punctuationAcrossText, punctuationInParagraph } from "../../../server/checking/rules/punctuation.ts";

// Session 10, issue 16: clauses of the standards a proofreader applies, each with a planted case in our
// own words and a case the clause must leave alone.

const loud = <T extends { severity: string }>(fs: T[]) => fs.filter((f) => f.severity !== "info");
const said = <T extends { message: string }>(fs: T[], words: string) => fs.filter((f) => f.message.includes(words));

describe("GB/T 15834 §4.6.3.1: the items of a run end as sentences when they hold sentences", () => {
  it("reports the semicolon after an item that holds a full stop of its own", () => {
    const p = "一是开展普法讲座。全年共举办讲座12场；二是编印宣传资料。发放资料3000余份；三是组织以案释法活动。";
    const f = said(punctuationInParagraph(p), "应用句号");
    expect(f.map((x) => [p.slice(x.start - 2, x.end), x.suggestion])).toEqual([["2场；", "。"], ["余份；", "。"]]);
  });
  it("leaves a run whose items are clauses of one sentence, and a stop inside a quotation", () => {
    expect(said(punctuationInParagraph("一是加强排查，及时化解纠纷；二是强化宣传，营造良好氛围；三是健全机制，落实工作责任。"), "句号")).toEqual([]);
    expect(said(punctuationInParagraph("一是落实“谁执法谁普法。”责任制；二是开展法律进村活动。"), "句号")).toEqual([]);
  });
  it("reports a full stop among semicolons in a run of clauses", () => {
    const p = "一是加强组织领导；二是完善工作机制。三是强化督促检查；四是严格考核奖惩。";
    const f = said(punctuationInParagraph(p), "也应用分号");
    expect(f.map((x) => [p.slice(x.start - 2, x.end), x.suggestion])).toEqual([["机制。", "；"]]);
  });
});

describe("GB/T 15834 §4.1.3: a paragraph's last sentence ends with a stop", () => {
  it("reports a body paragraph that ends in a figure with no mark at the end of the text", () => {
    const text = "县人民检察院工作总结\n全年共立案公益诉讼案件86件。其中生态环境领域案件占立案总数的61.5%";
    const f = said(punctuationAcrossText(text), "段落末尾");
    expect(f.map((x) => [x.text, x.suggestion])).toEqual([["%", "%。"]]);
  });
  it("reports one before a heading on the next line, and a run-in heading's paragraph", () => {
    const text = "（一）强化宣传。全年开展法治宣传活动12场。发放宣传资料的数量比上年明显增加\n（二）化解纠纷\n排查矛盾纠纷120件。";
    expect(said(punctuationAcrossText(text), "段落末尾").map((x) => x.text)).toEqual(["加"]);
  });
  it("leaves a title, a heading, a line that wraps on the next line, and a paragraph cut at an empty line", () => {
    expect(said(punctuationAcrossText("关于2025年政法工作的总结\n一、主要工作\n全年共办理案件120件。"), "段落末尾")).toEqual([]);
    expect(said(punctuationAcrossText("全年共办理案件120件。全年共调解矛盾纠纷的件数比去年增加\n了30件，调解成功率明显提高。"), "段落末尾")).toEqual([]);
    expect(said(punctuationAcrossText("全年共办理案件120件。全年共调解矛盾纠纷的件数比去年增加\n\n了30件，调解成功率明显提高。"), "段落末尾")).toEqual([]);
  });
});

describe("GB/T 15835: approximate figures, amounts and quarters", () => {
  it("reports 余 after a figure that is not round, and leaves round ones", () => {
    expect(said(checkNumberClauses("开展走访活动152余人次，调解纠纷10余件，培训1200余人。", 2024), "约数").map((f) => f.text)).toEqual(["152余"]);
    expect(said(checkNumberClauses("惠及3700多万学生，建设5100多个项目，涉及多方多元主体。", 2024), "约数")).toEqual([]);
  });
  it("reports 4.9个亿 with the unit written directly, and leaves a count of trillion-levels", () => {
    expect(checkNumberClauses("完成固定资产投资4.9个亿，同比增长28%。", 2024).map((f) => f.suggestion)).toEqual(["4.9亿"]);
    expect(checkNumberClauses("连续迈上4个万亿元台阶，培育3个万亿级产业集群。", 2024)).toEqual([]);
  });
  it("reports a quarter named with a figure, and leaves 一季度 and a range of months", () => {
    expect(checkNumberClauses("现将1季度工作总结和第2季度工作计划报告如下：", 2024).map((f) => f.suggestion)).toEqual(["一季度", "第二季度"]);
    expect(checkNumberClauses("一季度完成投资2亿元，1—3月共受理案件12件。", 2024)).toEqual([]);
  });
});

describe("the new clauses leave plain official prose alone", () => {
  it("gives no finding on paragraphs written as official prose writes them", () => {
    const text = "关于2025年工作情况的报告\n一、主要工作\n全年共办理案件120件，同比增长10%。一是加强组织领导；二是完善工作机制；三是强化督促检查。\n二、下一步打算\n继续做好各项工作。";
    expect(loud(punctuationAcrossText(text))).toEqual([]);
    for (const p of text.split("\n")) expect(loud(punctuationInParagraph(p))).toEqual([]);
  });
});

describe("GB/T 15834 §4.5.3.1: a comma inside a series joined by 顿号", () => {
  const series = (p: string) => said(punctuationInParagraph(p), "也应用顿号，不用逗号").map((f) => p.slice(f.start - 2, f.end + 2));
  it("reports the comma before a run closed by 为 of 以……为, and after a run closed by a count", () => {
    expect(series("今年，以化解矛盾纠纷，维护社会稳定、服务群众生活为重点开展工作。")).toEqual(["纠纷，维护"]);
    expect(series("各镇司法所所长、各派出所副所长，各村调委会主任共40余人参加培训。")).toEqual(["所长，各村"]);
  });
  it("reports the comma in a modifier run whose items end in one verb", () => {
    expect(series("形成书记亲自抓、分管领导具体抓，相关部门配合抓的工作格局。")).toEqual(["体抓，相关"]);
  });
  it("leaves clauses: a run that no word closes, a comma after a longer clause, a possessive 的, a verb's object running on, an enumerator", () => {
    expect(series("管道全线贯通并投入商业运营，调解中心、法律援助中心等机构实现全覆盖。")).toEqual([]);
    expect(series("坚持解放思想、实事求是，尊重群众的首创精神。")).toEqual([]);
    expect(series("继续改善人民生活、增进人民福祉，完成时代赋予的光荣任务。")).toEqual([]);
    expect(series("第六，科学、文教、卫生等事业有了新的发展。")).toEqual([]);
    expect(series("今年，以化解矛盾纠纷，维护社会稳定、服务群众生活。")).toEqual([]);
  });
});
