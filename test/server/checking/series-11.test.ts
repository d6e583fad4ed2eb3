import { describe, expect, it } from "vitest";
import { framelessSeries } from "../../../server/checking/rules/punctuation-frameless.ts";
import { punctuationInParagraph } from "../../../server/checking/rules/punctuation.ts";

// Session 11, issue 16: GB/T 15834 §4.5.3.1 against §4.4.3.1 for a series with no frame around it (no 以…为,
// no 等, no count after it). Each case is written in our own words, with one the clause must leave alone.

const marks = (p: string) => framelessSeries(p).map((f) => [p.slice(f.start - 2, f.end + 2), f.suggestion]);

describe("GB/T 15834 §4.5.3.1: a lone short noun between commas is an item, not a clause", () => {
  it("reports the commas around it when the items beside it are short nouns", () => {
    expect(marks("组织干警深入社区，学校，企业开展法治宣传。")).toEqual([["社区，学校", "、"], ["学校，企业", "、"]]);
  });
  it("leaves clauses, a time word and a piece of another length", () => {
    expect(marks("深入社区开展宣传，走访群众，收集意见建议。")).toEqual([]);
    expect(marks("全面排查风险隐患，目前，各乡镇已完成排查。")).toEqual([]);
    expect(marks("抓住机遇，利用河畔，发展文旅产业。")).toEqual([]);
  });
});

describe("GB/T 15834 §4.5.3.1: a sentence that closes on a bare noun after a comma", () => {
  it("reports the comma when the clause before ends on a noun of the same length its verb governs", () => {
    expect(marks("群众的获得感明显增强，有效提升了群众安全感，满意度。")).toEqual([["全感，满意", "、"]]);
  });
  it("leaves a second clause with a verb of its own", () => {
    expect(marks("持续提升群众安全感，巩固治理成效。")).toEqual([]);
  });
  it("reports items of four characters only where official prose uses them as nouns", () => {
    expect(marks("坚决克服形式主义，官僚主义。")).toEqual([["主义，官僚", "、"]]);
    expect(marks("支持政府履行法定职能，依法行政。")).toEqual([]);
  });
});

describe("GB/T 15834 §4.5.3.1: two nouns sharing one 的 phrase", () => {
  it("reports X，Y的Z after a verb", () => {
    expect(marks("加强对重点人员，重点场所的管控，确保不发生问题。")).toEqual([["人员，重点", "、"]]);
  });
  it("leaves two noun phrases each with a 的 of its own, and a piece with no verb before", () => {
    expect(marks("维护人民的利益，民族的前途，是我们的责任。")).toEqual([]);
    expect(marks("以马克思列宁主义为指导，联系党的政治路线。")).toEqual([]);
  });
});

describe("GB/T 15834 §4.5.3.1: two nouns opening a sentence as its subject", () => {
  it("reports X，Y + predicate with X alone before the comma", () => {
    expect(marks("全年工作稳步推进。乡镇，部门密切配合，形成合力。")).toEqual([["乡镇，部门", "、"]]);
  });
  it("leaves a time word or a longer topic before the comma", () => {
    expect(marks("全年工作稳步推进。今年，检察机关密切配合。")).toEqual([]);
    expect(marks("全年工作稳步推进。在县委领导下，检察机关密切配合。")).toEqual([]);
  });
});

describe("GB/T 15834 §4.5.3.1: two items closed by 等", () => {
  it("reports X，Y等 with items of one length", () => {
    expect(marks("会同公安，检察等部门开展联合检查。")).toEqual([["公安，检察", "、"]]);
  });
  it("leaves two phrases each with its own 等, and a clause with a verb", () => {
    expect(marks("补齐城市管网等基础设施，社会事业等民生工程短板。")).toEqual([]);
    expect(marks("加强源头治理，打击盗窃等违法犯罪。")).toEqual([]);
  });
});

describe("GB/T 15834 §4.5.3.1: two bodies joined by a comma", () => {
  const bodies = (p: string) => punctuationInParagraph(p, 2025).filter((f) => f.message.includes("机关名称")).map((f) => [f.text, f.suggestion]);
  it("reports 县委，县政府 as parallel words", () => {
    expect(bodies("县委，县政府高度重视平安建设。")).toEqual([["，", "、"]]);
  });
  it("leaves the same body closing one clause and opening the next", () => {
    expect(bodies("只有人民监督政府，政府才不会懈怠。")).toEqual([]);
  });
});

describe("GB/T 15834 §4.5.3.1 with §4.6.3.1: no 顿号 before the next item of a run", () => {
  const run = (p: string) => punctuationInParagraph(p, 2025).filter((f) => f.message.includes("引出的是分句")).map((f) => [p.slice(f.start - 2, f.end + 2), f.suggestion]);
  it("reports 、 before 二是 and 三是 after items with words of their own", () => {
    expect(run("主要做法：一是加强领导、二是完善机制、三是强化督查。")).toEqual([["领导、二是", "；"], ["机制、三是", "；"]]);
  });
  it("leaves markers named without items, and an item after a sentence end", () => {
    expect(run("文中“一是、二是”的写法要统一。")).toEqual([]);
    expect(run("一是加强领导。工作机制、二是完善")).toEqual([]);
  });
});

describe("GB/T 15834 §4.7.3.1, Annex B: one colon a sentence", () => {
  const colons = (p: string) => punctuationInParagraph(p, 2025).filter((f) => f.message.startsWith("一个句子内不套用冒号")).map((f) => p.slice(f.start - 2, f.end + 2));
  it("reports a second colon within the reach of the first", () => {
    expect(colons("会议强调：当前要做好三件事：一是加强领导。")).toEqual(["件事：一是"]);
  });
  it("leaves a colon inside a quotation, a colon before one, and a form line of labels", () => {
    expect(colons("会议指出：“要做到以下几点：一是加强领导。”")).toEqual([]);
    expect(colons("联系人：某某，电话：12345678。")).toEqual([]);
  });
});

describe("GB/T 15834 §4.1.3 and §4.6.3.1: an item of a run ends with its own mark", () => {
  const missing = (p: string) => punctuationInParagraph(p, 2025).filter((f) => f.message.includes("前缺少标点")).map((f) => [p.slice(f.start - 2, f.end + 2), f.suggestion]);
  it("reports an item marker that follows the item before with no mark", () => {
    expect(missing("一是加强领导，完善机制二是强化督查三是严格考核。")).toEqual([["善机制二是", "制；"], ["化督查三是", "查；"]]);
  });
  it("leaves a numeral inside a word (每周二是, 统一是) and 十二是", () => {
    expect(missing("一是加强领导。每周二是例会日，推进标准统一是关键。")).toEqual([]);
    expect(missing("一是加强领导；十一是完善机制；十二是强化督查。")).toEqual([]);
  });
});
