/**
 * Which writer writes a section, and the part of writing every section shares: a locked section's
 * text kept, the warnings, the openings later sections avoid, and a failure kept to its section.
 */
import { toAppError } from "../errors.ts";
import { ROLE_LABELS } from "../corpus/types.ts";
import type { SourceRef } from "./types.ts";
import { checkSectionText, sectionWarnings } from "./verify.ts";
import { modelWriter } from "./writer-model.ts";
import { offlineWriter } from "./writer-offline.ts";
import { openingOf, type Engine, type SectionJob, type SectionResult, type SectionWriter, type WriteContext } from "./writer.ts";

// Sections the model should not write: a missing problems/plans part must stay a marked placeholder
// rather than invented content, and a part heading (一、主要工作及成效) over its work lines has no body.
// A work line with no facts goes to the model, which is told to write one general line and 【待补】.
function offlineOnly(job: SectionJob): boolean {
  if (job.section.role === "closing") return true;
  if ((job.section.role === "problems" || job.section.role === "plans") && job.facts.length === 0) return true;
  if (job.section.role === "work" && job.facts.length === 0 && job.section.level < 2) return true;
  return false;
}

/** The writer for a section: the model when the draft uses one and the section is the model's to write. */
export function writerFor(job: SectionJob, engine: Engine): SectionWriter {
  return engine === "offline" || offlineOnly(job) ? offlineWriter : modelWriter;
}

/**
 * Write one section: a locked one keeps the writer's text (still verified, so a wrong figure is
 * flagged); the others go to their writer. A failure becomes a section with status "error", an
 * `error` event naming it and a warning; only a cancellation is thrown on.
 */
export async function writeSection(job: SectionJob, ctx: WriteContext, sources: SourceRef[]): Promise<SectionResult> {
  const { locked, ...place } = job.section;
  const base = { ...place, sources, ...(locked ? { locked: true } : {}) };
  try {
    const kept = ctx.request.locked?.[job.section.id];
    if (kept !== undefined) {
      const check = checkSectionText(kept, job.facts, ctx.verify, job.section.role);
      return { section: { ...base, text: kept, status: "done", locked: true }, warnings: sectionWarnings(job.section, check, kept) };
    }
    const { text, check } = await writerFor(job, ctx.engine).write(job, ctx, sources);
    const warnings = sectionWarnings(job.section, check, text);
    if (text && job.facts.length > 0) ctx.openings.push({ id: job.section.id, text: openingOf(text) });
    if (text.includes("【待补】"))
      warnings.push({ code: "placeholder", message: `“${job.section.heading}”未提供要点，留有【待补】标记，请补充`, sectionId: job.section.id });
    return { section: { ...base, text, status: "done" }, warnings };
  } catch (e) {
    if (ctx.deps.signal?.aborted) throw e;
    const err = toAppError(e);
    // A section without a heading (the opening, the closing) is named by its part: 开头段, 结尾段.
    const name = job.heading || `${ROLE_LABELS[job.section.role] ?? "本"}段`;
    ctx.deps.logger.warn(`小节 ${job.section.id} 生成失败：${err.code}`, err.cause ?? err);
    ctx.emit({ event: "error", data: { code: err.code, message: `“${name}”生成失败：${err.message}`, sectionId: job.section.id } });
    return {
      section: { ...base, text: "", status: "error", error: err.message },
      warnings: [{ code: "section_failed", message: `“${name}”生成失败：${err.message}。可单独重新生成本节。`, sectionId: job.section.id }],
    };
  }
}
