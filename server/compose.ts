import path from "node:path";
import { fileURLToPath } from "node:url";
import { CHECK_PROMPTS } from "./checking/model-pass.ts";
import { FACTS_PROMPTS } from "./facts/model.ts";
import { inProcessChecker, type Checker } from "./checking/checker.ts";
import { CheckPool } from "./checking/pool.ts";
import { openReuseIndex, type FingerprintIndex } from "./checking/reuse-index.ts";
import { MemoryArchiveLexicon } from "./checking/typo/archive.ts";
import type { AppDeps, ModelStatus } from "./deps.ts";
import type { Config } from "./env.ts";
import { loadOfficeLists, type OfficeLists } from "./lists/office.ts";
import { createChatModel, DRAFTING_PROMPTS } from "./llm/index.ts";
import { loadPrompts, PROMPTS_DIR } from "./llm/prompts.ts";
import { probeModel, type EndpointConfig, type ModelReport } from "./llm/probe.ts";
import type { ChatModel } from "./llm/types.ts";
import { createLogger, type Logger } from "./log.ts";
import { REWRITE_PROMPTS } from "./rewrite/rewrite.ts";
import { openRuntime, type Runtime } from "./runtime.ts";
import { archiveTableFile, DERIVE_MODULE, derivedHooks, reconcileArchiveLexicon, reuseBaseFile, type DerivedIndexes } from "./derived.ts";
import { openDraftSaveStore } from "./saves/file-store.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const WEB_ROOT = path.join(REPO_ROOT, "web", "dist");

/**
 * Open the runtime together with the derived indexes of its data folder (the reuse index, and the typo
 * check's archive table when asked), kept current through the corpus hooks, so server uploads and CLI
 * ingests alike keep them in step.
 */
export async function openRuntimeWithReuse(
  config: Config,
  opts: { logger?: Logger; lists?: OfficeLists; archive?: MemoryArchiveLexicon } = {},
): Promise<Runtime & { reuse: FingerprintIndex }> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const baseFile = config.dataDir ? reuseBaseFile(config.dataDir) : undefined;
  const reuse = await openReuseIndex({ dataDir: config.dataDir, logger, lists: opts.lists ?? loadOfficeLists(config.dataDir), baseFile });
  const runtime = await openRuntime(config, { logger, hooks: derivedHooks({ reuse, archive: opts.archive }), derive: DERIVE_MODULE });
  return { ...runtime, reuse };
}

/**
/**
 * Probe the model endpoint in the background at start (models listed, a tiny round trip, the
 * window it reports, which the model then uses for its budget); each problem is logged once.
 */
export function watchModel(model: ChatModel, cfg: EndpointConfig, logger: Logger): ModelStatus {
  let last: ModelReport | null = null;
  let running: Promise<ModelReport> | null = null;
  const refresh = () =>
    (running ??= probeModel(model, cfg)
      .then((r) => {
        last = r;
        for (const p of r.problems) logger.warn(`模型检查：${p}`);
        return r;
      })
      .finally(() => (running = null)));
  refresh().catch(() => {});
  return { report: () => last, refresh };
}

/**
 * Build every dependency of the app from the configuration: store and embedder (runtime), the
 * reuse index kept current through the corpus hooks, the model (or none), prompts and saved drafts.
 * Prompts are loaded and checked here, so a broken prompt file stops the start, not a request.
 */
export async function openAppDeps(config: Config, opts: { logger?: Logger; webRoot?: string } = {}): Promise<AppDeps & { runtime: Runtime; derived: DerivedIndexes; close(): Promise<void> }> {
  const prompts = loadPrompts(PROMPTS_DIR, [...DRAFTING_PROMPTS, ...REWRITE_PROMPTS, ...CHECK_PROMPTS, ...FACTS_PROMPTS]);
  // The office's lists too: a broken list file stops the start with its name, and no check reads a file.
  const lists = loadOfficeLists(config.dataDir);
  // The archive's word use for the typo check: kept current by the same hooks, filled from the store in the background.
  const archive = new MemoryArchiveLexicon({ file: config.dataDir ? archiveTableFile(config.dataDir) : undefined });
  const runtime = await openRuntimeWithReuse(config, { logger: opts.logger, lists, archive });
  const { logger, store, reuse } = runtime;
  // The table as last saved (its documents' terms read in place); the reconcile below adds and removes what changed since.
  if (archive.load()) logger.info(`错别字检查的范文词频从快照载入：${archive.documents} 篇`);
  reconcileArchiveLexicon(archive, store).then(() => archive.mergeNow()).catch((e) => logger.warn(`错别字检查的范文词频未能建立：${(e as Error).message}`));
  const model = createChatModel(config.llm, logger);
  const modelStatus = model && config.llm ? watchModel(model, config.llm, logger) : undefined;
  const saves = openDraftSaveStore(config.dataDir, { logger });
  let checker: Checker = inProcessChecker({ reuse, archive, lists });
  if (config.checkWorkers > 0) {
    try {
      checker = await CheckPool.open({ reuse, archive, lists, size: config.checkWorkers, logger });
    } catch (e) {
      await runtime.close();
      throw e;
    }
  }
  return {
    runtime,
    derived: { reuse, archive },
    config,
    logger,
    store,
    embedder: runtime.embedder,
    hooks: runtime.hooks,
    reuse,
    lists,
    archive,
    checker,
    // The server starts its parse workers now, so the first upload does not wait for them to load.
    parser: runtime.parser.warm(),
    model,
    modelStatus,
    prompts,
    saves,
    webRoot: opts.webRoot,
    async close() {
      await checker.close();
      await runtime.close();
    },
  };
}
