/**
 * How each real server streams, lists its models and refuses, as documented (docs/models.md has
 * the sources). The fake server (server.ts) speaks one of these; the compatibility matrix test
 * runs drafting, rewriting and the model check against each.
 */
export type ProfileName = "openai" | "ollama" | "ollama-old" | "vllm" | "llamacpp" | "deepseek" | "dashscope" | "lmstudio";

export interface ServerProfile {
  name: ProfileName;
  /** Where a thought goes: in the content between tags, a delta field, or a closing tag only (template opened it). */
  thought: "tags" | "reasoning_content" | "reasoning" | "orphan-close";
  /** First chunk carries only the role (vLLM, llama.cpp, DashScope). */
  roleFirst: boolean;
  /** A final chunk with empty `choices` and the usage (vLLM with include_usage, DashScope). */
  usageChunk: boolean;
  /** SSE comments sent before the first chunk while the request waits (DeepSeek's “: keep-alive”). */
  keepAlive: boolean;
  /** GET …/models: the listing body for the served model names. */
  models(ids: string[], contextTokens: number | null): unknown;
  /** Extra listing endpoints (path → body), e.g. Ollama's /api/tags, llama.cpp's /props. */
  extras(ids: string[], contextTokens: number | null): Record<string, unknown>;
  /** The refusal of a prompt over the window; null: the server truncates silently (Ollama). */
  contextRefusal(limit: number, requested: number): { status: number; body: unknown } | null;
  /** The body of a 429. */
  rateLimited(): unknown;
}

const openaiList = (ids: string[], owner: string, extra: (id: string) => Record<string, unknown> = () => ({})) => ({
  object: "list",
  data: ids.map((id) => ({ id, object: "model", created: 0, owned_by: owner, ...extra(id) })),
});
const openaiError = (message: string, type: string, code: unknown = null) => ({ error: { message, type, param: null, code } });
const maxLenMessage = (limit: number, requested: number) =>
  `This model's maximum context length is ${limit} tokens. However, you requested ${requested} tokens (${requested - 1} in the messages, 1 in the completion). Please reduce the length of the messages or completion.`;

