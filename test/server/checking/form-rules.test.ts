import { describe, expect, it } from "vitest";
import { checkArithmetic } from "../../../server/checking/rules/arithmetic.ts";
import { checkConsistency } from "../../../server/checking/rules/consistency.ts";
import { checkNumberForm } from "../../../server/checking/rules/number-form.ts";
import { checkNumbering } from "../../../server/checking/rules/numbering.ts";
import { checkPlaceholder } from "../../../server/checking/rules/placeholder.ts";
import { checkPunctuation } from "../../../server/checking/rules/punctuation.ts";
import { loadRegistry } from "../../../server/lists/registry.ts";
import type { Finding } from "../../../server/checking/types.ts";

// One planted case and one clean case per clause, in our own words (docs/punctuation.md lists the clauses).

const ctx = { year: 2025, registry: loadRegistry(), periodEnd: 20251231 };
const loud = (fs: Finding[]) => fs.filter((f) => f.severity !== "info");
const punct = (t: string) => loud(checkPunctuation(t, ctx)).map((f) => [f.text, f.suggestion ?? null]);
const numbers = (t: string) => loud(checkNumberForm(t, ctx)).map((f) => [f.text, f.suggestion ?? null]);

describe("GB/T 15834 clauses", () => {
  it("§4.7.3.1: 如下 announces what follows and takes a colon", () => {
    expect(punct("现将全年工作总结如下。\n一、主要工作")).toEqual([["。", "："]]);
    expect(punct("现将全年工作总结如下：\n一、主要工作")).toEqual([]);
    expect(punct("现将全年工作总结如下，\n一、主要工作")).toEqual([["，", "："]]);
    // the sentence goes on after the comma: the colon belongs at its end, not after 如下
    expect(punct("现将全年工作总结如下，并制定明年工作计划。")).toEqual([]);
  });

  it("title lines end without a stop", () => {
    expect(punct("城南区司法局2025年工作总结。\n全年办结案件。")).toEqual([["。", ""]]);
    expect(punct("城南区司法局2025年工作总结\n全年办结案件。")).toEqual([]);
  });

  it("§4.3.3.1: a statement does not end in a question mark; a question does", () => {
    expect(punct("全年调解纠纷成功率稳步提升？各项工作有序推进。")).toEqual([["？", "。"]]);
    expect(punct("如何让群众少跑腿？我们推行了一窗通办。")).toEqual([]);
    expect(punct("矛盾化解得好不好？要由群众来评判。")).toEqual([]);
  });

  it("§4.5.3.1: a conjunction that opens a clause follows a comma, not a 顿号", () => {
    expect(punct("全面核查举报线索、并及时反馈处理结果。")).toEqual([["、", "，"]]);
    expect(punct("全面核查举报线索，并及时反馈处理结果。对企业实行关、停、并、转。")).toEqual([]);
  });

  it("§4.5.3.1: short parallel nouns take the 顿号, not the comma", () => {
    expect(punct("会同公安，检察，法院等单位开展联合检查。")).toEqual([["，", "、"], ["，", "、"]]);
    expect(punct("会同公安、检察、法院等单位开展联合检查。")).toEqual([]);
  });

  it("§4.11: the ellipsis is not followed by 等", () => {
    expect(punct("排查了治安、交通、消防……等领域的隐患。")).toEqual([["等", ""]]);
    expect(punct("排查了治安、交通、消防等领域的隐患。")).toEqual([]);
  });

  it("§4.13.3: a time range takes the 一字线, never the 破折号 or the 浪纹线", () => {
    expect(punct("2021——2025年连续开展专项整治，1～6月办结120件。")).toEqual([["——", "—"], ["～", "—"]]);
    expect(punct("2021—2025年连续开展专项整治，每村配备2～3名调解员。")).toEqual([]);
  });

  it("pairs quotes and titles across the line breaks of a copied text, and reports a real unmatched one", () => {
    expect(punct("会上传达了《\n关于加强基层治理的意见\n》的精神。\n他说：“\n要把矛盾化解在基层。\n”")).toEqual([]);
    expect(punct("全面推进“平安村居建设，成效明显。\n下一段另起。")).toEqual([["“", null]]);
  });

  it("a quotation of several paragraphs opens each with “ and closes only at the end", () => {
    expect(punct("会议指出：“第一段讲形势。\n“第二段讲任务。”")).toEqual([]);
  });

  it("the 顿号 between quoted items is only a note (§4.5.3.5: usually none)", () => {
    const f = checkPunctuation("落实“一村一警”、“一村一法律顾问”制度。", ctx);
    expect(f.map((x) => x.severity)).toEqual(["info"]);
  });

  it("the 顿号 between titles in 书名号 is a warning: published prose almost never prints it", () => {
    const f = checkPunctuation("学习《宪法》、《民法典》等法律。", ctx).filter((x) => /顿号/.test(x.message));
    expect(f.map((x) => [x.severity, x.text, x.suggestion])).toEqual([["warning", "、", ""]]);
  });

  it("bylines, captions and a spaced-out name are layout, a space inside a sentence is not", () => {
    expect(punct("关于2025年平安建设的报告\n——2026年1月8日在县委全会上\n县长 某某\n本报记者 某 某 摄\n李　强\n全年推进 规范化建设。")).toEqual([[" ", ""]]);
  });

  it("a space between a Chinese character and a figure is stray, a code's space is not", () => {
    expect(punct("全县 120 个村居建成调解室，按GB/T 9704 的要求排版。")).toEqual([[" ", ""], [" ", ""]]);
  });

  it("the marks of a web page's frame are not the report's punctuation", () => {
    expect(punct("分享:\n【字号：\n大\n】\n城南区2025年工作总结\n全年工作有序推进。")).toEqual([]);
  });
});

