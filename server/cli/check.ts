import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { checkText } from "../checking/check.ts";
import { mergeModelFindings } from "../checking/model-findings.ts";
import { MemoryArchiveLexicon } from "../checking/typo/archive.ts";
import { CHECK_PROMPTS, proofreadWithModel } from "../checking/model-pass.ts";
import { loadConfig } from "../env.ts";
import { AppError } from "../errors.ts";
import { createChatModel } from "../llm/index.ts";
import { loadPrompts, PROMPTS_DIR } from "../llm/prompts.ts";
import { createLogger } from "../log.ts";
import { reconcileArchiveLexicon, reconcileReuseIndex } from "../derived.ts";
import { lineCol } from "../text/chars.ts";
import { FINDING_KIND_LABELS, SEVERITY_LABELS, type CheckResult, type Finding, type ReuseIndex } from "../checking/types.ts";
import { readSource } from "../corpus/read.ts";
import { SUPPORTED_FORMATS } from "../corpus/formats.ts";
import { contextLists, type CliContext, type CliOptions } from "./context.ts";
import { cliRuntime, reportError, type CliRuntime } from "./store-cli.ts";

const USAGE = `用法：zongjie check <文件|-> [--year 年份] [--json] [--rules-only] [--model]\n  文件可为 ${SUPPORTED_FORMATS}；“-”表示从标准输入读取\n  不加 --model 只做规则检查（离线，不需要模型）；--rules-only 不与范文库比对`;


async function readInput(file: string): Promise<{ name: string; bytes: Uint8Array }> {
  if (file === "-") {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return { name: "标准输入.txt", bytes: new Uint8Array(Buffer.concat(chunks)) };
  }
  return { name: path.basename(file), bytes: new Uint8Array(await readFile(file)) };
}

/** Read the text to check or rewrite from a file or stdin (any format the corpus readers take). */
export async function readTextInput(file: string): Promise<string> {
  const { name, bytes } = await readInput(file);
  return (await readSource(name, bytes)).text;
}

/** One finding as a line: "12:5  错误  占位  占位符“XX”未替换  «XX» → 建议" */
export function formatFinding(text: string, f: Finding): string {
  const { line, col } = lineCol(text, f.start);
  const snippet = f.text.length > 30 ? `${f.text.slice(0, 30)}…` : f.text;
  let s = `${line}:${col}\t${SEVERITY_LABELS[f.severity]}\t${FINDING_KIND_LABELS[f.kind]}\t${f.message}\t«${snippet.replace(/\n/g, "⏎")}»`;
  if (f.suggestion !== undefined) s += ` → «${f.suggestion}»`;
  if (f.engine) s += `\t引擎：${f.engine}`;
  if (f.source) s += `\t来源：《${f.source.title}》${f.source.headingPath.length ? ` ${f.source.headingPath.join(" > ")}` : ""}`;
  return s;
}

/** --model: the configured model proofreads too; its verified findings join the result, labelled with its name. */
async function addModelPass(text: string, result: CheckResult, ctx: CliContext): Promise<void> {
  const config = loadConfig({ dataDir: ctx.dataDir });
  const model = createChatModel(config.llm, createLogger("warn"));
  if (!model) throw new AppError("unavailable:model", "未配置模型（LLM_BASE_URL 等），不能使用 --model；去掉 --model 只做规则检查");
  ctx.stderr.write(`引擎：规则检查 + 模型复核 ${model.model}（${model.endpoint}）\n`);
  const pass = await proofreadWithModel(text, model, loadPrompts(PROMPTS_DIR, [...CHECK_PROMPTS]), {
    concurrency: config.llm?.concurrency,
    names: contextLists(ctx).names,
    onProgress: (p) => ctx.isTTY && ctx.stderr.write(`\r模型复核 ${p.done}/${p.total} 段`),
  });
  if (ctx.isTTY) ctx.stderr.write("\n");
  for (const w of pass.warnings) ctx.stderr.write(`提示：${w}\n`);
  const added = mergeModelFindings(result.findings, pass.findings);
  result.findings = [...result.findings, ...added].sort((a, b) => a.start - b.start || a.end - b.end);
  for (const f of added) {
    result.stats[f.kind] = (result.stats[f.kind] ?? 0) + 1;
    result.stats[f.severity]++;
    result.stats.total++;
  }
  result.stats.model = added.length;
}

/** The flags `zongjie check` takes (the help in cli.ts names each one: test/server/cli/help.test.ts). */
export const OPTIONS = { year: { type: "string" }, json: { type: "boolean" }, "rules-only": { type: "boolean" }, model: { type: "boolean" } } satisfies CliOptions;

/** `zongjie check <file|->`: rules and reuse against the corpus; --json prints {year, findings, stats}. */
export async function run(argv: string[], ctx: CliContext): Promise<number> {
  let file: string;
  let year: number | undefined;
  let json = false;
  let rulesOnly = false;
  let useModel = false;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: OPTIONS,
    });
    if (positionals.length !== 1) throw new Error("需要一个文件参数（或 - 表示标准输入）");
    file = positionals[0];
    if (values.year !== undefined) {
      year = Number(values.year);
      if (!Number.isInteger(year) || year < 1949 || year > 2100) throw new Error(`--year 应为 1949–2100 之间的年份，收到 "${values.year}"`);
    }
    json = Boolean(values.json);
    rulesOnly = Boolean(values["rules-only"]);
    useModel = Boolean(values.model);
  } catch (e) {
    ctx.stderr.write(`参数错误：${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }

  let text: string;
  try {
    text = await readTextInput(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") {
      ctx.stderr.write(`错误：找不到文件 ${file}\n`);
      return 2;
    }
    return reportError(ctx, e);
  }

  let rt: CliRuntime | null = null;
  try {
    let reuse: ReuseIndex | undefined;
    let archive: MemoryArchiveLexicon | undefined;
    if (!rulesOnly) {
      rt = await cliRuntime(ctx);
      reuse = rt.reuse;
      // An interrupted ingest can leave the fingerprints behind the store: bring them in step before matching.
      await reconcileReuseIndex(reuse, rt.store, rt.logger);
      if (reuse.stats().documents === 0) ctx.stderr.write("提示：范文库为空，未做查重比对（先运行 zongjie ingest corpus）\n");
      // The archive's word use for the typo check: what the office writes is not a typo.
      archive = new MemoryArchiveLexicon();
      await reconcileArchiveLexicon(archive, rt.store);
    }
    const result = await checkText(text, { year, reuse, archive, lists: contextLists(ctx) });
    if (useModel) await addModelPass(text, result, ctx);
    else ctx.stderr.write("引擎：规则检查（离线，未用模型；加 --model 可请已配置的模型复核）\n");
    if (json) {
      ctx.stdout.write(JSON.stringify(result, null, 2) + "\n");
    } else {
      for (const f of result.findings) ctx.stdout.write(formatFinding(text, f) + "\n");
      const s = result.stats;
      ctx.stdout.write(
        `\n报告年度 ${result.year}；共 ${s.total} 处：错误 ${s.error}，警告 ${s.warning}，提示 ${s.info}（用时 ${s.elapsedMs} 毫秒）\n`,
      );
    }
    return 0;
  } catch (e) {
    return reportError(ctx, e);
  } finally {
    await rt?.close();
  }
}
