import { Hono } from "hono";
import { serveStatic } from "@hono/node-server/serve-static";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { AppDeps } from "./deps.ts";
import { AppError } from "./errors.ts";
import { requireToken } from "./middleware/auth.ts";
import { errorHandler } from "./middleware/errors.ts";
import { LIMITS, limitBodies } from "./middleware/limits.ts";
import { guardOrigin } from "./middleware/origin.ts";
import { configSecrets, redactingLogger } from "./middleware/redact.ts";
import { corsFor, noStore, secureHeaders } from "./middleware/security.ts";
import { createCheckRoutes } from "./routes/check.ts";
import { createCorpusRoutes } from "./routes/corpus.ts";
import { createDraftsRoutes } from "./routes/drafts.ts";
import { createFactsRoutes } from "./routes/facts.ts";
import { createRewriteRoutes } from "./routes/rewrite.ts";
import { createSavedDraftsRoutes } from "./routes/saved-drafts.ts";
import { createSearchRoutes } from "./routes/search.ts";

/** Engine names as shown to users: which engine drafts, which embeds. Never includes secrets. */
export function engineInfo(deps: AppDeps) {
  const r = deps.modelStatus?.report() ?? null;
  return {
    drafting: deps.model
      ? {
          kind: "llm" as const,
          model: deps.model.model,
          endpoint: deps.model.endpoint,
          // What the last probe found (null until it finished): the same facts as `zongjie doctor`.
          status: r
            ? {
                found: r.found,
                reasoning: r.reasoning,
                contextTokens: r.contextTokens,
                firstTokenMs: r.firstTokenMs,
                charsPerSecond: r.charsPerSecond,
                problems: r.problems,
                notes: r.notes,
                checkedAt: r.checkedAt,
              }
            : null,
        }
      : { kind: "offline" as const },
    /** The model's proofreading pass runs after the rules by default (CHECK_MODEL). */
    modelCheck: Boolean(deps.model) && deps.config.checkModel !== false,
    embedder: { name: deps.embedder.name, dimension: deps.embedder.dimension },
  };
}

/** Build the Hono app: middleware, one error handler, the API sub-apps and the editor's files. */
export function createApp(deps: AppDeps) {
  const { config } = deps;
  // Whatever logger we are given, the model API key and the access token never reach it.
  const secrets = configSecrets(config);
  const logger = redactingLogger(deps.logger, secrets);
  // Routes below log through deps.logger, so they get the scrubbing logger as well.
  deps = { ...deps, logger };
  const app = new Hono();

  // --- middleware -------------------------------------------------------
  app.use("*", secureHeaders());
  const cors = corsFor(config.corsOrigins);
  if (cors) app.use("/api/*", cors);
  // Loopback without a token: refuse foreign Host headers (DNS rebinding) and cross-site writes.
  app.use("*", guardOrigin({ token: config.token, corsOrigins: config.corsOrigins }));
  // Without a token the server only listens on loopback (env.ts refuses otherwise).
  app.use("/api/*", requireToken(config.token));
  app.use("/api/*", noStore());
  // Upper bound for any request body: JSON up to a saved draft's size, uploads up to MAX_UPLOAD_MB
  // (plus form overhead); routes with JSON bodies set tighter limits of their own.
  app.use("/api/*", limitBodies({
    jsonBytes: LIMITS.draftJsonBytes,
    uploadBytes: config.maxUploadBytes + 64 * 1024,
    uploadMB: Math.round(config.maxUploadBytes / 1024 / 1024),
  }));
  app.onError(errorHandler(logger, secrets));
  // --- end of middleware -----------------------------------------------------------------------

  const api = new Hono()
    .get("/health", async (c) => {
      // ?probe=1: probe the model endpoint again now (an administrator after fixing the setup).
      if (c.req.query("probe") && deps.modelStatus) await deps.modelStatus.refresh();
      const info = await deps.store.info();
      return c.json({
        ok: true,
        authRequired: Boolean(config.token),
        engines: engineInfo(deps),
        // How searches and checks are served right now (the load bench prints it beside its figures).
        serving: {
          search: deps.store.searchesFromMemory ? "memory" : "lancedb",
          checkWorkers: deps.checker.size,
        },
        counts: { documents: info.documents, chunks: info.chunks, fingerprints: deps.reuse.stats().fingerprints },
        // The browser checks a file's size against this before reading or uploading it.
        limits: { uploadMB: Math.round((config.maxUploadBytes / 1024 / 1024) * 10) / 10 },
      });
    })
    .route("/corpus", createCorpusRoutes(deps))
    .route("/search", createSearchRoutes(deps))
    .route("/drafts", createDraftsRoutes(deps))
    .route("/drafts", createSavedDraftsRoutes(deps))
    .route("/facts", createFactsRoutes(deps))
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
