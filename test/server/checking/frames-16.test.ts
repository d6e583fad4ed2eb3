import { describe, expect, it } from "vitest";
import { checkGrammarFrames } from "../../../server/checking/rules/grammar-frames.ts";
import { headingStops, lineClauses } from "../../../server/checking/rules/punctuation-lines.ts";
import { punctuationInParagraph } from "../../../server/checking/rules/punctuation.ts";
import { lineSpans } from "../../../server/text/sentences.ts";
import { checkNumberForm } from "../../../server/checking/rules/number-form.ts";
import { repetitionInParagraph } from "../../../server/checking/rules/repetition.ts";
import { checkCollocation } from "../../../server/checking/rules/collocation.ts";
import { loadRegistry } from "../../../server/lists/registry.ts";
import { builtinOfficeLists } from "../../../server/lists/office.ts";

// Issue 16, recall by construction: each rule is a frame read from its parts (our own sentences), with
// the neighbouring correct forms that must stay silent.

const lists = builtinOfficeLists();
const ctx = { year: 2025, registry: loadRegistry(), repetition: lists.repetition, collocations: lists.collocations };
const spans = (fs: Array<{ text: string; suggestion?: string }>) => fs.map((f) => [f.text, f.suggestion ?? null]);

describe("成分赘余: 分别 + verb + figure、verb + figure", () => {
  it("reports the verb repeated after 分别 distributed it", () => {
    expect(spans(checkGrammarFrames("受理案件和办结案件同比分别增长12.5%、增长9.3%。"))).toEqual([["增长", ""]]);
  });
  it("leaves the figures alone when the verb is not repeated, and two verbs that differ", () => {
    expect(checkGrammarFrames("受理案件和办结案件同比分别增长12.5%、9.3%。")).toEqual([]);
    expect(checkGrammarFrames("受理案件同比增长12.5%，办结案件同比下降9.3%。")).toEqual([]);
  });
});

describe("三项并列: A与B与C → A、B与C", () => {
  it("reports the first of two conjunctions joining three single items", () => {
    expect(spans(checkGrammarFrames("理顺人民调解与行政调解与诉讼调解的衔接。"))).toEqual([["与行政调解与", "、行政调解与"]]);
  });
  it("leaves nested pairs (a modifier pair and a head pair) and a verb phrase between", () => {
    expect(checkGrammarFrames("加强县城和中心镇基础设施和环境建设。")).toEqual([]);
    expect(checkGrammarFrames("对表现突出的网格员和干部进行表扬和奖励。")).toEqual([]);
  });
});

describe("GB/T 15834 §4.5.3.1: no 顿号 before the 及 of a series", () => {
  it("reports 、及 and leaves 及时, 以及 and a series with 及 alone", () => {
    expect(spans(lineClauses("会同公安、司法、及民政部门开展排查。"))).toEqual([["、", ""]]);
    expect(lineClauses("发现问题、及时整改。")).toEqual([]);
    expect(lineClauses("会同公安、司法及民政部门开展排查。")).toEqual([]);
  });
});

describe("a term of several words doubled in place", () => {
  const doubles = (t: string) => repetitionInParagraph(t, ctx).map((f) => f.text);
  it("reports 调解中心调解中心, not a phrase repeated with 一 (一步一个脚印)", () => {
    expect(doubles("统一设计矛调中心、调解中心调解中心的标识。")).toEqual(["调解中心调解中心"]);
    expect(doubles("一步一个脚印一步一个脚印地推进。")).toEqual([]);
  });
});

describe("the office lists: 加大 with a rate, 关于…有关", () => {
  it("reports 加大…率 and 关于…有关 + a head noun, and leaves 有关部门 and 有关规定", () => {
    expect(checkCollocation("加大案件的结案率，提升群众满意度。", ctx).map((f) => f.suggestion ?? f.text)).toContain("提高");
    expect(checkCollocation("学习总书记关于平安建设有关重要论述。", ctx).length).toBe(1);
    expect(checkCollocation("落实关于信访工作的部署，督促有关部门整改。", ctx)).toEqual([]);
    expect(checkCollocation("执行中央关于廉洁自律的有关规定。", ctx)).toEqual([]);
  });
});

