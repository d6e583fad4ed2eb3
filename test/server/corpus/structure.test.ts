import { describe, expect, it } from "vitest";
import { parseHeading } from "../../../server/text/headings.ts";
import { analyzeStructure, enumRuns, findEnumItems } from "../../../server/corpus/structure.ts";
import { parseOrdinal } from "../../../server/text/numerals.ts";

describe("heading lines", () => {
  it("recognises the four levels and their real-world variants", () => {
    const cases: Array<[string, number, number, string]> = [
      ["一、主要工作", 1, 1, "一、"],
      ["十二、其他工作", 1, 12, "十二、"],
      ["（三）深化平安建设", 2, 3, "（三）"],
      ["(三)深化平安建设", 2, 3, "(三)"],
      ["（三）、深化平安建设", 2, 3, "（三）、"],
      ["2.全力防控社会风险", 3, 2, "2."],
      ["2、全力防控社会风险", 3, 2, "2、"],
      ["2．全力防控社会风险", 3, 2, "2．"],
      ["（4）加强网格员培训", 4, 4, "（4）"],
      ["(4)加强网格员培训", 4, 4, "(4)"],
    ];
    for (const [line, level, ordinal, marker] of cases) {
      const h = parseHeading(line);
      expect(h, line).not.toBeNull();
      expect([h!.level, h!.ordinal, h!.marker], line).toEqual([level, ordinal, marker]);
    }
  });

  it("does not take numbers, 一是 or ordinary sentences for headings", () => {
    for (const line of ["2021年，全区政法工作取得新成效。", "1.2吨危化品被收缴。", "一是坚持党的绝对领导。", "十分重视平安建设。", "（注）以上数据截至11月。"]) {
      expect(parseHeading(line), line).toBeNull();
    }
  });

  it("splits a heading that runs into its paragraph at the first 。", () => {
    const h = parseHeading("（一）突出队伍建设，坚决打赢教育整顿攻坚战。深入贯彻落实中央决策部署。", 100)!;
    expect(h.text).toBe("突出队伍建设，坚决打赢教育整顿攻坚战");
    expect(h.runIn).toBe(true);
    expect(h.start).toBe(100);
    expect(h.end).toBe(100 + "（一）突出队伍建设，坚决打赢教育整顿攻坚战".length);
  });

  it("treats a heading alone on its line (even ending in 。) as not run-in", () => {
    const h = parseHeading("3.扎实开展深入贯彻中央八项规定精神学习教育。")!;
    expect(h.text).toBe("扎实开展深入贯彻中央八项规定精神学习教育");
    expect(h.runIn).toBe(false);
  });

  it("takes the first clause when the first sentence is too long to be a heading", () => {
    const line = "三、优化服务区委政法委以抓实社会稳定为主线，不断谋划新思路、新办法，完善制度、公正司法、严格执法、助推改革，真正发挥好政法工作促进经济发展的“助推器”作用，全力维护社会稳定大局。";
    const h = parseHeading(line)!;
    expect(h.level).toBe(1);
    expect(h.text).toBe("优化服务区委政法委以抓实社会稳定为主线");
    expect(h.runIn).toBe(true);
  });
});

describe("一是/二是 runs", () => {
  it("finds items at sentence or clause starts only", () => {
    const t = "主要做法：一是坚持统一是非标准；二是强化监督。三是完善机制。";
    expect(findEnumItems(t).map((i) => [i.ordinal, t.slice(i.start, i.start + 2)])).toEqual([
      [1, "一是"],
      [2, "二是"],
      [3, "三是"],
    ]);
  });
  it("counts only consecutive runs that start at 一是", () => {
    expect(enumRuns(findEnumItems("一是甲。二是乙。三是丙。一是丁。二是戊。"))).toHaveLength(2);
    expect(enumRuns(findEnumItems("三是丙。"))).toHaveLength(0);
    expect(parseOrdinal("十二")).toBe(12);
    expect(parseOrdinal("二十")).toBe(20);
  });
});

