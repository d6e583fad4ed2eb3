import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../env.ts";
import { extractSubmissions } from "../facts/batch.ts";
import { FACTS_PROMPTS } from "../facts/model.ts";
import { candidatesToText } from "../facts/text-form.ts";
import type { SubmissionFile } from "../facts/batch.ts";
import { ParsePool } from "../ingest/parse-pool.ts";
import { createChatModel } from "../llm/index.ts";
import { loadPrompts, PROMPTS_DIR } from "../llm/prompts.ts";
import { createLogger } from "../log.ts";
import { buildFacts, parseFactsText, workLineLabel } from "../drafting/facts.ts";
import { skeletonFrom } from "../facts/skeleton.ts";
import { UNVERIFIED } from "../facts/types.ts";
import { headingLabels } from "../text/headings.ts";
import { contextLists, type CliContext, type CliOptions } from "./context.ts";
import { reportError } from "./store-cli.ts";

const USAGE = [
  "用法：zongjie facts extract <报送材料文件…> [--json] [--engine offline|llm] [--unit 文件名=单位 …] [--year 年度] [--as-unit 本单位]",
  "      zongjie facts skeleton <去年总结文件> <今年要点文件> [--json]",
].join("\n");

/** The flags `zongjie facts` takes (the help in cli.ts names each one: test/server/cli/help.test.ts). */
export const OPTIONS = { json: { type: "boolean" }, engine: { type: "string" }, unit: { type: "string", multiple: true }, year: { type: "string" }, "as-unit": { type: "string" } } satisfies CliOptions;

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
      options: OPTIONS,
    });
    values = parsed.values;
    const [sub, ...rest] = parsed.positionals;
    if (sub === "skeleton") {
      if (rest.length !== 2) throw new Error("skeleton 需要两个文件：去年的总结和今年的要点");
      return await skeleton(rest[0], rest[1], Boolean(parsed.values.json), ctx);
    }
    if (sub !== "extract") throw new Error(sub ? `未知子命令“${sub}”` : "缺少子命令 extract 或 skeleton");
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

/**
 * `zongjie facts skeleton LAST FACTS`: last year's summary as this year's skeleton. Prints the outline (its
 * headings, this year's facts under them) with the sections needing material, last year's sentences with
 * their figures marked, and the year-over-year figures to confirm; --json prints the whole skeleton.
 */
async function skeleton(lastPath: string, factsPath: string, json: boolean, ctx: CliContext): Promise<number> {
  const pool = new ParsePool();
  try {
    const { document } = await pool.prepare(path.basename(lastPath), new Uint8Array(await readFile(lastPath)));
    const { text } = await pool.read(path.basename(factsPath), new Uint8Array(await readFile(factsPath)));
    const input = parseFactsText(text);
    const facts = await buildFacts(input, { lists: contextLists(ctx) });
    const sk = skeletonFrom(document, facts, input);
    if (json) {
      ctx.stdout.write(JSON.stringify({ facts, ...sk }, null, 2) + "\n");
      return 0;
    }
    const labels = headingLabels(sk.outline.sections);
    const out: string[] = [sk.outline.title, ""];
    for (const [i, s] of sk.outline.sections.entries()) {
      if (s.level === 0) continue;
      out.push(`${labels[i]}${sk.needsMaterial.includes(s.id) ? "  【今年暂无要点，需补充材料】" : ""}`);
      for (const id of s.factIds) out.push(`  - ${facts.find((f) => f.id === id)!.text}`);
      for (const w of sk.wording.filter((x) => x.sectionId === s.id)) out.push(`  · ${w.status === "unverified" ? UNVERIFIED : "去年措辞："}${w.marked}`);
    }
    ctx.stdout.write(out.join("\n") + "\n");
    for (const d of sk.derived) ctx.stderr.write(`同比推算（须确认）：${d.measure} ${d.phrase}，算式 ${d.formula}\n`);
    ctx.stderr.write(`沿用去年标题 ${sk.headings.carried}/${sk.headings.total} 个；需补充材料的小节 ${sk.needsMaterial.length} 个；去年句子 ${sk.wording.length} 句，其中待核实 ${sk.wording.filter((w) => w.status === "unverified").length} 句\n`);
    return 0;
  } catch (e) {
    return reportError(ctx, e);
  } finally {
    await pool.close();
  }
}