describe("GB/T 15834 §4.1.3 on a paragraph's shape", () => {
  it("reports 。并 + a verb, and leaves 。并且 / 。并不", () => {
    expect(spans(lineClauses("全面排查矛盾纠纷。并建立台账，逐件销号。"))).toEqual([["。", "，"]]);
    expect(lineClauses("全面排查矛盾纠纷。并且建立台账。这并不容易。")).toEqual([]);
  });
  it("reports a stop or colon after a short first-level heading alone on its line, not a numbered list of sentences", () => {
    const at = (t: string) => headingStops(t, lineSpans(t)).map((f) => f.text);
    expect(at("一、压实工作责任。\n全县成立领导小组。\n二、强化源头预防：\n全面排查。")).toEqual(["。", "："]);
    expect(at("一、压实工作责任\n全县成立领导小组。")).toEqual([]);
    // A numbered list: each item is followed by the next, and the last follows one.
    expect(at("一、压实工作责任；\n二、强化源头预防；\n三、严格督导问效。\n以上三项，务必落实。")).toEqual([]);
    expect(at("一、用于基层阵地建设的资金由财政统一拨付。\n各乡镇要按计划使用。")).toEqual([]);
  });
});

describe("GB/T 15835: a change stated against a compared figure carries its %", () => {
  const numbers = (t: string) => checkNumberForm(t, ctx).filter((f) => /增减幅度/.test(f.message)).map((f) => [f.text, f.suggestion]);
  it("reports bare numbers after 较…下降了, 同比分别下降…和…", () => {
    expect(numbers("受理来访312件，较去年同期的350件下降了11。")).toEqual([["11", "11%"]]);
    expect(numbers("来信、来访同比分别下降8和12；")).toEqual([["8", "8%"], ["12", "12%"]]);
  });
  it("leaves a change with its unit, in 个百分点 or 倍, and an old thousands comma", () => {
    expect(numbers("较上年增加120件，比上年提高3个百分点，比上年增加2，737万吨。")).toEqual([]);
  });
});

describe("the office lists: more redundant pairs and mismatches", () => {
  const found = (t: string) => checkCollocation(t, ctx).map((f) => f.text);
  it("reports 约…余, 被予以, X及其X, 推进…水平, 达到…局面, 建立…责任", () => {
    expect(found("劝离游商约150余人。")).toEqual(["约150余"]);
    expect(found("经验做法被予以推广。")).toEqual(["被"]);
    expect(found("向学生及其学生家长宣传。")).toEqual(["学生及其学生"]);
    expect(found("推进社会治理工作水平。").length).toBe(1);
    expect(found("达到了齐抓共管的局面。").length).toBe(1);
    expect(found("建立社会责任。").length).toBe(1);
  });
  it("leaves 约150人, 予以推广, 学生及其家长, 提升…水平, 形成…局面, 落实…责任, 节约…余", () => {
    expect(found("劝离游商约150人，经验做法予以推广，向学生及其家长宣传，提升社会治理水平，形成齐抓共管的局面，落实社会责任，节约经费20余万元。")).toEqual([]);
  });
});

describe("GB/T 15834 §4.5.3.1: one series, one mark", () => {
  it("reports a comma that slips into a quoted series of equal items joined by 顿号, not a slogan of two halves", () => {
    expect(spans(lineClauses("推行“人员联勤、部门联动，校地联合”的工作机制。"))).toEqual([["，", "、"]]);
    expect(lineClauses("坚持“稳定东部，发展西部”的方针。")).toEqual([]);
    expect(lineClauses("破解“人口多、土地少，投入高、产出低”的矛盾。")).toEqual([]);
    expect(lineClauses("推行“人员联勤、部门联动、校地联合”的工作机制。")).toEqual([]);
  });
  it("reads the first item of a comma series after a preposition (坚持以|信访，司法，综治和…)", () => {
    const f = punctuationInParagraph("全镇坚持以信访，司法，综治和矛盾调处中心为平台开展工作。").filter((x) => x.message.includes("顿号"));
    expect(f.map((x) => x.text)).toEqual(["，", "，"]);
    expect(punctuationInParagraph("全镇坚持以人民为中心，统筹发展，维护稳定和安全。").filter((x) => x.message.includes("顿号"))).toEqual([]);
  });
});

describe("两, not 二, before a measure word", () => {
  const er = (t: string, year = 2025) => checkNumberForm(t, { ...ctx, year }).filter((f) => f.suggestion === "两").map((f) => f.text);
  it("reports 二个, 二名 and a clause-final 二次", () => {
    expect(er("新建调解室二个，增配调解员二名，走访二次。")).toEqual(["二", "二", "二"]);
  });
  it("leaves ordinals and figures, and reports of the years before 1987", () => {
    expect(er("第二个季度，十二个村，提高一点二个百分点，二次会议，二次创业，二级网格。")).toEqual([]);
    expect(er("新建炼焦炉二个。", 1955)).toEqual([]);
  });
});
