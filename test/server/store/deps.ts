import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AppDeps } from "../../../server/deps.ts";
import { createLocalEmbedder } from "../../../server/embed/local.ts";
import { parseConfig } from "../../../server/env.ts";
import { silentLogger } from "../../../server/log.ts";
import { openCorpusStore } from "../../../server/store/lance.ts";
import type { CorpusHooks } from "../../../server/store/types.ts";

/**
 * AppDeps over a real store in a temp folder; the parts this area does not use (reuse index,
 * prompts, saves) are minimal objects that satisfy their interfaces.
 */
export async function storeDeps(opts: { maxUploadMB?: number; hooks?: CorpusHooks } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-routes-"));
  const config = parseConfig({ MAX_UPLOAD_MB: String(opts.maxUploadMB ?? 1), EMBED_DIMENSION: "128" }, { dataDir: dir });
  const embedder = createLocalEmbedder(128);
  const store = await openCorpusStore({ dataDir: dir, embedder });
  const deps: AppDeps = {
    config,
    logger: silentLogger,
    store,
    embedder,
    hooks: opts.hooks ?? {},
    reuse: {
      async addDocument() {},
      async removeDocument() {},
      documentIds: () => [],
      indexed: () => undefined,
      stats: () => ({ documents: 0, fingerprints: 0 }),
    },
    model: null,
    prompts: { names: () => [], render: () => [] },
    saves: {
      list: async () => [],
      get: async () => null,
      create: async () => {
        throw new Error("not used");
      },
      save: async () => {
        throw new Error("not used");
      },
      remove: async () => false,
    },
  };
  return {
    deps,
    dir,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
