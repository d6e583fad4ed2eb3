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
import { contextError, contextLimitIn, isContextError, thoughtOnlyError, truncatedError } from "./errors.ts";
import { ThoughtSplitter } from "./thinking.ts";
import type { ChatMessage, ChatModel, ChatOptions } from "./types.ts";

export type LlmConfig = NonNullable<Config["llm"]>;

export interface ChatModelTuning {
  /** First backoff delay; doubles per attempt (default 500 ms). */
  retryBaseMs?: number;
  /** Upper bound of any single wait, Retry-After included (default 30 s). */
  retryMaxMs?: number;
}

// What the code relies on in each streamed chunk; anything else in it is ignored. A thought may
// come as `reasoning_content` (DeepSeek, vLLM before 0.11, llama.cpp, DashScope) or `reasoning`
// (vLLM 0.11+, Ollama); a final usage chunk has empty `choices` (vLLM, DashScope); a first chunk
// may carry only the role.
const ChunkSchema = z.object({
  model: z.string().nullish(),
  choices: z
    .array(
      z.object({
        delta: z
          .object({ content: z.string().nullish(), reasoning_content: z.string().nullish(), reasoning: z.string().nullish() })
          .nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish()
    .transform((c) => c ?? []),
  error: z.unknown().optional(),
});

/** The key under which a call hands its byte tap to `tappedFetch` through the SDK's fetchOptions. */
const ON_BYTES = Symbol("zongjie.onBytes");

/**
 * fetch that reports each piece of a response body as it arrives, SSE comments included. The SDK's
 * stream parser drops comment lines, so without this a DeepSeek request queued behind others (it
 * sends “: keep-alive” until the first chunk) would look idle and be timed out.
 */
const tappedFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const onBytes = (init as Record<symbol, unknown> | undefined)?.[ON_BYTES] as (() => void) | undefined;
  const res = await fetch(input, init);
  if (!onBytes || !res.body) return res;
  const tap = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, out) {
      onBytes();
      out.enqueue(chunk);
    },
  });
  return new Response(res.body.pipeThrough(tap), { status: res.status, statusText: res.statusText, headers: res.headers });
};

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
  readonly configuredModel: string;
  readonly endpoint: string;
  /** The model's name as the server reports it in its replies (null until the first reply). */
  servedModel: string | null = null;
  /** The context window in tokens: LLM_CONTEXT_TOKENS, else what the server reported (see learnWindow). */
  contextTokens: number | null;
  /** How the last reply that thought delivered its thought; null: no thought seen yet. */
  reasoning: "field" | "tags" | null = null;
  /** The model's template opens the thought in the prompt: replies start inside it (only </think> is seen). */
  private opensThought = false;
  private readonly client: OpenAI;
  /** The server refused the no-thinking switch once; it is not sent again. */
  private thinkingSwitchRefused = false;

  constructor(
    private readonly config: LlmConfig,
    private readonly logger: Logger,
    private readonly tuning: ChatModelTuning = {},
  ) {
    this.configuredModel = config.model;
    this.contextTokens = config.contextTokens ?? null;
    this.endpoint = displayEndpoint(config.baseURL);
    // The SDK's own retries are off: ours know whether text was already streamed.
    this.client = new OpenAI({ baseURL: config.baseURL, apiKey: config.apiKey, maxRetries: 0, timeout: config.timeoutMs, fetch: tappedFetch });
  }

  /** The engine label: the model as served, else as configured. */
  get model(): string {
    return this.servedModel ?? this.configuredModel;
  }

  /** A window the server reported (vLLM's max_model_len …); LLM_CONTEXT_TOKENS, when set, wins. */
  learnWindow(tokens: number | null): void {
    if (tokens && tokens > 0 && !this.config.contextTokens) this.contextTokens = tokens;
  }

  async complete(messages: ChatMessage[], options: ChatOptions = {}): Promise<string> {
    const base = this.tuning.retryBaseMs ?? 500;
    const cap = this.tuning.retryMaxMs ?? 30_000;
    for (let attempt = 0; ; attempt++) {
      options.signal?.throwIfAborted();
      try {
        return await this.once(messages, options);
      } catch (e) {
        if (e instanceof SwitchRefused) {
          this.thinkingSwitchRefused = true;
          this.logger.warn("模型服务不接受关闭思考的参数（LLM_DISABLE_THINKING），已改为不发送");
          attempt--;
          continue;
        }
        if (!(e instanceof Retryable)) throw e;
        if (attempt >= this.config.maxRetries) throw e.appError;
        const backoff = base * 2 ** attempt * (0.8 + Math.random() * 0.4);
        const wait = Math.min(cap, e.waitMs ?? backoff);
        this.logger.warn(`模型请求失败（${e.appError.code}），${Math.round(wait)} ms 后第 ${attempt + 1} 次重试`);
        await sleep(wait, options.signal);
      }
    }
  }

  /** The request body's extra fields that ask a Qwen3-style model not to think (short jobs only). */
  private thinkingSwitch(options: ChatOptions): Record<string, unknown> {
    if (!options.brief || !this.config.disableThinking || this.thinkingSwitchRefused) return {};
    // vLLM, SGLang and llama.cpp pass chat_template_kwargs to the template; DashScope reads enable_thinking.
    return { chat_template_kwargs: { enable_thinking: false }, enable_thinking: false };
  }

  private async once(messages: ChatMessage[], options: ChatOptions): Promise<string> {
    // Idle timer: a server that stops sending (before or during the stream) is a timeout. Every
    // chunk re-arms it, a chunk of thought as much as one of text, and so does a keep-alive comment.
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
    const split = new ThoughtSplitter(this.opensThought);
    let streamed = false;
    let finish: string | null = null;
    const started = Date.now();
    let lastReport = 0;
    const switchFields = this.thinkingSwitch(options);
    const reportThinking = () => {
      const now = Date.now();
      if (lastReport && now - lastReport < 500) return;
      lastReport = now;
      options.onThinking?.({ chars: split.thoughtChars, elapsedMs: now - started });
    };
    try {
      arm();
      const body = {
        model: this.config.model,
        messages,
        stream: true as const,
        ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
        ...(options.maxTokens !== undefined ? { max_tokens: options.maxTokens } : {}),
        ...switchFields,
      };
      // Any bytes re-arm the idle timer, keep-alive comments too (see tappedFetch).
      const fetchOptions = { [ON_BYTES]: arm } as OpenAI.RequestOptions["fetchOptions"];
      const stream = await this.client.chat.completions.create(body, { signal: ctrl.signal, fetchOptions });
      for await (const raw of stream) {
        arm();
        const chunk = ChunkSchema.safeParse(raw);
        if (!chunk.success) throw new AppError("upstream:model_malformed", "模型返回的数据格式无效", { cause: chunk.error });
        if (chunk.data.error) throw new StreamError(chunk.data.error);
        if (chunk.data.model) this.servedModel = chunk.data.model;
        const choice = chunk.data.choices[0];
        if (!choice) continue; // the usage chunk
        const thought = (choice.delta?.reasoning_content ?? "") + (choice.delta?.reasoning ?? "");
        if (thought) split.field(thought.length);
        const { text, retracted } = split.push(choice.delta?.content ?? "");
        if (retracted) {
          this.opensThought = true;
          options.onRetract?.();
        }
        if (text) {
          streamed = true;
          options.onDelta?.(text);
        } else if (split.thoughtChars > 0 && split.thinking) reportThinking();
        if (choice.finish_reason) finish = choice.finish_reason;
      }
      const rest = split.end();
      if (rest) options.onDelta?.(rest);
      if (split.form) this.reasoning = split.form;
      if (finish === "length") throw truncatedError(!split.text.trim());
      if (!split.text.trim() && split.thoughtChars > 0) throw thoughtOnlyError();
      return split.text;
    } catch (e) {
      if (options.signal?.aborted) throw options.signal.reason ?? e;
      throw this.classify(e, timedOut, streamed, Object.keys(switchFields).length > 0);
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onOuterAbort);
    }
  }

  private classify(e: unknown, timedOut: boolean, streamed: boolean, sentSwitch: boolean): Error {
    if (e instanceof AppError) return e;
    if (e instanceof StreamError) {
      const msg = e.message;
      if (isContextError(msg)) return contextError(contextLimitIn(msg, e.body), e);
      return new AppError(streamed ? "upstream:model_stream" : "upstream:model", `模型服务报错：${msg.slice(0, 120)}`, { cause: e });
    }
    if (streamed) {
      return new AppError(timedOut ? "timeout:model" : "upstream:model_stream", timedOut ? "模型输出中途超时，本节未完成" : "模型输出中途中断，本节未完成", { cause: e });
    }
    if (timedOut || e instanceof OpenAI.APIConnectionTimeoutError) {
      return new Retryable(new AppError("timeout:model", `模型在 ${Math.round(this.config.timeoutMs / 1000)} 秒内没有响应`, { cause: e }), null);
    }
    if (e instanceof OpenAI.APIError && e.status !== undefined) {
      const msg = errorText(e);
      if (e.status === 429) return new Retryable(new AppError("rate_limited:model", "模型服务繁忙（429），请稍后再试", { cause: e }), retryAfterMs(e.headers));
      if ((e.status === 400 || e.status === 413 || e.status === 422) && isContextError(msg)) return contextError(contextLimitIn(msg, e.error), e);
      if ((e.status === 400 || e.status === 422) && sentSwitch && /chat_template_kwargs|enable_thinking/i.test(msg)) return new SwitchRefused();
      if (e.status >= 500) return new Retryable(new AppError("upstream:model", `模型服务出错（${e.status}）`, { cause: e }), retryAfterMs(e.headers));
      if (e.status === 401 || e.status === 403) return new AppError("upstream:model_auth", "模型服务拒绝访问：请检查 LLM_API_KEY", { cause: e });
      if (e.status === 402) return new AppError("upstream:model_billing", "模型服务账户余额不足（402）：请充值或更换 LLM_API_KEY", { cause: e });
      if (e.status === 404) return new AppError("upstream:model_not_found", `模型服务找不到模型“${this.config.model}”：请检查 LLM_MODEL 和 LLM_BASE_URL`, { cause: e });
      return new AppError("upstream:model", `模型服务拒绝了请求（${e.status}）${msg ? `：${msg.slice(0, 120)}` : ""}`, { cause: e });
    }
    if (e instanceof OpenAI.APIError && isContextError(errorText(e))) return contextError(contextLimitIn(errorText(e), e.error), e);
    if (e instanceof OpenAI.APIConnectionError) {
      return new Retryable(new AppError("unavailable:model", `无法连接模型服务 ${this.endpoint}`, { cause: e }), null);
    }
    if (e instanceof SyntaxError) return new AppError("upstream:model_malformed", "模型返回的数据格式无效", { cause: e });
    return new AppError("upstream:model", "调用模型失败", { cause: e });
  }
}

/** An error object sent inside the stream (llama.cpp and others report late failures this way). */
class StreamError extends Error {
  constructor(readonly body: unknown) {
    const b = body as { message?: unknown; error?: { message?: unknown } } | string;
    super(typeof b === "string" ? b : String(b?.message ?? b?.error?.message ?? JSON.stringify(body)));
  }
}

/** The server refused the no-thinking fields; the request is sent again without them. */
class SwitchRefused extends Error {}

/** The server's own wording of an HTTP error (the SDK's message plus the body's message). */
function errorText(e: InstanceType<typeof OpenAI.APIError>): string {
  const body = e.error as { message?: unknown; error?: { message?: unknown } } | undefined;
  return [e.message, body?.message, body?.error?.message].filter((x) => typeof x === "string").join(" ");
}
