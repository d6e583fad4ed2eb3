/**
 * `zongjie doctor`: is the configured model endpoint usable, and what is it? The models it lists
 * and whether LLM_MODEL is among them, a tiny round trip (first-token latency, characters per
 * second), whether the model reasons and how, its context window, and with EMBEDDER=openai the
 * embeddings endpoint and its dimension. Each problem is one Chinese sentence saying what to change.
 * Exit code 1 when there is a problem.
 */
import { parseArgs } from "node:util";
import { probeEmbeddings, type EmbeddingProbe } from "../embed/openai.ts";
import { loadConfig, type Config } from "../env.ts";
import { createChatModel } from "../llm/index.ts";
import { probeModel, type ModelReport } from "../llm/probe.ts";
import { silentLogger } from "../log.ts";
import type { CliContext, CliOptions } from "./context.ts";

export interface DoctorReport {
  model: ModelReport | null;
  embedder: EmbeddingProbe | null;
  problems: string[];
}

const REASONING: Record<NonNullable<ModelReport["reasoning"]>, string> = {
  field: "会先思考（思考内容单独发送，不会进入正文）",
  tags: "会先思考（思考内容夹在 <think> 标记中，已自动去除）",
  none: "未见思考过程",
};

export async function doctor(config: Config): Promise<DoctorReport> {
  const model = config.llm ? createChatModel(config.llm, silentLogger) : null;
  const modelReport = model && config.llm ? await probeModel(model, config.llm) : null;
  const emb = config.embedder;
  const embedder = emb.kind === "openai" ? await probeEmbeddings({ baseURL: emb.baseURL, apiKey: emb.apiKey, model: emb.model, dimension: null }, emb.dimension) : null;
  return { model: modelReport, embedder, problems: [...(modelReport?.problems ?? []), ...(embedder?.problems ?? [])] };
}

export function formatDoctor(r: DoctorReport): string {
  const lines: string[] = [];
  const m = r.model;
  if (!m) lines.push("模型：未配置（LLM_BASE_URL 未设置），起草和改写使用离线引擎，模型复核不可用。");
  else {
    lines.push(`模型服务：${m.endpoint}`);
    if (m.models) lines.push(`  列出的模型（${m.models.length}）：${m.models.slice(0, 12).join("、") || "（无）"}`);
    lines.push(`  配置的模型：${m.configured}${m.found === true ? "（在列）" : m.found === false ? "（不在列）" : ""}${m.served && m.served !== m.configured ? `，服务端名称 ${m.served}` : ""}`);
    if (m.firstTokenMs !== null) lines.push(`  试调用：首字 ${(m.firstTokenMs / 1000).toFixed(2)} 秒，${m.charsPerSecond ?? "—"} 字/秒`);
    if (m.reasoning) lines.push(`  推理：${REASONING[m.reasoning]}`);
    lines.push(`  上下文窗口：${m.contextTokens ? `${m.contextTokens} 词元（${m.contextSource === "config" ? "LLM_CONTEXT_TOKENS" : "服务端报告"}）` : "未知"}`);
    for (const n of m.notes) lines.push(`  提示：${n}`);
  }
  const e = r.embedder;
  if (e) lines.push(`向量服务：${e.endpoint} · ${e.model} · ${e.dimension ? `${e.dimension} 维` : "不可用"}`);
  lines.push("");
  if (r.problems.length === 0) lines.push("未发现问题。");
  else for (const p of r.problems) lines.push(`问题：${p}`);
  return lines.join("\n") + "\n";
}

/** The flags `zongjie doctor` takes (the help in cli.ts names each one: test/server/cli/help.test.ts). */
export const OPTIONS = { json: { type: "boolean" } } satisfies CliOptions;

export async function run(argv: string[], ctx: CliContext, config?: Config): Promise<number> {
  let json = false;
  try {
    const { values } = parseArgs({ args: argv, options: OPTIONS });
    json = Boolean(values.json);
  } catch (e) {
    ctx.stderr.write(`参数错误：${(e as Error).message}\n用法：zongjie doctor [--json]\n`);
    return 2;
  }
  const report = await doctor(config ?? loadConfig({ dataDir: ctx.dataDir }));
  ctx.stdout.write(json ? JSON.stringify(report, null, 2) + "\n" : formatDoctor(report));
  return report.problems.length ? 1 : 0;
}
