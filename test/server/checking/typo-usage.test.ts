import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRepetition } from "../../../server/checking/rules/repetition.ts";
import { MemoryArchiveLexicon } from "../../../server/checking/typo/archive.ts";
import { checkTypos, typoCacheStats, type TypoContext } from "../../../server/checking/typo/index.ts";
import { officialUsage, parseOfficialUsage } from "../../../server/lists/official-usage.ts";
import { loadRegistry } from "../../../server/lists/registry.ts";
import { TypoListSchema } from "../../../server/lists/typos.ts";
import { createApp } from "../../../server/app.ts";
import { makeTestDeps } from "../../helpers/deps.ts";

const typos = (text: string, ctx: TypoContext = {}) => checkTypos(text, ctx).map((f) => `${f.text}→${f.suggestion}`);
const ctx = { year: 2025, registry: loadRegistry(), periodEnd: 20251231 };
const doubles = (text: string) => checkRepetition(text, ctx).map((f) => f.text);

describe("the official-usage lexicon", () => {
  it("ships counts of words and word pairs, compactly, and reads them", () => {
    const u = officialUsage();
    expect(u.entries).toBeGreaterThan(50_000);
    // Words and pairs the register uses all the time.
    expect(u.word("高质量")).toBeGreaterThan(10);
    expect(u.pair("十五", "五")).toBeGreaterThan(10);
    expect(u.word("鼓肋")).toBe(0);
    expect(u.traditional("國")).toBe(true);
    expect(u.traditional("国")).toBe(false);
  });

  it("parses its file format: word or pair, a tab, a count; the traditional forms on their own line", () => {
    const u = parseOfficialUsage("# comment\n#traditional\t體\n平安\t12\n平安 建设\t5\n");
    expect(u.word("平安")).toBe(12);
    expect(u.pair("平安", "建设")).toBe(5);
    expect(u.pair("建设", "平安")).toBe(0);
    expect(u.traditional("體")).toBe(true);
  });

  it("never corrects what official prose writes (数智化), which the dictionary alone would", () => {
    const text = "加快构建数智化治理体系。";
    expect(typos(text)).toEqual([]);
    expect(typos(text, { guards: { official: false } })).toEqual(["智→字"]);
  });

  it("leaves text in traditional script alone, and still corrects a simplified typo", () => {
    const text = "我國人民的生活穩定。";
    expect(typos(text)).toEqual([]);
    expect(typos(text, { guards: { official: false } }).length).toBeGreaterThan(0);
    expect(typos("切实维护社会稳订。")).toEqual(["订→定"]);
  });
});

describe("an archive adds protection and evidence without silencing plain typos", () => {
  // Five documents of the office's own wording, none of which writes the word the typo breaks.
  const archive = new MemoryArchiveLexicon();
  const lines = ["全年排查化解矛盾纠纷，推进平安建设。", "开展法治宣传进社区，化解信访积案。", "加强政法队伍建设，提升执法司法公信力。", "完善网格化管理，落实稳控措施。", "推进市域社会治理现代化试点。"];
  lines.forEach((l, i) => archive.addDocument(`d${i}`, l));

  it("still reports a plain typo with an archive of several documents", () => {
    const text = "各地要鼓肋基层大胆探索。";
    expect(typos(text)).toEqual(["肋→励"]);
    expect(typos(text, { archive })).toEqual(["肋→励"]);
  });

  it("takes what the archive writes in two documents for the office's usage", () => {
    const own = new MemoryArchiveLexicon();
    own.addDocument("a", "各地要鼓肋基层。");
    own.addDocument("b", "继续鼓肋基层。");
    own.addDocument("c", "全年工作。");
    expect(typos("各地要鼓肋基层大胆探索。", { archive: own })).toEqual([]);
  });
});

describe("the office's list under the names guard", () => {
  it("reports a listed misspelling even where the tagger reads part of it as a name", () => {
    expect(typos("要坚决防止问题变本加利。")).toEqual(["变本加利→变本加厉"]);
  });
  it("still leaves a listed form quoted alone (mentioned, not used)", () => {
    expect(typos("开展“变本加利”主题辩论。")).toEqual([]);
  });
});

