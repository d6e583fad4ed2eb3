import { describe, expect, it } from "vitest";
import { checkOutdated } from "../../../server/checking/rules/outdated.ts";
import { loadRegistry, type Registry } from "../../../server/lists/registry.ts";

const ctx = (year: number, registry: Registry = loadRegistry()) => ({ year, registry });
const found = (text: string, year: number) => checkOutdated(text, ctx(year)).map((f) => [f.text, f.suggestion ?? null]);

describe("renamed institutions, by date", () => {
  it("reports an institution merged or renamed before the report's year, with the new name where it can stand in", () => {
    expect(found("县综治办牵头开展矛盾纠纷排查。", 2025)).toEqual([["综治办", null]]);
    expect(found("协调县国土资源局完成确权登记。", 2025)).toEqual([["国土资源局", "自然资源局"]]);
    expect(found("联合公安边防派出所开展巡逻。", 2025)).toEqual([["公安边防", null]]);
  });

  it("leaves them in a year they still existed, and said as history (原…)", () => {
    expect(found("县综治办牵头开展矛盾纠纷排查。", 2016)).toEqual([]);
    expect(found("原综治办人员已全部划转政法委。", 2025)).toEqual([]);
  });

  it("leaves 综治中心, which still exists", () => {
    expect(found("推进县乡两级综治中心规范化建设。", 2025)).toEqual([]);
  });
});

describe("法制 → 法治 where the rule of law is meant", () => {
  it("reports the terms after the decision that renamed them", () => {
    expect(found("持续加强法制建设，增强群众法制观念。", 2025)).toEqual([["法制建设", "法治建设"], ["法制观念", "法治观念"]]);
    expect(found("依法治国，建设社会主义法制国家。", 2025)).toEqual([["法制国家", "法治国家"]]);
  });

  it("leaves them before the change, and leaves 法制 in names and terms that kept it", () => {
    expect(found("持续加强法制建设。", 2010)).toEqual([]);
    expect(found("配合人大法制工作委员会审议，落实重大执法决定法制审核，维护社会主义法制的统一和尊严。", 2025)).toEqual([]);
    expect(found("在《法制日报》发表文章。", 2019)).toEqual([]);
    expect(found("深入实施“青少年法制建设计划”。", 2021)).toEqual([]);
    expect(found("在法制日报发表文章。", 2021)).toEqual([["法制日报", "法治日报"]]);
    expect(found("在《法制日报》发表文章。", 2021)).toEqual([["法制日报", "法治日报"]]);
  });
});

describe("campaigns and fixed forms", () => {
  it("reports a 普法 plan after its period, with the next one", () => {
    expect(found("深入实施“七五”普法规划。", 2023)).toEqual([["七五”普法", "八五”普法"]]);
    expect(found("深入实施“八五”普法规划。", 2023)).toEqual([]);
  });

  it("reports 新时代枫桥经验 without its quotation marks", () => {
    expect(found("坚持和发展新时代枫桥经验。", 2025)).toEqual([["新时代枫桥经验", "新时代“枫桥经验”"]]);
    expect(found("坚持和发展新时代“枫桥经验”。", 2025)).toEqual([]);
  });

  it("takes 不忘初心，牢记使命 as a series of clauses, and reports it as the campaign's name", () => {
    expect(found("大会的主题是：不忘初心，牢记使命，高举旗帜。", 2017)).toEqual([]);
    expect(found("扎实开展“不忘初心，牢记使命”主题教育。", 2019).map((f) => f[0])).toEqual(["不忘初心，牢记使命"]);
  });

  it("a list of campaigns recounts years; a campaign alone is still reported", () => {
    expect(found("扎实开展党史学习教育、学习贯彻习近平新时代中国特色社会主义思想主题教育、党纪学习教育。", 2025)).toEqual([]);
    expect(found("扎实开展党史学习教育、习近平新时代中国特色社会主义思想主题教育、党纪学习教育。", 2025)).toEqual([]);
    expect(found("扎实开展党纪学习教育，推动工作落实。", 2025).map((f) => f[0])).toEqual(["党纪学习教育"]);
  });

  it("a campaign named before it starts (announced at a congress) is not 'not yet started'", () => {
    expect(found("在全党开展“不忘初心、牢记使命”主题教育。", 2017)).toEqual([]);
    const bare = { ...loadRegistry(), campaigns: loadRegistry().campaigns.map((c) => ({ ...c, announced: undefined })) };
    expect(checkOutdated("在全党开展“不忘初心、牢记使命”主题教育。", ctx(2017, bare)).map((f) => f.text)).toEqual(["不忘初心、牢记使命”主题教育"]);
  });
});

