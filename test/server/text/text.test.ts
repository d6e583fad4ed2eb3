import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { headingLabels } from "../../../server/text/headings.ts";
import { draftToMarkdown } from "../../../server/text/markdown.ts";
import { chineseDigits, chineseInteger, chineseOrdinal, parseChineseNumeral, parseOrdinal } from "../../../server/text/numerals.ts";
import { firstYearIn, isoDate, periodEnd, periodEndFromText, yearFromText } from "../../../server/text/report.ts";
import { cut, dictEntry, hasWord, segmenter, tag, wordFreq } from "../../../server/text/segment.ts";

describe("numerals", () => {
  it("formats and parses ordinals both ways for 1–99", () => {
    for (let n = 1; n < 100; n++) expect(parseOrdinal(chineseOrdinal(n))).toBe(n);
    expect([1, 10, 12, 20, 21, 99].map(chineseOrdinal)).toEqual(["一", "十", "十二", "二十", "二十一", "九十九"]);
    expect(chineseOrdinal(100)).toBe("100");
    expect(parseOrdinal("两")).toBe(2);
    expect(parseOrdinal("十十")).toBeNaN();
  });
  it("formats integers and digit runs that the general parser reads back", () => {
    for (const n of [0, 7, 10, 15, 105, 1010, 30080, 120000]) expect(parseChineseNumeral(chineseInteger(n)!)).toBe(n);
    expect(chineseDigits("2024")).toBe("二〇二四");
  });
});

describe("report time", () => {
  it("reads the year from a title or an opening line", () => {
    expect(yearFromText("某县委政法委2024年上半年工作总结\n正文")).toBe(2024);
    expect(firstYearIn("二〇二三年工作总结")).toBe(2023);
  });
  it("ends the period the title names", () => {
    expect(periodEnd(2024, "上半年")).toBe(20240630);
    expect(periodEnd(2024, "前三季度")).toBe(20240930);
    expect(periodEnd(2024, "全年")).toBe(20241231);
    expect(periodEndFromText("某区2025年第一季度工作总结\n……", 2025)).toBe(20250331);
    expect(isoDate(20240630)).toBe("2024-06-30");
  });
});

describe("headings and Markdown", () => {
  it("numbers headings by order and level, restarting （一） under each 一、", () => {
    const labels = headingLabels([
      { level: 0, heading: "" },
      { level: 1, heading: "主要工作" },
      { level: 2, heading: "甲" },
      { level: 2, heading: "乙" },
      { level: 1, heading: "问题" },
      { level: 2, heading: "丙" },
    ]);
    expect(labels).toEqual(["", "一、主要工作", "（一）甲", "（二）乙", "二、问题", "（一）丙"]);
  });
  it("writes the title once and skips a title section", () => {
    const md = draftToMarkdown("标题", [
      { role: "title", level: 0, heading: "", text: "标题" },
      { level: 1, heading: "一、工作", text: "第一段。\n\n第二段。" },
      { level: 2, heading: "（一）小节", text: "正文。" },
    ]);
    expect(md).toBe("# 标题\n\n## 一、工作\n\n第一段。\n\n第二段。\n\n### （一）小节\n\n正文。\n");
  });
});

describe("segmenter", () => {
  it("is one instance, and cut keeps every character", () => {
    expect(segmenter()).toBe(segmenter());
    const s = "全区开展矛盾纠纷排查化解工作";
    expect(cut(s).join("")).toBe(s);
    expect(tag("张三在北京工作").some((t) => t.tag === "ns" && t.word === "北京")).toBe(true);
  });
  it("answers dictionary frequencies from jieba's own dictionary", () => {
    expect(hasWord("矛盾")).toBe(true);
    expect(wordFreq("矛盾")).toBeGreaterThan(100);
    expect(dictEntry("北京")?.tag).toBe("ns");
    expect(hasWord("矛质")).toBe(false);
    expect(wordFreq("矛质")).toBe(0);
    // A Map, not a scan: a hundred thousand look-ups take well under a second.
    const t0 = performance.now();
    for (let i = 0; i < 100_000; i++) wordFreq(i % 2 ? "纠纷" : "排查");
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe("layering", () => {
  const root = path.resolve(fileURLToPath(import.meta.url), "../../../..");
  const sources = (dir: string): string[] =>
    readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" }).filter((f) => /\.tsx?$/.test(f)).map((f) => path.join(dir, f));
  it("loads jieba in one place only", () => {
    const importers = [...sources("server"), ...sources("web")].filter((f) => /from "@node-rs\/jieba/.test(readFileSync(path.join(root, f), "utf8")));
    expect(importers).toEqual([path.join("server", "text", "segment.ts")]);
  });
  it("keeps the pieces the editor imports free of native and Node code", () => {
    for (const f of ["numerals.ts", "headings.ts", "markdown.ts", "chars.ts"]) {
      const src = readFileSync(path.join(root, "server", "text", f), "utf8");
      expect(src, f).not.toMatch(/from "(?:node:|@node-rs)|from "\.\/segment\.ts"/);
    }
  });
  it("keeps rewrite out of checking's internals", () => {
    for (const f of sources("server/rewrite")) expect(readFileSync(path.join(root, f), "utf8"), f).not.toMatch(/from "\.\.\/checking\//);
  });
});
