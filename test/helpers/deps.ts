import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openAppDeps } from "../../server/compose.ts";
import { parseConfig } from "../../server/env.ts";
import { silentLogger, type Logger } from "../../server/log.ts";
import { ensureIndexed } from "../../server/runtime.ts";

/**
 * Real dependencies in a temp data folder, as `npm start` builds them (offline engine unless env
 * overrides set LLM_*). `withCorpus` ingests the sample reports first.
 */
export async function makeTestDeps(opts: { withCorpus?: boolean; env?: Record<string, string>; logger?: Logger } = {}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "zongjie-test-"));
  const config = parseConfig({ ZONGJIE_DATA: dataDir, ...(opts.env ?? {}) });
  const deps = await openAppDeps(config, { logger: opts.logger ?? silentLogger });
  if (opts.withCorpus) await ensureIndexed(deps.runtime);
  return {
    deps,
    dataDir,
    async cleanup() {
      await deps.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
