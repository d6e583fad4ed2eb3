/**
 * The model's SectionWriter: the section prompt (its role, its facts, the best passages that fit the
 * context window, the openings to avoid), the answer cleaned and verified against the facts, and one
 * repair round telling the model exactly what is wrong.
 */
import { AppError } from "../errors.ts";
import { completeWithin, estimateMessages, fitPassages } from "../llm/budget.ts";
import type { ChatMessage, PromptLibrary } from "../llm/types.ts";
import { stripMarker } from "../text/headings.ts";
import { neutralise } from "../text/untrusted.ts";
import type { DraftOptions } from "./input.ts";
import { unitPlace } from "./offline.ts";
import { guidingThought } from "./guidance.ts";
import { passagesBlock } from "./sources.ts";
import type { Fact, Outline, OutlineSection, SourceRef } from "./types.ts";
import { checkSectionText, describeProblems, type SectionCheck } from "./verify.ts";
import type { SectionJob, SectionWriter, WriteContext, WrittenText } from "./writer.ts";
import { answerOnly } from "../llm/reply.ts";

function periodLabel(year: number, period: string): string {
  return period && period !== "全年" ? `${year}年${period}` : `${year}年`;
}

/**
 * The length to ask for follows the facts: their characters times a factor for the length option,
 * plus a sentence of framing, between a floor (the facts themselves) and a cap (three times them).
 * One short fact gets a short paragraph: a longer one could only be filled with claims no fact makes.
 */
export function lengthChars(length: DraftOptions["length"], facts: Array<Pick<Fact, "text">>, role: OutlineSection["role"]): number {
  if (role === "opening") return length === "short" ? 150 : length === "long" ? 400 : 250;
  if (facts.length === 0) return 60;
  const chars = facts.reduce((n, f) => n + [...f.text].filter((c) => /[\u3400-\u9fff0-9]/.test(c)).length, 0);
  const factor = length === "short" ? 1.2 : length === "long" ? 2.2 : 1.6;
  const framing = role === "problems" ? 25 : 30;
  const want = chars * factor + framing;
  const floor = Math.max(40, chars + 10);
  const cap = Math.min(900, chars * 3 + 60);
  return Math.round(Math.min(cap, Math.max(floor, want)) / 10) * 10;
}

/** How the unit refers to itself in short: 西山县委政法委 → 县委政法委 (本委 is always allowed too). */
export function selfName(unit: string): string {
  const m = /([区县市州旗])委政法委(?:员会)?$/.exec(unit);
  return m ? `${m[1]}委政法委` : unit;
}

/** What a plan section opens with: the next year for a year's report, the second half for a half year's. */
function nextPeriod(outline: Outline): string {
  return outline.period && outline.period !== "全年" ? (/上半年/.test(outline.period) ? "下半年" : "下一步") : `${outline.year + 1}年`;
}

/** The section's instructions, from the prompt fragments: its role, and one fact (no 一是) or several (一是/二是). */
function roleInstructions(section: OutlineSection, outline: Outline, factCount: number, prompts: PromptLibrary): string {
  if (factCount === 0 && section.role === "work") return prompts.fill("section-role-no-facts");
  const what = section.role === "problems" ? "问题" : section.role === "plans" ? "打算" : "做法和成效";
  const items = prompts.fill(factCount === 1 ? "section-items-one" : "section-items-many", { what });
  switch (section.role) {
    case "problems":
      return prompts.fill("section-role-problems", { items });
    case "plans":
      return prompts.fill("section-role-plans", { next: nextPeriod(outline), items });
    case "closing":
      return prompts.fill("section-role-closing");
    default:
      return prompts.fill("section-role-work", { items });
  }
}

const CJK_RE = /[\u3400-\u9fff]/;

