import { describe, expect, it } from "vitest";
import { checkText } from "../../../server/checking/check.ts";
import { loadRegistry } from "../../../server/lists/registry.ts";
import { openReuseIndex } from "../../../server/checking/reuse-index.ts";
import { checkArithmetic } from "../../../server/checking/rules/arithmetic.ts";
import { checkConsistency } from "../../../server/checking/rules/consistency.ts";
import { checkNumbering } from "../../../server/checking/rules/numbering.ts";
import { checkRepetition } from "../../../server/checking/rules/repetition.ts";
import { checkSpacing } from "../../../server/checking/rules/spacing.ts";
import { silentLogger } from "../../../server/log.ts";

// Each case here is wording found in real third-party reports (rewritten in our own words) that an
// earlier version of the checker reported although a proofreader would not. Removing the guard that
// keeps it silent makes the case fail; the paired planted case shows the rule still fires.

const ctx = (year: number, periodEnd?: number) => ({ year, periodEnd, registry: loadRegistry() });
const TITLE = "某县委政法委2025年工作总结\n";

describe("reuse: stock wording is never specific, even when only one archive document shares it", () => {
  const opening = "2024年，东城区委政法委坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大和二十届二中、三中全会精神，全面落实中央、省委、市委政法工作会议部署，在区委的坚强领导下，忠诚履职、担当作为。";
  const figures = "全年排查化解矛盾纠纷1326件，在河湾社区建成“和事佬”调解工作室3个。";
  async function archiveOfOne() {
    const idx = await openReuseIndex({ dataDir: null, logger: silentLogger });
    await idx.addDocument({ id: "east", title: "东城区委政法委2024年工作总结", contentHash: "east", cleanedText: `东城区委政法委2024年工作总结\n${opening}\n${figures}`, chunks: [] });
    return idx;
  }

  it("does not call the guiding-thought and leadership opening of another unit specific reuse", async () => {
    const idx = await archiveOfOne();
    const draft = "西山县委政法委2025年工作总结\n2025年，西山县委政法委坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大和二十届二中、三中全会精神，全面落实中央、省委、市委政法工作会议部署，在县委的坚强领导下，扎实推进各项工作。";
    const m = idx.match(draft);
    expect(m.reuse.filter((f) => !f.stock)).toEqual([]);
    expect(m.reuse.every((f) => f.severity === "info")).toBe(true);
  });

  it("still reports a shared run that carries a figure or a named place as specific", async () => {
    const idx = await archiveOfOne();
    const m = idx.match(`西山县委政法委2025年工作总结\n一年来，${figures}`);
    const specific = m.reuse.filter((f) => !f.stock);
    expect(specific).toHaveLength(1);
    expect(specific[0].source?.docId).toBe("east");
  });
});

describe("repetition decided from segmentation and clauses", () => {
  it("leaves doubled characters that belong to two words", () => {
    const text = `${TITLE}县委政法委委务会专题研究，党委委员分片包干，平安建设人人有责，一批批、一起起纠纷就地化解，调解员刘芳芳获评先进。`;
    expect(checkRepetition(text, ctx(2025))).toEqual([]);
  });
  it("leaves a noun phrase taken up in the next sentence, but reports a clause said twice", () => {
    const prose = `${TITLE}办理以县政府为被告的行政诉讼案件18件，已审结15件。以县政府为被告的行政诉讼案件连续三年无败诉。`;
    expect(checkRepetition(prose, ctx(2025))).toEqual([]);
    const twice = `${TITLE}全县健全重大决策社会稳定风险评估机制，同时健全重大决策社会稳定风险评估机制。`;
    expect(checkRepetition(twice, ctx(2025)).map((f) => f.text)).toEqual(["健全重大决策社会稳定风险评估机制"]);
  });
  it("leaves a heading repeated between the outline of problems and the plan", () => {
    const text = `${TITLE}二、存在的问题\n（一）基层基础仍需夯实\n三、下一步打算\n（一）基层基础仍需夯实`;
    expect(checkRepetition(text, ctx(2025))).toEqual([]);
  });
});

describe("arithmetic pairs a rate only with the counts it is a rate of", () => {
  it("stays silent when the counts are of something else or the whole is not named", () => {
    expect(checkArithmetic("邀请专家授课4人次，覆盖干警260人次，覆盖率达97%。", ctx(2025))).toEqual([]);
    expect(checkArithmetic("两部普法短片获奖，全县8个司法所均已达标，达标率100%。", ctx(2025))).toEqual([]);
  });
  it("still checks a rate whose part and whole are named", () => {
    expect(checkArithmetic("全县共有网格员250人，已培训覆盖200人，覆盖率90%。", ctx(2025))).toHaveLength(1);
    expect(checkArithmetic("受理信访事项400件，办结380件，办结率90%。", ctx(2025))).toHaveLength(1);
  });
});

