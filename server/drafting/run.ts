/**
 * Drafting end to end: facts → outline → per-section sources and writing (offline engine or model,
 * sections concurrently with a bound) → verification (and one repair round for model text) → Draft.
 * Every step is reported through `emit` as the DraftEvents the editor consumes.
 */
import { AppError, toAppError } from "../errors.ts";
import { defaultEngine } from "../llm/index.ts";
import type { ChatMessage, ChatModel, PromptLibrary } from "../llm/types.ts";
import type { Logger } from "../log.ts";
import type { CorpusStore } from "../store/types.ts";
import { headingLabels, stripMarker } from "../text/headings.ts";
import { buildFacts } from "./facts.ts";
import type { DraftOptions, DraftRequest } from "./input.ts";
import { draftOutline } from "./draft.ts";
import { guidingThought, unitPlace, writeSectionOffline } from "./offline.ts";
import { checkOutline, proposeOutline } from "./outline.ts";
import { passagesBlock, retrieveSources } from "./sources.ts";
import type { Draft, DraftEvent, DraftSection, DraftWarning, Fact, Outline, OutlineSection, SourceRef } from "./types.ts";
import { checkSectionText, describeProblems, sectionWarnings, type SectionCheck, type VerifyContext } from "./verify.ts";
import type { OfficeLists } from "../lists/office.ts";

export interface DraftingDeps {
  store?: CorpusStore | null;
  model: ChatModel | null;
  prompts: PromptLibrary;
  logger: Logger;
  signal?: AbortSignal;
  /** Sections written at once with a model (config.llm.concurrency); default 3. */
  concurrency?: number;
  /** Keep the finished draft (deps.saves.create); its id and version go into the `done` event. */
  save?: (draft: Draft) => Promise<{ id: string; version: number }>;
  /** The office's lists (wording, phrases, work lines, registry, names); default: the built-ins. */
  lists?: OfficeLists;
}

export type Emit = (e: DraftEvent) => void;

type Engine = Draft["engine"];

/** The engine a request gets: as asked, else the model when one is configured; asking for a missing model is an error. */
export function chooseEngine(options: DraftOptions | undefined, model: ChatModel | null): Engine {
  const engine = defaultEngine(options?.engine, model);
  if (engine === "llm" && !model)
    throw new AppError("unavailable:model", "未配置模型（LLM_BASE_URL/LLM_MODEL），请改用离线引擎或先配置模型");
  return engine;
}

/** Run tasks with at most `limit` at once, in order of start. */
async function runBounded<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

function periodLabel(year: number, period: string): string {
  return period && period !== "全年" ? `${year}年${period}` : `${year}年`;
}

