/** The offline SectionWriter: the rule-based engine (offline.ts), with no model and no passages. */
import { writeSectionOffline } from "./offline.ts";
import { checkSectionText } from "./verify.ts";
import type { SectionWriter } from "./writer.ts";

export const offlineWriter: SectionWriter = {
  async write(job, ctx) {
    const workLines = ctx.outline.sections.filter((s) => s.level === 2 && s.workLine).map((s) => s.workLine!);
    const text = writeSectionOffline(job.section, ctx.facts, {
      unit: ctx.outline.unit,
      year: ctx.outline.year,
      period: ctx.outline.period,
      workLines,
      length: ctx.request.options?.length,
      lists: ctx.deps.lists,
    });
    if (text) ctx.emit({ event: "delta", data: { sectionId: job.section.id, text } });
    return { text, check: checkSectionText(text, job.facts, ctx.verify, job.section.role) };
  },
};
