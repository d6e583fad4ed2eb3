import { describe, expect, it } from "vitest";
import {
  hasItemMarker,
  hasTypedNumber,
  headingLabels,
  markerFor,
  matchMarker,
  parseHeading,
  startsLikeHeading,
  stripEnumerator,
  stripItemMarker,
  stripMarker,
  type MarkerLevel,
} from "../../../server/text/headings.ts";

const LEVELS: MarkerLevel[] = [1, 2, 3, 4];

describe("the marker table", () => {
  it("writes the house form of every level", () => {
    expect(LEVELS.map((l) => markerFor(l, 3))).toEqual(["三、", "（三）", "3.", "（3）"]);
    expect(markerFor(1, 12)).toBe("十二、");
    expect(markerFor(2, 20)).toBe("（二十）");
  });

  it("round-trips markerFor → parseHeading for every level and ordinal 1–30, in both forms", () => {
    for (const level of LEVELS) {
      for (let n = 1; n <= 30; n++) {
        const line = `${markerFor(level, n)}加强基层社会治理`;
        const h = parseHeading(line);
        expect(h, line).toMatchObject({ level, ordinal: n, marker: markerFor(level, n), text: "加强基层社会治理", runIn: false });
        for (const form of ["strict", "lenient"] as const) {
          expect(matchMarker(line, form), `${form} ${line}`).toMatchObject({ level, ordinal: n, length: markerFor(level, n).length });
        }
      }
    }
  });

  it("strict form: no spaces, each level's separator; a mark after a bracket or 1、 is reported in sep", () => {
    expect(matchMarker("（二）、做好维稳工作", "strict")).toMatchObject({ level: 2, ordinal: 2, sep: "、", marker: "（二）、" });
    expect(matchMarker("(二)做好维稳工作", "strict")).toMatchObject({ level: 2, sep: "" });
    expect(matchMarker("3、推进平安建设", "strict")).toMatchObject({ level: 3, ordinal: 3, sep: "、" });
    expect(matchMarker("3．推进平安建设", "strict")).toMatchObject({ level: 3, sep: "．" });
    expect(matchMarker("(4)，排查隐患", "strict")).toMatchObject({ level: 4, ordinal: 4, sep: "，" });
    // Spaces and 一，/一. belong to the lenient form only.
    for (const line of ["（ 二 ）做好维稳工作", "二 、做好维稳工作", "二，做好维稳工作", "二.做好维稳工作", "3 .推进平安建设"]) {
      expect(matchMarker(line, "strict"), line).toBeNull();
      expect(matchMarker(line, "lenient"), line).not.toBeNull();
    }
  });

  it("is never a number, a decimal or a malformed ordinal", () => {
    for (const line of ["3.5亿元用于建设", "2025年工作总结", "十十、某项工作", "（0）无", "1.2.3 版本", "一是加强领导"]) {
      expect(matchMarker(line, "lenient"), line).toBeNull();
      expect(matchMarker(line, "strict"), line).toBeNull();
    }
  });

  it("restricts to the levels asked for", () => {
    expect(matchMarker("1.推进平安建设", "strict", [1, 2])).toBeNull();
    expect(stripMarker("  （一）坚决维护安全", "strict", [1, 2])).toBe("坚决维护安全");
    expect(stripMarker("1. 推进平安建设", "strict", [1, 2])).toBe("1. 推进平安建设");
    expect(stripMarker("一 、 提高站位")).toBe("提高站位");
  });

  it("numbers labels from order and level, restarting （一） under each 一、", () => {
    const labels = headingLabels([
      { level: 1, heading: "甲" },
      { level: 2, heading: "乙" },
      { level: 2, heading: "丙" },
      { level: 1, heading: "丁" },
      { level: 2, heading: "戊" },
      { level: 0, heading: "结尾" },
    ]);
    expect(labels).toEqual(["一、甲", "（一）乙", "（二）丙", "二、丁", "（一）戊", "结尾"]);
  });
});

describe("heading lines", () => {
  it("splits a run-in heading from its body", () => {
    const h = parseHeading("（三）强化源头治理。全年排查矛盾纠纷一百余件。", 10);
    expect(h).toMatchObject({ level: 2, text: "强化源头治理", runIn: true, start: 10 });
    expect(h!.bodyStart).toBe(10 + "（三）强化源头治理。".length);
  });

  it("knows part headings and where a line starts like a heading", () => {
    expect(parseHeading("第二部分 存在的问题")).toMatchObject({ level: 0, ordinal: 2, text: "存在的问题" });
    expect(parseHeading("第二部分是问题清单，共五项")).toBeNull();
    expect(startsLikeHeading("第3章 工作打算")).toBe(true);
    expect(startsLikeHeading("（2）加强巡防")).toBe(true);
    expect(startsLikeHeading("全年共办理")).toBe(false);
  });
});

describe("list items and enumerators", () => {
  it("strips a bullet, a circled number or a marker of any level", () => {
    for (const line of ["- 新建调解室5个", "• 新建调解室5个", "① 新建调解室5个", "3) 新建调解室5个", "3、新建调解室5个", "（3）新建调解室5个", "三、新建调解室5个", "（三）新建调解室5个", "三. 新建调解室5个"]) {
      expect(hasItemMarker(line), line).toBe(true);
      expect(stripItemMarker(line), line).toBe("新建调解室5个");
    }
    expect(hasItemMarker("新建调解室5个")).toBe(false);
    expect(stripItemMarker("3.5亿元投入")).toBe("3.5亿元投入");
  });

  it("knows a typed number before a restored Word number", () => {
    expect(hasTypedNumber("（二）加强队伍建设")).toBe(true);
    expect(hasTypedNumber("②加强队伍建设")).toBe(true);
    expect(hasTypedNumber("加强队伍建设")).toBe(false);
  });

  it("strips a leading 一是", () => {
    expect(stripEnumerator("二是健全机制")).toBe("健全机制");
    expect(stripEnumerator("健全机制是关键")).toBe("健全机制是关键");
  });
});
