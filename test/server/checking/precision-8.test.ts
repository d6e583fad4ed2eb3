import { describe, expect, it } from "vitest";
import { checkText } from "../../../server/checking/check.ts";
import { checkNumberForm } from "../../../server/checking/rules/number-form.ts";
import { checkNumbering } from "../../../server/checking/rules/numbering.ts";
import { repetitionInParagraph } from "../../../server/checking/rules/repetition.ts";
import { loadRegistry } from "../../../server/lists/registry.ts";

// Session 8, issue 16: false alarms read on professionally edited official prose, each fixed in the
// rule's context condition (not the phrase); the paired planted case shows the rule still fires.

const ctx = { year: 2025, registry: loadRegistry() };

describe("a doubled character where two words meet, decided by the words' parts of speech", () => {
  const doubles = (t: string) => repetitionInParagraph(t, ctx).map((f) => f.text);
  it("leaves a one-character verb after a noun ending in it, and a preposition or conjunction before a word beginning with it", () => {
    expect(doubles("对他们的工作作相应的调整。")).toEqual([]);
    expect(doubles("坚持平等互利和和平共处。")).toEqual([]);
    expect(doubles("邀请人大代表与与会群众座谈。")).toEqual([]);
  });
  it("still reports the listed slips where the second character stands alone", () => {
    expect(doubles("保障群众的知情权和和参与权。")).toEqual(["和和"]);
    expect(doubles("我们在在全市开展专项行动。")).toEqual(["在在"]);
    expect(doubles("会议要要求各单位抓好落实。")).toEqual(["要要"]);
  });
});

describe("a campaign recounted under a heading that looks back over several years", () => {
  const outdated = async (heading: string) =>
    (await checkText(`国务院政府工作报告\n${heading}\n加强社会治安综合治理，开展扫黑除恶专项斗争，依法严惩黑恶势力。`, { year: 2022 }))
      .findings.filter((f) => f.kind === "outdated").map((f) => f.text);
  it("is history in a section over five years", async () => {
    expect(await outdated("一、过去一年和五年工作回顾")).toEqual([]);
    expect(await outdated("一、过去五年的工作")).toEqual([]);
  });
  it("is still reported under a heading of the one year", async () => {
    expect(await outdated("一、2022年工作回顾")).toEqual(["扫黑除恶专项斗争"]);
    expect(await outdated("一、过去一年工作回顾")).toEqual(["扫黑除恶专项斗争"]);
  });
});

describe("a 1. 2. 3. marker run into a figure", () => {
  const numbering = (t: string) => checkNumbering(t, ctx).filter((f) => f.severity !== "info").map((f) => [f.text, f.suggestion]);
  it("reads 20.2026年 and 21.5+2 as the markers the run expects", () => {
    expect(numbering("1.平安建设：全年化解纠纷。\n2.2026年民生实事：办好十件。\n3.5+2服务站：覆盖全县。\n4.法治宣传：开展活动。\n")).toEqual([]);
  });
  it("reads 3、2024年 after 1、 2、 as the third item, written with a 顿号", () => {
    expect(numbering("1、平安建设：全年化解纠纷。\n2、民生实事：办好十件。\n3、2024年11月，开展专项排查。\n")).toEqual([["1、", "1."], ["2、", "2."], ["3、", "3."]]);
  });
  it("still reports a number the run skips", () => {
    expect(numbering("1.平安建设：全年化解纠纷。\n2.民生实事：办好十件。\n4.法治宣传：开展活动。\n")).toEqual([["4.", "3."]]);
  });
});

describe("Arabic digits with 千/百 before 万/亿", () => {
  const found = (t: string) => checkNumberForm(t, ctx).map((f) => [f.severity, f.text, f.suggestion ?? null]);
  it("keeps the 万 in the suggestion (3千万 → 3000万)", () => {
    expect(found("全年投入资金3千万元。")).toEqual([["warning", "3千万", "3000万"]]);
  });
  it("takes a magnitude past 亿 (百亿亿次) as the magnitude's name: a note with no suggestion", () => {
    expect(found("算力总规模达到10.36百亿亿次/秒。")).toEqual([["info", "10.36百亿亿", null]]);
  });
});
