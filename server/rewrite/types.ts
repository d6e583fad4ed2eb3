import { z } from "zod";
import { ClaimChangeSchema } from "../claims/types.ts";

/** How the warning that lists an accepted rewrite's flags begins (the editor shows the flags themselves instead). */
export const FLAG_WARNING = "请核对以下说法（改写仍可采用）：";

export const REWRITE_MODES = ["polish", "expand", "shorten", "enumerate"] as const;
export const RewriteModeSchema = z.enum(REWRITE_MODES);
export type RewriteMode = z.infer<typeof RewriteModeSchema>;

export const RewriteChangeSchema = z.object({ op: z.enum(["equal", "insert", "delete"]), text: z.string() });
export type RewriteChange = z.infer<typeof RewriteChangeSchema>;

export const RewriteResultSchema = z.object({
  text: z.string(),
  mode: RewriteModeSchema,
  engine: z.enum(["offline", "llm"]),
  /** The diff from the input to `text`, in order; equal + delete pieces concatenate to the input. */
  changes: z.array(RewriteChangeSchema),
  warnings: z.array(z.string()),
  /** True when the new version changed a figure or a claim and was refused: `text` is then the input unchanged. */
  refused: z.boolean(),
  /** The claims the refused version changed (status, negation, modality, scope, approvals, names). */
  claims: z.array(ClaimChangeSchema),
  /** Weaker changes beside an accepted rewrite, for the writer to look at (a status said with or without 正在, a name a shortening left out). */
  flags: z.array(ClaimChangeSchema).optional(),
  /** The refused version itself, so the writer can still read it and keep it on purpose. */
  proposal: z.string().optional(),
});
export type RewriteResult = z.infer<typeof RewriteResultSchema>;
