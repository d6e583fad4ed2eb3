import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../env.ts";
import { extractSubmissions } from "../facts/batch.ts";
import { FACTS_PROMPTS } from "../facts/model.ts";
import { candidatesToText } from "../facts/text-form.ts";
import type { SubmissionFile } from "../facts/batch.ts";
import { ParsePool } from "../ingest/parse-pool.ts";
import { createChatModel, loadPrompts, PROMPTS_DIR } from "../llm/index.ts";
import { createLogger } from "../log.ts";
import { workLineLabel } from "../drafting/facts.ts";
import { contextLists, type CliContext } from "./context.ts";
import { reportError } from "./store-cli.ts";

const USAGE = "用法：zongjie facts extract <报送材料文件…> [--json] [--engine offline|llm] [--unit 文件名=单位 …] [--year 年度] [--as-unit 本单位]";

/**
 * `zongjie facts extract FILE…`: candidate facts from the units' submissions. Without --json it prints
 * the candidates (conflicts left out) in the text form `zongjie draft` reads, and lists the units, the
 * merged figures and the conflicts on stderr for the writer to settle.
 */
export async function run(argv: string[], ctx: CliContext): Promise<number> {
  let values: { json?: boolean; engine?: string; unit?: string[]; year?: string; "as-unit"?: string };
  let paths: string[];
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: "boolean" }, engine: { type: "string" }, unit: { type: "string", multiple: true }, year: { type: "string" }, "as-unit": { type: "string" } },
    });
    values = parsed.values;
    const [sub, ...rest] = parsed.positionals;
    if (sub !== "extract") throw new Error(sub ? `未知子命令“${sub}”` : "缺少子命令 extract");
    if (rest.length === 0) throw new Error("请给出至少一个报送材料文件");
    if (values.engine && !["offline", "llm"].includes(values.engine)) throw new Error("--engine 应为 offline 或 llm");
    if (values.year && !/^\d{4}$/.test(values.year)) throw new Error(`--year 应为四位年份，收到 "${values.year}"`);
    for (const u of values.unit ?? []) if (!/^[^=]+=.+$/.test(u)) throw new Error(`--unit 应写作 文件名=单位，收到 "${u}"`);
    paths = rest;
  } catch (e) {
    ctx.stderr.write(`参数错误：${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const units = new Map((values.unit ?? []).map((u) => [u.slice(0, u.indexOf("=")), u.slice(u.indexOf("=") + 1)]));
  const pool = new ParsePool();
  try {
    const config = loadConfig({ dataDir: ctx.dataDir });
    const logger = createLogger(config.logLevel === "debug" ? "debug" : "warn");
    const model = values.engine === "offline" ? null : createChatModel(config.llm, logger);
    if (values.engine === "llm" && !model) throw new Error("尚未配置模型（LLM_BASE_URL），请改用 --engine offline");
    const prompts = model ? loadPrompts(PROMPTS_DIR, [...FACTS_PROMPTS]) : undefined;
    const files: SubmissionFile[] = [];
    for (const p of paths) {
      const name = path.basename(p);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(p));
      } catch {
        ctx.stderr.write(`无法读取文件：${p}\n`);
        return 1;
      }
      files.push({ name, bytes, unit: units.get(name) ?? units.get(p) });
    }
    const ex = await extractSubmissions(files, { parser: pool, logger, workLines: contextLists(ctx).workLines, model, prompts }, (r, done, total) => {
      ctx.stderr.write(`${done}/${total} 《${r.file}》${r.status === "read" ? `：${r.unit}，候选要点 ${r.candidates} 条${r.refused ? `，模型所提 ${r.refused} 条未通过核对` : ""}` : `未能读取：${r.message}`}\n`);
    });
    if (values.json) {
      ctx.stdout.write(JSON.stringify(ex, null, 2) + "\n");
    } else {
      ctx.stdout.write(candidatesToText(ex.candidates, values["as-unit"], values.year ? Number(values.year) : undefined));
      for (const c of ex.candidates.filter((x) => x.sources.length > 1)) ctx.stderr.write(`合并：“${c.text}”（${c.sources.map((s) => s.unit).join("、")} 数字一致）\n`);
      for (const c of ex.conflicts) {
        ctx.stderr.write(`冲突：${c.measure}——${c.entries.map((e) => `${e.unit} ${e.raw}`).join(" 与 ")}，请核实后手工写入\n`);
      }
      const lines = new Set(ex.candidates.map((c) => (c.workLine ? workLineLabel(c.workLine) : "未归类")));
      ctx.stderr.write(`共 ${ex.candidates.length} 条候选要点，涉及 ${lines.size} 个工作条线；冲突 ${ex.conflicts.length} 处\n`);
    }
    return ex.files.some((f) => f.status === "rejected") ? 1 : 0;
  } catch (e) {
    return reportError(ctx, e);
  } finally {
    await pool.close();
  }
}
