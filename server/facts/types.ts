/**
 * Candidate facts taken from the units' submissions (报送材料): what the writer ticks, edits and orders
 * before drafting. Plain data, shared by the server, the command line and the editor (no native code
 * here, so the browser bundle can import it).
 */
import { z } from "zod";
import type { Role } from "../corpus/types.ts";

/** 成效, 问题 or 打算: where the fact goes in the summary. */
export const FACT_ROLES = ["成效", "问题", "打算"] as const;
export const FactRoleSchema = z.enum(FACT_ROLES);
export type FactRole = z.infer<typeof FactRoleSchema>;

/** The role a fact takes from the part of the report it stands in (the title's and others' default: 成效). */
export const FACT_ROLE_OF: Partial<Record<Role, FactRole>> = { work: "成效", opening: "成效", closing: "成效", problems: "问题", plans: "打算" };

/** Where a candidate came from: the file, its unit, the heading path and the passage (offsets into the file's cleaned text). */
export const FactSourceSchema = z.object({
  file: z.string(),
  unit: z.string(),
  headingPath: z.array(z.string()),
  passage: z.string(),
  start: z.number().int(),
  end: z.number().int(),
});
export type FactSource = z.infer<typeof FactSourceSchema>;

export const CandidateFigureSchema = z.object({ raw: z.string(), value: z.number(), unit: z.string(), kind: z.string(), measure: z.string() });
export type CandidateFigure = z.infer<typeof CandidateFigureSchema>;

export const CandidateSchema = z.object({
  id: z.string(),
  text: z.string(),
  unit: z.string(),
  role: FactRoleSchema,
  workLine: z.string().nullable(),
  figures: z.array(CandidateFigureSchema),
  /** The first source is where the candidate was read; more when the same figure came from other units too. */
  sources: z.array(FactSourceSchema).min(1),
  origin: z.enum(["offline", "model"]),
  /** Proposed for drafting: every candidate starts ticked except those in a conflict. */
  chosen: z.boolean(),
});
export type Candidate = z.infer<typeof CandidateSchema>;

/** One measure stated with different values in different files: the writer settles it. */
export const FactConflictSchema = z.object({
  id: z.string(),
  measure: z.string(),
  entries: z.array(z.object({ candidateId: z.string(), unit: z.string(), file: z.string(), raw: z.string(), value: z.number() })).min(2),
});
export type FactConflict = z.infer<typeof FactConflictSchema>;

/** What reading one file gave: its unit (from title or name) and its candidates, or its error. */
export const FileResultSchema = z.object({
  file: z.string(),
  status: z.enum(["read", "rejected"]),
  unit: z.string().optional(),
  title: z.string().optional(),
  candidates: z.number().int().optional(),
  /** Candidates the model proposed and the checks turned down, by reason (model path only). */
  refused: z.number().int().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
});
export type FileResult = z.infer<typeof FileResultSchema>;

export const ExtractionSchema = z.object({
  files: z.array(FileResultSchema),
  candidates: z.array(CandidateSchema),
  conflicts: z.array(FactConflictSchema),
  engine: z.enum(["offline", "model"]),
});
export type Extraction = z.infer<typeof ExtractionSchema>;

/** Events of POST /api/facts/extract (SSE): progress per file, then the whole extraction. */
export const FactsEventSchema = z.discriminatedUnion("event", [
  z.object({ event: z.literal("progress"), data: z.object({ done: z.number(), total: z.number(), file: z.string() }) }),
  z.object({ event: z.literal("file"), data: FileResultSchema }),
  z.object({ event: z.literal("done"), data: ExtractionSchema }),
  z.object({ event: z.literal("error"), data: z.object({ code: z.string(), message: z.string() }) }),
]);
export type FactsEvent = z.infer<typeof FactsEventSchema>;

/** How a sentence kept from last year's summary that no fact of this year supports is shown, until the writer confirms it. */
export const UNVERIFIED = "【待核实：沿用去年表述】";
