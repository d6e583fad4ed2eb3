/**
 * The path a user takes, for benches: a temp data folder, an archive ingested into it (the shipped
 * samples by default, or any files and folders), the app built as `npm start` builds it
 * (`openAppDeps`: check workers, the archive kept by the corpus hooks), and `checkText(text, year)`
 * sending `POST /api/check` through `createApp(...).request`. Every figure measured with it is a
 * figure of what `/api/check` returns.
 *
 *   const route = await openRoute({ archive: "samples" });
 *   const findings = await route.checkText("……", 2025);
 *   await route.close();
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createApp } from "../server/app.ts";
import type { Finding } from "../server/checking/types.ts";
import { openAppDeps } from "../server/compose.ts";
import { parseConfig } from "../server/env.ts";
import { ingestPaths } from "../server/ingest/ingest.ts";
import { silentLogger } from "../server/log.ts";
import { REPO_CORPUS_DIR } from "../server/runtime.ts";

export interface RouteOptions {
  /** "samples": the shipped corpus/ reports; "none": an empty data folder; or files and folders to ingest. */
  archive?: "samples" | "none" | string[];
  /** Extra environment (CHECK_WORKERS …); the defaults are those of `npm start`. */
  env?: Record<string, string>;
  /** Progress lines while the archive is ingested. */
  log?: (line: string) => void;
}

export interface Route {
  /** The findings `/api/check` returns for the text (year: the report's year, as the editor sends it). */
  checkText(text: string, year?: number): Promise<Finding[]>;
  /** The whole response body ({year, findings, stats}). */
  check(text: string, year?: number): Promise<{ year: number; findings: Finding[]; stats: Record<string, number> }>;
  /** Documents in the archive (the store and the typo check's archive table agree when this resolves). */
  readonly documents: number;
  readonly dataDir: string;
  close(): Promise<void>;
}

export async function openRoute(opts: RouteOptions = {}): Promise<Route> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "zongjie-route-"));
  const config = parseConfig({ ZONGJIE_DATA: dataDir, LOG_LEVEL: "error", MAX_UPLOAD_MB: "20", ...(opts.env ?? {}) });
  const deps = await openAppDeps(config, { logger: silentLogger });
  const close = async () => {
    await deps.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const archive = opts.archive ?? "samples";
    const paths = archive === "none" ? [] : archive === "samples" ? [REPO_CORPUS_DIR] : archive;
    if (paths.length) {
      let last = -1;
      await ingestPaths({ store: deps.store, hooks: deps.hooks, maxBytes: config.maxUploadBytes, logger: silentLogger }, paths, (p) => {
        if (p.done !== last && (p.done % 20 === 0 || p.done === p.total)) opts.log?.(`  archive: ${p.done}/${p.total} ${p.file}`);
        last = p.done;
      });
    }
    // The typo check's archive table is filled by the hooks and a background reconcile: wait for it.
    const documents = (await deps.store.info()).documents;
    for (let waited = 0; (deps.archive?.documents ?? 0) < documents; waited += 50) {
      if (waited > 60_000) throw new Error(`archive table has ${deps.archive?.documents} of ${documents} documents after 60 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const app = createApp(deps);
    const check = async (text: string, year?: number) => {
      const res = await app.request("/api/check", {
        method: "POST",
        headers: { "content-type": "application/json", host: "127.0.0.1" },
        body: JSON.stringify(year === undefined ? { text } : { text, year }),
      });
      if (res.status !== 200) throw new Error(`POST /api/check → ${res.status}: ${await res.text()}`);
      return (await res.json()) as { year: number; findings: Finding[]; stats: Record<string, number> };
    };
    return {
      check,
      checkText: async (text, year) => (await check(text, year)).findings,
      documents,
      dataDir,
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}
