import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { AppError } from "../errors.ts";

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

/**
 * True when the Authorization header carries `Bearer <token>`. Both sides are hashed first so the
 * comparison takes the same time whatever the length or content of the guess.
 */
export function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? "");
  const given = m ? m[1] : "";
  const ok = timingSafeEqual(digest(given), digest(token));
  return ok && m !== null;
}

/**
 * Every /api request needs the bearer token when one is configured. GET /api/health answers
 * without it (only `authRequired: true`) so the editor knows to ask for the token.
 */
export function requireToken(token: string | null): MiddlewareHandler {
  return async (c, next) => {
    if (!token) return next();
    // CORS preflights carry no credentials by design; the cors middleware answers them.
    if (c.req.method === "OPTIONS") return next();
    if (tokenMatches(c.req.header("authorization"), token)) return next();
    if (c.req.path === "/api/health" && c.req.method === "GET") {
      return c.json({ ok: true, authRequired: true });
    }
    c.header("WWW-Authenticate", 'Bearer realm="zongjie"');
    throw new AppError("unauthorized:token", "需要访问令牌：请在编辑器中输入令牌，或在请求头 Authorization: Bearer <令牌> 中提供 ZONGJIE_TOKEN");
  };
}
