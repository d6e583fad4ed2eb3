import type { IncomingMessage } from "node:http";
import type { Context, MiddlewareHandler } from "hono";
import { AppError } from "../errors.ts";

const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i;

/** True for a Host header naming this machine's loopback interface. */
export function isLoopbackHost(host: string | undefined): boolean {
  return LOOPBACK_HOST.test((host ?? "").trim());
}

/**
 * The Host header. Under the node adapter it is read from Node's own request when it came once, rather
 * than by building the fetch Headers of every request (a search's only other use of them is none);
 * otherwise (tests, or a repeated Host, which the fetch Headers join with a comma) as before.
 */
function hostHeader(c: Context): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming?.rawHeaders) {
    let seen = 0;
    const raw = incoming.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) if (raw[i].length === 4 && raw[i].toLowerCase() === "host") seen++;
    if (seen === 1) return incoming.headers.host;
  }
  return c.req.header("host");
}

/**
 * Without a token the server trusts whoever can reach loopback. A web page on another site can
 * still reach it through the browser, two ways this guard closes:
 * - DNS rebinding (evil.example resolves to 127.0.0.1): refused because the Host is not loopback.
 * - Cross-site form posts and uploads (no preflight for multipart/form-data): refused because the
 *   Origin is neither this server nor a configured CORS origin.
 */
export function guardOrigin(options: { token: string | null; corsOrigins: string[] }): MiddlewareHandler {
  const allowed = new Set(options.corsOrigins);
  return async (c, next) => {
    // The node adapter builds the URL from the Host header; app.request() in tests uses "localhost".
    const host = hostHeader(c) ?? new URL(c.req.url).host;
    if (!options.token && !isLoopbackHost(host)) {
      throw new AppError("forbidden:host", "拒绝访问：本服务仅供本机使用（请通过 127.0.0.1 或 localhost 访问；如需局域网访问，请设置 ZONGJIE_TOKEN 与 HOST）");
    }
    const method = c.req.method;
    if (method === "GET" || method === "HEAD" || method === "OPTIONS") return next();
    const origin = c.req.header("origin");
    if (!origin || allowed.has(origin)) return next();
    let originHost: string | null = null;
    try {
      originHost = origin === "null" ? null : new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (originHost !== null && originHost.toLowerCase() === host.toLowerCase()) return next();
    throw new AppError("forbidden:origin", "拒绝跨站请求：请求来源不在允许范围内（可通过 CORS_ORIGINS 配置）");
  };
}
