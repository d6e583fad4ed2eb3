import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildFacts, keyTermsOf, parseFactsText, parseYear } from "../../../server/drafting/facts.ts";
import { DraftInputSchema } from "../../../server/drafting/types.ts";
import { formalize } from "../../../server/drafting/wording.ts";
import { extractFigures } from "../../../server/drafting/figures.ts";
import { figureKey } from "../../../server/numbers/index.ts";
import { chunk, memoryStore } from "./memory-store.ts";

const FIX = path.resolve(import.meta.dirname, "../../fixtures/facts");
const read = (n: string) => readFileSync(path.join(FIX, n), "utf8");

describe("parsing the text form of facts", () => {
  it("reads header lines, numbered bullets, a 存在问题 block and a 下一步 block", () => {
    const input = parseFactsText(read("tidy.txt"));
    expect(DraftInputSchema.parse(input)).toEqual(input);
    expect(input.unit).toBe("东城区委政法委");
    expect(input.year).toBe(2025);
    expect(input.period).toBeUndefined();
    expect(input.facts).toHaveLength(12);
    expect(input.facts[0]).toBe("组织政法干警开展理论学习和业务培训12期，参训1860人次");
    expect(input.problems).toHaveLength(3);
    expect(input.plans).toHaveLength(3);
  });

  it("accepts half-width colons, mixed bullets and 问题：/计划： lines", () => {
    const input = parseFactsText(read("colloquial.txt"));
    expect(input.unit).toBe("西山县委政法委");
    expect(input.year).toBe(2024);
    expect(input.facts).toHaveLength(8);
    expect(input.facts[1]).toBe("咱们县网格员扩充到856人了");
    expect(input.problems).toEqual(["有的村网格员年纪偏大,用手机上报信息不太熟练"]);
    expect(input.plans).toHaveLength(2);
  });

  it("reads 时限：2025年上半年 as year and period, and （1） bullets", () => {
    const input = parseFactsText(read("half-year.txt"));
    expect(input).toMatchObject({ unit: "南湖区委政法委", year: 2025, period: "上半年" });
    expect(input.facts[0]).toBe("召开政法委员会全体会议2次，研究部署重点工作15项");
  });

  it("reads a year written in Chinese numerals and 一、 bullets", () => {
    const input = parseFactsText(read("no-problems.txt"));
    expect(input.year).toBe(2023);
    expect(input.facts).toHaveLength(5);
    expect(input.problems).toBeUndefined();
    expect(parseYear("二〇二五年")).toBe(2025);
  });

  it("splits a line of two facts at ；, and skips group headings that end in a colon", () => {
    const input = parseFactsText("单位：甲区委政法委\n年度：2025\n平安建设：\n- 排查矛盾纠纷620件；化解信访积案42件\n- 网格员达到856人；");
    expect(input.facts).toEqual(["排查矛盾纠纷620件", "化解信访积案42件", "网格员达到856人"]);
  });

  it("never mistakes a leading decimal for a list marker", () => {
    const input = parseFactsText("单位：甲区委政法委\n年度：2025\n1.2万名群众参与平安创建");
    expect(input.facts).toEqual(["1.2万名群众参与平安创建"]);
  });

  it("lets --unit and --year override the file and fails in Chinese when either is missing", () => {
    expect(parseFactsText("- 化解纠纷12件", { unit: "乙县委政法委", year: 2024 })).toMatchObject({ unit: "乙县委政法委", year: 2024 });
    expect(() => parseFactsText("- 化解纠纷12件", { year: 2024 })).toThrow(/缺少单位/);
    expect(() => parseFactsText("单位：乙县委政法委\n- 化解纠纷12件")).toThrow(/缺少年度/);
  });
});

