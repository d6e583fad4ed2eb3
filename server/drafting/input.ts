/** Request shapes of drafting: the JSON form of the input plus the optional edited outline and options. */
import { z } from "zod";
import { DerivationsSchema, ProvenanceSchema, ReusedSchema } from "./provenance.ts";
import { DraftInputSchema, OutlineSchema } from "./types.ts";

export const DraftOptionsSchema = z.object({
  engine: z.enum(["offline", "llm"]).optional(), // default: llm when a model is configured, else offline
  length: z.enum(["short", "medium", "long"]).optional(), // default medium
  sectionsParallel: z.boolean().optional(), // default true (bounded by config.llm.concurrency)
});
export type DraftOptions = z.infer<typeof DraftOptionsSchema>;

export const DraftRequestSchema = DraftInputSchema.extend({
  outline: OutlineSchema.optional(),
  options: DraftOptionsSchema.optional(),
  /** Sections the writer locked, by id → their text: kept as written, never regenerated. */
  locked: z.record(z.string().max(100), z.string().max(50_000)).optional(),
  /** Kept with the draft: where imported facts came from, and the derived figures the writer worked with. */
  provenance: ProvenanceSchema.optional(),
  derivations: DerivationsSchema.optional(),
  reused: ReusedSchema.optional(),
});
export type DraftRequest = z.infer<typeof DraftRequestSchema>;
