import { loadConfig } from "../env.ts";
import { isAppError } from "../errors.ts";
import { createLogger } from "../log.ts";
import { attachReuseIndex } from "../compose.ts";
import { openRuntime, type Runtime } from "../runtime.ts";
import type { CliContext } from "./context.ts";

/** Open the runtime for a CLI command (config from env/.env, --data overrides the folder). */
export async function cliRuntime(ctx: CliContext): Promise<Runtime> {
  const config = loadConfig({ dataDir: ctx.dataDir });
  // The CLI talks to the user on stdout/stderr itself; only warnings and errors from the log.
  const runtime = await openRuntime(config, { logger: createLogger(config.logLevel === "debug" ? "debug" : "warn") });
  // Ingest/remove from the CLI must keep the reuse fingerprints in step, as the server does.
  await attachReuseIndex(runtime);
  return runtime;
}

/** Print an error in Chinese and return the exit code (AppErrors are expected, others are bugs). */
export function reportError(ctx: CliContext, e: unknown): number {
  if (isAppError(e)) {
    ctx.stderr.write(`错误：${e.message}\n`);
    return e.kind === "bad_request" ? 2 : 1;
  }
  ctx.stderr.write(`错误：${e instanceof Error ? e.message : String(e)}\n`);
  return 1;
}