/** Model text as section body: the talk around it, code fences, Markdown marks and a repeated heading line removed. */
export function cleanModelText(raw: string, heading: string): string {
  let t = answerOnly(raw.replace(/```[a-z]*\n?/gi, ""), heading);
  // Talk, fences and Markdown went in answerOnly (llm/reply.ts); a template's stars stay for the checker to see.
  const lines = t.split("\n").map((l) => l.trim());
  const bare = stripMarker(heading, "lenient", [1, 2]).trim();
  // Chat models like to announce their answer ("好的，以下是本节正文：") before giving it.
  const preface = /^(好的|以下是|下面是|根据要点|本节正文)[^。]{0,30}[：:]$/;
  while (lines.length && (!lines[0] || preface.test(lines[0]) || (bare && stripMarker(lines[0], "lenient", [1, 2]) === bare))) lines.shift();
  t = lines.filter(Boolean).join("\n");
  return t.trim();
}

function looksMalformed(text: string, instructions: string[] = []): boolean {
  const cjk = [...text].filter((c) => CJK_RE.test(c)).length;
  return text.length < 8 || cjk < text.length * 0.3 || /^\s*[{[]/.test(text) || instructions.some((s) => text.includes(s));
}

/**
 * The sentences of the prompt's own rules (its system message), long enough that a section never writes one by
 * chance. A small model sometimes answers by repeating its instructions; such a reply is no section, whatever its
 * figures. A rule sentence that a fact also holds is left out, so a fact written as asked is never taken for one.
 */
function instructionSentences(messages: ChatMessage[], facts: Fact[]): string[] {
  const system = messages.filter((m) => m.role === "system").map((m) => (typeof m.content === "string" ? m.content : "")).join("\n");
  return system
    .split(/[。；！？\n]/)
    .map((s) => stripMarker(s, "lenient", [3]).trim())
    .filter((s) => s.length >= 16 && !facts.some((f) => f.text.includes(s)));
}

function factLines(facts: Fact[]): string {
  // A fact is the writer's text: it can never write a delimiter of the prompt.
  return facts.length ? facts.map((f) => `[${f.id}] ${neutralise(f.text)}`).join("\n") : "（本节无要点）";
}

async function modelText(job: SectionJob, ctx: WriteContext, sources: SourceRef[]): Promise<WrittenText & { repaired: boolean }> {
  const { deps, outline } = ctx;
  const model = deps.model!;
  const label = periodLabel(outline.year, outline.period);
  const length = (facts: Fact[], role: OutlineSection["role"]) => deps.prompts.fill("section-length", { chars: String(lengthChars(ctx.request.options?.length, facts, role)) });
  const avoid = ctx.openings.filter((o) => o.id !== job.section.id).map((o) => `- ${o.text}`);
  const parent = unitPlace(outline.unit).parent;
  // The prompt is built within the model's context window: the lowest-ranked passages go first, the facts never.
  let messages: ChatMessage[] = [];
  const build = (budget: number | null) =>
    (messages = fitPassages(
      (keep) =>
        job.section.role === "opening"
          ? deps.prompts.render("draft-opening", {
              unit: neutralise(outline.unit),
              parent: neutralise(parent),
              period_label: label,
              thought: guidingThought(outline.year, outline.period, deps.lists?.registry),
              focus: neutralise(outline.sections.filter((s) => s.level === 2).map((s) => s.heading).join("；")) || "政法各项工作",
              passages: passagesBlock(sources.slice(0, keep)),
              length_hint: length([], "opening"),
            })
          : deps.prompts.render("draft-section", {
              unit: neutralise(outline.unit),
              self: neutralise(selfName(outline.unit)),
              parent: neutralise(parent),
              period_label: label,
              heading: neutralise(job.heading),
              avoid: avoid.length ? avoid.join("\n") : "（无）",
              role_instructions: roleInstructions(job.section, outline, job.facts.length, deps.prompts),
              facts: factLines(job.facts),
              passages: passagesBlock(sources.slice(0, keep)),
              length_hint: length(job.facts, job.section.role),
            }),
      sources.length,
      budget,
    ).messages);
  const sectionId = job.section.id;
  const raw = await completeWithin(model, { build }, {
    signal: deps.signal,
    temperature: 0.3,
    onDelta: (text) => ctx.emit({ event: "delta", data: { sectionId, text } }),
    onThinking: (p) => ctx.emit({ event: "thinking", data: { sectionId, ...p } }),
    onRetract: () => ctx.emit({ event: "thinking", data: { sectionId, elapsedMs: 0, chars: 0, retract: true } }),
  });
  const first = cleanModelText(raw, job.heading);
  const firstCheck = checkSectionText(first, job.facts, ctx.verify, job.section.role);
  const rules = instructionSentences(messages, job.facts);
  const malformed = looksMalformed(first, rules);
  if (!malformed && firstCheck.invented.length === 0 && firstCheck.uncovered.length === 0 && firstCheck.claims.length === 0) return { text: first, check: firstCheck, repaired: false };

  // One repair round, telling the model exactly what is wrong.
  const problems = malformed ? deps.prompts.fill("repair-malformed") : describeProblems(firstCheck, first);
  // The repair conversation is fitted to the window like the first prompt: the first answer and the
  // problems are kept whole, and the passages of the first prompt make room for them.
  const tail = [{ role: "assistant" as const, content: raw }, ...deps.prompts.render("repair-section", { problems: neutralise(problems), facts: factLines(job.facts) })];
  const tailTokens = estimateMessages(tail);
  const buildRepair = (budget: number | null) => [...build(budget === null ? null : budget - tailTokens), ...tail];
  deps.logger.info(`小节 ${job.section.id} 核对未通过，请模型修改一次`);
  const second = cleanModelText(await completeWithin(model, { build: buildRepair }, { signal: deps.signal, temperature: 0.2 }), job.heading);
  if (looksMalformed(second, rules)) {
    if (malformed) throw new AppError("upstream:model_malformed", "模型输出无法识别为正文（已要求修改一次仍无效）");
    return { text: first, check: firstCheck, repaired: true };
  }
  const secondCheck = checkSectionText(second, job.facts, ctx.verify, job.section.role);
  const score = (c: SectionCheck) => c.invented.length * 2 + c.claims.length * 2 + c.uncovered.length;
  if (!malformed && score(firstCheck) < score(secondCheck)) return { text: first, check: firstCheck, repaired: true };
  return { text: second, check: secondCheck, repaired: true };
}

export const modelWriter: SectionWriter = { write: modelText };