describe("repetition decided by words", () => {
  it("does not take the meeting of two words, a numeral or an idiom for a doubled character", () => {
    expect(doubles("全面落实“十五五”规划，编制“十五五”专项方案。")).toEqual([]);
    expect(doubles("对违规问题三令五申，实实在在解决群众急难愁盼。")).toEqual([]);
    expect(doubles("认真贯彻上级的重要要求，推进现代化首都都市圈建设。")).toEqual([]);
    expect(doubles("工作成效一年一年地提高。")).toEqual([]);
  });
  it("reports a character doubled across a word boundary, and a word doubled in place", () => {
    expect(doubles("我们要要加强学习。")).toEqual(["要要"]);
    expect(doubles("同志们们都到了。")).toEqual(["们们"]);
    expect(doubles("持续加强加强队伍建设。")).toEqual(["加强加强"]);
  });
});

describe("the typo check's line cache", () => {
  // One plain typo a line, each a different one (a stretch written twice is taken as deliberate).
  const slips = ["切实维护社会稳订", "持续优化营商环竟", "推进基层治理现代话", "推动问题就地解绝", "加强对重点行业的安全监官", "严厉打击违法犯最活动"];
  const doc = (n: number) => slips.slice(0, n).map((s, i) => `第${i + 1}项：完善矛盾纠纷排查化解机制，${s}。`).join("\n");

  it("judges on a re-check only the lines that changed, with the same findings", () => {
    const text = doc(6);
    const first = checkTypos(text);
    const before = { ...typoCacheStats };
    const edited = text.replace("第3项：完善", "第3项：健全");
    const again = checkTypos(edited);
    expect(typoCacheStats.misses - before.misses).toBe(1);
    expect(typoCacheStats.hits - before.hits).toBe(5);
    expect(again.map((f) => [f.start, f.suggestion])).toEqual(first.map((f) => [f.start, f.suggestion]));
    expect(again).toHaveLength(6);
  });

  it("judges every line again when the archive changes, and applies a changed list at once", () => {
    const archive = new MemoryArchiveLexicon();
    for (const id of ["a", "b", "c"]) archive.addDocument(id, "推进平安建设。");
    const text = doc(3);
    expect(typos(text, { archive })).toHaveLength(3);
    archive.addDocument("d", "切实维护社会稳订。");
    archive.addDocument("e", "维护社会稳订。");
    const before = { ...typoCacheStats };
    // The archive now writes 社会稳订 in two documents: the office's usage, judged anew.
    expect(typos(text, { archive })).toEqual(["竟→境", "话→化"]);
    expect(typoCacheStats.misses - before.misses).toBe(3);
    const list = TypoListSchema.parse({ entries: [{ wrong: "排查化解", right: "排查调处" }] });
    const withList = checkTypos(text, { list });
    expect(withList.filter((f) => f.suggestion === "排查调处")).toHaveLength(3);
  });
});

describe("through POST /api/check with the five samples ingested", () => {
  // Ingesting the samples takes a while on a busy machine: a longer hook timeout than realApp's.
  let t: Awaited<ReturnType<typeof makeTestDeps>> | undefined;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    t = await makeTestDeps({ withCorpus: true });
    app = createApp(t.deps);
  }, 300_000);
  afterAll(async () => t?.cleanup());
  it("reports a plain typo, and keeps the words of official prose", async () => {
    const res = await app.request("/api/check", {
      method: "POST",
      headers: { "content-type": "application/json", host: "127.0.0.1" },
      body: JSON.stringify({ text: "各地要鼓肋基层大胆探索，加快构建数智化治理体系，编制“十五五”规划。", year: 2025 }),
    });
    expect(res.status).toBe(200);
    const { findings } = (await res.json()) as { findings: Array<{ kind: string; text: string; suggestion?: string }> };
    expect(findings.filter((f) => f.kind === "typo" || f.kind === "repetition").map((f) => `${f.text}→${f.suggestion}`)).toEqual(["肋→励"]);
  }, 120_000);
});