export const PROFILES: Record<ProfileName, ServerProfile> = {
  openai: {
    name: "openai",
    thought: "reasoning_content",
    roleFirst: false,
    usageChunk: false,
    keepAlive: false,
    models: (ids) => openaiList(ids, "system"),
    extras: () => ({}),
    contextRefusal: (l, r) => ({ status: 400, body: openaiError(maxLenMessage(l, r), "invalid_request_error", "context_length_exceeded") }),
    rateLimited: () => openaiError("Rate limit reached", "requests", "rate_limit_exceeded"),
  },
  // Ollama 0.9+ separates the thought; over /v1 it arrives as `reasoning`. The native listing is /api/tags.
  ollama: {
    name: "ollama",
    thought: "reasoning",
    roleFirst: false,
    usageChunk: false,
    keepAlive: false,
    models: (ids) => openaiList(ids, "library"),
    extras: (ids) => ({ "/api/tags": { models: ids.map((name) => ({ name, model: name, size: 5_000_000_000, details: { family: "qwen3", parameter_size: "8.2B", quantization_level: "Q4_K_M" } })) } }),
    // The prompt is cut to num_ctx without an error.
    contextRefusal: () => null,
    rateLimited: () => openaiError("server busy, please try again.  maximum pending requests exceeded", "api_error"),
  },
  // Before 0.9 a DeepSeek-R1 tag wrote its thought into the content between <think> tags.
  "ollama-old": {
    name: "ollama-old",
    thought: "tags",
    roleFirst: false,
    usageChunk: false,
    keepAlive: false,
    models: (ids) => openaiList(ids, "library"),
    extras: (ids) => ({ "/api/tags": { models: ids.map((name) => ({ name, model: name })) } }),
    contextRefusal: () => null,
    rateLimited: () => openaiError("server busy", "api_error"),
  },
  // vLLM with --reasoning-parser: reasoning_content (`reasoning` from 0.11), role-only first chunk,
  // usage chunk with empty choices, max_model_len in the listing, 400 on a prompt over the window.
  vllm: {
    name: "vllm",
    thought: "reasoning_content",
    roleFirst: true,
    usageChunk: true,
    keepAlive: false,
    models: (ids, ctx) => openaiList(ids, "vllm", (id) => ({ root: id, parent: null, max_model_len: ctx ?? 32768 })),
    extras: () => ({}),
    contextRefusal: (l, r) => ({ status: 400, body: openaiError(maxLenMessage(l, r), "BadRequestError", 400) }),
    rateLimited: () => openaiError("Too many requests", "RateLimitError", 429),
  },
  // llama.cpp's server (--jinja, default --reasoning-format deepseek): reasoning_content; n_ctx in /props;
  // exceed_context_size_error with n_prompt_tokens and n_ctx.
  llamacpp: {
    name: "llamacpp",
    thought: "reasoning_content",
    roleFirst: true,
    usageChunk: false,
    keepAlive: false,
    models: (ids, ctx) => openaiList(ids, "llamacpp", () => ({ meta: { n_ctx_train: 131072, n_params: 8_000_000_000 } })),
    extras: (_ids, ctx) => ({ "/props": { default_generation_settings: { n_ctx: ctx ?? 4096 }, total_slots: 1 } }),
    contextRefusal: (l, r) => ({
      status: 400,
      body: { error: { code: 400, message: `request (${r} tokens) exceeds the available context size (${l} tokens), try increasing it`, type: "exceed_context_size_error", n_prompt_tokens: r, n_ctx: l } },
    }),
    rateLimited: () => ({ error: { code: 503, message: "Loading model", type: "unavailable_error" } }),
  },
  // The DeepSeek API: reasoning_content for deepseek-reasoner, keep-alive comments while queued, 429 with Retry-After.
  deepseek: {
    name: "deepseek",
    thought: "reasoning_content",
    roleFirst: true,
    usageChunk: false,
    keepAlive: true,
    models: (ids) => openaiList(ids, "deepseek"),
    extras: () => ({}),
    contextRefusal: (l, r) => ({ status: 400, body: openaiError(maxLenMessage(l, r), "invalid_request_error", "invalid_request_error") }),
    rateLimited: () => openaiError("Rate Limit Reached", "rate_limit_error", "rate_limit_reached"),
  },
  // DashScope's compatible mode: reasoning_content (Qwen3 with enable_thinking), a usage chunk with
  // empty choices, “Range of input length should be [1, N]” on a long prompt.
  dashscope: {
    name: "dashscope",
    thought: "reasoning_content",
    roleFirst: true,
    usageChunk: true,
    keepAlive: false,
    models: (ids) => openaiList(ids, "system"),
    extras: () => ({}),
    contextRefusal: (l) => ({ status: 400, body: openaiError(`<400> InternalError.Algo.InvalidParameter: Range of input length should be [1, ${l}]`, "invalid_request_error", "invalid_parameter_error") }),
    rateLimited: () => openaiError("Requests rate limit exceeded, please try again later.", "limit_requests", "limit_requests"),
  },
  // LM Studio: a distilled reasoning model's thought in the content between tags unless the
  // “separate reasoning” setting is on; a template that opens the block leaves only </think>.
  lmstudio: {
    name: "lmstudio",
    thought: "orphan-close",
    roleFirst: false,
    usageChunk: false,
    keepAlive: false,
    models: (ids) => openaiList(ids, "organization_owner"),
    extras: (ids, ctx) => ({ "/api/v0/models": { data: ids.map((id) => ({ id, type: "llm", state: "loaded", max_context_length: 131072, loaded_context_length: ctx ?? 4096 })) } }),
    contextRefusal: (l, r) => ({ status: 400, body: { error: `Trying to keep the first ${r} tokens when context the overflows. However, the model is loaded with context length of only ${l} tokens, which is not enough.` } }),
    rateLimited: () => ({ error: "busy" }),
  },
};
