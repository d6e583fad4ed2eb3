/**
 * The figure audit sheet (核稿单) for the reviewer who signs the report: every figure, date and named
 * initiative in the draft, the sentence it stands in, the fact it came from and where that fact came from
 * (a unit's file and passage, or 手工录入). A figure no fact licenses is listed first; it is exactly what
 * the fidelity check calls an invented figure, figure by figure.
 */
import { extractNames } from "../claims/names.ts";
import { licenseFigures } from "../drafting/derive.ts";
import { allowedFigureKeys, allowedYears } from "../drafting/figures.ts";
import type { Derivation, FactSource, Provenance } from "../drafting/provenance.ts";
import { figureKey, type Figure } from "../numbers/index.ts";
import type { Draft, Fact } from "../drafting/types.ts";
import { headingLabels } from "../text/headings.ts";
import { splitSentences } from "../text/sentences.ts";

export const MANUAL = "手工录入";

export interface AuditEntry {
  kind: "figure" | "date" | "initiative";
  /** As written in the draft. */
  text: string;
  sectionId: string;
  /** The section's numbered heading, or its role when it has none (开头, 结尾). */
  heading: string;
  sentence: string;
  /** Offsets into the section's text. */
  start: number;
  end: number;
  fact: { id: string; text: string } | null;
  /** The files and passages the fact came from; empty for a fact typed by hand. */
  sources: FactSource[];
  /** "手工录入" for a fact typed by hand, else the units and files; null when no fact stands behind the entry. */
  origin: string | null;
  /** A figure no input licenses (nor a derivation from its sentence or a confirmed one): listed first, in red. */
  unsourced: boolean;
  /** For a derived figure: how it was computed, and whether the writer confirmed it (one worked out from its own
   * sentence's figures needs no confirmation). */
  formula?: string;
  confirmed?: boolean;
}

const ROLE_NAME: Record<string, string> = { opening: "开头", closing: "结尾", title: "标题" };
const QUOTED = /“([^”]{2,20})”|《([^》]{2,40})》/g;

function sentenceOf(text: string, start: number, end: number): string {
  const s = splitSentences(text).find((x) => x.start <= start && end <= x.end);
  return (s ? text.slice(s.start, s.end) : text).trim();
}

/** The fact behind a figure: one of the section's facts first, then any, the one sharing most words with the sentence. */
function factFor(f: Figure, sentence: string, sectionFacts: Fact[], facts: Fact[]): Fact | null {
  const key = figureKey(f);
  const has = (x: Fact) => x.figures.some((g) => figureKey({ kind: g.kind as Figure["kind"], value: g.value }) === key);
  const pool = sectionFacts.filter(has).length ? sectionFacts.filter(has) : facts.filter(has);
  const shared = (x: Fact) => [...new Set(x.text)].filter((ch) => /[\u4e00-\u9fff]/.test(ch) && sentence.includes(ch)).length;
  return [...pool].sort((a, b) => shared(b) - shared(a))[0] ?? null;
}

/** Every figure, date and named initiative of a draft with its trail; unsourced figures first. */
export function buildAuditSheet(draft: Pick<Draft, "sections" | "facts" | "unit" | "year">, provenance: Provenance = [], derivations: Derivation[] = []): AuditEntry[] {
  const keys = allowedFigureKeys(draft.facts, draft.unit);
  const years = allowedYears(draft.year);
  const labels = headingLabels(draft.sections);
  const byText = new Map(provenance.map((p) => [p.text.trim(), p.sources]));
  const trail = (fact: Fact | null) => {
    if (!fact) return { sources: [], origin: null };
    const sources = byText.get(fact.text.trim()) ?? [];
    return { sources, origin: sources.length ? [...new Set(sources.map((s) => `${s.unit}《${s.file}》`))].join("、") : MANUAL };
  };
  const out: AuditEntry[] = [];
  for (const [i, section] of draft.sections.entries()) {
    const text = section.text;
    const heading = labels[i] || ROLE_NAME[section.role] || section.heading;
    const sectionFacts = draft.facts.filter((f) => section.factIds.includes(f.id));
    for (const { figure: f, licensed, derivation: derived } of licenseFigures(text, keys, draft.year, derivations)) {
      if (f.kind === "ordinal") continue;
      // The report's own years are the frame of the report, not figures to trace.
      if (f.kind === "year" && years.includes(f.value)) continue;
      const sentence = sentenceOf(text, f.start, f.end);
      const fact = factFor(f, sentence, sectionFacts, draft.facts);
      const kind = f.kind === "year" || f.kind === "date" ? "date" : "figure";
      // A figure no fact gives may be a derived one: shown with its formula (the fidelity check's own license).
      out.push({
        kind, text: f.raw, sectionId: section.id, heading, sentence, start: f.start, end: f.end, fact: fact && { id: fact.id, text: fact.text }, ...trail(fact),
        unsourced: !licensed,
        ...(derived ? { formula: derived.formula, confirmed: derived.confirmed } : {}),
      });
    }
    const seen = new Set<string>();
    const names = [
      ...[...text.matchAll(QUOTED)].map((m) => ({ text: m[0], start: m.index!, end: m.index! + m[0].length })),
      ...extractNames(text).filter((n) => n.kind === "project").map((n) => ({ text: n.text, start: text.indexOf(n.text), end: text.indexOf(n.text) + n.text.length })),
    ];
    for (const n of names) {
      const bare = n.text.replace(/^[“《]|[”》]$/g, "");
      if (n.start < 0 || seen.has(bare)) continue;
      seen.add(bare);
      const sentence = sentenceOf(text, n.start, n.end);
      const fact = sectionFacts.find((x) => x.text.includes(bare)) ?? draft.facts.find((x) => x.text.includes(bare)) ?? null;
      out.push({ kind: "initiative", text: n.text, sectionId: section.id, heading, sentence, start: n.start, end: n.end, fact: fact && { id: fact.id, text: fact.text }, ...trail(fact), unsourced: false });
    }
  }
  // Unsourced first, then in the order of the draft.
  return out.map((e, k) => ({ e, k })).sort((a, b) => Number(b.e.unsourced) - Number(a.e.unsourced) || a.k - b.k).map((x) => x.e);
}
