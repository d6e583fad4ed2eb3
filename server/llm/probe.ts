/**
 * What an administrator needs to know about the configured endpoint, found out the way the
 * servers document it (docs/models.md): the models it lists (`/v1/models`, or Ollama's `/api/tags`),
 * whether the configured one is among them, a tiny round trip (first-token latency, characters
 * per second, whether and how it reasons) and the context window where the server reports it
 * (vLLM's `max_model_len`, llama.cpp's `/props`, LM Studio's `/api/v0/models`). Every problem is
 * one Chinese sentence that says what to change. `zongjie doctor`, GET /api/health and the
 * editor's engine badge show the same report.
 */
import type { OpenAIChatModel } from "./openai.ts";
import type { ChatModel } from "./types.ts";

export interface ModelReport {
  endpoint: string;
  configured: string;
  /** The model names the endpoint lists; null: it lists none we could read. */
  models: string[] | null;
  /** Whether the configured name is among them (null: no list). */
  found: boolean | null;
  /** The model as its replies name it. */
  served: string | null;
  firstTokenMs: number | null;
  charsPerSecond: number | null;
  /** "field": a separate reasoning field; "tags": <think> in the content; "none": no thought seen. */
  reasoning: "field" | "tags" | "none" | null;
  contextTokens: number | null;
  contextSource: "config" | "server" | null;
  /** Facts that are not problems (an Ollama endpoint's silent cut to num_ctx …). */
  notes: string[];
  problems: string[];
  checkedAt: string;
}

export interface EndpointConfig {
  baseURL: string;
  apiKey: string;
  model: string;
  contextTokens?: number | null;
  timeoutMs: number;
}

