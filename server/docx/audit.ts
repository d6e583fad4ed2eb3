/**
 * The figure audit sheet (核稿单) for the reviewer who signs the report: every figure, date and named
 * initiative in the draft, the sentence it stands in, the fact it came from and where that fact came from
 * (a unit's file and passage, or 手工录入). A figure no fact licenses is listed first; it is exactly what
 * the fidelity check calls an invented figure, figure by figure.
 */
import { z } from "zod";
import { extractNames } from "../claims/names.ts";
import { allowedFigureKeys, allowedYears, extractFigures, isLicensed } from "../drafting/figures.ts";
import { figureKey, type Figure } from "../numbers/index.ts";
import type { Draft, Fact } from "../drafting/types.ts";
import { FactSourceSchema } from "../facts/types.ts";
import { headingLabels } from "../text/headings.ts";
import { splitSentences } from "../text/sentences.ts";

/** Where each fact the writer imported came from: the fact's text as it went into the draft, and its sources. */
export const ProvenanceSchema = z.array(z.object({ text: z.string().max(2000), sources: z.array(FactSourceSchema).max(20) })).max(2000);
export type Provenance = z.infer<typeof ProvenanceSchema>;

export const MANUAL = "手工录入";

/**
 * A figure computed rather than given (同比上升20%, from this year's fact and last year's summary): its
 * value, its formula and whether the writer confirmed it. Only a confirmed derivation licenses its figure.
 */
export const DerivationSchema = z.object({
  kind: z.enum(["number", "percent", "points"]),
  value: z.number(),
  formula: z.string().min(1).max(500),
  confirmed: z.boolean(),
});
export type Derivation = z.infer<typeof DerivationSchema>;

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
  sources: z.infer<typeof FactSourceSchema>[];
  /** "手工录入" for a fact typed by hand, else the units and files; null when no fact stands behind the entry. */
  origin: string | null;
  /** A figure no input licenses (nor a confirmed derivation): listed first, in red. */
  unsourced: boolean;
  /** For a derived figure: how it was computed, and whether the writer confirmed it. */
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
    for (const f of extractFigures(text)) {
      if (f.kind === "ordinal") continue;
      // The report's own years are the frame of the report, not figures to trace.
      if (f.kind === "year" && years.includes(f.value)) continue;
      const sentence = sentenceOf(text, f.start, f.end);
      const fact = factFor(f, sentence, sectionFacts, draft.facts);
      const kind = f.kind === "year" || f.kind === "date" ? "date" : "figure";
      const licensed = isLicensed(f, keys, draft.year);
      // A figure no fact gives may be a derived one: shown with its formula, licensed only once confirmed.
      const derived = licensed ? undefined : derivations.find((d) => figureKey(d) === figureKey(f));
      out.push({
        kind, text: f.raw, sectionId: section.id, heading, sentence, start: f.start, end: f.end, fact: fact && { id: fact.id, text: fact.text }, ...trail(fact),
        unsourced: !licensed && !derived?.confirmed,
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