describe("congresses and plenums by the writing date", () => {
  it("a plenum held in the months after the year, when the summary is written, may be cited", () => {
    expect(found("全面贯彻党的十九大和十九届二中、三中全会精神。", 2017)).toEqual([]);
  });

  it("in the year a congress met, the previous congress guided most of the year", () => {
    expect(found("全年深入贯彻党的十九大精神。", 2022)).toEqual([]);
    expect(found("全年深入贯彻党的十九大精神。", 2023).map((f) => f[0])).toEqual(["党的十九大"]);
  });

  it("a line of congresses is history (十六大、十七大、十八大提出的目标)", () => {
    expect(found("要按照十六大、十七大、十八大提出的要求。", 2017)).toEqual([]);
  });

  it("looking forward to a congress (为…召开创造条件, 从…到…) is not citing it", () => {
    expect(found("为党的十七大召开创造良好环境。", 2006)).toEqual([]);
    expect(found("从十九大到二十大，是关键时期。", 2017)).toEqual([]);
  });
});

describe("formulations of the core and the thought", () => {
  it("reports 以习近平总书记为核心 and the pre-2016 form after the sixth plenum", () => {
    expect(found("在以习近平总书记为核心的党中央坚强领导下。", 2025)).toEqual([["以习近平总书记为核心的党中央", "以习近平同志为核心的党中央"]]);
    expect(found("在以习近平同志为总书记的党中央坚强领导下。", 2025)).toEqual([["以习近平同志为总书记的党中央", "以习近平同志为核心的党中央"]]);
    expect(found("在以习近平同志为总书记的党中央坚强领导下。", 2015)).toEqual([]);
    expect(found("在以习近平同志为核心的党中央坚强领导下。", 2025)).toEqual([]);
  });

  it("reports a garbled 习近平法治思想 and 总体国家安全观", () => {
    expect(found("深入学习贯彻习近平总书记法治思想，坚持整体国家安全观。", 2025).map((f) => f[1])).toEqual(["习近平法治思想", "总体国家安全观"]);
    expect(found("深入学习贯彻习近平法治思想，坚持总体国家安全观。", 2025)).toEqual([]);
  });
});

describe("法制 where the rule of law is meant, from the 18th Central Committee's fourth plenum (2014-10) on", () => {
  it("reports 法制 before a word of the rule of law, once, for a report after 2014", () => {
    expect(found("开展法制专题教育，坚持法制原则，推进法制化。", 2023)).toEqual([["法制", "法治"], ["法制", "法治"], ["法制", "法治"]]);
    expect(found("开展法制宣传。", 2023)).toEqual([["法制宣传", "法治宣传"]]);
  });
  it("leaves the legal system's own terms, words with 法制 inside, and reports of earlier years", () => {
    expect(found("落实法制审核制度，派出所法制员审核，县人大法制委员会审议，维护社会主义法制统一，打击不法制售。", 2023)).toEqual([]);
    expect(found("落实领导干部学法制度，法制干部人员不足。", 2023)).toEqual([]);
    expect(found("开展法制专题教育。", 2012)).toEqual([]);
  });
});
