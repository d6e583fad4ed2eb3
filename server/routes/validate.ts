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
