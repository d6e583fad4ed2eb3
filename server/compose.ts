import path from "node:path";
import { fileURLToPath } from "node:url";
import { CHECK_PROMPTS } from "./checking/model-pass.ts";
import { CheckPool } from "./checking/pool.ts";
import { openReuseIndex, type FingerprintIndex } from "./checking/reuse-index.ts";
import type { ReuseIndex } from "./checking/types.ts";
import { MemoryArchiveLexicon } from "./checking/typo/archive.ts";
import type { AppDeps } from "./deps.ts";
import type { Config } from "./env.ts";
import { loadOfficeLists } from "./lists/all.ts";
import { createChatModel, DRAFTING_PROMPTS, loadPrompts } from "./llm/index.ts";
import { createLogger, type Logger } from "./log.ts";
import { REWRITE_PROMPTS } from "./rewrite/rewrite.ts";
import { openRuntime, type Runtime } from "./runtime.ts";
import { reconcileArchiveLexicon } from "./reuse-sync.ts";
import { openDraftSaveStore } from "./saves/file-store.ts";
import type { CorpusHooks } from "./store/types.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const PROMPTS_DIR = path.join(REPO_ROOT, "prompts");
export const WEB_ROOT = path.join(REPO_ROOT, "web", "dist");

/** The corpus hooks that keep the reuse index current: the ingest pipeline calls them after each committed document or removal. */
export function reuseHooks(reuse: ReuseIndex): CorpusHooks {
  return {
    afterPut: (report) => reuse.addDocument({ ...report.document, chunks: report.chunks }),
    afterRemove: (docId) => reuse.removeDocument(docId),
  };
}

/**
 * Open the runtime together with the reuse index of its data folder, the index kept current through
 * the corpus hooks, so server uploads and CLI ingests alike keep the fingerprints in step.
 */
export async function openRuntimeWithReuse(config: Config, opts: { logger?: Logger } = {}): Promise<Runtime & { reuse: FingerprintIndex }> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const reuse = await openReuseIndex({ dataDir: config.dataDir, logger });
  const runtime = await openRuntime(config, { logger, hooks: reuseHooks(reuse) });
  return { ...runtime, reuse };
}

/**
 * The archive's word use for the typo check, kept current through the same hooks as the reuse
 * index (chained after them) and filled from the store in the background.
 */
export function attachArchiveLexicon(runtime: Runtime): MemoryArchiveLexicon {
  const archive = new MemoryArchiveLexicon();
  const { afterPut, afterRemove } = runtime.hooks;
  runtime.hooks.afterPut = async (report) => {
    await afterPut?.(report);
    archive.addDocument(report.document.id, report.chunks.map((c) => c.text).join("\n"));
  };
  runtime.hooks.afterRemove = async (docId) => {
    await afterRemove?.(docId);
    archive.removeDocument(docId);
  };
  reconcileArchiveLexicon(archive, runtime.store).catch((e) => runtime.logger.warn(`错别字检查的范文词频未能建立：${(e as Error).message}`));
  return archive;
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
  const runtime = await openRuntimeWithReuse(config, { logger: opts.logger });
  const { logger, store, reuse } = runtime;
  const archive = attachArchiveLexicon(runtime);
  const model = createChatModel(config.llm, logger);
  const saves = openDraftSaveStore(config.dataDir, { logger });
  let checker: CheckPool | undefined;
  if (config.checkWorkers > 0) {
    try {
      checker = await CheckPool.open({ reuse, archive, dataDir: config.dataDir, size: config.checkWorkers, logger });
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
    archive,
    checker,
    // The server starts its parse workers now, so the first upload does not wait for them to load.
    parser: runtime.parser.warm(),
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
