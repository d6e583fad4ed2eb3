import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { readSource } from "../corpus/read.ts";
import { draftToDocx } from "../docx/export.ts";
import { draftMarkdown } from "../drafting/draft.ts";
import { parseFactsText } from "../drafting/facts.ts";
import { generateDraft } from "../drafting/run.ts";
import type { DraftEvent } from "../drafting/types.ts";
import { loadConfig } from "../env.ts";
import { createChatModel, defaultEngine, DRAFTING_PROMPTS } from "../llm/index.ts";
import { loadPrompts, PROMPTS_DIR } from "../llm/prompts.ts";
import { createLogger } from "../log.ts";
import { openRuntime, type Runtime } from "../runtime.ts";
import { contextLists, type CliContext, type CliOptions } from "./context.ts";
import { reportError } from "./store-cli.ts";

const USAGE = "用法：zongjie draft <要点文件|-> [--engine offline|llm] [--json] [--docx 输出.docx] [--year 年度] [--unit 单位] [--period 时限]";

async function readInput(file: string): Promise<string> {
  if (file === "-") {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }
  return (await readSource(path.basename(file), new Uint8Array(await readFile(file)))).text;
}

/** The flags `zongjie draft` takes (the help in cli.ts names each one: test/server/cli/help.test.ts). */
export const OPTIONS = {
  engine: { type: "string" },
  json: { type: "boolean" },
  docx: { type: "string" },
  year: { type: "string" },
  unit: { type: "string" },
  period: { type: "string" },
} satisfies CliOptions;

/** `zongjie draft <facts-file>`: a first draft as Markdown (or JSON with --json; .docx with --docx). */
export async function run(argv: string[], ctx: CliContext): Promise<number> {
  let values: { engine?: string; json?: boolean; docx?: string; year?: string; unit?: string; period?: string };
  let file: string;
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: OPTIONS,
    });
    values = parsed.values;
    if (parsed.positionals.length !== 1) throw new Error("需要且只需要一个要点文件（“-”表示标准输入）");
    file = parsed.positionals[0];
    if (values.engine && !["offline", "llm"].includes(values.engine)) throw new Error("--engine 应为 offline 或 llm");
    if (values.year && !/^\d{4}$/.test(values.year)) throw new Error(`--year 应为四位年份，收到 "${values.year}"`);
  } catch (e) {
    ctx.stderr.write(`参数错误：${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }

  let runtime: Runtime | null = null;
  try {
    const config = loadConfig({ dataDir: ctx.dataDir });
    const logger = createLogger(config.logLevel === "debug" ? "debug" : "warn");
    const input = parseFactsText(await readInput(file), {
      unit: values.unit,
      year: values.year ? Number(values.year) : undefined,
      period: values.period,
    });
    const prompts = loadPrompts(PROMPTS_DIR, DRAFTING_PROMPTS);
    const model = createChatModel(config.llm, logger);
    try {
      runtime = await openRuntime(config, { logger });
      if ((await runtime.store.info()).documents === 0)
        ctx.stderr.write("提示：范文库为空，初稿不附参考段落（先运行 zongjie ingest corpus 导入范文）\n");
    } catch (e) {
      ctx.stderr.write(`提示：范文库无法打开（${(e as Error).message}），初稿不附参考段落\n`);
    }
    const engine = defaultEngine(values.engine as "offline" | "llm" | undefined, model);
    ctx.stderr.write(engine === "llm" && model ? `引擎：模型 ${model.model}（${model.endpoint}）\n` : "引擎：离线引擎（未使用模型）\n");

    const ctrl = new AbortController();
    const onSigint = () => ctrl.abort(new Error("已取消"));
    process.once("SIGINT", onSigint);
    let done = 0;
    const emit = (e: DraftEvent) => {
      if (e.event === "section" && ctx.isTTY) ctx.stderr.write(`\r已完成 ${++done} 节`);
    };
    const draft = await generateDraft(
      { ...input, options: { engine } },
      { store: runtime?.store ?? null, model, prompts, logger, signal: ctrl.signal, concurrency: config.llm?.concurrency, lists: contextLists(ctx) },
      emit,
    ).finally(() => process.off("SIGINT", onSigint));
    if (ctx.isTTY) ctx.stderr.write("\n");

    ctx.stdout.write(values.json ? JSON.stringify(draft, null, 2) + "\n" : draftMarkdown(draft));
    for (const w of draft.warnings) ctx.stderr.write(`警告：${w.message}${w.sectionId ? `（小节 ${w.sectionId}）` : ""}\n`);
    if (values.docx) {
      const { bytes, fonts } = await draftToDocx(draft);
      await writeFile(values.docx, bytes);
      ctx.stderr.write(`已写入 ${values.docx}。文档使用字体：${fonts.join("、")}；未安装的字体会被 Word/WPS 替换。\n`);
    }
    ctx.stderr.write(
      `共 ${draft.stats.facts} 条要点、${draft.stats.sections} 节、${draft.stats.chars} 字；编造数字 ${draft.stats.inventedFigures} 处，说法与要点不符 ${draft.stats.changedClaims ?? 0} 处，未覆盖要点 ${draft.stats.uncoveredFacts} 条，用时 ${draft.stats.durationMs} ms\n`,
    );
    return draft.stats.failedSections > 0 ? 1 : 0;
  } catch (e) {
    return reportError(ctx, e);
  } finally {
    await runtime?.close();
  }
}
