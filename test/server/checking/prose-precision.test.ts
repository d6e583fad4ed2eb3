import { describe, expect, it } from "vitest";
import { loadRegistry } from "../../../server/lists/registry.ts";
import { checkNumberForm } from "../../../server/checking/rules/number-form.ts";
import { checkRepetition, repetitionInParagraph } from "../../../server/checking/rules/repetition.ts";
import { punctuationAcrossText } from "../../../server/checking/rules/punctuation.ts";
import { checkSpacing, TYPESET_AT, TYPESET_PER_1000 } from "../../../server/checking/rules/spacing.ts";

// Issue 16, precision on professionally edited prose: each case is a general condition (the standard's
// scope, a document-level statistic, the grammar of a reduplication), with its planted counterpart that
// must still be reported. The sentences are our own.

const ctx = { year: 2025, registry: loadRegistry() };
const loud = <T extends { severity: string }>(fs: T[]) => fs.filter((f) => f.severity !== "info");

describe("spaces strewn thinly through a long document are its typesetting", () => {
  const filler = "全县政法系统坚持稳中求进工作总基调，扎实推进平安建设和法治建设。".repeat(80);
  it("reports spaces packed into a short text as warnings, however many", () => {
    expect(loud(checkSpacing("全县共建成 12 个调解室。")).map((f) => f.start)).toEqual([5, 8]);
    expect(loud(checkSpacing("全县共建成 12 个调解室，化解纠纷 300 件，走访“ 平安家庭”。"))).toHaveLength(5);
  });
  it("turns them into notes, with the count, from TYPESET_AT on at under TYPESET_PER_1000 per 1,000 characters", () => {
    const text = `全县共建成 12 个调解室。\n${filler}\n全年走访“ 平安家庭”。\n${filler}`;
    const found = checkSpacing(text);
    expect(found.length).toBeGreaterThanOrEqual(TYPESET_AT);
    expect((found.length * 1000) / text.length).toBeLessThan(TYPESET_PER_1000);
    expect(loud(found)).toEqual([]);
    expect(found[0].message).toContain(`全文共${found.length}处`);
  });
});

describe("a doubled angle mark is a web link's arrow, not a 书名号", () => {
  it("leaves 》》 and 《《 alone, but still reports a lone 》", () => {
    expect(punctuationAcrossText("学习报告全文\n》》点击进入专题页《《\n")).toEqual([]);
    expect(punctuationAcrossText("认真学习条例》的规定。").map((f) => f.text)).toEqual(["》"]);
  });
});

describe("GB/T 15835: 千/百 after Arabic digits", () => {
  const loudNumbers = (t: string) => loud(checkNumberForm(t, ctx)).map((f) => f.text);
  it("is a note for a round magnitude (超、突破、近、多、以上)", () => {
    expect(loudNumbers("全市社会消费品零售总额突破6千亿元，新增市场主体5千多户，培训近3千人次，投资2千亿元以上。")).toEqual([]);
  });
  it("is still a warning for an exact figure", () => {
    expect(loudNumbers("全年培训3千人次，发放5百份资料。")).toEqual(["3千", "5百"]);
  });
});

describe("GB/T 15835: full-width digits, numbering judged apart from quantities", () => {
  const numbers = (t: string) => loud(checkNumberForm(t, ctx)).map((f) => f.text);
  it("leaves a bracketed list numbered in full-width digits in a text of half-width quantities", () => {
    expect(numbers("报告分三部分：（１）成效；（２）问题；（３）打算。全年受理120件，办结115件，回访98户，走访40家，培训300人次。")).toEqual([]);
  });
  it("still reports a full-width quantity among half-width ones, and an odd full-width list number", () => {
    expect(numbers("全年受理120件，办结１１５件，回访98户，走访40家。")).toEqual(["１１５"]);
    expect(numbers("（1）成效；（2）问题；（３）打算。")).toEqual(["３"]);
  });
});

describe("doubled characters that are grammar", () => {
  const doubles = (t: string) => repetitionInParagraph(t, ctx).map((f) => f.text);
  it("leaves AABB reduplication, a distributive measure at a clause's head, a preposition after a word ending in it, a doubled given name", () => {
    expect(doubles("坚决反对搞团团伙伙、拉帮结派。")).toEqual([]);
    expect(doubles("全县代表队实现“届届有奖牌”。")).toEqual([]);
    expect(doubles("新建周至至眉县的公路。")).toEqual([]);
    expect(doubles("大会上，黄莉莉代表发言。")).toEqual([]);
  });
  it("still reports a doubled character a slip leaves", () => {
    expect(doubles("我们们要加强队伍建设。")).toEqual(["们们"]);
    expect(doubles("会议要要求各单位抓好落实。")).toEqual(["要要"]);
  });
});

describe("a clause said twice, against parallel clauses and emphasis", () => {
  const runs = (t: string) => loud(checkRepetition(`某县委政法委2025年工作总结\n${t}`, ctx)).map((f) => f.text);
  it("leaves a parallel clause with a subject of its own", () => {
    expect(runs("城区街道的矛盾纠纷多元化解机制不断完善，农村乡镇的矛盾纠纷多元化解机制不断完善。")).toEqual([]);
  });
  it("leaves a short clause restated sentences later for emphasis, but reports a long one pasted there", () => {
    expect(runs("这一增幅是全县历史上从来没有过的。今年新建调解室四十个，群众满意度也是全县历史上从来没有过的。")).toEqual([]);
    expect(runs("推动矛盾纠纷化解工作向基层延伸到村到户。今年新建调解室四十个，推动矛盾纠纷化解工作向基层延伸到村到户。")).toEqual(["推动矛盾纠纷化解工作向基层延伸到村到户"]);
  });
});

describe("大约…左右: only 约 as the adverb before a figure", () => {
  const semantic = (t: string) => repetitionInParagraph(t, ctx).filter((f) => /左右/.test(f.message)).map((f) => f.text);
  it("reports 约 or 大约 before a figure that 左右 follows", () => {
    expect(semantic("全年约有300人左右参加培训。")).toEqual(["约有300人左右"]);
    expect(semantic("参加人数大约一百人左右。")).toEqual(["大约一百人左右"]);
  });
  it("leaves 估计 (a verb of judgement), and 约 inside 节约 or 制约", () => {
    expect(semantic("估计全年可增加收入一百亿元左右。")).toEqual([]);
    expect(semantic("节约经费20万元左右。")).toEqual([]);
  });
});
