/**
 * Old drafts into the current shape. Pure and free of zod, so the editor upgrades a copy it kept in
 * localStorage the same way the save store upgrades a file.
 */
import { stripHeadingMarker } from "../drafting/draft.ts";
import type { Draft, DraftSection } from "../drafting/types.ts";
import type { LegacyDraft } from "./legacy-draft.ts";

/**
 * A draft of the first shape in the current one. Where the two copies disagree, the one the writer saw
 * wins: the top-level title (the title box, the saved list, the export) over `outline.title`, and a
 * section's heading as shown over the outline's, which an edit with an unexpected marker left behind.
 * The outline adds only each section's work line; Markdown is dropped, being derived.
 */
export function migrateLegacyDraft(old: LegacyDraft): Draft {
  const planned = new Map(old.outline.sections.map((s) => [s.id, s]));
  const sections: DraftSection[] = old.sections.map((s) => {
    const o = planned.get(s.id);
    const heading = s.level > 0 ? stripHeadingMarker(s.heading) || (o?.heading ?? "") : s.heading;
    return {
      id: s.id,
      role: s.role,
      heading,
      level: s.level,
      workLine: o?.workLine ?? null,
      factIds: s.factIds,
      text: s.text,
      sources: s.sources,
      status: s.status,
      ...(s.locked || o?.locked ? { locked: true } : {}),
      ...(s.error !== undefined ? { error: s.error } : {}),
    };
  });
  return {
    title: old.title,
    unit: old.unit,
    year: old.year,
    period: old.period,
    engine: old.engine,
    ...(old.model !== undefined ? { model: old.model } : {}),
    facts: old.facts,
    sections,
    warnings: old.warnings,
    stats: old.stats,
    createdAt: old.createdAt,
  };
}

/** True for a draft of the first shape: only that one carried its outline beside its sections. */
export function isLegacyDraft(draft: unknown): boolean {
  return typeof draft === "object" && draft !== null && "outline" in draft && "markdown" in draft;
}