async function getJSON(url: string, apiKey: string, timeoutMs: number): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${apiKey}`, accept: "application/json" }, signal: AbortSignal.timeout(timeoutMs) });
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  return { status: res.status, body };
}

/** The server's root (for /api/tags, /props): the base URL without its trailing /v1. */
function rootOf(baseURL: string): string {
  return baseURL.replace(/\/+$/, "").replace(/\/v1$/, "");
}

function hostOf(baseURL: string): string {
  try {
    return new URL(baseURL).host;
  } catch {
    return baseURL;
  }
}

/** Why a connection failed, in words an administrator can act on. */
export function unreachable(what: string, variable: string, baseURL: string, e: unknown): string {
  const code = (e as { cause?: { code?: string } })?.cause?.code ?? (e as { code?: string })?.code;
  if ((e as Error)?.name === "TimeoutError") return `${what} ${hostOf(baseURL)} 没有在规定时间内响应：请确认服务已启动且未过载，或检查 ${variable}`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `找不到${what}的主机 ${hostOf(baseURL)}：请检查 ${variable} 中的地址`;
  return `无法连接${what} ${hostOf(baseURL)}（${code ?? "连接失败"}）：请确认服务已启动，并检查 ${variable} 中的地址和端口`;
}

interface Listing {
  models: string[] | null;
  window: number | null;
  ollama: boolean;
  problem: string | null;
}

async function listModels(cfg: EndpointConfig): Promise<Listing> {
  const timeout = Math.min(cfg.timeoutMs, 15_000);
  let res: { status: number; body: unknown };
  try {
    res = await getJSON(`${cfg.baseURL.replace(/\/+$/, "")}/models`, cfg.apiKey, timeout);
  } catch (e) {
    return { models: null, window: null, ollama: false, problem: unreachable("模型服务", "LLM_BASE_URL", cfg.baseURL, e) };
  }
  if (res.status === 401 || res.status === 403) return { models: null, window: null, ollama: false, problem: `模型服务拒绝访问（${res.status}）：请检查 LLM_API_KEY` };
  const root = rootOf(cfg.baseURL);
  const data = (res.body as { data?: Array<{ id?: unknown; max_model_len?: unknown }> } | null)?.data;
  let models = Array.isArray(data) ? data.map((d) => String(d.id ?? "")).filter(Boolean) : null;
  let window: number | null = null;
  const own = Array.isArray(data) ? data.find((d) => d.id === cfg.model) : undefined;
  if (own && Number(own.max_model_len) > 0) window = Number(own.max_model_len); // vLLM
  let ollama = false;
  const extra = async (p: string) => getJSON(`${root}${p}`, cfg.apiKey, timeout).catch(() => null);
  if (!models) {
    // Ollama's native listing (older versions have no /v1/models).
    const tags = await extra("/api/tags");
    const list = (tags?.body as { models?: Array<{ name?: unknown }> } | null)?.models;
    if (Array.isArray(list)) {
      models = list.map((m) => String(m.name ?? "")).filter(Boolean);
      ollama = true;
    }
  } else {
    const owned = (data ?? []).some((d) => (d as { owned_by?: unknown }).owned_by === "library");
    if (owned) ollama = true;
  }
  if (window === null) {
    const props = await extra("/props"); // llama.cpp's server
    const nctx = Number((props?.body as { default_generation_settings?: { n_ctx?: unknown } } | null)?.default_generation_settings?.n_ctx);
    if (nctx > 0) window = nctx;
  }
  if (window === null) {
    const lms = await extra("/api/v0/models"); // LM Studio
    const m = ((lms?.body as { data?: Array<{ id?: unknown; loaded_context_length?: unknown }> } | null)?.data ?? []).find((d) => d.id === cfg.model);
    if (m && Number(m.loaded_context_length) > 0) window = Number(m.loaded_context_length);
  }
  return { models, window, ollama, problem: null };
}

/** Probe the endpoint and the model; never throws. Teaches `model` the window the server reported. */
export async function probeModel(model: ChatModel, cfg: EndpointConfig): Promise<ModelReport> {
  const report: ModelReport = {
    endpoint: hostOf(cfg.baseURL),
    configured: cfg.model,
    models: null,
    found: null,
    served: null,
    firstTokenMs: null,
    charsPerSecond: null,
    reasoning: null,
    contextTokens: cfg.contextTokens ?? null,
    contextSource: cfg.contextTokens ? "config" : null,
    notes: [],
    problems: [],
    checkedAt: new Date().toISOString(),
  };
  const listing = await listModels(cfg);
  if (listing.problem) {
    report.problems.push(listing.problem);
    return report;
  }
  report.models = listing.models;
  if (listing.models) {
    report.found = listing.models.includes(cfg.model);
    if (!report.found) {
      const some = listing.models.slice(0, 8).join("、") || "（无）";
      report.problems.push(`模型服务上没有“${cfg.model}”：可用的有 ${some}，请把 LLM_MODEL 改成其中之一${listing.ollama ? "，或先在服务端执行 ollama pull" : ""}`);
    }
  }
  if (!cfg.contextTokens && listing.window) {
    report.contextTokens = listing.window;
    report.contextSource = "server";
    (model as Partial<OpenAIChatModel>).learnWindow?.(listing.window);
  }
  if (listing.ollama && !cfg.contextTokens)
    report.notes.push("Ollama 的 OpenAI 兼容接口会把超出 num_ctx 的提示静默截掉：请在 Modelfile 中设置 PARAMETER num_ctx，并把同一数值写入 LLM_CONTEXT_TOKENS");
  if (report.found === false) return report;

  // A tiny round trip: first token (of thought or text), then characters per second.
  const t0 = Date.now();
  let first: number | null = null;
  let thoughtChars = 0;
  try {
    const text = await model.complete([{ role: "user", content: "请只回复一个字：好" }], {
      temperature: 0,
      onDelta: () => (first ??= Date.now()),
      onThinking: (p) => {
        first ??= Date.now();
        thoughtChars = p.chars;
      },
    });
    const end = Date.now();
    first ??= end;
    report.firstTokenMs = first - t0;
    const chars = text.length + thoughtChars;
    report.charsPerSecond = end > first ? Math.round((chars / ((end - first) / 1000)) * 10) / 10 : null;
    report.served = model.model;
    report.reasoning = model.reasoning ?? (thoughtChars > 0 ? "field" : "none");
  } catch (e) {
    report.problems.push(`试调用模型失败：${(e as Error).message}`);
  }
  if (report.contextTokens === null) report.notes.push("未能得知模型的上下文窗口：请把服务端的上下文长度写入 LLM_CONTEXT_TOKENS（如 8192），提示才能按窗口裁剪");
  return report;
}
