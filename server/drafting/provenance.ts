/**
 * Where a draft's facts and figures came from, kept with the draft: each imported fact's sources (a unit's file and
 * passage) and the derived figures the writer confirmed (同比 changes from last year's summary). Plain zod data, so the
 * editor, the saved draft and the audit sheet share one shape.
 */
import { z } from "zod";

/** Where a fact was read: the file, its unit, the heading path and the passage (offsets into the file's cleaned text). */
export const FactSourceSchema = z.object({
  file: z.string(),
  unit: z.string(),
  headingPath: z.array(z.string()),
  passage: z.string(),
  start: z.number().int(),
  end: z.number().int(),
});
export type FactSource = z.infer<typeof FactSourceSchema>;

/** Where each fact the writer imported came from: the fact's text as it went into the draft, and its sources. */
export const ProvenanceSchema = z.array(z.object({ text: z.string().max(2000), sources: z.array(FactSourceSchema).max(20) })).max(2000);
export type Provenance = z.infer<typeof ProvenanceSchema>;

/**
 * A figure computed rather than given (同比上升20%, from this year's fact and last year's summary): its value, its
 * formula and whether the writer confirmed it. Only a confirmed derivation licenses its figure.
 */
export const DerivationSchema = z.object({
  kind: z.enum(["number", "percent", "points"]),
  value: z.number(),
  formula: z.string().min(1).max(500),
  confirmed: z.boolean(),
});
export type Derivation = z.infer<typeof DerivationSchema>;

export const DerivationsSchema = z.array(DerivationSchema).max(500);

/** Sentences of last year's summary the writer kept on purpose (确认沿用): the stale check reads them (checking/reused.ts). */
export const ReusedSchema = z.array(z.string().max(2000)).max(500);

/** What a draft keeps of where its facts and figures came from (both parts optional). */
export interface DraftTrail {
  provenance?: Provenance;
  derivations?: Derivation[];
  reused?: string[];
}
