import { parseArgs } from "node:util";
import { loadConfig } from "../env.ts";
import { createChatModel } from "../llm/index.ts";
import { loadPrompts, PROMPTS_DIR } from "../llm/prompts.ts";
import { createLogger } from "../log.ts";
import { REWRITE_PROMPTS, rewriteText, type RewriteDeps } from "../rewrite/rewrite.ts";
import { REWRITE_MODES, type RewriteMode } from "../rewrite/types.ts";
import { readTextInput } from "./check.ts";
import { contextLists, type CliContext, type CliOptions } from "./context.ts";
import { cliRuntime, reportError, type CliRuntime } from "./store-cli.ts";

const USAGE = `用法：zongjie rewrite <文件|-> [--mode ${REWRITE_MODES.join("|")}] [--engine offline|llm] [--unit 单位] [--json]`;

/** The flags `zongjie rewrite` takes (the help in cli.ts names each one: test/server/cli/help.test.ts). */
export const OPTIONS = { mode: { type: "string" }, engine: { type: "string" }, unit: { type: "string" }, json: { type: "boolean" } } satisfies CliOptions;

/** `zongjie rewrite <file|->`: prints the rewritten text (warnings on stderr); --json prints the whole result with the diff. */
export async function run(argv: string[], ctx: CliContext): Promise<number> {
  let file: string;
  let mode: RewriteMode = "polish";
  let engine: "offline" | "llm" | undefined;
  let json = false;
  let unit: string | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: OPTIONS,
    });
    if (positionals.length !== 1) throw new Error("需要一个文件参数（或 - 表示标准输入）");
    file = positionals[0];
    if (values.mode !== undefined) {
      if (!(REWRITE_MODES as readonly string[]).includes(values.mode)) throw new Error(`--mode 应为 ${REWRITE_MODES.join("、")} 之一`);
      mode = values.mode as RewriteMode;
    }
    if (values.engine !== undefined) {
      if (values.engine !== "offline" && values.engine !== "llm") throw new Error("--engine 应为 offline 或 llm");
      engine = values.engine;
    }
    json = Boolean(values.json);
    // The unit and its superiors may appear in a rewrite without counting as new names.
    unit = values.unit?.trim() || undefined;
  } catch (e) {
    ctx.stderr.write(`参数错误：${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }

  let rt: CliRuntime | null = null;
  try {
    const text = await readTextInput(file);
    const config = loadConfig({ dataDir: ctx.dataDir });
    const logger = createLogger(config.logLevel === "debug" ? "debug" : "warn");
    const model = engine === "offline" ? null : createChatModel(config.llm, logger);
    let deps: RewriteDeps = { lists: contextLists(ctx) };
    if (model) {
      // Style examples come from the corpus; only the model engine needs the store.
      rt = await cliRuntime(ctx);
      deps = { ...deps, model, prompts: loadPrompts(PROMPTS_DIR, REWRITE_PROMPTS), store: rt.store, logger };
    }
    const result = await rewriteText({ text, mode, engine, unit }, deps);
    if (json) ctx.stdout.write(JSON.stringify(result, null, 2) + "\n");
    else {
      ctx.stdout.write(result.text.endsWith("\n") ? result.text : result.text + "\n");
      for (const w of result.warnings) ctx.stderr.write(`提示：${w}\n`);
    }
    return result.refused ? 1 : 0;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") {
      ctx.stderr.write(`错误：找不到文件 ${file}\n`);
      return 2;
    }
    return reportError(ctx, e);
  } finally {
    await rt?.close();
  }
}