describe("numbers: session ordinals are names, not statistics", () => {
  it("does not count 十一次全会 as a statistic written in 汉字", async () => {
    const text = `${TITLE}深入贯彻省委十二届十一次、十二次全会精神，全年召开推进会15次，开展培训12次。`;
    const r = await checkText(text, { year: 2025 });
    expect(r.findings.filter((f) => f.kind === "number")).toEqual([]);
  });
});

describe("spacing", () => {
  it("reports a space between Chinese characters and leaves indentation, codes and layout alone", () => {
    expect(checkSpacing("推进规范化 建设。").map((f) => f.start)).toEqual([5]);
    expect(checkSpacing("　　执行GB/T 9704 的规定。\n某县委政法委      2025年12月\n工 作 总 结")).toEqual([]);
  });

  it("reports a typed space between a Chinese character and a figure (issue 16: stray spaces beside figures)", () => {
    expect(checkSpacing("　　全年完成 2025 年任务。").map((f) => [f.start, f.message])).toEqual([[6, "汉字与数字之间有多余空格"], [11, "汉字与数字之间有多余空格"]]);
  });
});

describe("enumeration", () => {
  it("reports a lone 一是, not 一是 inside a word or a complete run", () => {
    const lone = "（一）队伍建设\n一是加强政治轮训。\n（二）平安建设\n";
    expect(checkNumbering(lone, ctx(2025)).map((f) => f.text)).toEqual(["一是"]);
    const clean = "（一）队伍建设\n一是加强政治轮训。二是严格教育管理。\n统一是前提，唯一是底线。\n";
    expect(checkNumbering(clean, ctx(2025))).toEqual([]);
  });
});

describe("consistency", () => {
  it("reads the plan year only in the title, headings and the opening turn, not in the body", () => {
    const text = "某县委政法委2025年工作总结和2026年工作计划\n全年落实2025年工作要点和2024年工作计划延续的任务。\n三、2026年工作打算";
    expect(checkConsistency(text, ctx(2025))).toEqual([]);
  });
  it("reports 明年 in the plan of a half-year report, but not 为明年打下基础", () => {
    const text = "某县委政法委2025年上半年工作总结\n一、上半年工作情况\n明年的评估已经启动。\n二、下半年工作打算\n明年将全面推开网格化管理，为明年工作打下坚实基础。";
    const found = checkConsistency(text, ctx(2025, 20250630));
    expect(found).toHaveLength(1);
    expect(text.slice(found[0].start, found[0].start + 8)).toBe("明年将全面推开网");
  });
});

describe("the dated registry", () => {
  it("names a source for every built-in entry", () => {
    const reg = loadRegistry();
    const lists = [reg.congresses, reg.plenums, reg.campaigns, reg.formulations, reg.replaced, reg.regulations];
    expect(reg.replaced.length).toBeGreaterThan(3);
    expect(reg.regulations.map((r) => r.title)).toEqual(expect.arrayContaining(["国家行政机关公文处理办法", "中国共产党机关公文处理条例", "GB/T 9704-1999"]));
    for (const list of lists) for (const e of list) expect(e.source, JSON.stringify(e)).toMatch(/\S{4,}/);
  });

  it("judges a replaced formulation and a superseded regulation by the report's date", async () => {
    const text = "深入学习贯彻习近平总书记系列重要讲话精神，按照《国家行政机关公文处理办法》制发公文。";
    const early = await checkText(`某县2011年工作总结\n${text}`, { year: 2011 });
    // Only the title is wrong in 2011: 习近平 became general secretary in November 2012 (the leaders registry).
    expect(early.findings.filter((f) => f.kind === "outdated").map((f) => f.text)).toEqual(["习近平总书记"]);
    const late = await checkText(`某县2024年工作总结\n${text}`, { year: 2024 });
    expect(late.findings.filter((f) => f.kind === "outdated").map((f) => f.suggestion)).toEqual(["习近平新时代中国特色社会主义思想", "《党政机关公文处理工作条例》"]);
  });

  it("leaves a campaign recounted in a look-back paragraph or dated within its own years", async () => {
    const r = await checkText("某县2022年工作总结\n近年来，县委政法委扎实开展党史学习教育。\n全县2021年度政法队伍教育整顿满意度位居前列。", { year: 2022 });
    expect(r.findings.filter((f) => f.kind === "outdated")).toEqual([]);
  });
});
