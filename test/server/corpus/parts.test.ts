import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prepareReport } from "../../../server/corpus/prepare.ts";
import { parseHeading, parsePartHeading } from "../../../server/text/headings.ts";
import { analyzeStructure } from "../../../server/corpus/structure.ts";
import type { PreparedReport } from "../../../server/corpus/types.ts";
import { PreparedDocumentSchema } from "../../../server/corpus/types.ts";

const FIXTURE = join(import.meta.dirname, "fixtures/parts-report.txt");

describe("part headings (第一部分 / 第一篇 / 第一章)", () => {
  it("recognises part markers with a space, a colon, a full-width space or nothing before the text", () => {
    const cases: Array<[string, number, string, string]> = [
      ["第一部分 2024年工作总结", 1, "第一部分", "2024年工作总结"],
      ["第二部分：存在的问题", 2, "第二部分", "存在的问题"],
      ["第三部分\u30002025年工作打算", 3, "第三部分", "2025年工作打算"],
      ["第二部分存在的问题和不足", 2, "第二部分", "存在的问题和不足"],
      ["第一章 总体情况", 1, "第一章", "总体情况"],
      ["第二篇 工作思路", 2, "第二篇", "工作思路"],
      ["第十二部分 其他工作", 12, "第十二部分", "其他工作"],
      ["第一部分 为民办实事情况", 1, "第一部分", "为民办实事情况"],
      ["第一部分", 1, "第一部分", ""],
    ];
    for (const [line, ordinal, marker, text] of cases) {
      const h = parseHeading(line);
      expect(h, line).not.toBeNull();
      expect([h!.level, h!.ordinal, h!.marker, h!.text, h!.runIn], line).toEqual([0, ordinal, marker, text, false]);
      expect(h!.end - h!.start, line).toBe(line.trimEnd().length);
    }
  });

  it("does not take a sentence that starts with 第一部分 for a heading", () => {
    for (const line of [
      "第一部分为全县42个村（社区）的综治中心建设任务，已于6月底前全部完成。",
      "第一部分共涉及12项任务，已全部完成。",
      "第一部分是工作回顾",
      "第二部分的内容由各单位分别填报",
      "第一章节内容需要修改",
      "第一部分网格已完成智能化改造。",
      "第三部分，我们将重点谈谈下一步打算",
      "第一部分 学习内容以党章和《中国共产党纪律处分条例》为重点，组织专题研讨4次，开展警示教育2场",
    ]) {
      expect(parsePartHeading(line), line).toBeNull();
      expect(parseHeading(line)?.level ?? null, line).not.toBe(0);
    }
  });

  it("nests 一、 under a part, 第一章 under 第一部分, and restarts the path at the next part", () => {
    const text = [
      "XX区委政法委2024年工作总结",
      "2024年，在区委的坚强领导下，全区政法工作取得新成效。现将有关情况总结如下：",
      "第一部分 工作回顾",
      "第一章 平安建设",
      "一、深化社会治安防控",
      "全区刑事案件发案数同比下降12%。",
      "第二章 基层治理",
      "一、推进网格化管理",
      "全区划分网格300个。",
      "第二部分 下一步工作打算",
      "一、持续深化平安建设",
      "力争群众安全感保持在98%以上。",
    ].join("\n");
    const { paras } = analyzeStructure(text);
    const pathOf = (needle: string) => paras.find((p) => text.slice(p.start, p.end).startsWith(needle))!.headingPath;
    expect(pathOf("全区刑事案件")).toEqual(["第一部分 工作回顾", "第一章 平安建设", "一、深化社会治安防控"]);
    expect(pathOf("全区划分网格")).toEqual(["第一部分 工作回顾", "第二章 基层治理", "一、推进网格化管理"]);
    expect(pathOf("力争群众安全感")).toEqual(["第二部分 下一步工作打算", "一、持续深化平安建设"]);
  });

  it("reads a part marker and its title on two lines as one heading", async () => {
    const text = [
      "XX县委政法委2024年工作总结",
      "2024年，全县政法工作取得新成效。现总结如下：",
      "第一部分",
      "2024年工作回顾",
      "一、维护社会稳定",
      "全年排查矛盾纠纷1200件。",
      "第二部分",
      "存在的问题",
      "基层基础工作仍有短板，部分乡镇综治中心实战化水平不高。",
    ].join("\n");
    const r = await prepareReport("两行.txt", new TextEncoder().encode(text));
    const parts = r.document.structure.headings.filter((h) => h.level === 0);
    expect(parts.map((h) => [h.marker, h.text])).toEqual([["第一部分", "2024年工作回顾"], ["第二部分", "存在的问题"]]);
    expect(r.document.structure.headings).toHaveLength(3);
    const chunk = (needle: string) => r.chunks.find((c) => c.text.includes(needle))!;
    expect(chunk("排查矛盾纠纷1200件").headingPath).toEqual(["第一部分 2024年工作回顾", "一、维护社会稳定"]);
    expect(chunk("综治中心实战化").headingPath).toEqual(["第二部分 存在的问题"]);
    expect(chunk("综治中心实战化").role).toBe("problems");
    expect(chunk("综治中心实战化").text.startsWith("第二部分\n存在的问题\n")).toBe(true);
    expect(r.document.structure.sections.map((s) => s.headingPath.join(" > "))).toEqual([
      "",
      "",
      "第一部分 2024年工作回顾",
      "第一部分 2024年工作回顾 > 一、维护社会稳定",
      "第二部分 存在的问题",
    ]);
  });

  it("lets inner headings decide under a mixed part (存在的问题及下一步打算)", () => {
    const text = [
      "XX县委政法委2024年工作总结",
      "2024年，全县政法工作取得新成效。现总结如下：",
      "第一部分 2024年工作开展情况",
      "一、维护社会稳定",
      "全年排查矛盾纠纷1200件。",
      "第二部分 存在的问题及下一步打算",
      "一、存在的问题",
      "基层基础工作仍有短板。",
      "二、下一步工作打算",
      "持续推进综治中心规范化建设。",
    ].join("\n");
    const { paras } = analyzeStructure(text);
    const roleOf = (needle: string) => paras.find((p) => text.slice(p.start, p.end).startsWith(needle))!.role;
    expect(roleOf("全年排查")).toBe("work");
    expect(roleOf("基层基础工作")).toBe("problems");
    expect(roleOf("持续推进")).toBe("plans");
  });
});

