import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseFactsText } from "../../../server/drafting/facts.ts";
import { guidingThought } from "../../../server/drafting/guidance.ts";
import { generateDraft } from "../../../server/drafting/run.ts";
import { DraftSchema, type Draft, type DraftEvent } from "../../../server/drafting/types.ts";
import { factCovered } from "../../../server/drafting/verify.ts";
import { extractFigures } from "../../../server/drafting/figures.ts";
import { syntheticInput } from "../../../bench/drafting.ts";
import { loadPrompts } from "../../../server/llm/prompts.ts";
import { silentLogger } from "../../../server/log.ts";
import { draftMarkdown } from "../../../server/drafting/draft.ts";

const FIX = path.resolve(import.meta.dirname, "../../fixtures/facts");
const prompts = loadPrompts(path.resolve(import.meta.dirname, "../../../prompts"));

async function offlineDraft(file: string) {
  const text = readFileSync(path.join(FIX, file), "utf8");
  const input = parseFactsText(text);
  const events: DraftEvent[] = [];
  const draft = await generateDraft(input, { model: null, prompts, logger: silentLogger }, (e) => events.push(e));
  return { draft, events, text, input };
}

const CN = "一二三四五六七八九十";
const ord = (n: number) => (n <= 10 ? CN[n - 1] : `十${CN[n - 11]}`);

/** Heading numbering as GB/T 9704 wants it: 一、二、… consecutive; （一）（二）… restarting under each 一、. */
function assertNumbering(markdown: string) {
  let l1 = 0;
  let l2 = 0;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("## ")) {
      l1++;
      l2 = 0;
      expect(line.slice(3).startsWith(`${ord(l1)}、`), line).toBe(true);
    } else if (line.startsWith("### ")) {
      l2++;
      expect(l1).toBeGreaterThan(0);
      expect(line.slice(4).startsWith(`（${ord(l2)}）`), line).toBe(true);
      expect(line).not.toMatch(/（[一二三四五六七八九十]+）、/);
    } else if (line && !line.startsWith("#")) {
      // 一是/二是 runs inside a paragraph are consecutive from 一是
      const runs = [...line.matchAll(/([一二三四五六七八九十]+)是/g)].map((m) => m[1]).filter((m) => CN.includes(m));
      runs.forEach((r, i) => expect(r).toBe(ord(i + 1)));
    }
  }
  expect(l1).toBe(3);
}

/** Independent of the verifier: every digit run in the draft is a digit run of the input (or an allowed year). */
function assertNoNewDigits(draft: Draft, inputText: string) {
  const inputRuns = new Set((inputText.replace(/(\d),(\d{3})/g, "$1$2").match(/\d+(?:\.\d+)?/g) ?? []));
  const body = draft.sections.map((s) => s.text).join("\n");
  for (const run of body.match(/\d+(?:\.\d+)?/g) ?? []) {
    if (run === String(draft.year) || run === String(draft.year + 1)) continue;
    expect(inputRuns.has(run), `number ${run} is not in the input`).toBe(true);
  }
}

