/**
 * What a model server's refusal means, in one Chinese sentence that says what to change. The
 * context-length refusals of each server are recognised by their documented wording
 * (docs/models.md): vLLM and the DeepSeek API (“maximum context length is N tokens”), llama.cpp's
 * server (`exceed_context_size_error`, “exceeds the available context size”), DashScope (“Range of
 * input length should be [1, N]”), and the generic OpenAI `context_length_exceeded`.
 */
import { AppError } from "../errors.ts";

const CONTEXT_RE =
  /maximum context length|context[_ ]length[_ ]exceeded|exceed(?:s|ed)?[_ ](?:the[_ ])?(?:available[_ ])?context[_ ]size|exceed_context_size|range of input length|input (?:is )?too long|prompt is too long|max_model_len|too many tokens|loaded with context length of only|cannot truncate prompt with n_keep/i;

/** The window a context-length refusal names, when it names one. */
export function contextLimitIn(message: string, body?: unknown): number | null {
  const b = body as { n_ctx?: unknown; error?: { n_ctx?: unknown } } | undefined;
  const nctx = Number(b?.n_ctx ?? b?.error?.n_ctx);
  if (Number.isFinite(nctx) && nctx > 0) return nctx;
  const m =
    /maximum context length is (\d+)/i.exec(message) ??
    /available context size \((\d+)/i.exec(message) ??
    /input length should be \[\s*1\s*,\s*(\d+)\s*\]/i.exec(message) ??
    /max_model_len[^\d]{0,20}(\d+)/i.exec(message) ??
    /context length of only (\d+)/i.exec(message) ??
    />=\s*n_ctx\s*\((\d+)\)/i.exec(message);
  return m ? Number(m[1]) : null;
}

export function isContextError(message: string): boolean {
  return CONTEXT_RE.test(message);
}

/** The prompt did not fit the model's window; `limit` is the window the server named, if any. */
export function contextError(limit: number | null, cause?: unknown): AppError {
  const window = limit ? `（约 ${limit} 个词元）` : "";
  return new AppError(
    "too_large:model_context",
    `提示内容超出了模型的上下文窗口${window}：请减少要点或参考材料，或在服务端加大上下文长度后把 LLM_CONTEXT_TOKENS 设为新值`,
    { cause, details: limit ? { contextTokens: limit } : undefined },
  );
}

export function isContextAppError(e: unknown): e is AppError {
  return e instanceof AppError && e.code === "too_large:model_context";
}

/** The output reached max_tokens: the text is unfinished and must not be taken as done. */
export function truncatedError(thinkingOnly: boolean): AppError {
  return new AppError(
    "upstream:model_truncated",
    thinkingOnly ? "模型思考过长，达到输出长度上限仍未给出正文，未写完" : "模型输出达到长度上限被截断，未写完",
  );
}

/** The stream ended with thought only and no text. */
export function thoughtOnlyError(): AppError {
  return new AppError("upstream:model_no_text", "模型只输出了思考过程，没有给出正文");
}
