import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { serveStatic } from "@hono/node-server/serve-static";
import { timingSafeEqual } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { AppDeps } from "./deps.ts";
import { AppError, toAppError } from "./errors.ts";
import { createCheckRoutes } from "./routes/check.ts";
import { createCorpusRoutes } from "./routes/corpus.ts";
import { createDraftsRoutes } from "./routes/drafts.ts";
import { createRewriteRoutes } from "./routes/rewrite.ts";
import { createSavedDraftsRoutes } from "./routes/saved-drafts.ts";
import { createSearchRoutes } from "./routes/search.ts";

function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? "");
  if (!m) return false;
  const a = Buffer.from(m[1].trim());
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Engine names as shown to users: which engine drafts, which embeds. Never includes secrets. */
export function engineInfo(deps: AppDeps) {
  return {
    drafting: deps.model ? { kind: "llm" as const, model: deps.model.model, endpoint: deps.model.endpoint } : { kind: "offline" as const },
    embedder: { name: deps.embedder.name, dimension: deps.embedder.dimension },
  };
}

/** Build the Hono app: middleware, one error handler, the API sub-apps and the editor's files. */
export function createApp(deps: AppDeps) {
  const { config, logger } = deps;
  const app = new Hono();

  app.use("*", secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:", "blob:"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
    },
  }));
  if (config.corsOrigins.length > 0) {
    app.use("/api/*", cors({ origin: config.corsOrigins, allowHeaders: ["Authorization", "Content-Type"], credentials: false }));
  }

  // Without a token the server only listens on loopback (env.ts refuses otherwise).
  app.use("/api/*", async (c, next) => {
    if (!config.token) return next();
    if (c.req.method === "OPTIONS") return next();
    if (tokenMatches(c.req.header("authorization"), config.token)) return next();
    if (c.req.path === "/api/health" && c.req.method === "GET") {
      return c.json({ ok: true, authRequired: true });
    }
    throw new AppError("unauthorized:token", "需要访问令牌：请在请求头 Authorization: Bearer <令牌> 中提供 ZONGJIE_TOKEN");
  });

  // Upper bound for any request body; routes with JSON bodies set tighter limits of their own.
  app.use("/api/*", bodyLimit({
    maxSize: config.maxUploadBytes + 64 * 1024,
    onError: () => {
      throw new AppError("too_large:body", `请求体过大（上限 ${Math.round(config.maxUploadBytes / 1024 / 1024)} MB）`);
    },
  }));

  app.onError((err, c) => {
    let e: AppError;
    if (err instanceof HTTPException) {
      e = err.status === 413
        ? new AppError("too_large:body", "请求体过大", { cause: err })
        : new AppError(err.status === 401 ? "unauthorized:token" : "bad_request:http", err.message || "请求无效", { cause: err });
    } else {
      e = toAppError(err);
    }
    if (e.status >= 500) logger.error(`${c.req.method} ${c.req.path} → ${e.code}`, e.cause ?? e);
    else logger.debug(`${c.req.method} ${c.req.path} → ${e.code}: ${e.message}`);
    return c.json(e.toJSON(), e.status as 400);
  });

  const api = new Hono()
    .get("/health", async (c) => {
      const info = await deps.store.info();
      return c.json({
        ok: true,
        authRequired: Boolean(config.token),
        engines: engineInfo(deps),
        counts: { documents: info.documents, chunks: info.chunks, fingerprints: deps.reuse.stats().fingerprints },
      });
    })
    .route("/corpus", createCorpusRoutes(deps))
    .route("/search", createSearchRoutes(deps))
    .route("/drafts", createDraftsRoutes(deps))
    .route("/drafts", createSavedDraftsRoutes(deps))
    .route("/check", createCheckRoutes(deps))
    .route("/rewrite", createRewriteRoutes(deps));

  const routed = app.route("/api", api);

  app.all("/api/*", () => {
    throw new AppError("not_found:route", "接口不存在");
  });

  if (deps.webRoot && existsSync(path.join(deps.webRoot, "index.html"))) {
    const root = path.relative(process.cwd(), deps.webRoot) || ".";
    app.use("/*", serveStatic({ root }));
    const indexHtml = readFileSync(path.join(deps.webRoot, "index.html"), "utf8");
    // Client-side routes fall back to the editor's index.html.
    app.get("*", (c) => c.html(indexHtml));
  }

  return routed;
}

export type AppType = ReturnType<typeof createApp>;
