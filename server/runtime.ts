import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ingestPaths, type FileOutcome } from "./ingest/ingest.ts";
import { ParsePool, type ParseService } from "./ingest/parse-pool.ts";
import { INGEST_STATUS_LABELS, summarizeResults, toIngestResult } from "./ingest/results.ts";
import { createEmbedder, readyEmbedder } from "./embed/index.ts";
import type { Embedder } from "./embed/types.ts";
import type { Config } from "./env.ts";
import { createLogger, type Logger } from "./log.ts";
import { openCorpusStore } from "./store/lance.ts";
import type { CorpusHooks, CorpusStore, IngestProgress } from "./store/types.ts";

/**
 * Everything a process (server, CLI, bench) needs, opened once from the configuration. A plain
 * object so later parts (model, prompts, reuse index, saves) can be added next to these.
 */
export interface Runtime {
  config: Config;
  logger: Logger;
  store: CorpusStore;
  embedder: Embedder;
  /** What derived indexes do after each commit/removal (the ingest pipeline calls them); given at open. */
  readonly hooks: CorpusHooks;
  /** Where files are read: worker threads held to the configured deadline and memory caps. */
  parser: ParseService;
  close(): Promise<void>;
}

/** The sample corpus shipped with the repository (`<repo>/corpus`). */
export const REPO_CORPUS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "corpus");

/** Open the embedder and the store in the configured data folder; `hooks` keep derived indexes current (none by default). */
export async function openRuntime(config: Config, opts: { logger?: Logger; hooks?: CorpusHooks } = {}): Promise<Runtime> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const embedder = await readyEmbedder(createEmbedder(config.embedder));
  const store = await openCorpusStore({ dataDir: config.dataDir, embedder, logger, memorySearchMB: config.searchMemoryMB });
  const hooks: CorpusHooks = opts.hooks ?? {};
  const parser = new ParsePool({ size: config.parse.workers, ...config.parse, logger });
  return {
    config,
    logger,
    store,
    embedder,
    hooks,
    parser,
    async close() {
      await parser.close();
      await store.close();
    },
  };
}

/**
 * First start: when the store holds no document and the corpus folder exists, ingest it. Returns
 * the outcomes, or null when nothing had to be done.
 */
export async function ensureIndexed(
  runtime: Pick<Runtime, "store" | "hooks" | "logger" | "config"> & { parser?: ParseService },
  opts: { corpusDir?: string; onProgress?: (p: IngestProgress) => void } = {},
): Promise<FileOutcome[] | null> {
  const dir = opts.corpusDir ?? REPO_CORPUS_DIR;
  if ((await runtime.store.info()).documents > 0 || !existsSync(dir)) return null;
  runtime.logger.info(`范文库为空，正在导入 ${dir} …`);
  const outcomes = await ingestPaths(
    { store: runtime.store, hooks: runtime.hooks, maxBytes: runtime.config.maxUploadBytes, logger: runtime.logger, parser: runtime.parser },
    [dir],
    opts.onProgress,
  );
  const results = outcomes.map((o) => toIngestResult(o.sourceName, o));
  runtime.logger.info(`范文库已建立：${summarizeResults(results)}`);
  for (const r of results) if (r.status === "error") runtime.logger.warn(`${INGEST_STATUS_LABELS.error} ${r.name}：${r.message}`);
  return outcomes;
}