describe("GB/T 15835 and GB/T 9704 number clauses", () => {
  it("a date takes no padding zeros (成文日期)", () => {
    expect(numbers("城南区委政法委\n2026年01月05日")).toEqual([["2026年01月05日", "2026年1月5日"]]);
    expect(numbers("城南区委政法委\n2026年1月5日")).toEqual([]);
  });

  it("both ends of a range carry % and 万/亿", () => {
    expect(numbers("满意度提高10～20%，投入5～8万元。")).toEqual([["10～20%", "10%～20%"], ["5～8万", "5万～8万"]]);
    expect(numbers("满意度提高10%～20%，投入5万～8万元。")).toEqual([]);
  });

  it("full-width digits are the odd ones out in a text of half-width figures", () => {
    expect(numbers("全年办结案件120件，调解300件，回访２５户，走访40家。")).toEqual([["２５", "25"]]);
    expect(numbers("全年办结案件１２０件，调解３００件。")).toEqual([]);
  });

  it("a 千 that continues a 万 or 亿 figure is written as one decimal", () => {
    expect(numbers("日均新设市场主体由5千户增加到1万6千户，旅游人次达1亿3千万。")).toEqual([["5千", "5000"], ["1万6千", "1.6万"], ["1亿3千万", "1.3亿"]]);
  });

  it("a duration of two-digit years after 提高到 is no abbreviated year", () => {
    expect(numbers("平均受教育年限从13.5年提高到14年。")).toEqual([]);
    expect(numbers("自19年以来，累计建成调解室30个。")).toEqual([["19年", "2019年"]]);
  });
});

describe("numbering", () => {
  const errors = (t: string) => loud(checkNumbering(t, ctx)).map((f) => f.text);

  it("restarts under an attachment or a part", () => {
    expect(errors("一、主要工作\n二、存在问题\n三、下步打算\n附件\n民生实事清单\n1.新建调解室。\n2.建设法治公园。\n")).toEqual([]);
    expect(errors("第一部分 工作总结\n一、主要工作\n二、存在问题\n第二部分 工作计划\n一、总体思路\n二、重点任务\n")).toEqual([]);
  });

  it("a list announced by its line may restart at 一、 and the outer numbering resumes after it", () => {
    const text = "一、主要工作\n（一）队伍建设\n重点抓了以下几点：\n一、政治轮训\n二、实战练兵\n（二）平安建设\n二、存在问题\n";
    expect(errors(text)).toEqual([]);
    // without the announcing line, the restart is still a numbering error
    expect(errors("一、主要工作\n二、存在问题\n一、下步打算\n")).toEqual(["一、"]);
  });

  it("二是 after a first item written 首先 is a run, not a gap", () => {
    expect(errors("首先要压实责任。二是完善机制。三是强化保障。\n")).toEqual([]);
    expect(errors("压实责任。二是完善机制。三是强化保障。\n")).toEqual(["二是"]);
  });
});

