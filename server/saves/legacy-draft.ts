/**
 * The first shape of a saved draft (save format 1), kept only to read old files: title, unit, year and
 * period were stored twice (at the top and in `outline`), and so were the Markdown and the numbered
 * headings. migrate.ts turns it into the current Draft.
 */
import { z } from "zod";
import { DraftSchema, OutlineSchema, SourceRefSchema } from "../drafting/types.ts";
import { RoleSchema } from "../corpus/types.ts";

const LegacyDraftSectionSchema = z.object({
  id: z.string(),
  role: RoleSchema,
  heading: z.string(), // with its numbering marker as shown, e.g. "（一）坚决维护国家政治安全"
  level: z.number().int().min(0).max(2),
  text: z.string(),
  factIds: z.array(z.string()),
  sources: z.array(SourceRefSchema),
  status: z.enum(["done", "error", "pending"]).default("done"),
  locked: z.boolean().optional(),
  error: z.string().optional(),
});

/** The fields that format 2 kept as they were come from DraftSchema; what changed is spelled out here. */
export const LegacyDraftSchema = DraftSchema.omit({ sections: true }).extend({
  outline: OutlineSchema,
  sections: z.array(LegacyDraftSectionSchema),
  markdown: z.string(),
});
export type LegacyDraft = z.infer<typeof LegacyDraftSchema>;
