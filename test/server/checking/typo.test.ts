import { describe, expect, it } from "vitest";
import { checkText } from "../../../server/checking/check.ts";
import { MemoryArchiveLexicon } from "../../../server/checking/typo/archive.ts";
import { confusionSets } from "../../../server/checking/typo/confusion.ts";
import { checkTypos, type TypoContext } from "../../../server/checking/typo/index.ts";
import { jiebaLexicon } from "../../../server/checking/typo/lexicon.ts";

const typos = (text: string, ctx: TypoContext = {}) => checkTypos(text, ctx).map((f) => `${f.text}→${f.suggestion}`);

describe("the typo check's data", () => {
  it("loads jieba's dictionary and the confusion sets from the installed packages, offline", () => {
    const lex = jiebaLexicon();
    expect(lex.freq("部署")).toBeGreaterThan(1000);
    expect(lex.freq("部署工作机制")).toBe(0);
    expect(lex.prefixFreq("部署")).toBeGreaterThan(0);
    expect(lex.prefixFreq("人民法")).toBe(0); // only the start of 人民法院
    expect(lex.prefixFreq("纠矛")).toBe(-1);
    const sets = confusionSets(lex);
    const of = (ch: string, kind: string) => sets.get(ch).filter((c) => c.kind === kind).map((c) => c.ch);
    expect(of("部", "sound")).toContain("布"); // same syllable
    expect(of("保", "shape")).toContain("呆"); // one part added
    expect(sets.get("惯").map((c) => c.ch)).toContain("贯"); // same sound and one part added: counted as sound
    expect(of("末", "shape")).toContain("未"); // same parts, other layout
    expect(of("很", "shape")).toContain("银"); // the sound-bearing part kept
    // Figures are never proposed, nor changed.
    expect(sets.get("二")).toEqual([]);
    expect(sets.get("登").map((c) => c.ch)).not.toContain("三");
  });
});

describe("one-character substitutions the language evidence supports", () => {
  it.each([
    ["严厉打击违法犯最活动，保持高压态势。", "最→罪"],
    ["切实维护社会稳订，确保大局平安。", "订→定"],
    ["持续优化营商环竟，服务经济发展。", "竟→境"],
    ["扎实推进基层社会治理现代话。", "话→化"],
    ["推动问题就地解绝，不把矛盾上交。", "绝→决"],
    ["加强对重点行业的安全监官。", "官→管"],
  ])("flags %s", (text, expected) => {
    expect(typos(text)).toEqual([expected]);
  });

  it("reports the character's span, the correction and the word it makes", () => {
    const text = "全力做好信访维稳工做。";
    const [f] = checkTypos(text);
    expect(f).toMatchObject({ kind: "typo", severity: "warning", start: 9, end: 10, text: "做", suggestion: "作" });
    expect(text.slice(f.start, f.end)).toBe(f.text);
    expect(f.message).toContain("工作");
  });

  it.each([
    "加强政法队伍建设，提高执法司法公信力。",
    "坚持和发展新时代枫桥经验，把矛盾化解在基层。",
    "今年以来，全区共排查化解矛盾纠纷1260件，调解成功率98.6%。",
    "组织政法干警参加业务培训，提升履职能力。",
    "认真落实意识形态工作责任制，牢牢掌握主动权。",
    "完善网格化管理服务机制，及时发现化解风险隐患。",
    "推动扫黑除恶常态化，持续净化社会治安环境。",
    "强化重点人员服务管理，落实各项稳控措施。",
  ])("leaves correct text alone: %s", (text) => {
    expect(typos(text)).toEqual([]);
  });

  it("reports one reading when two changes would repair the same stretch", () => {
    // 宣转 could become 旋转 or 宣传; only the likelier is reported.
    expect(typos("深入开展法治宣转教育活动。")).toEqual(["转→传"]);
  });

  it("is part of checkText, counted in the stats", async () => {
    const r = await checkText("切实维护社会稳订，确保大局平安。", { year: 2025 });
    expect(r.findings.filter((f) => f.kind === "typo")).toHaveLength(1);
    expect(r.stats.typo).toBe(1);
  });
});

