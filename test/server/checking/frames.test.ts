import { describe, expect, it } from "vitest";
import { checkMissingWords } from "../../../server/checking/rules/missing-words.ts";
import { checkCollocation } from "../../../server/checking/rules/collocation.ts";
import { checkNumberForm } from "../../../server/checking/rules/number-form.ts";
import { checkPunctuation } from "../../../server/checking/rules/punctuation.ts";
import { loadCollocations } from "../../../server/lists/collocations.ts";
import { loadRegistry } from "../../../server/lists/registry.ts";

// One test per condition of the frames, the document-number and newspaper clauses, the bare rate and the
// redundant 仍然还, each with the correct wording beside it that stays silent (fixtures in our own words).

const ctx = { year: 2025, registry: loadRegistry(), periodEnd: 20251231 };
const TITLE = "某县委政法委2025年工作总结\n";
const grammar = (p: string) => checkMissingWords(p).map((f) => f.suggestion);

describe("missing words in fixed frames", () => {
  it("以来 after a point in time, not after a stretch of time", () => {
    expect(grammar("今年来，全县共受理群众来信120件。")).toEqual(["以来"]);
    expect(grammar("2023年来，各村建成调解室。")).toEqual(["以来"]);
    expect(grammar("近年来，全县矛盾纠纷总量下降。三年来，共建成调解室40个。")).toEqual([]);
    expect(grammar("今年以来，全县共受理群众来信120件。去年来访群众较多。")).toEqual([]);
  });

  it("现将……如下 needs 将 before its object", () => {
    expect(grammar("现全年工作总结如下：")).toEqual(["现将"]);
    expect(grammar("现将全年工作总结如下：")).toEqual([]);
    expect(grammar("现就有关情况报告如下：")).toEqual([]);
  });

  it("与……相比 needs 相比 before the change; 持平 takes 与 directly", () => {
    expect(grammar("到省上访5人次，与上年同期上升25%。")).toEqual(["与上年同期相比"]);
    expect(grammar("到省上访5人次，与上年同期相比上升25%，同比下降的还有进京访。")).toEqual([]);
    expect(grammar("信访总量与上年持平。")).toEqual([]);
  });
});

describe("document numbers and newspaper names (GB/T 9704 §7.2.4, GB/T 15834 §4.12.3)", () => {
  const punct = (body: string, word: string) => checkPunctuation(TITLE + body).filter((f) => f.message.includes(word));
  it("the year of a document number goes in 六角括号", () => {
    const f = punct("按照县司通[2024]8号文件要求，开展专项行动。", "发文字号");
    expect(f.map((x) => x.suggestion)).toEqual(["〔2024〕8号"]);
    expect(punct("按照县司通〔2024〕8号文件要求，开展专项行动。", "发文字号")).toEqual([]);
  });

  it("a newspaper's name takes 书名号; a credit line or a source line does not", () => {
    expect(punct("县电视台、河湾日报等媒体多次报道我县经验。", "报纸")).toHaveLength(1);
    expect(punct("县电视台、《河湾日报》等媒体多次报道我县经验。", "报纸")).toEqual([]);
    expect(punct("河湾日报记者 某某 摄", "报纸")).toEqual([]);
    expect(punct("县长作报告。河湾日报掌上新闻记者 某某 摄", "报纸")).toEqual([]);
  });
});

describe("a share or rate written as a bare number", () => {
  const pct = (body: string) => checkNumberForm(body, ctx).filter((f) => f.message.includes("百分号"));
  it("is reported after 占 and after a rate's 率", () => {
    expect(pct("律师代理案件占96.5，较上年提高。").map((f) => f.suggestion)).toEqual(["96.5%"]);
    expect(pct("群众满意率达到97.2，位居全市前列。").map((f) => f.suggestion)).toEqual(["97.2%"]);
  });
  it("is not reported for a rate per head (万人发案率) or a figure with its unit", () => {
    expect(pct("万人发案率3.2，低于全市平均水平。占地面积120亩。")).toEqual([]);
  });
});

describe("a hyphen range counted in 份", () => {
  it("takes the 浪纹线", () => {
    expect(checkNumberForm("每村张贴标语2-4份。", ctx).map((f) => f.suggestion)).toContain("2～4");
  });
});

describe("仍然还 (redundant pair, collocations.json)", () => {
  it("is reported, 仍然 alone is not", () => {
    const c = { ...ctx, collocations: loadCollocations() };
    expect(checkCollocation("基层力量仍然还比较薄弱。", c)).toHaveLength(1);
    expect(checkCollocation("基层力量仍然比较薄弱。", c)).toEqual([]);
  });
});

describe("template leftovers: a star marking a figure or a count", () => {
  it("is reported before a count and before a measure word, not in a product or a footnote", async () => {
    const { checkPlaceholder } = await import("../../../server/checking/rules/placeholder.ts");
    const marks = (t: string) => checkPlaceholder(t, ctx).map((f) => f.text);
    expect(marks("上半年推选*4个乡镇开展试点，在街道两侧安装*杆宣传灯箱。")).toEqual(["*", "*"]);
    expect(marks("场地面积为3*4米，共4个。")).toEqual([]);
  });
});
