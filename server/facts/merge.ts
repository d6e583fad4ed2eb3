/**
 * Across units: the same measure with the same value in two files is one fact with both sources; the
 * same measure with different values is a conflict the writer settles. Nothing is chosen silently.
 */
import { sameValue } from "../numbers/index.ts";
import { sameMeasure } from "./measure.ts";
import type { Candidate, CandidateFigure, FactConflict } from "./types.ts";

const fileOf = (c: Candidate) => c.sources[0].file;
const valueOf = (f: CandidateFigure) => ({ kind: f.kind as never, value: f.value });

/** Candidates merged where another file states the same figures, and the conflicts found. */
export function mergeAcrossFiles(candidates: Candidate[]): { candidates: Candidate[]; conflicts: FactConflict[] } {
  const kept: Candidate[] = [];
  const conflicts: FactConflict[] = [];
  const inConflict = new Set<string>();
  for (const cand of candidates) {
    const figs = cand.figures;
    let mergedInto: Candidate | null = null;
    for (const other of kept) {
      if (fileOf(other) === fileOf(cand) || figs.length === 0) continue;
      // Same value for every figure of this candidate, each on the same measure: the same fact again.
      const allSame = figs.every((f) => other.figures.some((g) => sameMeasure(f, g) && sameValue(valueOf(f), valueOf(g))));
      if (allSame) {
        mergedInto = other;
        break;
      }
    }
    if (mergedInto) {
      mergedInto.sources.push(...cand.sources);
      continue;
    }
    kept.push({ ...cand, sources: [...cand.sources] });
  }
  // Conflicts: one measure, different values, in different files. Each pair of figures is looked at once.
  for (let i = 0; i < kept.length; i++) {
    for (let j = i + 1; j < kept.length; j++) {
      const a = kept[i];
      const b = kept[j];
      if (fileOf(a) === fileOf(b)) continue;
      for (const f of a.figures) {
        const g = b.figures.find((x) => sameMeasure(f, x) && !sameValue(valueOf(f), valueOf(x)));
        if (!g) continue;
        // A figure that agrees on this measure elsewhere in b is no conflict (分别立案12件、破案12件).
        if (b.figures.some((x) => sameMeasure(f, x) && sameValue(valueOf(f), valueOf(x)))) continue;
        const existing = conflicts.find((c) => c.entries.some((e) => e.candidateId === a.id && e.raw === f.raw));
        const entry = { candidateId: b.id, unit: b.unit, file: fileOf(b), raw: g.raw, value: g.value };
        if (existing) {
          if (!existing.entries.some((e) => e.candidateId === b.id)) existing.entries.push(entry);
        } else {
          conflicts.push({
            id: `c${conflicts.length + 1}`,
            measure: f.measure.split("#")[0].replaceAll("·", ""),
            entries: [{ candidateId: a.id, unit: a.unit, file: fileOf(a), raw: f.raw, value: f.value }, entry],
          });
        }
        inConflict.add(a.id).add(b.id);
      }
    }
  }
  // A candidate in a conflict waits for the writer: it is not ticked until the writer settles which value holds.
  return { candidates: kept.map((c) => (inConflict.has(c.id) ? { ...c, chosen: false } : c)), conflicts };
}
