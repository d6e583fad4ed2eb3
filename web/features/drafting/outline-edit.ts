import type { Outline, OutlineSection } from "../../../server/drafting/types.ts";

/** Can the section at `index` move one place in `dir` (only among adjacent （一） sections of one part)? */
export function canMove(outline: Outline, index: number, dir: -1 | 1): boolean {
  const s = outline.sections[index];
  const t = outline.sections[index + dir];
  return Boolean(s && t && s.level === 2 && t.level === 2);
}

/** Move a second-level section up or down among its siblings; anything else is returned unchanged. */
export function moveSection(outline: Outline, id: string, dir: -1 | 1): Outline {
  const i = outline.sections.findIndex((s) => s.id === id);
  if (i < 0 || !canMove(outline, i, dir)) return outline;
  const sections = outline.sections.slice();
  [sections[i], sections[i + dir]] = [sections[i + dir], sections[i]];
  return { ...outline, sections };
}

/** Rename a section's heading (without its numbering marker, which is derived). */
export function renameSection(outline: Outline, id: string, heading: string): Outline {
  return { ...outline, sections: outline.sections.map((s) => (s.id === id ? { ...s, heading } : s)) };
}

/** Drop a section; its facts go with it (the UI says so before dropping one that holds facts). */
export function dropSection(outline: Outline, id: string): Outline {
  return { ...outline, sections: outline.sections.filter((s) => s.id !== id) };
}

/** Move one fact to another section, keeping it once only. */
export function moveFact(outline: Outline, factId: string, toSectionId: string): Outline {
  if (!outline.sections.some((s) => s.id === toSectionId)) return outline;
  return {
    ...outline,
    sections: outline.sections.map((s) => {
      const without = s.factIds.filter((f) => f !== factId);
      return s.id === toSectionId ? { ...s, factIds: [...without, factId] } : { ...s, factIds: without };
    }),
  };
}

/** Sections a fact may be moved to: those holding facts of its kind (work items, problems, plans). */
export function factTargets(outline: Outline, factId: string, kind: "fact" | "problem" | "plan"): OutlineSection[] {
  const role = kind === "problem" ? "problems" : kind === "plan" ? "plans" : "work";
  return outline.sections.filter((s) => s.role === role && !s.factIds.includes(factId) && (role !== "work" || s.level === 2));
}
