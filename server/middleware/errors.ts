import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError, toAppError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { redactText } from "./redact.ts";

/** Turn whatever a handler threw into an AppError (Hono's own exceptions get Chinese messages). */
export function normaliseError(err: unknown): AppError {
  if (err instanceof HTTPException) {
    switch (err.status) {
      case 413:
        return new AppError("too_large:body", "提交的内容过大", { cause: err });
      case 401:
        return new AppError("unauthorized:token", "需要访问令牌", { cause: err });
      case 400:
        return new AppError(
          "bad_request:http",
          /json/i.test(err.message) ? "请求体不是有效的 JSON" : /form/i.test(err.message) ? "上传的表单数据无效" : "请求无效",
          { cause: err },
        );
      default:
        return new AppError(err.status >= 500 ? "internal:http" : "bad_request:http", "请求无效", { cause: err });
    }
  }
  // A client that hangs up mid-body surfaces as an abort; it is not a server fault.
  if (err instanceof Error && (err.name === "AbortError" || (err as NodeJS.ErrnoException).code === "ECONNRESET")) {
    return new AppError("bad_request:aborted", "请求已中断", { cause: err });
  }
  return toAppError(err);
}

/**
 * The one error handler: a JSON body `{ error: { code, message, details? } }` with the status of the
 * code's kind. Server faults are logged with their cause; secrets are scrubbed from the answer too.
 */
export function errorHandler(logger: Logger, secrets: string[]) {
  return (err: unknown, c: Context) => {
    const e = normaliseError(err);
    if (e.status >= 500) logger.error(`${c.req.method} ${c.req.path} → ${e.code}`, e.cause ?? e);
    else logger.debug(`${c.req.method} ${c.req.path} → ${e.code}: ${e.message}`);
    const body = redactText(JSON.stringify(e.toJSON()), secrets);
    if (e.status === 429 && typeof e.details?.retryAfterSeconds === "number") {
      c.header("Retry-After", String(Math.ceil(e.details.retryAfterSeconds)));
    }
    return c.body(body, e.status as 400, { "Content-Type": "application/json; charset=UTF-8" });
  };
}