describe("precision guards (each test fails when its guard is removed)", () => {
  it("never changes a person's name", () => {
    const text = "区委政法委书记张晓峰带队到镇里调研。";
    expect(typos(text)).toEqual([]);
    expect(typos(text, { guards: { names: false } })).toContain("峰→风");
  });

  it("never changes a village's name", () => {
    const text = "在小庄村建成调解室一处。";
    expect(typos(text)).toEqual([]);
    expect(typos(text, { guards: { names: false } })).toEqual(["庄→康"]);
  });

  it("never changes a unit's name, nor its ending", () => {
    expect(typos("会同区交运局开展联合检查。")).toEqual([]);
    expect(typos("会同区交运局开展联合检查。", { guards: { names: false } })).toEqual(["运→通"]);
    expect(typos("会同区资规局开展联合检查。")).toEqual([]);
    expect(typos("会同区资规局开展联合检查。", { guards: { names: false } })).toEqual(["局→矩"]);
  });

  it("never changes a quoted initiative name", () => {
    const text = "全面打造“智汇政法”品牌。";
    expect(typos(text)).toEqual([]);
    expect(typos(text, { guards: { quotes: false, official: false } })).toEqual(["汇→慧"]);
  });

  it("never changes a character next to a figure", () => {
    const text = "他在比赛中获得二登奖。";
    expect(typos(text)).toEqual([]);
    expect(typos(text, { guards: { figures: false } })).toEqual(["登→等"]);
  });

  it("takes what the document itself writes twice for deliberate usage", () => {
    const text = "开展禁捕退捕专项执法。禁捕退捕工作成效明显。";
    expect(typos(text)).toEqual([]);
    // (禁捕退捕 is also a parallel frame, which the frames guard protects on its own.)
    expect(typos(text, { guards: { repeats: false, frames: false } })).toEqual(["退→逮", "退→逮"]);
  });

  it("leaves a function word standing alone where it is", () => {
    const text = "二是在培树先进典型方面持续用力。";
    expect(typos(text)).toEqual([]);
    expect(typos(text, { guards: { functionWords: false, official: false, charRule: false } })).toEqual(["在→栽"]);
  });

  it("reports only substitutions the model is confident of", () => {
    const text = "完善网格化管理服务机制。";
    expect(typos(text)).toEqual([]);
    // (网格 is also a work line's keyword, which protects it on its own: no terms here.)
    expect(typos(text, { terms: [], guards: { threshold: false, official: false, charRule: false } })).toEqual(["格→络"]);
  });
});

describe("the archive as evidence", () => {
  const archiveUsing = (term: string) => {
    const a = new MemoryArchiveLexicon();
    a.addDocument("a", `去年${term}工作有序推进。`);
    a.addDocument("b", `各单位${term}成效明显。`);
    return a;
  };

  it("protects a word the archive uses in two or more documents", () => {
    const text = "举办政法文艺汇演。";
    expect(typos(text, { archive: new MemoryArchiveLexicon() })).toEqual(["汇→会"]);
    expect(typos(text, { archive: archiveUsing("文艺汇演") })).toEqual([]);
    expect(typos(text, { archive: archiveUsing("文艺汇演"), guards: { archive: false } })).toEqual(["汇→会"]);
  });

  it("does not protect what only one document writes", () => {
    const a = new MemoryArchiveLexicon();
    a.addDocument("a", "举办政法文艺汇演。");
    expect(typos("举办政法文艺汇演。", { archive: a })).toEqual(["汇→会"]);
  });

  it("is used by checkText", async () => {
    const text = "举办政法文艺汇演。";
    expect((await checkText(text, { year: 2025, archive: archiveUsing("文艺汇演") })).stats.typo).toBe(0);
    expect((await checkText(text, { year: 2025 })).stats.typo).toBe(1);
  });
});
