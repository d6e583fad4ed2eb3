import { openRuntimeWithReuse } from "../compose.ts";
import { loadConfig } from "../env.ts";
import { isAppError } from "../errors.ts";
import { createLogger } from "../log.ts";
import { contextLists, type CliContext } from "./context.ts";

export type CliRuntime = Awaited<ReturnType<typeof openRuntimeWithReuse>>;

/**
 * Open the runtime for a CLI command (config from env/.env, --data overrides the folder), with the
 * reuse index: ingest/remove from the CLI must keep the reuse fingerprints in step, as the server does.
 */
export async function cliRuntime(ctx: CliContext): Promise<CliRuntime> {
  const config = loadConfig({ dataDir: ctx.dataDir });
  // The CLI talks to the user on stdout/stderr itself; only warnings and errors from the log.
  return openRuntimeWithReuse(config, { logger: createLogger(config.logLevel === "debug" ? "debug" : "warn"), lists: contextLists(ctx) });
}

/** Run a command body against the runtime: errors opening or running it are reported in Chinese, and it is always closed. */
export async function withCliRuntime(ctx: CliContext, body: (rt: CliRuntime) => Promise<number>): Promise<number> {
  let rt: CliRuntime;
  try {
    rt = await cliRuntime(ctx);
  } catch (e) {
    return reportError(ctx, e);
  }
  try {
    return await body(rt);
  } catch (e) {
    return reportError(ctx, e);
  } finally {
    await rt.close();
  }
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