describe("template leftovers", () => {
  const leftovers = (t: string) => loud(checkPlaceholder(t, ctx)).map((f) => f.text);

  it("blank runs in other scripts: □□, ○○, and a date left blank", () => {
    expect(leftovers("□□镇建成调解室，○○村完成整改。\n城南区委政法委\n2025年  月  日")).toEqual(["□□", "○○", "2025年  月  日"]);
    expect(leftovers("二○二五年，城南区完成整改。\n□ 要点一")).toEqual([]);
  });

  it("a table header 完成率（%） and 免费赠送 in a sentence are no leftovers", () => {
    expect(leftovers("指标\n完成率（%）\n全年为困难群众免费赠送法律读本300册，开展义诊12场。")).toEqual([]);
    expect(leftovers("全年完成率达到％。")).toEqual(["％"]);
  });

  it("某某 where the writer's own unit belongs is blank; a party anonymised as 王某某 is not", () => {
    expect(leftovers("某某县委政法委2025年工作总结\n当事人王某某与邻居发生纠纷。\n某某县委政法委")).toEqual(["某某", "某某"]);
    expect(leftovers("城南区2025年工作总结\n当事人王某某与邻居发生纠纷，经调解达成协议。")).toEqual([]);
  });

  it("footnote marks the document defines itself are kept; stray ones are reported", () => {
    expect(leftovers("推行“一站式”［1］调解。\n注释\n［1］一站式：一个窗口受理。")).toEqual([]);
    expect(leftovers("推行“一站式”［1］调解。")).toEqual(["［1］"]);
  });

  it("a block of web-page lines inside the report is one finding", () => {
    const text = "城南区2025年工作总结\n全年工作有序推进，成效明显。\n打印本页\n关闭窗口\n下一年继续努力，争取更大成效。";
    expect(loud(checkPlaceholder(text, ctx)).map((f) => f.message.slice(0, 7))).toEqual(["网页残留（2行"]);
  });
});

describe("internal consistency: totals", () => {
  const totals = (t: string) => checkConsistency(t, ctx).map((f) => [f.text, f.message.slice(0, 8)]);

  it("parts joined by 顿号 and closed by 共计 make the total exactly", () => {
    expect(totals("办理民事案件60件、刑事案件40件、行政案件30件，共计120件。")).toEqual([["120件", "前列各项之和为1"]]);
    expect(totals("办理民事案件60件、刑事案件40件、行政案件20件，共计120件。")).toEqual([]);
  });

  it("其中 parts are at most the total, and a later clause is no part", () => {
    expect(totals("全年共受理信访事项90件，其中来信50件、来访45件。")).toEqual([["90件", "“其中”所列各项"]]);
    expect(totals("全年共受理信访事项90件，其中来信50件、来访30件，办结88件。")).toEqual([]);
  });

  it("a Markdown table's 合计 row is the sum of its column", () => {
    const table = "| 镇街 | 排查 | 化解率 |\n|---|---|---|\n| 城关镇 | 120 | 95% |\n| 河西镇 | 80 | 90% |\n| 合计 | 210 | 93% |\n";
    expect(totals(table)).toEqual([["210", "表中本列各行之和"]]);
    expect(totals(table.replace("| 210 |", "| 200 |"))).toEqual([]);
  });

  it("a .docx table, read one cell per line, is rebuilt by rows and checked the same way", () => {
    const cells = "各镇调解情况：\n单位\n受理\n调解成功\n城关镇\n120\n100\n河西镇\n80\n70\n合计\n200\n175\n以上数据截至年底。";
    expect(totals(cells)).toEqual([["175", "表中本列各行之和"]]);
    expect(totals(cells.replace("175", "170"))).toEqual([]);
  });
});

describe("arithmetic: shares of a clause's own subject", () => {
  it("a share whose subject has no count is of something the sentence does not count", () => {
    expect(checkArithmetic("全年投入经费900万元，比上年增加500万元，其中平安建设投入占44%，法治宣传占16%。", ctx)).toEqual([]);
    expect(checkArithmetic("全年受理案件500件，其中调解结案300件，占70%。", ctx).map((f) => f.suggestion)).toEqual(["60%"]);
  });
});