describe("report structure", () => {
  const doc = [
    "XX市委政法委2024年工作总结",
    "2024年，在市委的坚强领导下，市委政法委坚持以习近平新时代中国特色社会主义思想为指导。现将全年工作总结如下：",
    "一、主要工作及成效",
    "(一)坚决维护政治安全",
    "1、深入开展反邪教工作。全年教育转化邪教人员12名。",
    "2、加强国家安全人民防线建设。组织宣传活动30场。",
    "(二)深化矛盾纠纷化解",
    "全年排查矛盾纠纷6200件，调解成功6150件。一是健全机制；二是强化调解。",
    "二、存在的问题",
    "一是基层基础薄弱。二是队伍能力不足。",
    "三、2025年工作打算",
    "一是持续深化平安建设。二是推进市域社会治理现代化。",
    "总之，我们将以更加饱满的热情做好各项工作。",
  ].join("\n");
  const a = analyzeStructure(doc);
  const roleOf = (needle: string) => a.paras.find((p) => doc.slice(p.start, p.end).includes(needle))!.role;

  it("finds the title, year and level", () => {
    expect(a.structure.title).toBe("XX市委政法委2024年工作总结");
    expect(a.structure.year).toBe(2024);
    expect(a.structure.level).toBe("市");
    expect(a.titleInText).toBe(true);
  });
  it("counts headings per level, including half-width and 1、 variants", () => {
    const per = [1, 2, 3, 4].map((l) => a.structure.headings.filter((h) => h.level === l).length);
    expect(per).toEqual([3, 2, 2, 0]);
  });
  it("counts 一是 runs", () => {
    expect(a.structure.enumerationRuns).toBe(3);
  });
  it("assigns roles from the headings and the closing paragraph", () => {
    expect(roleOf("在市委的坚强领导下")).toBe("opening");
    expect(roleOf("深入开展反邪教工作")).toBe("work");
    expect(roleOf("基层基础薄弱")).toBe("problems");
    expect(roleOf("持续深化平安建设")).toBe("plans");
    expect(roleOf("总之")).toBe("closing");
  });
  it("builds heading paths from the nesting", () => {
    const p = a.paras.find((x) => doc.slice(x.start, x.end).startsWith("2、加强"))!;
    expect(p.headingPath).toEqual(["一、主要工作及成效", "(一)坚决维护政治安全", "2、加强国家安全人民防线建设"]);
  });
  it("partitions the text into sections with tags", () => {
    const s = a.structure.sections;
    expect(s[0].role).toBe("title");
    for (let i = 1; i < s.length; i++) expect(s[i].start).toBeGreaterThan(s[i - 1].end - 1);
    const politics = s.find((x) => x.headingPath.at(-1) === "1、深入开展反邪教工作")!;
    expect(politics.tags[0]).toBe("政治安全");
    expect(s.at(-1)!.role).toBe("closing");
  });
  it("reads a year written in Chinese numerals in the title", () => {
    expect(analyzeStructure("XX区委政法委二〇二四年工作总结\n正文。").structure.year).toBe(2024);
  });
  it("derives a title when the report has none", () => {
    const b = analyzeStructure("2023年，XX县委政法委在县委的坚强领导下扎实工作，现将主要工作总结如下：\n一、主要工作\n全县平安建设扎实推进。");
    expect(b.titleInText).toBe(false);
    expect(b.structure.title).toBe("XX县委政法委2023年工作总结");
    expect(b.structure.level).toBe("县");
  });
  it("gives a report without headings an opening, work, problems and plans by its paragraphs", () => {
    const t = [
      "XX县委政法委2024年上半年工作总结",
      "2024年上半年，县委政法委在县委的坚强领导下，扎实推进各项工作。",
      "全县共排查化解矛盾纠纷420件，化解率98%。",
      "同时，工作中还存在一些问题和不足。一是基层力量薄弱。",
      "二是信息化水平不高。",
      "下一步，我们将持续深化平安建设。",
    ].join("\n");
    const b = analyzeStructure(t);
    expect(b.paras.map((p) => p.role)).toEqual(["title", "opening", "work", "problems", "problems", "plans"]);
  });

  it("does not call a work heading about solving problems a problems section", () => {
    const b = analyzeStructure("标题\n一、聚焦群众反映强烈的突出问题，深化专项整治\n整治突出问题38个。");
    expect(b.paras[2].role).toBe("work");
  });
});
