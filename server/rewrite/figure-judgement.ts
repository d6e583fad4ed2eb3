/**
 * How a rewrite is held to the note's figures (a figure added or changed in value is refused; one a
 * shortening leaves out, a total worked out from the note's own, or the same value said more loosely
 * is shown), and how strictly each mode holds clauses without a counterpart.
 */
import { diffFigures, extractFigures, figureKey, type Figure } from "../numbers/index.ts";
import { readColloquialFigures } from "./figures.ts";
import type { RewriteMode } from "./types.ts";

/**
 * How strictly each mode holds clauses without a counterpart: polishing and restructuring neither add
 * a claim in a new clause nor drop one with a clause; expanding may add general lines, shortening may
 * drop clauses.
 */
export function claimOptions(mode: RewriteMode): { strictAdded: boolean; strictDropped: boolean } {
  return { strictAdded: mode !== "expand", strictDropped: mode !== "shorten" };
}

/**
 * Figures of the output that are not in the input, and input figures the output lost (multisets of
 * normalised values). A clerk's figures (七八个, 一千二, 三成) are read as the figures they are first.
 */
export function figureViolations(before: string, after: string): { added: Figure[]; missing: Figure[] } {
  return diffFigures(extractFigures(readColloquialFigures(before)), extractFigures(readColloquialFigures(after)));
}

/**
 * How a mode holds figures: none may be added or changed in value; a shortening may leave one out (a
 * detail dropped, shown to the writer), every other mode may not. The same value qualified another way
 * (四十来件 → 40件, 六十多 → 近60) is shown to the writer, not refused: the count is the one the note gives,
 * and only how loosely it is said differs.
 */
export function figureJudgement(before: string, after: string, mode: RewriteMode): { refusal: { added: Figure[]; missing: Figure[] }; dropped: Figure[]; derived: Figure[]; requalified: Figure[] } {
  const v = figureViolations(before, after);
  // A total worked out from the original's own figures (三个乡镇各两次 → 共6次) changes none of them: shown, not refused.
  const source = extractFigures(readColloquialFigures(before));
  const derived = v.added.filter((f) => derivedFrom(f, source));
  const requalified: Figure[] = [];
  const missing = [...v.missing];
  // A count of one (一个没来 → 1人未到场, 抓了个 → 1名) is said in too many ways to hold on its own: shown.
  const one = (f: Figure) => f.kind === "number" && f.value === 1 && !f.approx;
  let parties = (after.match(/双方/g) ?? []).length;
  // More than half (过半, 一半以上, 一大半) is the share "most" names (大部分, 多数): one range, said either way.
  let mostBefore = (before.match(MOST) ?? []).length;
  const added = v.added.filter((f) => {
    if (derived.includes(f)) return false;
    if (overHalf(f) && mostBefore-- > 0) {
      requalified.push(f);
      return false;
    }
    // 双方 is read as 两家 so that it matches a note's 两家 or 两边; with nothing to match, it names the parties, no count.
    if (one(f) || (f.value === 2 && f.unit === "家" && parties-- > 0)) {
      requalified.push(f);
      return false;
    }
    const k = missing.findIndex((m) => figureKey(m) === figureKey(f));
    if (k < 0) return true;
    missing.splice(k, 1);
    requalified.push(f);
    return false;
  });
  for (const f of missing.filter(one)) missing.splice(missing.indexOf(f), 1) && requalified.push(f);
  let mostAfter = (after.match(MOST) ?? []).length;
  for (const f of missing.filter((x) => overHalf(x) && mostAfter-- > 0)) missing.splice(missing.indexOf(f), 1) && requalified.push(f);
  if (mode !== "shorten" || added.length > 0) return { refusal: { added, missing }, dropped: [], derived, requalified };
  return { refusal: { added, missing: [] }, dropped: missing, derived, requalified };
}

/** Words for "most": a share over half said without a figure (少数 and 半数 are not among them). */
const MOST = /绝大多数|绝大部分|大多数|大部分|(?<![少半])多数|大多(?=[是为数])/g;
const overHalf = (f: Figure) => f.kind === "percent" && f.value === 50 && /^(?:以上|超过|超|逾|多|余)$/.test(f.approx ?? "");

/** An exact count that is the sum or the product of two exact counts of the original, or the sum of them all. */
function derivedFrom(f: Figure, source: Figure[]): boolean {
  if (f.kind !== "number" || f.approx) return false;
  const counts = source.filter((s) => s.kind === "number" && !s.approx).map((s) => s.value);
  if (counts.length >= 2 && counts.reduce((a, b) => a + b, 0) === f.value) return true;
  return counts.some((a, i) => counts.some((b, j) => i !== j && (a + b === f.value || a * b === f.value)));
}
