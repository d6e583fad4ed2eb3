import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { z } from "zod";
import { AppError } from "../errors.ts";

/** zod validator whose failure is an AppError with a Chinese message naming the bad fields. */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || target}: ${i.message}`);
      throw new AppError("bad_request:invalid_input", `请求参数无效：${issues.join("；")}`, {
        details: { issues: result.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) },
      });
    }
  });
}

const BODY_KINDS = { json: /^application\/([\w.-]+\+)?json/i, form: /^multipart\/form-data/i } as const;

/**
 * The validator for one kind of body on a route that takes JSON or a multipart upload: it checks the
 * body only when it is of that kind and lets the other kind through. Both are then optional in the
 * typed client's input (`json` or `form`), and the handler reads whichever `c.req.valid` holds.
 */
export function validateIfSent<T extends z.ZodType, Target extends keyof typeof BODY_KINDS>(target: Target, schema: T) {
  const inner = validate(target, schema.optional());
  const handler: typeof inner = async (c, next) => (BODY_KINDS[target].test(c.req.header("content-type") ?? "") ? inner(c, next) : next());
  return handler;
}
