import { describe, expect, it } from "vitest";
import { checkFunctionWords } from "../../../server/checking/rules/function-words.ts";
import { loadAdverbialSet } from "../../../server/lists/collocations.ts";
import { loadRegistry } from "../../../server/lists/registry.ts";

const ctx = (year = 2025, adverbials: ReadonlyMap<string, number> = loadAdverbialSet()) => ({ year, registry: loadRegistry(), adverbials });
const found = (text: string, year = 2025) => checkFunctionWords(text, ctx(year)).map((f) => [f.text, f.suggestion]);

describe("的 / 地 / 得", () => {
  it("的 → 地: an adverbial word before a verb that has an object", () => {
    expect(found("各单位要认真的落实各项防范措施。")).toEqual([["的", "地"]]);
    expect(found("公安机关坚决的打击电信网络诈骗。")).toEqual([["的", "地"]]);
  });

  it("keeps 的 after a plain adjective: its verb is usually a modifier (稳定的购销关系, 适当的增产指标)", () => {
    expect(found("建立长期稳定的购销关系。")).toEqual([]);
    expect(found("规定了适当的增产指标。")).toEqual([]);
  });

  it("keeps 的 when the phrase is the object of a verb before it (实施积极的就业政策)", () => {
    expect(found("我们继续实施积极的就业政策。")).toEqual([]);
    expect(found("各地更加开放、更加密切的交往合作。")).toEqual([]);
  });

  it("keeps 的 when the verb governing the phrase stands before an aspect mark or a quantity (做了详细的随访记录)", () => {
    expect(found("社区民警做了详细的随访记录。")).toEqual([]);
    expect(found("工作组进行了一次全面的检查登记。")).toEqual([]);
    expect(found("各单位认真的落实了各项措施。")).toEqual([["的", "地"]]);
  });

  it("keeps 的 when an adjective heads a noun phrase (明确的重大原则)", () => {
    expect(found("上级明确的重大原则要求必须执行。")).toEqual([]);
  });

  it("的 → 地 after a manner word at large: an adverb, a word in 性/化 or 全/多, before a verb official prose reads as a predicate", () => {
    expect(found("我们创新方式，创造性的开展工作。")).toEqual([["的", "地"]]);
    expect(found("各村无死角全方位的推进平安建设。")).toEqual([["的", "地"]]);
    expect(found("街道常态化的开展矛盾纠纷排查。")).toEqual([["的", "地"]]);
    expect(found("中心为了更好的将这项工程做实。")).toEqual([["的", "地"]]);
  });

  it("keeps 的 where the verb after it heads a noun phrase (official prose writes it after 的 more than after 地)", () => {
    expect(found("利用各种有效的宣传形式。")).toEqual([]);
    expect(found("完善措施具体的工作机制。")).toEqual([]);
    expect(found("随后的问答环节十分热烈。")).toEqual([]);
    expect(found("最低工资标准的执行情况普遍良好。")).toEqual([]);
    expect(found("发挥了创造性的工作。")).toEqual([]);
    expect(found("这是积极的因素。")).toEqual([]);
    expect(found("形成城乡共同繁荣的融合发展格局。")).toEqual([]);
    // Reports before 1987 wrote 的 for the adverbial too.
    expect(found("我们创新方式，创造性的开展工作。", 1978)).toEqual([]);
  });

  it("地 → 的: a noun + 地 + a noun", () => {
    expect(found("不断提升辖区群众地满意度。")).toEqual([["地", "的"]]);
  });

  it("keeps 地 after a word official prose uses as an adverbial, whatever jieba tags it", () => {
    expect(found("法院依法独立公正地行使审判权。")).toEqual([]);
    // the guard is the attested-adverbial list: without it jieba's noun tags would report this
    expect(checkFunctionWords("法院依法独立公正地行使审判权。", ctx(2025, new Map())).map((f) => f.text)).toEqual(["地"]);
  });

  it("keeps 地 inside a word jieba split (军地协同, 地市)", () => {
    expect(found("加强军地协同，重点地市债务压降。")).toEqual([]);
  });

  it("的 → 得: a verb + 的 + a degree word or two adjectives that end the clause", () => {
    expect(found("有的单位工作落实的不到位。")).toEqual([["的", "得"]]);
    expect(found("各项工作都开展的扎实有效。")).toEqual([["的", "得"]]);
    expect(found("这项工作做的很好。")).toEqual([["的", "得"]]);
    // After a degree word, an adjective jieba tags as an adverb (顺利/ad) is a complement too.
    expect(found("使各项工作开展的更顺利，更及时。")).toEqual([["的", "得"]]);
    // Without one, 努力/ad is a noun here.
    expect(found("经过三年来的艰苦努力，物价得到控制。")).toEqual([]);
  });

  it("keeps 的 before a noun phrase headed by 不 + adjective, and in 有的", () => {
    expect(found("及时解决工作中出现的不平衡，")).toEqual([]);
    expect(found("有的不够健全。")).toEqual([]);
    expect(found("我们做的很多工作得到认可。")).toEqual([]);
  });
});

describe("在 / 再, 已 / 以, 即 / 既 and the like", () => {
  it("再 → 在 before a place or time phrase closed by a localiser", () => {
    expect(found("再全市范围内开展专项排查。")).toEqual([["再", "在"]]);
    expect(found("再创新高，再上台阶。")).toEqual([]);
  });

  it("the bigram condition: the written pair is no word, the other makes a function word", () => {
    expect(found("会上在次强调纪律要求。")).toEqual([["在", "再"]]);
    expect(found("建立台账，已便及时处置。")).toEqual([["已", "以"]]);
    expect(found("该项工作以经完成。")).toEqual([["以", "已"]]);
    expect(found("正再开展排查。")).toEqual([["再", "在"]]);
  });

  it("the bigram condition leaves numerals, verbs and a clause's end alone", () => {
    expect(found("主要在三个方面。")).toEqual([]);
    expect(found("有人还在说风凉话。")).toEqual([]);
    expect(found("所已取得的成绩。")).toEqual([]);
    expect(found("发展时机已至。")).toEqual([]);
    expect(found("各项数据应当以经核实的报表为准。")).toEqual([]);
  });

  it("即…又 → 既…又 when the same verb repeats", () => {
    expect(found("即要抓发展，又要抓稳定。")).toEqual([["即", "既"]]);
    expect(found("即日起施行，又一批项目开工。")).toEqual([]);
  });

  it("必需 before a verb → 必须, 必须品 → 必需品", () => {
    expect(found("必需坚持党的领导。")).toEqual([["必需", "必须"]]);
    expect(found("发放生活必须品。")).toEqual([["必须", "必需"]]);
  });

  it("象 → 像 in a comparison, from 1987 on (象 stood for 像 before the 1986 table)", () => {
    expect(found("要象老党员那样冲在前面。")).toEqual([["象", "像"]]);
    expect(found("要象老党员那样冲在前面。", 1980)).toEqual([]);
    expect(found("树立良好形象，这一现象要纠正。")).toEqual([]);
  });

  it("无论 + 那 → 哪", () => {
    expect(found("无论那个部门都要负责。")).toEqual([["那", "哪"]]);
  });
});
