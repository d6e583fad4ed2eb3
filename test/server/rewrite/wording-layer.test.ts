import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkText } from "../../../server/checking/check.ts";
import { compareClaims } from "../../../server/claims/compare.ts";
import { parseFactsText } from "../../../server/drafting/facts.ts";
import { generateDraft } from "../../../server/drafting/run.ts";
import { formalize } from "../../../server/drafting/wording.ts";
import { loadPrompts } from "../../../server/llm/prompts.ts";
import { silentLogger } from "../../../server/log.ts";
import { applyLexicon, enumerate, polishOffline } from "../../../server/rewrite/offline.ts";
import { rewriteText } from "../../../server/rewrite/rewrite.ts";
import { claimOptions } from "../../../server/rewrite/figure-judgement.ts";
import { COLLOQUIAL } from "../claims/colloquial-pairs.ts";

const ROOT = path.resolve(import.meta.dirname, "../../..");

describe("one wording applier, at word boundaries", () => {
  it("never rewrites inside a word: 排查了, 检查了, 很多次, 举办了 stay as they are", () => {
    for (const t of ["全年排查了隐患120处。", "对重点场所检查了两轮。", "深入村组宣讲了很多次。", "举办了培训班2期。"]) {
      expect(applyLexicon(t), t).toBe(t);
      expect(polishOffline(t), t).toBe(t);
    }
    expect(formalize("深入村组宣讲了很多次")).not.toContain("大量次");
    expect(formalize("全年排查了隐患120处")).not.toMatch(/排排查|检排查/);
  });

  it("still rewrites the colloquial word where it is a word of its own", () => {
    expect(applyLexicon("我们查了娱乐场所35家。")).toBe("我们排查了娱乐场所35家。");
    expect(applyLexicon("老百姓反映了很多问题。")).toBe("群众反映了大量问题。");
  });

  it("never deletes or replaces a word so that two figures run together (3我觉得十五% keeps its words)", () => {
    for (const t of ["开展工作3我觉得十五%。", "开展工作0我觉得15%。"]) {
      const out = polishOffline(t);
      expect(out, t).not.toMatch(/工作[0-9][0-9零〇一二两三四五六七八九十百千万]/);
      expect(out, t).toContain("我觉得");
    }
    expect(polishOffline("我觉得开展工作3次。")).not.toContain("我觉得");
  });

  it("the drafting engine and the rewrite punctuate alike: no stray space, full-width marks", () => {
    const t = "办案120件 , 同比下降5% ;培训 3 次";
    expect(formalize(t)).toBe("办案120件，同比下降5%；培训3次");
    expect(polishOffline(t)).toBe("办案120件，同比下降5%；培训3次");
  });
});

