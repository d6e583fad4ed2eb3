import { bodyLimit } from "hono/body-limit";
import type { MiddlewareHandler } from "hono";
import { sizeInWords } from "../corpus/formats.ts";
import { AppError } from "../errors.ts";

/** Limits for JSON bodies and text fields, shared by routes so the numbers live in one place. */
export const LIMITS = {
  /** A saved draft with all its sources. */
  draftJsonBytes: 5 * 1024 * 1024,
  /** Any other JSON request (facts, a text to check or rewrite). */
  jsonBytes: 2 * 1024 * 1024,
} as const;

/**
 * Refuse request bodies over `maxBytes` with a 413 AppError in Chinese. Checks Content-Length first
 * and counts streamed bytes otherwise, so a chunked upload can't slip past.
 */
export function limitBody(maxBytes: number, what = "提交的内容", shownLimit = sizeInWords(maxBytes)): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      // Plain words for the writer: what was too large and the limit, never the protocol's names.
      throw new AppError("too_large:body", `${what}过大：不能超过 ${shownLimit}，请缩减后重试`, {
        details: { maxBytes },
      });
    },
  });
}

/**
 * Body caps by kind: JSON at `jsonBytes` (no JSON API takes more than a saved draft), uploads
 * (multipart) and anything else at `uploadBytes` (MAX_UPLOAD_MB plus form overhead). Routes may set
 * tighter limits of their own.
 */
export function limitBodies(opts: { jsonBytes: number; uploadBytes: number; uploadMB: number }): MiddlewareHandler {
  const json = limitBody(opts.jsonBytes, "提交的内容");
  const upload = limitBody(opts.uploadBytes, "文件", `${opts.uploadMB} MB`);
  return async (c, next) => {
    // A GET or HEAD request has no body (the adapter gives it none): asking for one would build the
    // whole fetch Request of every search (a tenth of a search's cost on the server's thread under load).
    const method = c.req.method;
    if (method === "GET" || method === "HEAD") return next();
    const type = (c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
    return /^application\/([\w.-]+\+)?json$/.test(type) ? json(c, next) : upload(c, next);
  };
}
