import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkText } from "../../../server/checking/check.ts";
import { parseFactsText } from "../../../server/drafting/facts.ts";
import { sharesRun } from "../../../server/drafting/offline.ts";
import { generateDraft } from "../../../server/drafting/run.ts";
import { loadPrompts } from "../../../server/llm/prompts.ts";
import { silentLogger } from "../../../server/log.ts";
import { syntheticInput } from "../../../bench/drafting.ts";
import { draftMarkdown } from "../../../server/drafting/draft.ts";

/**
 * Our own checker on our own offline drafts: the drafting engine must not write what the checker
 * reports (punctuation, numbering, number forms, repetition, outdated wording). Placeholders are
 * expected only where the engine leaves a 【待补】 note for missing problems or plans.
 */
const FIX = path.resolve(import.meta.dirname, "../../fixtures/facts");
const prompts = loadPrompts(path.resolve(import.meta.dirname, "../../../prompts"));
const RULE_KINDS = ["punctuation", "numbering", "number", "repetition", "outdated"];

/**
 * Rule findings the engine is answerable for: a repetition whose run the writer's own facts already
 * repeat (刑事案件发案数同比下降…诈骗案件发案数同比下降) comes from the facts, which are never reworded.
 */
function engineMade(input: ReturnType<typeof parseFactsText>, findings: Awaited<ReturnType<typeof checkText>>["findings"]): string[] {
  const facts = [...input.facts, ...(input.problems ?? []), ...(input.plans ?? [])].map((f) => (typeof f === "string" ? f : String((f as { text?: string }).text ?? ""))).join("\n").replace(/[\p{P}\s]/gu, "");
  const count = (s: string) => facts.split(s).length - 1;
  return findings
    .filter((f) => RULE_KINDS.includes(f.kind))
    .filter((f) => {
      if (f.kind !== "repetition") return true;
      // The run without its edge characters (一是 leaves 是 in front; a figure may be cut).
      const core = f.text.replace(/[\p{P}\s]/gu, "").slice(1, -1);
      return core.length < 6 || count(core) < 2;
    })
    .map((f) => `${f.kind} ${f.severity} ${f.text}: ${f.message}`);
}

async function selfCheck(input: ReturnType<typeof parseFactsText>) {
  const draft = await generateDraft(input, { model: null, prompts, logger: silentLogger }, () => undefined);
  const result = await checkText(draftMarkdown(draft), { year: input.year ?? undefined });
  return { draft, findings: result.findings };
}

describe("offline drafts pass our own checker", () => {
  it.each(readdirSync(FIX).filter((f) => f.endsWith(".txt")))("%s", async (file) => {
    const input = parseFactsText(readFileSync(path.join(FIX, file), "utf8"));
    const { draft, findings } = await selfCheck(input);
    expect(engineMade(input, findings)).toEqual([]);
    const notes = (draftMarkdown(draft).match(/【待补】/g) ?? []).length;
    expect(findings.filter((f) => f.kind === "placeholder")).toHaveLength(notes);
  });

  it("on synthetic inputs of every size", async () => {
    for (const n of [15, 30, 60]) {
      const input = syntheticInput(n);
      const { findings } = await selfCheck(input);
      expect(engineMade(input, findings)).toEqual([]);
    }
  });

  it("sharesRun sees an 8-character echo across punctuation", () => {
    expect(sharesRun("夯实基层社会治理基础。", "基层社会治理基础进一步夯实。")).toBe(true);
    expect(sharesRun("深化平安建设，健全体系", "深化平安建设健全")).toBe(true);
    expect(sharesRun("推动治理重心下移", "社会治安形势持续平稳向好")).toBe(false);
  });
});
