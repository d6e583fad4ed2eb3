import path from "node:path";
import { fileURLToPath } from "node:url";
import { CHECK_PROMPTS } from "./checking/model-pass.ts";
import { CheckPool } from "./checking/pool.ts";
import { openReuseIndex } from "./checking/reuse-index.ts";
import type { AppDeps } from "./deps.ts";
import type { Config } from "./env.ts";
import { loadOfficeLists } from "./lists/all.ts";
import { createChatModel, DRAFTING_PROMPTS, loadPrompts } from "./llm/index.ts";
import type { Logger } from "./log.ts";
import { REWRITE_PROMPTS } from "./rewrite/rewrite.ts";
import { openRuntime, type Runtime } from "./runtime.ts";
import { openDraftSaveStore } from "./saves/file-store.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const PROMPTS_DIR = path.join(REPO_ROOT, "prompts");
export const WEB_ROOT = path.join(REPO_ROOT, "web", "dist");

/**
 * Open the reuse index of the runtime's data folder and keep it current: the ingest pipeline calls
 * these hooks after each committed document or removal (server uploads and CLI ingests alike).
 */
export async function attachReuseIndex(runtime: Runtime) {
  const reuse = await openReuseIndex({ dataDir: runtime.config.dataDir, logger: runtime.logger });
  runtime.hooks.afterPut = async (report) => {
    await reuse.addDocument({ ...report.document, chunks: report.chunks });
  };
  runtime.hooks.afterRemove = async (docId) => {
    await reuse.removeDocument(docId);
  };
  return reuse;
}

/**
 * Build every dependency of the app from the configuration: store and embedder (runtime), the
 * reuse index kept current through the corpus hooks, the model (or none), prompts and saved drafts.
 * Prompts are loaded and checked here, so a broken prompt file stops the start, not a request.
 */
export async function openAppDeps(config: Config, opts: { logger?: Logger; webRoot?: string } = {}): Promise<AppDeps & { runtime: Runtime; close(): Promise<void> }> {
  const prompts = loadPrompts(PROMPTS_DIR, [...DRAFTING_PROMPTS, ...REWRITE_PROMPTS, ...CHECK_PROMPTS]);
  // The office's lists too: a broken list file stops the start with its name, and no check reads a file.
  loadOfficeLists(config.dataDir);
  const runtime = await openRuntime(config, { logger: opts.logger });
  const { logger, store } = runtime;
  const reuse = await attachReuseIndex(runtime);
  const model = createChatModel(config.llm, logger);
  const saves = openDraftSaveStore(config.dataDir, { logger });
  let checker: CheckPool | undefined;
  if (config.checkWorkers > 0) {
    try {
      checker = await CheckPool.open({ reuse, dataDir: config.dataDir, size: config.checkWorkers, logger });
    } catch (e) {
      await runtime.close();
      throw e;
    }
  }
  return {
    runtime,
    config,
    logger,
    store,
    embedder: runtime.embedder,
    hooks: runtime.hooks,
    reuse,
    checker,
    model,
    prompts,
    saves,
    webRoot: opts.webRoot,
    async close() {
      await checker?.close();
      await runtime.close();
    },
  };
}
