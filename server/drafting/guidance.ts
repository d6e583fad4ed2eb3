/**
 * The guiding thought an opening names (全面贯彻……精神), derived from the dated registry
 * (lists/registry.json) rather than kept as a second calendar: a plenum the office adds to the
 * registry is named in the openings of the periods after it, and the outdated check judges the
 * same dates. The formulation follows docs/office-lists.md ("The guiding thought of an opening").
 */
import { dateKey, loadRegistry, type Registry } from "../lists/registry.ts";
import { chineseOrdinal } from "../text/numerals.ts";
import { periodEnd } from "../text/report.ts";

// From the sixth plenum on (the last before the plenum that prepares the next congress), 公文 cite
// the term's plenums together as 历次全会 instead of listing five or more of them.
const ALL_PLENUMS_FROM = 6;

/** The guiding thought in force on `cut` (yyyymmdd): the latest congress and the plenums of its term held by then. */
export function guidanceAt(registry: Registry, cut: number): string {
  const held = registry.congresses.filter((c) => dateKey(c.date) <= cut);
  // Before the first congress the registry knows, the earliest one is the best it can say.
  const term = held.length > 0 ? Math.max(...held.map((c) => c.term)) : Math.min(...registry.congresses.map((c) => c.term));
  const t = chineseOrdinal(term);
  // The first plenum only elects the leadership the day after the congress; it is never cited as guidance.
  const plenums = [...new Set(registry.plenums.filter((p) => p.term === term && p.plenum >= 2 && dateKey(p.date) <= cut).map((p) => p.plenum))].sort((a, b) => a - b);
  if (plenums.length === 0) return `党的${t}大精神`;
  if (plenums[plenums.length - 1] >= ALL_PLENUMS_FROM) return `党的${t}大和${t}届历次全会精神`;
  return `党的${t}大和${t}届${plenums.map((p) => `${chineseOrdinal(p)}中`).join("、")}全会精神`;
}

/** The congress/plenum formulation in force at the end of the period (e.g. 2024 → 党的二十大和二十届二中、三中全会精神). */
export function guidingThought(year: number, period = "全年", registry: Registry = loadRegistry()): string {
  return guidanceAt(registry, periodEnd(year, period));
}
