import { Hono } from "hono";
import { z } from "zod";
import { RoleSchema } from "../corpus/types.ts";
import type { AppDeps } from "../deps.ts";
import { rewriteText } from "../rewrite/rewrite.ts";
import { RewriteModeSchema } from "../rewrite/types.ts";
import { validate } from "./validate.ts";

export const RewriteBodySchema = z.object({
  text: z.string().min(1, "text 不能为空").max(20_000, "一次改写的文字不能超过 20000 个字符"),
  mode: RewriteModeSchema.default("polish"),
  role: RoleSchema.optional(),
  workLine: z.string().max(50).optional(),
  unit: z.string().max(100).optional(),
  engine: z.enum(["offline", "llm"]).optional(),
});

/** /api/rewrite: {text, mode, role?, workLine?, unit?} → {text, mode, engine, changes, warnings, refused, claims, proposal?}. */
export function createRewriteRoutes(deps: AppDeps) {
  return new Hono().post("/", validate("json", RewriteBodySchema), async (c) => {
    const body = c.req.valid("json");
    const result = await rewriteText(
      { ...body, signal: c.req.raw.signal },
      { model: deps.model, prompts: deps.prompts, store: deps.store, logger: deps.logger, lists: deps.lists },
    );
    return c.json(result);
  });
}