describe("offline engine", () => {
  for (const file of ["tidy.txt", "colloquial.txt", "half-year.txt", "no-problems.txt"]) {
    it(`drafts ${file} with every figure from the facts, every fact covered and valid numbering`, async () => {
      const { draft, text } = await offlineDraft(file);
      expect(DraftSchema.parse(draft)).toBeTruthy();
      expect(draft.engine).toBe("offline");
      expect(draft.warnings.filter((w) => w.code === "invented_figure")).toEqual([]);
      expect(draft.warnings.filter((w) => w.code === "uncovered_fact")).toEqual([]);
      assertNoNewDigits(draft, text);
      const body = draft.sections.map((s) => s.text).join("\n");
      for (const f of draft.facts) expect(factCovered(body, f), f.text).toBe(true);
      assertNumbering(draftMarkdown(draft));
      // reads like a draft: full-width punctuation, no half-width commas, no bullets
      expect(body).not.toMatch(/[,;:!?]/);
      expect(body).not.toMatch(/^\s*[-•*]/m);
      expect(draftMarkdown(draft)).toContain("现将");
    });
  }

  it("titles a full year and a half year correctly and names the guidance in force for the year", async () => {
    const tidy = (await offlineDraft("tidy.txt")).draft;
    expect(tidy.title).toBe("东城区委政法委2025年工作总结");
    expect(tidy.sections[0].text).toContain("党的二十大和二十届二中、三中、四中全会精神");
    const half = (await offlineDraft("half-year.txt")).draft;
    expect(half.title).toBe("南湖区委政法委2025年上半年工作总结");
    expect(half.sections[0].text).toContain("现将2025年上半年工作情况总结如下：");
    // the fourth plenum (2025-10) had not been held by the end of June
    expect(half.sections[0].text).not.toContain("四中全会");
    expect((await offlineDraft("no-problems.txt")).draft.sections[0].text).toContain("党的二十大和二十届二中全会精神");
    expect(guidingThought(2024)).toBe("党的二十大和二十届二中、三中全会精神");
  });

  it("turns colloquial facts into formal sentences", async () => {
    const { draft } = await offlineDraft("colloquial.txt");
    const body = draft.sections.map((s) => s.text).join("");
    for (const w of ["老百姓", "咱们", "搞了", "比去年", "一共", "1,280"]) expect(body).not.toContain(w);
    expect(body).toContain("1280件");
    expect(body).toContain("300万元");
  });

  it("leaves a marked 【待补】 line, and a warning, when no problems or plans were given", async () => {
    const { draft } = await offlineDraft("no-problems.txt");
    const problems = draft.sections.find((s) => s.role === "problems")!;
    const plans = draft.sections.find((s) => s.role === "plans")!;
    expect(problems.text.startsWith("【待补】")).toBe(true);
    expect(plans.text.startsWith("【待补】")).toBe(true);
    expect(draft.warnings.filter((w) => w.code === "placeholder").map((w) => w.sectionId).sort()).toEqual(["plans", "problems"]);
  });

  it("is deterministic and emits outline, section events and done-ready data", async () => {
    const a = await offlineDraft("tidy.txt");
    const b = await offlineDraft("tidy.txt");
    expect(draftMarkdown(a.draft)).toBe(draftMarkdown(b.draft));
    expect(a.events[0].event).toBe("outline");
    const sectionEvents = a.events.filter((e) => e.event === "section");
    expect(sectionEvents).toHaveLength(a.draft.sections.length);
    const done = a.events.at(-1)!;
    expect(done.event).toBe("done");
    expect(done.event === "done" && done.data.draft).toBe(a.draft);
  });

  it("holds no figure in its phrase bank, guidance or wording table", () => {
    const dir = path.resolve(import.meta.dirname, "../../../server/lists");
    const strings: string[] = [];
    // Patterns only match (their digit classes are never written out); comments are not drafting text.
    const walk = (v: unknown) => {
      if (typeof v === "string") strings.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") Object.entries(v).forEach(([k, x]) => !k.startsWith("$") && !k.startsWith("_") && k !== "pattern" && walk(x));
    };
    for (const f of ["drafting-phrases.json", "wording.json"]) walk(JSON.parse(readFileSync(path.join(dir, f), "utf8")));
    for (let year = 2010; year <= 2030; year++) for (const period of ["全年", "上半年"]) strings.push(guidingThought(year, period));
    expect(strings.length).toBeGreaterThan(100);
    // $1 in a rewrite replacement is the matched group, not a figure.
    const withFigures = strings.map((t) => t.replace(/\$\d/g, "")).filter((t) => extractFigures(t).length > 0 || /\d/.test(t));
    expect(withFigures).toEqual([]);
  });

  it("keeps fidelity and coverage at 60 facts spread over every work line", async () => {
    const draft = await generateDraft(syntheticInput(60), { model: null, prompts, logger: silentLogger }, () => {});
    expect(draft.stats.inventedFigures).toBe(0);
    expect(draft.stats.uncoveredFacts).toBe(0);
    assertNumbering(draftMarkdown(draft));
  });
});

describe("the unit's place in stock phrasing", () => {
  it("writes 平安东城 rather than 平安东城区, but keeps a one-character name whole", async () => {
    const { unitPlace } = await import("../../../server/drafting/offline.ts");
    expect(unitPlace("东城区委政法委").placeName).toBe("东城");
    expect(unitPlace("南县委政法委").placeName).toBe("南县");
    expect(unitPlace("陕西省西安市雁塔区委政法委")).toMatchObject({ placeName: "雁塔", parent: "区委", place: "全区" });
  });
});
