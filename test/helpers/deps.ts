/**
 * The one place tests build AppDeps. Three levels:
 * - `testDeps`: stand-ins for everything but draft saves (middleware, routes over an empty corpus);
 * - `storeDeps`: the same over a real store in a temp folder (corpus and search routes);
 * - `makeTestDeps`: everything real, as `npm start` builds it (offline engine unless env sets LLM_*).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openAppDeps } from "../../server/compose.ts";
import type { ReuseIndex } from "../../server/checking/types.ts";
import type { AppDeps } from "../../server/deps.ts";
import { createLocalEmbedder } from "../../server/embed/local.ts";
import { type Config, parseConfig } from "../../server/env.ts";
import { silentLogger, type Logger } from "../../server/log.ts";
import { ensureIndexed } from "../../server/runtime.ts";
import { openDraftSaveStore } from "../../server/saves/file-store.ts";
import { openCorpusStore } from "../../server/store/lance.ts";
import type { CorpusHooks, CorpusStore } from "../../server/store/types.ts";
import { loadOfficeLists } from "../../server/lists/office.ts";
import { inProcessChecker } from "../../server/checking/checker.ts";

/** A logger that keeps every line (message and extra, as text) for assertions. */
export function captureLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (msg: string, extra?: unknown) => {
    let x = "";
    if (extra !== undefined) {
      x = extra instanceof Error ? `${extra.stack} ${String(extra.cause)}` : typeof extra === "string" ? extra : JSON.stringify(extra);
    }
    lines.push(`${level} ${msg} ${x}`);
  };
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** An empty corpus store; routes that only need `info()` work, the rest throw like a broken store. */
export function emptyStore(): CorpusStore {
  const broken = async () => {
    throw new Error("store not available in this test");
  };
  return {
    info: async () => ({ embedder: "test", dimension: 8, documents: 0, chunks: 0 }),
    putReport: broken,
    removeDocument: broken,
    listDocuments: async () => [],
    getDocument: async () => null,
    getChunks: async () => [],
    searchPassages: broken,
    close: async () => {},
  };
}

/** A reuse index that holds nothing and finds nothing. */
export function emptyReuseIndex(): ReuseIndex {
  return {
    addDocument: async () => {},
    removeDocument: async () => {},
    documentIds: () => [],
    indexed: () => undefined,
    stats: () => ({ documents: 0, fingerprints: 0 }),
  };
}

/** AppDeps for middleware and route tests: real draft saves in `dataDir`, an empty store, no model. */
export function testDeps(dataDir: string, env: Record<string, string> = {}, overrides: Partial<AppDeps> = {}): AppDeps & { logger: ReturnType<typeof captureLogger> } {
  const config: Config = parseConfig({ LOG_LEVEL: "debug", ...env }, { dataDir });
  const logger = captureLogger();
  const deps = {
    config,
    logger,
    store: emptyStore(),
    embedder: { name: "test-embedder", dimension: 8, embed: async (t) => t.map(() => new Float32Array(8)) },
    hooks: {},
    reuse: emptyReuseIndex(),
    lists: loadOfficeLists(dataDir),
    model: null,
    prompts: { names: () => [], render: () => [] },
    saves: openDraftSaveStore(dataDir),
    ...overrides,
  } as AppDeps & { logger: ReturnType<typeof captureLogger> };
  // Checks in-process against whatever reuse index, archive and lists the test gave.
  deps.checker = overrides.checker ?? inProcessChecker(deps);
  return deps;
}

/** Deps opened in a fresh temp data folder; `cleanup` closes them and deletes the folder. */
async function inTempDataDir<D>(prefix: string, open: (dataDir: string) => Promise<{ deps: D; close(): Promise<void> }>) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const { deps, close } = await open(dataDir);
  return {
    deps,
    dataDir,
    async cleanup() {
      await close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `testDeps` over a real store (local embedder, 128 dimensions) in a temp folder. */
export function storeDeps(opts: { maxUploadMB?: number; hooks?: CorpusHooks } = {}) {
  return inTempDataDir("zongjie-routes-", async (dir) => {
    const embedder = createLocalEmbedder(128);
    const store = await openCorpusStore({ dataDir: dir, embedder });
    const env = { MAX_UPLOAD_MB: String(opts.maxUploadMB ?? 1), EMBED_DIMENSION: "128" };
    return { deps: testDeps(dir, env, { store, embedder, hooks: opts.hooks ?? {} }), close: () => store.close() };
  });
}

/** Real dependencies in a temp data folder, as `npm start` builds them. `withCorpus` ingests the sample reports first. */
export function makeTestDeps(opts: { withCorpus?: boolean; env?: Record<string, string>; logger?: Logger } = {}) {
  return inTempDataDir("zongjie-test-", async (dataDir) => {
    const config = parseConfig({ ZONGJIE_DATA: dataDir, ...(opts.env ?? {}) });
    const deps = await openAppDeps(config, { logger: opts.logger ?? silentLogger });
    if (opts.withCorpus) await ensureIndexed(deps.runtime);
    return { deps, close: () => deps.close() };
  });
}
