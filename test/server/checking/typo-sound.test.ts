import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { MemoryArchiveLexicon } from "../../../server/checking/typo/archive.ts";
import { checkTypos, type TypoContext } from "../../../server/checking/typo/index.ts";
import { prepareReport } from "../../../server/corpus/prepare.ts";
import { REPO_CORPUS_DIR } from "../../../server/runtime.ts";

// All sentences are written for these tests; none is taken from a report or a data set.
const typos = (text: string, ctx: TypoContext = {}) => checkTypos(text, ctx).map((f) => `${f.text}→${f.suggestion}`);

// The archive a user has after installing: the shipped sample reports.
const samples = new MemoryArchiveLexicon();
beforeAll(async () => {
  for (const f of readdirSync(REPO_CORPUS_DIR).filter((n) => n.endsWith(".txt"))) {
    const r = await prepareReport(f, readFileSync(path.join(REPO_CORPUS_DIR, f)));
    samples.addDocument(r.document.id, r.document.cleanedText);
  }
});

describe("the whole-word homophone rule (word-sound.ts)", () => {
  it("finds a word the input method replaced by one of the same syllables, with the samples archive present", () => {
    expect(samples.documents).toBeGreaterThanOrEqual(5);
    expect(typos("各成员淡味要按照职责分工抓好落实。", { archive: samples })).toEqual(["淡味→单位"]);
    expect(typos("要墙画基层社会治理能力建设。", { archive: samples })).toEqual(["墙画→强化"]);
    // One finding over both characters, suggesting the whole word.
    const [f] = checkTypos("各成员淡味要按照职责分工抓好落实。");
    expect([f.start, f.end, f.text, f.suggestion]).toEqual([3, 5, "淡味", "单位"]);
  });

  it("finds a word that is a word in its own right where official prose never writes it so (征服 beside 人民), with the samples archive present", () => {
    expect(typos("县级以上人民征服应当加强对调解工作的指导。", { archive: samples })).toEqual(["征服→政府"]);
    expect(typos("持续加大帮扶力度，提高最低生活暴涨标准。", { archive: samples })).toEqual(["暴涨→保障"]);
    // The same words where they mean what they say are left alone.
    expect(typos("新能源汽车价格暴涨。", { archive: samples })).toEqual([]);
    expect(typos("各级人民政府应当加强对调解工作的指导。", { archive: samples })).toEqual([]);
  });

  it("without a pair of official usage beside it, takes a common word with a much larger gain (强化|监督管理)", () => {
    expect(typos("要按照统一部署，墙画监督管理。", { archive: samples })).toEqual(["墙画→强化"]);
  });

  it("never corrects two characters official prose writes together, even once (…之都建设 is not 制度建设)", () => {
    expect(typos("加快推进国际消费之都建设。", { archive: samples })).toEqual([]);
  });

  it("matches a word by the syllables it is read with, not every reading of its characters (拒毒 is not 巨大, though 大 may be read dai)", () => {
    expect(typos("社区内形成了人人禁毒、人人拒毒的良好风气。").filter((t) => t.startsWith("拒毒"))).toEqual([]);
  });

  it("takes a pair the document itself writes twice for the author's word", () => {
    expect(typos("各成员淡味要按照职责分工抓好落实，淡味负责人要亲自抓。")).toEqual([]);
  });
});

describe("the word-order rule (word-order.ts)", () => {
  it("finds two characters of a set phrase in each other's place", () => {
    expect(typos("防范化解风险要慎始如终，久久为功。", { archive: samples })).toEqual(["慎始如终→慎终如始"]);
  });

  it("leaves words that stand in another order as words (互相了解), and a pair official prose writes", () => {
    expect(typos("增进各国人民的互相了解。")).toEqual([]);
    expect(typos("要切实把各项措施落实到位。")).toEqual([]);
  });
});
