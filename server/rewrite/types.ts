import { z } from "zod";

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
  /** True when the model's version changed a figure and was refused: `text` is then the input unchanged. */
  refused: z.boolean(),
});
export type RewriteResult = z.infer<typeof RewriteResultSchema>;
