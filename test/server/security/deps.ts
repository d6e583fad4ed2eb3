import type { AppDeps } from "../../../server/deps.ts";
import { type Config, parseConfig } from "../../../server/env.ts";
import type { Logger } from "../../../server/log.ts";
import { openDraftSaveStore } from "../../../server/saves/file-store.ts";
import type { CorpusStore } from "../../../server/store/types.ts";

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

/** AppDeps for middleware tests: real draft saves in `dataDir`, an empty store, no model. */
export function testDeps(dataDir: string, env: Record<string, string> = {}, overrides: Partial<AppDeps> = {}): AppDeps & { logger: ReturnType<typeof captureLogger> } {
  const config: Config = parseConfig({ LOG_LEVEL: "debug", ...env }, { dataDir });
  const logger = captureLogger();
  return {
    config,
    logger,
    store: emptyStore(),
    embedder: { name: "test-embedder", dimension: 8, embed: async (t) => t.map(() => new Float32Array(8)) },
    hooks: {},
    reuse: {
      addDocument: async () => {},
      removeDocument: async () => {},
      documentIds: () => [],
      indexed: () => undefined,
      stats: () => ({ documents: 0, fingerprints: 0 }),
    },
    model: null,
    prompts: { names: () => [], render: () => [] },
    saves: openDraftSaveStore(dataDir),
    ...overrides,
  } as AppDeps & { logger: ReturnType<typeof captureLogger> };
}