describe("figures for drafting", () => {
  it("a congress or plenum name is no figure, nor the ordinal of a 第N届 name; other ordinals and counts are", () => {
    const raws = (t: string) => extractFigures(t).map((f) => f.raw);
    expect(raws("学习贯彻党的二十大和二十届三中全会精神，落实“十四五”规划")).toEqual([]);
    expect(raws("当选第十四届区人大代表")).toEqual([]);
    expect(raws("召开第三次全体会议，连续5届获评先进")).toEqual(["第三次", "5"]);
  });
});

describe("formal wording", () => {
  it("turns colloquial speech into 公文 wording and full-width punctuation without touching figures", () => {
    const src = "全年一共调处矛盾纠纷1,280件，比去年多了15%";
    const out = formalize(src);
    expect(out).toBe("全年共调处矛盾纠纷1280件，较上年增加15%");
    expect(extractFigures(out).map(figureKey)).toEqual(extractFigures(src).map(figureKey));
    expect(formalize("今年搞了12次反诈宣传进社区,老百姓都说好")).toBe("全年开展12次反诈宣传进社区，群众反响良好");
    // a replacement never eats into a longer word: 下降了 is not 下 + 降了
    expect(formalize("诈骗案件损失下降了约三成")).toBe("诈骗案件损失下降约三成");
    expect(formalize("发案减少了12起，破案增多了")).toBe("发案减少12起，破案增多");
    expect(formalize("发案降了12%")).toBe("发案下降12%");
  });
});

describe("building fact records", () => {
  it("normalises figures, finds key terms and assigns work lines in the lexicon's confidence", async () => {
    const facts = await buildFacts(parseFactsText(read("tidy.txt")));
    const byId = Object.fromEntries(facts.map((f) => [f.id, f]));
    expect(byId.f2.figures.map((g) => g.value)).toEqual([45, 23000]);
    expect(byId.f5.figures.map((g) => [g.value, g.kind])).toEqual([[12.5, "percent"], [21.3, "percent"]]);
    expect(byId.f4.workLine).toBe("扫黑除恶");
    expect(byId.f8.workLine).toBe("矛盾纠纷");
    expect(byId.f7.workLine).toBe("基层治理");
    expect(byId.f8.keyTerms.length).toBeGreaterThan(0);
    expect(facts.filter((f) => f.kind === "problem").map((f) => f.id)).toEqual(["p1", "p2", "p3"]);
    expect(facts.filter((f) => f.kind === "plan").map((f) => f.id)).toEqual(["n1", "n2", "n3"]);
  });

  it("asks the corpus when the lexicon is unsure, and follows how past reports filed similar text", async () => {
    const calls: Array<{ query: string }> = [];
    const store = memoryStore(
      [
        chunk("d1:1", "work", ["廉政"], "组织开展家风家教主题活动，引导干部职工树立良好家风。"),
        chunk("d1:2", "work", ["平安建设"], "开展平安校园创建活动，校园周边治安持续好转。"),
      ],
      calls,
    );
    const [fact] = await buildFacts({ unit: "甲区委政法委", year: 2025, facts: ["组织家风家教主题活动3场"] }, { store });
    expect(calls.length).toBe(1);
    expect(fact.workLine).toBe("廉政");
  });

  it("key terms leave out numbers and words every summary uses", () => {
    const terms = keyTermsOf("全年共排查矛盾纠纷6200件，调解成功6150件");
    expect(terms.some((t) => /\d/.test(t))).toBe(false);
    expect(terms).not.toContain("全年");
    expect(terms.join("")).toMatch(/矛盾|纠纷|调解/);
  });
});

describe("formal wording of approximations and particles", () => {
  it("moves a spoken approximation next to its number and drops 了 before a figure", () => {
    expect(formalize("禁毒这块，大概查获吸毒人员37名")).toContain("查获吸毒人员约37名");
    expect(formalize("法律援助办了420件")).toBe("法律援助办理420件");
    expect(formalize("信访积案化解了18件")).toBe("信访积案化解18件");
  });
  it("leaves words that merely contain 约 alone", () => {
    expect(formalize("约谈干部12人")).toBe("约谈干部12人");
  });
});
