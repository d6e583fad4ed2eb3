/**
 * The drafting side of number fidelity: which figures the inputs state, and which figures a text may
 * carry besides them. One place so both engines and the verifier agree.
 */
import { extractFigures as rawExtract, figureKey, isAllowedExtra } from "../numbers/index.ts";
import type { Figure } from "../numbers/types.ts";
import type { Fact } from "./types.ts";


// The numbers module already leaves congress and plenum names alone (二十大, 二十届三中全会, “十四五”: 大, 届
// and 中 are no measure words). What it does read is the ordinal of a 第N届 name (第十四届全国人大 → the
// ordinal 14), and a fact has no figure there to carry into the draft or to check: the numeral before 届 is
// masked first. (Over the official prose and the samples, 13.7k lines, this mask and the longer list of
// congress names it replaced give the same figures.)
const TERM_RE = /[一二三四五六七八九十]+届/g;

/** Figures of a text for drafting: like extractFigures, with the ordinal of a 第N届 name not counted. Offsets are into `text`. */
export function extractFigures(text: string): Figure[] {
  const masked = text.replace(TERM_RE, (m) => "□".repeat(m.length));
  return rawExtract(masked).map((f) => ({ ...f, raw: text.slice(f.start, f.end) }));
}

/** The figures of a fact as stored on the Fact record. */
export function factFigures(text: string): Fact["figures"] {
  return extractFigures(text).map((f) => ({ raw: f.raw, value: f.value, unit: f.unit, kind: f.kind }));
}

/** Keys of every figure a draft may state: those of the facts plus any in the unit's name. */
export function allowedFigureKeys(facts: Fact[], unit: string): Set<string> {
  const keys = new Set<string>();
  for (const f of facts) for (const g of f.figures) keys.add(figureKey({ kind: g.kind as Figure["kind"], value: g.value }));
  for (const g of extractFigures(unit)) keys.add(figureKey(g));
  return keys;
}

/** Years a draft may name without their being input figures: the report year and the next. */
export function allowedYears(year: number): number[] {
  return [year, year + 1];
}

/** True when the figure is licensed by the inputs or is one of the allowed extras. */
export function isLicensed(f: Figure, keys: Set<string>, year: number): boolean {
  return keys.has(figureKey(f)) || isAllowedExtra(f, { years: allowedYears(year) });
}
