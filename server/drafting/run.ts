/**
 * Drafting end to end: prepare (facts → outline), generate (per section: sources, then the write
 * stage of writer-stage.ts, sections concurrently with a bound), regenerate one section, and
 * assemble the Draft. Every step is reported through `emit` as the DraftEvents the editor consumes.
 */
import { runBounded } from "../async.ts";
import { AppError, toAppError } from "../errors.ts";
import { defaultEngine } from "../llm/index.ts";
import type { ChatModel } from "../llm/types.ts";
import { headingLabels } from "../text/headings.ts";
import { buildFacts } from "./facts.ts";
import type { DraftOptions, DraftRequest } from "./input.ts";
import { draftOutline } from "./draft.ts";
import { checkOutline, proposeOutline } from "./outline.ts";
import { retrieveSources } from "./sources.ts";
import type { Draft, DraftSection, DraftWarning, Fact, Outline } from "./types.ts";
import { writeSection } from "./writer-stage.ts";
import { openingOf, type DraftingDeps, type Emit, type Engine, type SectionJob, type SectionResult, type WriteContext } from "./writer.ts";

/** The engine a request gets: as asked, else the model when one is configured; asking for a missing model is an error. */
export function chooseEngine(options: DraftOptions | undefined, model: ChatModel | null): Engine {
  const engine = defaultEngine(options?.engine, model);
  if (engine === "llm" && !model)
    throw new AppError("unavailable:model", "尚未接入大模型，无法用模型起草；请改用离线引擎，如需接入大模型请联系管理员配置");
  return engine;
}

const CJK_RE = /[\u3400-\u9fff]/;

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
  const ctx: WriteContext = { openings: [], request, outline, facts, engine, deps, emit, verify: { facts, unit: outline.unit, year: outline.year, lists: deps.lists, derivations: request.derivations } };
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
  // The trail of the facts and figures goes with the draft, so a saved draft reopens with its audit sheet.
  if (request.provenance?.length) draft.provenance = request.provenance;
  if (request.derivations?.length) draft.derivations = request.derivations;
  if (request.reused?.length) draft.reused = request.reused;
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
  // A regenerated section avoids the openings of all the others.
  const openings = draft.sections.filter((x) => x.id !== sectionId && x.text && x.factIds.length > 0).map((x) => ({ id: x.id, text: openingOf(x.text) }));
  const ctx: WriteContext = { openings, request, outline, facts: draft.facts, engine, deps, emit, verify: { facts: draft.facts, unit: draft.unit, year: draft.year, lists: deps.lists, derivations: draft.derivations } };
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