describe("a report divided into parts (fixture parts-report.txt)", () => {
  let r: PreparedReport;
  let text: string;
  beforeAll(async () => {
    r = await prepareReport("parts-report.txt", readFileSync(FIXTURE));
    text = r.document.cleanedText;
  });
  const chunkWith = (needle: string) => {
    const c = r.chunks.find((ch) => ch.text.includes(needle));
    if (!c) throw new Error(`no chunk contains ${needle}`);
    return c;
  };

  it("is a valid prepared document with three parts above its 一、 headings", () => {
    expect(PreparedDocumentSchema.safeParse(r.document).success).toBe(true);
    expect(r.document.title).toBe("XX县委政法委2024年工作总结和2025年工作打算");
    const { headings } = r.document.structure;
    expect(headings.filter((h) => h.level === 0).map((h) => `${h.marker}|${h.text}`)).toEqual([
      "第一部分|2024年工作总结",
      "第二部分|存在的问题",
      "第三部分|2025年工作打算",
    ]);
    expect([1, 2].map((l) => headings.filter((h) => h.level === l).length)).toEqual([9, 4]);
    for (const h of headings) expect(text.slice(h.start, h.end).startsWith(h.marker), h.marker).toBe(true);
  });

  it("keeps a paragraph that starts with 第一部分 as body text of its section", () => {
    const line = "第一部分为全县42个村（社区）的综治中心建设任务，已于6月底前全部完成。";
    expect(r.document.structure.headings.some((h) => h.start === text.indexOf(line))).toBe(false);
    expect(chunkWith("第一部分为全县42个村").headingPath).toEqual(["第一部分 2024年工作总结", "三、深化平安建设，提升基层治理水平"]);
  });

  it("gives each part's sections the role its words name", () => {
    expect(chunkWith("排查矛盾纠纷3260件").role).toBe("work");
    expect(chunkWith("网格员队伍不稳定").role).toBe("problems");
    // "措施" would make this heading a plans heading on its own; under 第二部分 存在的问题 it is a problem.
    expect(chunkWith("信访积案化解周期长").role).toBe("problems");
    // "突出问题" under 第三部分 工作打算 is a plan.
    expect(chunkWith("信访积案化解攻坚").role).toBe("plans");
    expect(chunkWith("全面从严治党主体责任").role).toBe("plans");
    expect(chunkWith("统筹发展和安全").role).toBe("opening");
    const roles = r.document.structure.sections.map((s) => s.role);
    expect(roles.indexOf("problems")).toBeGreaterThan(roles.lastIndexOf("work"));
    expect(roles.indexOf("plans")).toBeGreaterThan(roles.lastIndexOf("problems"));
  });

  it("puts the part first in every chunk's heading path below it", () => {
    expect(chunkWith("召开委员会会议12次").headingPath).toEqual([
      "第一部分 2024年工作总结",
      "一、坚持党的绝对领导，锻造过硬政法队伍",
      "（一）强化政治建设",
    ]);
    expect(chunkWith("涉恶团伙2个").headingPath).toEqual([
      "第一部分 2024年工作总结",
      "二、防范化解重大风险，维护社会大局稳定",
      "（二）推进常态化扫黑除恶斗争",
    ]);
    expect(chunkWith("网格员队伍不稳定").headingPath).toEqual(["第二部分 存在的问题", "二、基层基础工作仍有短板"]);
    expect(chunkWith("完善网格员选聘").headingPath).toEqual(["第三部分 2025年工作打算", "二、加强基层社会治理"]);
    for (const c of r.chunks) {
      if (c.role === "opening" || c.role === "title") continue;
      expect(c.headingPath[0], c.text.slice(0, 20)).toMatch(/^第[一二三]部分 /);
    }
  });

  it("keeps every chunk an exact slice of the cleaned text", () => {
    for (const c of r.chunks) expect(text.slice(c.start, c.end)).toBe(c.text);
  });
});