describe("one enumerate", () => {
  it("leaves text already in 一是/二是 form as it is, and says so", async () => {
    const t = "坚持统筹推进，各项工作扎实开展。一是排查矛盾纠纷120件；二是化解信访积案35件。";
    expect(enumerate(t)).toBe(t);
    const r = await rewriteText({ text: t, mode: "enumerate" });
    expect(r.text).toBe(t);
    expect(r.warnings.join("")).toContain("已是");
  });

  it("keeps a lead sentence in front of the items", () => {
    expect(enumerate("坚持和发展新时代“枫桥经验”，着力把矛盾化解在基层。排查矛盾纠纷120件。化解信访积案35件。")).toBe(
      "坚持和发展新时代“枫桥经验”，着力把矛盾化解在基层。一是排查矛盾纠纷120件；二是化解信访积案35件。",
    );
    expect(enumerate("下一步，重点抓好以下工作：加强网格员队伍建设。推进综治中心规范化建设。")).toBe(
      "下一步，重点抓好以下工作：一是加强网格员队伍建设；二是推进综治中心规范化建设。",
    );
  });

  it("ends with the colon of a last sentence that announces what follows, never with ：。", () => {
    expect(enumerate("全年排查矛盾纠纷120件。化解信访积案35件。现将有关情况报告如下：")).toBe(
      "一是全年排查矛盾纠纷120件；二是化解信访积案35件；三是现将有关情况报告如下：",
    );
  });

  it("keeps plans as plans: every item keeps its own words and the guard accepts it", () => {
    const t = "计划明年新建综治中心2个。拟于下半年开展专项整治1次。已建成的3个中心正在试运行。";
    const out = enumerate(t);
    expect(out).toBe("一是计划明年新建综治中心2个；二是拟于下半年开展专项整治1次；三是已建成的3个中心正在试运行。");
    expect(compareClaims(t, out, claimOptions("enumerate"))).toEqual([]);
  });

  it("writes a drafted section's items the way the rewrite does (；between items, 。 at the end)", async () => {
    const input = parseFactsText("单位：西山县委政法委\n年度：2025\n- 排查矛盾纠纷120件\n- 化解信访积案35件\n- 开展反诈宣传12场");
    const prompts = loadPrompts(path.join(ROOT, "prompts"));
    const draft = await generateDraft(input, { model: null, prompts, logger: silentLogger }, () => undefined);
    const body = draft.sections.find((s) => s.factIds.length >= 2)!.text;
    expect(body).toMatch(/一是[^。]*；二是[^；]*。/);
    expect(enumerate(body)).toBe(body);
  });
});

/**
 * The offline engines' output gains no finding from the checker (typo, repetition, punctuation) and
 * the claim guard accepts it: every paragraph of the sample reports, the colloquial side of our pairs,
 * and every section the offline drafting engine writes from the fact fixtures.
 */
describe("offline output is clean by our own checker and guard", () => {
  const KINDS = new Set(["typo", "repetition", "punctuation"]);
  const findings = async (t: string) =>
    (await checkText(t, { year: 2025 })).findings.filter((f) => KINDS.has(f.kind)).map((f) => `${f.kind}|${f.text}|${f.message}`);
  const gained = (before: string[], after: string[]) => {
    const left = [...before];
    return after.filter((f) => {
      const i = left.indexOf(f);
      if (i >= 0) left.splice(i, 1);
      return i < 0;
    });
  };

  async function samples(): Promise<string[]> {
    const dir = path.join(ROOT, "corpus");
    const paras = readdirSync(dir)
      .filter((f) => f.endsWith(".txt"))
      .flatMap((f) => readFileSync(path.join(dir, f), "utf8").split(/\n+/))
      .map((p) => p.trim())
      .filter((p) => p.length >= 30 && /[\u4e00-\u9fff]/.test(p));
    const prompts = loadPrompts(path.join(ROOT, "prompts"));
    const sections: string[] = [];
    const fdir = path.join(ROOT, "test", "fixtures", "facts");
    for (const f of readdirSync(fdir).filter((x) => x.endsWith(".txt"))) {
      const draft = await generateDraft(parseFactsText(readFileSync(path.join(fdir, f), "utf8")), { model: null, prompts, logger: silentLogger }, () => undefined);
      sections.push(...draft.sections.map((s) => s.text).filter((t) => t.length > 0));
    }
    return [...paras, ...COLLOQUIAL.map((c) => c.colloquial), ...sections];
  }

  it("polish and 一是/二是 of every sample paragraph and drafted section", async () => {
    const texts = await samples();
    expect(texts.length).toBeGreaterThan(100);
    const problems: string[] = [];
    for (const t of texts) {
      const before = await findings(t);
      for (const [mode, out] of [["polish", polishOffline(t)], ["enumerate", enumerate(polishOffline(t))]] as const) {
        if (out === t) continue;
        for (const f of gained(before, await findings(out))) problems.push(`${mode}: ${f} ← ${out.slice(0, 60)}`);
        const claims = compareClaims(t, out, claimOptions(mode));
        for (const c of claims) problems.push(`${mode}: ${c.kind} ${c.message} ← ${t.slice(0, 60)}`);
      }
    }
    expect(problems).toEqual([]);
  }, 240_000);
});
