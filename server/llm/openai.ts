/**
 * The OpenAI-compatible chat model (DeepSeek, Qwen, Kimi, GLM, Ollama, vLLM, llama.cpp …). The chat side
 * of the openai SDK (embed/ uses it for embeddings). Always streams; retries 429 (honouring Retry-After), 5xx,
 * connection failures and timeouts with backoff — but only before the first delta, because text
 * already shown to the user cannot be taken back. Abortable through ChatOptions.signal.
 */
import OpenAI from "openai";
import { z } from "zod";
import type { Config } from "../env.ts";
import { AppError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { ChatMessage, ChatModel, ChatOptions } from "./types.ts";

export type LlmConfig = NonNullable<Config["llm"]>;

export interface ChatModelTuning {
  /** First backoff delay; doubles per attempt (default 500 ms). */
  retryBaseMs?: number;
  /** Upper bound of any single wait, Retry-After included (default 30 s). */
  retryMaxMs?: number;
}

// What the code relies on in each streamed chunk; anything else in it is ignored.
const ChunkSchema = z.object({
  choices: z
    .array(z.object({ delta: z.object({ content: z.string().nullish() }).nullish(), finish_reason: z.string().nullish() }))
    .default([]),
});

class Retryable extends Error {
  constructor(readonly appError: AppError, readonly waitMs: number | null) {
    super(appError.message);
  }
}

function retryAfterMs(headers: Headers | undefined): number | null {
  if (!headers) return null;
  const ms = headers.get("retry-after-ms");
  if (ms && Number.isFinite(Number(ms))) return Number(ms);
  const ra = headers.get("retry-after");
  if (!ra) return null;
  if (/^\d+(\.\d+)?$/.test(ra.trim())) return Number(ra) * 1000;
  const at = Date.parse(ra);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Endpoint host for display: never the key, never the path's secrets. */
export function displayEndpoint(baseURL: string): string {
  try {
    return new URL(baseURL).host;
  } catch {
    return "（无效地址）";
  }
}

export class OpenAIChatModel implements ChatModel {
  readonly model: string;
  readonly endpoint: string;
  private readonly client: OpenAI;

  constructor(
    private readonly config: LlmConfig,
    private readonly logger: Logger,
    private readonly tuning: ChatModelTuning = {},
  ) {
    this.model = config.model;
    this.endpoint = displayEndpoint(config.baseURL);
    // The SDK's own retries are off: ours know whether text was already streamed.
    this.client = new OpenAI({ baseURL: config.baseURL, apiKey: config.apiKey, maxRetries: 0, timeout: config.timeoutMs });
  }

  async complete(messages: ChatMessage[], options: ChatOptions = {}): Promise<string> {
    const base = this.tuning.retryBaseMs ?? 500;
    const cap = this.tuning.retryMaxMs ?? 30_000;
    for (let attempt = 0; ; attempt++) {
      options.signal?.throwIfAborted();
      try {
        return await this.once(messages, options);
      } catch (e) {
        if (!(e instanceof Retryable)) throw e;
        if (attempt >= this.config.maxRetries) throw e.appError;
        const backoff = base * 2 ** attempt * (0.8 + Math.random() * 0.4);
        const wait = Math.min(cap, e.waitMs ?? backoff);
        this.logger.warn(`模型请求失败（${e.appError.code}），${Math.round(wait)} ms 后第 ${attempt + 1} 次重试`);
        await sleep(wait, options.signal);
      }
    }
  }

  private async once(messages: ChatMessage[], options: ChatOptions): Promise<string> {
    // Idle timer: a server that stops sending (before or during the stream) is a timeout.
    const ctrl = new AbortController();
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        ctrl.abort(new Error("idle timeout"));
      }, this.config.timeoutMs);
    };
    const onOuterAbort = () => ctrl.abort(options.signal!.reason);
    options.signal?.addEventListener("abort", onOuterAbort, { once: true });
    let text = "";
    let streamed = false;
    try {
      arm();
      const stream = await this.client.chat.completions.create(
        {
          model: this.config.model,
          messages,
          stream: true,
          ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
          ...(options.maxTokens !== undefined ? { max_tokens: options.maxTokens } : {}),
        },
        { signal: ctrl.signal },
      );
      for await (const raw of stream) {
        arm();
        const chunk = ChunkSchema.safeParse(raw);
        if (!chunk.success) throw new AppError("upstream:model_malformed", "模型返回的数据格式无效", { cause: chunk.error });
        const delta = chunk.data.choices[0]?.delta?.content ?? "";
        if (delta) {
          text += delta;
          streamed = true;
          options.onDelta?.(delta);
        }
      }
      return text;
    } catch (e) {
      if (options.signal?.aborted) throw options.signal.reason ?? e;
      throw this.classify(e, timedOut, streamed);
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onOuterAbort);
    }
  }

  private classify(e: unknown, timedOut: boolean, streamed: boolean): Error {
    if (e instanceof AppError) return e;
    if (streamed) {
      return new AppError(timedOut ? "timeout:model" : "upstream:model_stream", timedOut ? "模型输出中途超时，本节未完成" : "模型输出中途中断，本节未完成", { cause: e });
    }
    if (timedOut || e instanceof OpenAI.APIConnectionTimeoutError) {
      return new Retryable(new AppError("timeout:model", `模型在 ${Math.round(this.config.timeoutMs / 1000)} 秒内没有响应`, { cause: e }), null);
    }
    if (e instanceof OpenAI.APIError && e.status !== undefined) {
      if (e.status === 429) return new Retryable(new AppError("rate_limited:model", "模型服务繁忙（429），请稍后再试", { cause: e }), retryAfterMs(e.headers));
      if (e.status >= 500) return new Retryable(new AppError("upstream:model", `模型服务出错（${e.status}）`, { cause: e }), retryAfterMs(e.headers));
      if (e.status === 401 || e.status === 403) return new AppError("upstream:model_auth", "模型服务拒绝访问：请检查 LLM_API_KEY", { cause: e });
      if (e.status === 404) return new AppError("upstream:model_not_found", `模型服务找不到模型“${this.config.model}”：请检查 LLM_MODEL 和 LLM_BASE_URL`, { cause: e });
      return new AppError("upstream:model", `模型服务拒绝了请求（${e.status}）`, { cause: e });
    }
    if (e instanceof OpenAI.APIConnectionError) {
      return new Retryable(new AppError("unavailable:model", `无法连接模型服务 ${this.endpoint}`, { cause: e }), null);
    }
    if (e instanceof SyntaxError) return new AppError("upstream:model_malformed", "模型返回的数据格式无效", { cause: e });
    return new AppError("upstream:model", "调用模型失败", { cause: e });
  }
}
