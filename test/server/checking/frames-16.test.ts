import { describe, expect, it } from "vitest";
import { checkGrammarFrames } from "../../../server/checking/rules/grammar-frames.ts";
import { lineClauses } from "../../../server/checking/rules/punctuation-lines.ts";
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
