import { z } from "zod";
import { ClaimChangeSchema } from "../claims/types.ts";
import { PassageSpanSchema, RoleSchema } from "../corpus/types.ts";
import { DerivationsSchema, ProvenanceSchema, ReusedSchema } from "./provenance.ts";

export const FactKindSchema = z.enum(["fact", "problem", "plan"]);

/** One atomic input fact. `figures` are normalised numbers (see server/numbers). */
export const FactSchema = z.object({
  id: z.string(), // "f1", "p1", "n1" …
  kind: FactKindSchema,
  text: z.string(), // as the user wrote it
  workLine: z.string().nullable(), // a WORK_LINES id, null for problems/plans without one
  figures: z.array(z.object({ raw: z.string(), value: z.number(), unit: z.string(), kind: z.string() })),
  keyTerms: z.array(z.string()),
});
export type Fact = z.infer<typeof FactSchema>;

export const DraftInputSchema = z.object({
  unit: z.string().min(1).max(100),
  year: z.number().int().min(1990).max(2100),
  period: z.string().max(20).optional(), // "全年" (default), "上半年", "前三季度" …
  facts: z.array(z.string().min(1, "不能有空的一条").max(2000, "每条不能超过 2000 字")).min(1, "至少要有一条").max(500, "最多 500 条"),
  problems: z.array(z.string().min(1, "不能有空的一条").max(2000, "每条不能超过 2000 字")).max(100, "最多 100 条").optional(),
  plans: z.array(z.string().min(1, "不能有空的一条").max(2000, "每条不能超过 2000 字")).max(100, "最多 100 条").optional(),
});
export type DraftInput = z.infer<typeof DraftInputSchema>;

export const OutlineSectionSchema = z.object({
  id: z.string(),
  role: RoleSchema,
  heading: z.string(), // without numbering marker; numbering is derived from order and level
  level: z.number().int().min(0).max(2), // 0: title/opening/closing, 1: 一、, 2: （一）
  workLine: z.string().nullable(),
  factIds: z.array(z.string()),
  locked: z.boolean().optional(),
});
export type OutlineSection = z.infer<typeof OutlineSectionSchema>;

export const OutlineSchema = z.object({
  title: z.string(),
  unit: z.string(),
  year: z.number().int(),
  period: z.string(),
  sections: z.array(OutlineSectionSchema),
});
export type Outline = z.infer<typeof OutlineSchema>;

export const SourceRefSchema = PassageSpanSchema.extend({
  chunkId: z.string(),
  score: z.number(),
  /** Added by the writer from the search page, not found by drafting: kept when the section is written again. */
  attached: z.boolean().optional(),
});
export type SourceRef = z.infer<typeof SourceRefSchema>;

export const DraftWarningSchema = z.object({
  code: z.string(), // "invented_figure", "uncovered_fact", "section_failed", "placeholder", …
  message: z.string(), // Chinese, for the user
  sectionId: z.string().optional(),
  start: z.number().int().optional(), // offsets into that section's text
  end: z.number().int().optional(),
  factId: z.string().optional(),
  figure: z.string().optional(),
  /** For "changed_claim": which claim, what the fact says and what the section says. */
  claim: ClaimChangeSchema.optional(),
});
export type DraftWarning = z.infer<typeof DraftWarningSchema>;

/**
 * One section of a draft: its place in the outline (heading without its marker, level, facts) and what
 * was written for it. The numbered heading ("（一）…") is derived from order and level, never stored.
 */
export const DraftSectionSchema = OutlineSectionSchema.extend({
  text: z.string(), // body text of the section (no heading line)
  sources: z.array(SourceRefSchema),
  status: z.enum(["done", "error", "pending"]).default("done"),
  error: z.string().optional(),
});
export type DraftSection = z.infer<typeof DraftSectionSchema>;

/**
 * A draft: every fact once. Its outline is its sections' structure, and its Markdown and numbered
 * headings follow from the sections (server/drafting/draft.ts derives all three).
 */
export const DraftSchema = z.object({
  title: z.string(),
  unit: z.string(),
  year: z.number().int(),
  period: z.string(),
  engine: z.enum(["offline", "llm"]),
  model: z.string().optional(),
  facts: z.array(FactSchema),
  sections: z.array(DraftSectionSchema),
  warnings: z.array(DraftWarningSchema),
  stats: z.record(z.string(), z.number()),
  createdAt: z.string(),
  /** 成文日期 (ISO yyyy-mm-dd), printed under the unit in the 落款; unset means the day of export. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** Where the facts imported from the units' submissions came from (the audit sheet's trail); absent: all typed by hand. */
  provenance: ProvenanceSchema.optional(),
  /** Derived figures (同比 changes) with their formulas, confirmed or not: the fidelity check and the audit sheet read them. */
  derivations: DerivationsSchema.optional(),
  /** Sentences of last year's summary the writer kept on purpose: not stale, but their figures must be this year's. */
  reused: ReusedSchema.optional(),
});
export type Draft = z.infer<typeof DraftSchema>;

/**
 * The Server-Sent Events of POST /api/drafts, one schema per event: the server's emit is typed by it
 * and the editor reads the stream through it (web/lib/events.ts), so neither side keeps its own list.
 * It lives with the Draft it carries, since drafting (below the routes) emits it.
 */
export const DraftEventSchema = z.discriminatedUnion("event", [
  z.object({ event: z.literal("outline"), data: z.object({ outline: OutlineSchema, facts: z.array(FactSchema), engine: z.enum(["offline", "llm"]), model: z.string().optional() }) }),
  z.object({ event: z.literal("sources"), data: z.object({ sectionId: z.string(), sources: z.array(SourceRefSchema) }) }),
  z.object({ event: z.literal("delta"), data: z.object({ sectionId: z.string(), text: z.string() }) }),
  /** The model is thinking before it writes (no thought text is ever sent); `retract`: the text streamed so far was thought. */
  z.object({ event: z.literal("thinking"), data: z.object({ sectionId: z.string(), elapsedMs: z.number(), chars: z.number(), retract: z.boolean().optional() }) }),
  z.object({ event: z.literal("section"), data: z.object({ section: DraftSectionSchema }) }),
  z.object({ event: z.literal("warning"), data: DraftWarningSchema }),
  z.object({ event: z.literal("done"), data: z.object({ draft: DraftSchema, savedId: z.string().optional(), version: z.number().int().optional() }) }),
  z.object({ event: z.literal("error"), data: z.object({ code: z.string(), message: z.string(), sectionId: z.string().optional() }) }),
]);
export type DraftEvent = z.infer<typeof DraftEventSchema>;
