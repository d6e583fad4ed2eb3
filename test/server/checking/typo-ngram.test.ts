import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { checkTypos, type TypoContext } from "../../../server/checking/typo/index.ts";
import { encodeNgrams, officialCharModel, parseNgrams } from "../../../server/checking/typo/ngram.ts";

// All sentences are written for these tests; none is taken from a report or a data set.
const typos = (text: string, ctx: TypoContext = {}) => checkTypos(text, ctx).map((f) => `${f.text}→${f.suggestion}`);

describe("the character model of official prose (official-ngrams.bin)", () => {
  it("loads the shipped counts: characters, pairs, trios and runs of four", () => {
    const m = officialCharModel();
    expect(m).not.toBeNull();
    expect(m!.total).toBeGreaterThan(1_000_000);
    expect(m!.count("发展")).toBeGreaterThan(1000);
    expect(m!.count("高质量")).toBeGreaterThan(100);
    expect(m!.count("改革开放")).toBeGreaterThan(50);
    // A run official prose never writes.
    expect(m!.count("抽捡")).toBe(0);
    // The window through a slip reads likelier with the right character.
    const codes = Int32Array.from("食品安全抽捡工作", (c) => c.charCodeAt(0));
    expect(m!.delta(codes, 5, "检".charCodeAt(0))).toBeGreaterThan(5);
    expect(m!.delta(codes, 5, "拣".charCodeAt(0))).toBeLessThan(m!.delta(codes, 5, "检".charCodeAt(0)));
  });

  it("round-trips its file format, with counts that add up on a hash collision and saturate at 65,535", () => {
    const bin = encodeNgrams([[["甲", 70000], ["乙", 3]], [["甲乙", 2]], [["甲乙丙", 2]], [["甲乙丙丁", 2]]], 70003);
    const m = parseNgrams(bin);
    expect(m.count("甲")).toBe(65535);
    expect(m.count("乙")).toBe(3);
    expect(m.count("甲乙")).toBe(2);
    expect(m.count("甲乙丙丁")).toBe(2);
    expect(m.count("乙甲")).toBe(0);
    expect(m.pair("甲".charCodeAt(0), "乙".charCodeAt(0))).toBe(2);
  });

  it("refuses a damaged file with the reason, and a missing or damaged file leaves the check running without it", () => {
    expect(() => parseNgrams(Buffer.from("not a count file at all"))).toThrow(/not a character-count file/);
    const good = encodeNgrams([[["甲", 1]], [], [], []], 1);
    expect(() => parseNgrams(good.subarray(0, good.length - 3))).toThrow(/truncated|unexpected/);
    const dir = mkdtempSync(path.join(os.tmpdir(), "ngrams-"));
    const bad = path.join(dir, "official-ngrams.bin");
    writeFileSync(bad, "garbage");
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(officialCharModel(bad)).toBeNull();
      expect(officialCharModel(path.join(dir, "missing.bin"))).toBeNull();
      expect(String(err.mock.calls[0][0])).toMatch(/错别字检查：字频统计文件无法读取/);
    } finally {
      err.mockRestore();
    }
    // Without the model the rest of the check still runs (the word scorer finds a plain slip).
    expect(typos("切实维护社会和谐稳订。", { charModel: null })).toEqual(["订→定"]);
  });
});

describe("the character rule: slips the word scorer cannot see", () => {
  it("finds a slip that official prose's character sequences give away, which the word rules miss", () => {
    const text = "持续加强食品安全抽捡工作。";
    expect(typos(text)).toEqual(["捡→检"]);
    expect(typos(text, { guards: { charRule: false } })).toEqual([]);
    expect(typos(text, { charModel: null })).toEqual([]);
  });

  it("finds a slip that still forms a dictionary word (应激 for 应急)", () => {
    const text = "进一步规范应激救助程序。";
    expect(typos(text)).toEqual(["激→急"]);
    expect(typos(text, { guards: { charRule: false } })).toEqual([]);
  });

  it("leaves the correct twins untouched", () => {
    expect(typos("持续加强食品安全抽检工作。")).toEqual([]);
    expect(typos("进一步规范应急救助程序。")).toEqual([]);
    expect(typos("依法打击侵权假冒行为。")).toEqual([]);
  });

  it("respects the guards: a place's name and a quotation are left alone", () => {
    const village = "工作组到抽捡村开展调研。";
    expect(typos(village)).toEqual([]);
    expect(typos(village, { guards: { names: false } })).toEqual(["捡→检"]);
    const quoted = "开展“食品安全抽捡”专项行动。";
    expect(typos(quoted)).toEqual([]);
    expect(typos(quoted, { guards: { quotes: false } })).toEqual(["捡→检"]);
  });

  it("leaves a string the document itself writes twice (the author's word)", () => {
    const text = "抽捡工作组成立以来，抽捡工作组走访了十个单位。";
    expect(typos(text)).toEqual([]);
    expect(typos(text, { guards: { repeats: false } })).toContain("捡→检");
  });

  it("leaves a grammatical word standing alone (或, 及, 其): which one a sentence wants is grammar", () => {
    expect(typos("由中央或地方党委负责管理。")).toEqual([]);
  });
});

describe("the character rule and a set phrase standing whole", () => {
  it("leaves a character of a dictionary set phrase of four characters alone, and still finds a slip that breaks one", () => {
    // Official prose writes 嘘寒问暖 seldom and 温暖 often: the character model alone would read 问 as 温.
    expect(typos("网格员经常上门对独居老人嘘寒问暖。")).toEqual([]);
    expect(typos("调解员对当事人不偏不倚地讲清法理。")).toEqual([]);
    expect(typos("调解员对当事人不偏不移地讲清法理。")).toEqual(["移→倚"]);
  });
});
