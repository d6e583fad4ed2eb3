import { describe, expect, it } from "vitest";
import { checkTypos, typoCacheStats, type TypoContext } from "../../../server/checking/typo/index.ts";
import { acceptSwap, type WordSwap } from "../../../server/checking/typo/word-swap.ts";
import { findNames } from "../../../server/text/names.ts";
import { loadNameList } from "../../../server/lists/names.ts";

// All sentences are written for these tests; none is taken from a report.
const typos = (text: string, ctx: TypoContext = {}) => checkTypos(text, ctx).map((f) => `${f.text}→${f.suggestion}`);

describe("the real-word rule: official word pairs as a language model", () => {
  it("corrects a wrong character that still forms a word, which the unigram scorer leaves alone", () => {
    // 凸出 is a word; official prose writes 突出问题 and 的突出 and never 凸出 beside these neighbours.
    const text = "着力解决群众反映强烈的凸出问题。";
    expect(typos(text)).toEqual(["凸→突"]);
    expect(typos(text, { guards: { wordSwaps: false, charRule: false } })).toEqual([]);
  });

  it("leaves the correct twin untouched", () => {
    expect(typos("着力解决群众反映强烈的突出问题。")).toEqual([]);
    expect(typos("高标准建设自由贸易试验区。")).toEqual([]);
  });

  it("corrects a real word inside a frequent word of the dictionary (实验区 where 试验区 is meant)", () => {
    const text = "高标准建设自由贸易实验区。";
    expect(typos(text)).toEqual(["实→试"]);
    expect(typos(text, { guards: { wordSwaps: false, charRule: false } })).toEqual([]);
  });

  it("corrects a string no dictionary has when the word one character away is common with the same neighbours", () => {
    const text = "创新兼管方式，提升监管效能。";
    expect(typos(text)).toEqual(["兼→监"]);
    expect(typos("创新监管方式，提升监管效能。")).toEqual([]);
  });

  it("wants the text as written unused in official prose and the new word's pairs strong", () => {
    const swap: WordSwap = {
      index: 0, from: "甲", to: "乙", kind: "sound", before: "甲丙", word: "乙丙", wordStart: 0, tokens: 1,
      newCount: 50, newPairs: [3, 4], oldCount: 0, oldPairs: 0, prev: "的", next: "下", oldDictFreq: 0,
    };
    expect(acceptSwap(swap)).toBe(true);
    // The original is a word of official prose in its own right, or stands in a pair official prose writes.
    expect(acceptSwap({ ...swap, oldCount: 3 })).toBe(false);
    expect(acceptSwap({ ...swap, oldPairs: 1 })).toBe(false);
    // Evidence on one side only must be strong, and the original no common word.
    expect(acceptSwap({ ...swap, newPairs: [0, 4] })).toBe(false);
    expect(acceptSwap({ ...swap, newPairs: [0, 40] })).toBe(true);
    expect(acceptSwap({ ...swap, newPairs: [0, 40], oldDictFreq: 5000 })).toBe(false);
    // A shape neighbour needs more.
    expect(acceptSwap({ ...swap, kind: "shape" })).toBe(false);
    expect(acceptSwap({ ...swap, kind: "shape", newPairs: [10, 12] })).toBe(true);
    // A rare new word is no evidence.
    expect(acceptSwap({ ...swap, newCount: 2 })).toBe(false);
  });
});

describe("names in lists, abbreviations and the document's own words are not corrected", () => {
  it("leaves the short items of a 顿号 list alone (names in parallel)", () => {
    const text = "推进沂工、禾润、金旭三家企业上市。";
    expect(typos(text)).toEqual([]);
    expect(typos(text, { guards: { lists: false } })).toEqual(["禾→利"]);
  });

  it("finds the items of a list by their parallel length, and longer items only when they share a frame", () => {
    const names = loadNameList();
    const items = (t: string) => findNames(t, names, ["list"]).map((n) => n.text);
    expect(items("推进沂工、禾润、金旭三家企业上市")).toEqual(["沂工", "禾润", "金旭"]);
    expect(items("做到以学立身、以学明理、以学促干")).toEqual(["以学立身", "以学明理", "以学促干"]);
    // Clauses in a list are no names.
    expect(items("加强队伍建设、完善工作机制、提升服务水平")).toEqual([]);
  });

  it("leaves an abbreviation before a firm's or project's ending alone", () => {
    expect(typos("引进禾润集团落户。")).toEqual([]);
    expect(typos("引进禾润集团落户。", { guards: { lists: false } })).toEqual(["禾→利"]);
    expect(typos("对接禾润公司。")).toEqual([]);
  });

  it("leaves an abbreviation before an industrial corridor's or works' ending alone (禾润走廊, 禾润工场, 禾润时代)", () => {
    for (const text of ["建设禾润走廊。", "入驻禾润工场。", "引进禾润时代项目。"]) {
      expect(typos(text)).toEqual([]);
      expect(typos(text, { guards: { lists: false } })).toEqual(["禾→利"]);
    }
  });

  it("leaves a province's one-character short name alone (冀货出口)", () => {
    expect(typos("支持冀货出口。")).toEqual([]);
    expect(typos("支持冀货出口。", { guards: { names: false } })).toEqual(["冀→期"]);
  });

  it("leaves the open slot of a parallel frame alone (治水治岸)", () => {
    expect(typos("坚持治水治岸同步推进。")).toEqual([]);
    expect(typos("坚持治水治岸同步推进。", { guards: { frames: false } })).toEqual(["岸→安"]);
  });

  it("leaves the slot two list items vary around a shared character alone (禁毒、拒毒), and still finds a slip in a list", () => {
    expect(typos("广泛开展禁毒、拒毒宣传教育活动。")).toEqual([]);
    expect(typos("广泛开展禁毒、拒毒宣传教育活动。", { guards: { lists: false } })).toEqual(["拒→剧"]);
    expect(typos("对违法犯罪行为依法惩冶、坚决打击。")).toEqual(["冶→治"]);
  });

  it("leaves a character beside a placeholder or Latin letters alone (xx市: a name still to be filled in)", () => {
    expect(typos("xx市现共有专兼职司法助理员12名。")).toEqual([]);
    expect(typos("xx市现共有专兼职司法助理员12名。", { guards: { names: false } })).toEqual(["市→实"]);
  });

  it("treats an unknown string written twice in one document as the author's word", () => {
    const once = "支持禾润做大做强。";
    expect(typos(once)).toEqual(["禾→利"]);
    const twice = "支持禾润做大做强。\n禾润新增产值两亿元。";
    expect(typos(twice)).toEqual([]);
    expect(typos(twice, { guards: { repeats: false } })).toEqual(["禾→利", "禾→利"]);
  });

  it("keys the line cache so that the document's evidence is judged on every check", () => {
    const line = "支持禾润做大做强。";
    expect(typos(line)).toEqual(["禾→利"]);
    const before = typoCacheStats.hits;
    // The same line, now in a document that writes the name again: the cached line is reused, the repeat still counts.
    expect(typos(`${line}\n禾润新增产值两亿元。`)).toEqual([]);
    expect(typoCacheStats.hits).toBeGreaterThan(before);
    // And alone again, the finding is back.
    expect(typos(line)).toEqual(["禾→利"]);
  });

  it("leaves the domain's own terms alone (the work lines' keywords)", () => {
    const text = "预防民转刑和个人极端事件。";
    expect(typos(text)).toEqual([]);
    expect(typos(text, { terms: [] })).toEqual(["刑→型"]);
  });
});