/** The length to ask for: by the length option, and for a body by its number of facts. */
function lengthChars(length: DraftOptions["length"], factCount: number, role: OutlineSection["role"]): number {
  if (role === "opening") return length === "short" ? 150 : length === "long" ? 400 : 250;
  if (factCount === 0) return 60;
  const per = length === "short" ? 50 : length === "long" ? 150 : 90;
  return Math.max(120, 60 + per * factCount);
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

/** Model text as section body: code fences, Markdown marks, a repeated heading line and bullets removed. */
export function cleanModelText(raw: string, heading: string): string {
  let t = raw.replace(/```[a-z]*\n?/gi, "").replace(/\r/g, "");
  const lines = t.split("\n").map((l) => l.replace(/^#+\s*/, "").replace(/^\s*[-*•]\s+/, "").replace(/\*\*/g, "").trim());
  const bare = stripMarker(heading, "lenient", [1, 2]).trim();
  // Chat models like to announce their answer ("好的，以下是本节正文：") before giving it.
  const preface = /^(好的|以下是|下面是|根据要点|本节正文)[^。]{0,30}[：:]$/;
  while (lines.length && (!lines[0] || preface.test(lines[0]) || (bare && stripMarker(lines[0], "lenient", [1, 2]) === bare))) lines.shift();
  t = lines.filter(Boolean).join("\n");
  return t.trim();
}

function looksMalformed(text: string): boolean {
  const cjk = [...text].filter((c) => CJK_RE.test(c)).length;
  return text.length < 8 || cjk < text.length * 0.3 || /^\s*[{[]/.test(text);
}

function factLines(facts: Fact[]): string {
  return facts.length ? facts.map((f) => `[${f.id}] ${f.text}`).join("\n") : "（本节无要点）";
}

interface SectionJob {
  section: OutlineSection;
  heading: string;
  facts: Fact[];
}

interface SectionResult {
  section: DraftSection;
  warnings: DraftWarning[];
}

interface WriteContext {
  request: DraftRequest;
  outline: Outline;
  facts: Fact[];
  engine: Engine;
  deps: DraftingDeps;
  emit: Emit;
  verify: VerifyContext;
}

function offlineText(job: SectionJob, ctx: WriteContext): string {
  const workLines = ctx.outline.sections.filter((s) => s.level === 2 && s.workLine).map((s) => s.workLine!);
  return writeSectionOffline(job.section, ctx.facts, {
    unit: ctx.outline.unit,
    year: ctx.outline.year,
    period: ctx.outline.period,
    workLines,
    length: ctx.request.options?.length,
    lists: ctx.deps.lists,
  });
}

// Sections the model should not write: a missing problems/plans part must stay a marked placeholder
// rather than invented content, and a part heading (一、主要工作及成效) over its work lines has no body.
// A work line with no facts goes to the model, which is told to write one general line and 【待补】.
function offlineOnly(job: SectionJob): boolean {
  if (job.section.role === "closing") return true;
  if ((job.section.role === "problems" || job.section.role === "plans") && job.facts.length === 0) return true;
  if (job.section.role === "work" && job.facts.length === 0 && job.section.level < 2) return true;
  return false;
}

async function modelText(job: SectionJob, sources: SourceRef[], ctx: WriteContext): Promise<{ text: string; check: SectionCheck; repaired: boolean }> {
  const { deps, outline } = ctx;
  const model = deps.model!;
  const label = periodLabel(outline.year, outline.period);
  const length = (n: number, role: OutlineSection["role"]) => deps.prompts.fill("section-length", { chars: String(lengthChars(ctx.request.options?.length, n, role)) });
  const parent = unitPlace(outline.unit).parent;
  const messages: ChatMessage[] =
    job.section.role === "opening"
      ? deps.prompts.render("draft-opening", {
          unit: outline.unit,
          parent,
          period_label: label,
          thought: guidingThought(outline.year, outline.period, deps.lists?.registry),
          focus: outline.sections.filter((s) => s.level === 2).map((s) => s.heading).join("；") || "政法各项工作",
          passages: passagesBlock(sources),
          length_hint: length(0, "opening"),
        })
      : deps.prompts.render("draft-section", {
          unit: outline.unit,
          parent,
          period_label: label,
          heading: job.heading,
          role_instructions: roleInstructions(job.section, outline, job.facts.length, deps.prompts),
          facts: factLines(job.facts),
          passages: passagesBlock(sources),
          length_hint: length(job.facts.length, job.section.role),
        });
  const raw = await model.complete(messages, {
    signal: deps.signal,
    temperature: 0.3,
    onDelta: (text) => ctx.emit({ event: "delta", data: { sectionId: job.section.id, text } }),
  });
  const first = cleanModelText(raw, job.heading);
  const firstCheck = checkSectionText(first, job.facts, ctx.verify, job.section.role);
  const malformed = looksMalformed(first);
  if (!malformed && firstCheck.invented.length === 0 && firstCheck.uncovered.length === 0 && firstCheck.claims.length === 0) return { text: first, check: firstCheck, repaired: false };

  // One repair round, telling the model exactly what is wrong.
  const problems = malformed ? deps.prompts.fill("repair-malformed") : describeProblems(firstCheck, first);
  const repairMessages = [...messages, { role: "assistant" as const, content: raw }, ...deps.prompts.render("repair-section", { problems, facts: factLines(job.facts) })];
  deps.logger.info(`小节 ${job.section.id} 核对未通过，请模型修改一次`);
  const second = cleanModelText(await model.complete(repairMessages, { signal: deps.signal, temperature: 0.2 }), job.heading);
  if (looksMalformed(second)) {
    if (malformed) throw new AppError("upstream:model_malformed", "模型输出无法识别为正文（已要求修改一次仍无效）");
    return { text: first, check: firstCheck, repaired: true };
  }
  const secondCheck = checkSectionText(second, job.facts, ctx.verify, job.section.role);
  const score = (c: SectionCheck) => c.invented.length * 2 + c.claims.length * 2 + c.uncovered.length;
  if (!malformed && score(firstCheck) < score(secondCheck)) return { text: first, check: firstCheck, repaired: true };
  return { text: second, check: secondCheck, repaired: true };
}

async function writeSection(job: SectionJob, ctx: WriteContext, sources: SourceRef[]): Promise<SectionResult> {
  const { locked, ...place } = job.section;
  const base = { ...place, sources, ...(locked ? { locked: true } : {}) };
  try {
    let text: string;
    let check: SectionCheck;
    const kept = ctx.request.locked?.[job.section.id];
    if (kept !== undefined) {
      // A locked section keeps the writer's text; it is still verified, so a wrong figure is flagged.
      text = kept;
      check = checkSectionText(text, job.facts, ctx.verify, job.section.role);
      return { section: { ...base, text, status: "done", locked: true }, warnings: sectionWarnings(job.section, check, text) };
    }
    if (ctx.engine === "offline" || offlineOnly(job)) {
      text = offlineText(job, ctx);
      if (text) ctx.emit({ event: "delta", data: { sectionId: job.section.id, text } });
      check = checkSectionText(text, job.facts, ctx.verify, job.section.role);
    } else {
      ({ text, check } = await modelText(job, sources, ctx));
    }
    const warnings = sectionWarnings(job.section, check, text);
    if (text.includes("【待补】"))
      warnings.push({ code: "placeholder", message: `“${job.section.heading}”未提供要点，留有【待补】标记，请补充`, sectionId: job.section.id });
    return { section: { ...base, text, status: "done" }, warnings };
  } catch (e) {
    if (ctx.deps.signal?.aborted) throw e;
    const err = toAppError(e);
    ctx.deps.logger.warn(`小节 ${job.section.id} 生成失败：${err.code}`, err.cause ?? err);
    ctx.emit({ event: "error", data: { code: err.code, message: `“${job.heading || job.section.id}”生成失败：${err.message}`, sectionId: job.section.id } });
    return {
      section: { ...base, text: "", status: "error", error: err.message },
      warnings: [{ code: "section_failed", message: `“${job.heading || "本节"}”生成失败：${err.message}。可单独重新生成本节。`, sectionId: job.section.id }],
    };
  }
}

function assemble(outline: Outline, facts: Fact[], sections: DraftSection[], warnings: DraftWarning[], engine: Engine, model: ChatModel | null, started: number): Draft {
  const chars = sections.reduce((n, s) => n + [...s.text].filter((c) => CJK_RE.test(c)).length, 0);
  return {
    title: outline.title,
    unit: outline.unit,
    year: outline.year,
    period: outline.period,
    engine,
    ...(engine === "llm" && model ? { model: model.model } : {}),
    facts,
    sections,
    warnings,
    stats: {
      facts: facts.length,
      sections: sections.length,
      chars,
      inventedFigures: warnings.filter((w) => w.code === "invented_figure").length,
      uncoveredFacts: warnings.filter((w) => w.code === "uncovered_fact" || w.code === "fact_unassigned").length,
      changedClaims: warnings.filter((w) => w.code === "changed_claim").length,
      failedSections: sections.filter((s) => s.status === "error").length,
      sources: sections.reduce((n, s) => n + s.sources.length, 0),
      durationMs: Date.now() - started,
    },
    createdAt: new Date().toISOString(),
  };
}

/** Facts and proposed (or checked, when given) outline, with no writing: the editor's first step. */
export async function prepareDraft(request: DraftRequest, deps: Pick<DraftingDeps, "store" | "logger" | "signal" | "lists">) {
  const facts = await buildFacts(request, deps);
  const outline = request.outline ?? proposeOutline(request, facts);
  const warnings = checkOutline(outline, facts);
  return { facts, outline, warnings };
}

/**
 * Write a whole draft. Emits outline, then per section sources/delta/section (sections interleave
 * when written concurrently), warnings, and done (after deps.save, with its id). A failed section
 * ends with status "error" and an `error` event naming it; the other sections are kept. A fatal
 * problem (bad outline, no model) emits an `error` without sectionId and throws.
 */
export async function generateDraft(request: DraftRequest, deps: DraftingDeps, emit: Emit): Promise<Draft> {
  try {
    return await writeDraft(request, deps, emit);
  } catch (e) {
    // A cancelled draft ends quietly: nobody is listening any more.
    if (!deps.signal?.aborted) {
      const err = toAppError(e);
      if (err.status >= 500) deps.logger.error(`起草失败 → ${err.code}`, err.cause ?? err);
      emit({ event: "error", data: { code: err.code, message: err.message } });
    }
    throw e;
  }
}

async function writeDraft(request: DraftRequest, deps: DraftingDeps, emit: Emit): Promise<Draft> {
  const started = Date.now();
  const engine = chooseEngine(request.options, deps.model);
  const { facts, outline, warnings } = await prepareDraft(request, deps);
  emit({ event: "outline", data: { outline, facts, engine, ...(engine === "llm" && deps.model ? { model: deps.model.model } : {}) } });

  const headings = headingLabels(outline.sections);
  const jobs: SectionJob[] = outline.sections.map((section, i) => ({
    section,
    heading: headings[i],
    facts: section.factIds.map((id) => facts.find((f) => f.id === id)!).filter(Boolean),
  }));
  const ctx: WriteContext = { request, outline, facts, engine, deps, emit, verify: { facts, unit: outline.unit, year: outline.year, lists: deps.lists } };
  const results = new Map<string, SectionResult>();
  const parallel = engine === "llm" && request.options?.sectionsParallel !== false ? (deps.concurrency ?? 3) : 1;
  await runBounded(jobs, parallel, async (job) => {
    deps.signal?.throwIfAborted();
    const isContainer = job.section.level === 1 && job.section.role === "work" && job.facts.length === 0;
    const isLocked = request.locked?.[job.section.id] !== undefined;
    const sources = isContainer || isLocked ? [] : await retrieveSources(deps.store, job.section, facts, { logger: deps.logger });
    if (sources.length) emit({ event: "sources", data: { sectionId: job.section.id, sources } });
    const result = await writeSection(job, ctx, sources);
    results.set(job.section.id, result);
    emit({ event: "section", data: { section: result.section } });
    for (const w of result.warnings) emit({ event: "warning", data: w });
  });
  for (const w of warnings) emit({ event: "warning", data: w });

  const sections = jobs.map((j) => results.get(j.section.id)!.section);
  const allWarnings = [...warnings, ...jobs.flatMap((j) => results.get(j.section.id)!.warnings)];
  const draft = assemble(outline, facts, sections, allWarnings, engine, deps.model, started);
  let saved: { id: string; version: number } | null = null;
  if (deps.save) {
    try {
      saved = await deps.save(draft);
    } catch (e) {
      deps.logger.error("初稿保存失败", e);
      const w = { code: "save_failed", message: "初稿已生成但未能保存，请手动保存或导出" };
      draft.warnings.push(w);
      emit({ event: "warning", data: w });
    }
  }
  emit({ event: "done", data: { draft, ...(saved ? { savedId: saved.id, version: saved.version } : {}) } });
  return draft;
}

/**
 * Rewrite one section of an existing draft (same facts and outline) and return the updated draft.
 * A locked section is never regenerated.
 */
export async function regenerateSection(
  draft: Draft,
  sectionId: string,
  deps: DraftingDeps,
  emit: Emit,
  options: DraftOptions = {},
): Promise<Draft> {
  const started = Date.now();
  const index = draft.sections.findIndex((s) => s.id === sectionId);
  if (index < 0) throw new AppError("not_found:section", `初稿中没有小节 ${sectionId}`);
  if (draft.sections[index].locked) throw new AppError("conflict:section_locked", "该小节已锁定，不会重新生成；请先解锁");
  const engine = chooseEngine({ engine: options.engine ?? draft.engine }, deps.model);
  const outline = draftOutline(draft);
  const outlineSection = outline.sections[index];
  const job: SectionJob = {
    section: outlineSection,
    heading: headingLabels(draft.sections)[index],
    facts: outlineSection.factIds.map((id) => draft.facts.find((f) => f.id === id)!).filter(Boolean),
  };
  const request: DraftRequest = { unit: draft.unit, year: draft.year, period: draft.period, facts: draft.facts.filter((f) => f.kind === "fact").map((f) => f.text), options };
  const ctx: WriteContext = { request, outline, facts: draft.facts, engine, deps, emit, verify: { facts: draft.facts, unit: draft.unit, year: draft.year, lists: deps.lists } };
  const sources = await retrieveSources(deps.store, outlineSection, draft.facts, { logger: deps.logger });
  if (sources.length) emit({ event: "sources", data: { sectionId, sources } });
  const result = await writeSection(job, ctx, sources);
  emit({ event: "section", data: { section: result.section } });
  for (const w of result.warnings) emit({ event: "warning", data: w });
  const sections = draft.sections.map((s, i) => (i === index ? result.section : s));
  const warnings = [...draft.warnings.filter((w) => w.sectionId !== sectionId), ...result.warnings];
  const next = assemble(outline, draft.facts, sections, warnings, engine === draft.engine ? engine : draft.engine, deps.model, started);
  return { ...next, ...(draft.model ? { model: draft.model } : {}), stats: { ...next.stats, durationMs: Date.now() - started } };
}
