/**
 * The context budget: every prompt is assembled to fit the model's window, dropping the
 * lowest-ranked reference passages first and never the facts; a server's context-length refusal
 * leads to one retry with a smaller prompt, then a clear Chinese error.
 *
 * The token estimate errs on the safe side. Tokenizers of the models offices run put 0.6–0.8
 * tokens on a Han character (Qwen, DeepSeek, GLM) and about 1–1.3 on Llama-3-based distillations;
 * we count 1.3 per Han character or full-width mark, 0.35 per ASCII letter or digit (about three
 * characters a token), 1 per other character, and 8 per message for the chat template's markers.
 */
import { AppError } from "../errors.ts";
import { contextError, isContextAppError } from "./errors.ts";
import type { ChatMessage, ChatModel, ChatOptions } from "./types.ts";

const PER_MESSAGE = 8;

export function estimateTokens(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) n += c === 0x20 || c === 0x0a ? 0.25 : 0.35;
    else n += c >= 0x2e80 ? 1.3 : 1;
  }
  return Math.ceil(n);
}

export function estimateMessages(messages: ChatMessage[]): number {
  return messages.reduce((n, m) => n + PER_MESSAGE + estimateTokens(m.content), 16);
}

/** Tokens kept free for the reply (and a reasoning model's thought): a quarter of the window, 1k–4k. */
export function outputReserve(window: number, maxTokens?: number): number {
  if (maxTokens) return maxTokens;
  return Math.min(4096, Math.max(1024, Math.floor(window / 4)));
}

/**
 * The most passages (the first `count`, in rank order) whose prompt fits `budget` tokens; null
 * budget: all of them. When even none fit, the facts alone are too long: a Chinese error.
 */
export function fitPassages(build: (keep: number) => ChatMessage[], count: number, budget: number | null): { messages: ChatMessage[]; kept: number } {
  if (budget === null) return { messages: build(count), kept: count };
  for (let keep = count; keep >= 0; keep--) {
    const messages = build(keep);
    if (estimateMessages(messages) <= budget) return { messages, kept: keep };
  }
  throw new AppError(
    "too_large:model_context",
    `本节的要点本身已超出模型的上下文窗口（可用约 ${budget} 个词元）：请把要点拆到几个小节，或在服务端加大上下文长度后设置 LLM_CONTEXT_TOKENS`,
    { details: { contextTokens: budget } },
  );
}

export interface FittedCall {
  /** Builds the messages for a prompt budget in tokens (null: no known limit). */
  build: (budget: number | null) => ChatMessage[];
  /** Called with how many tokens the prompt may take after a refusal; for logging and tests. */
  onShrink?: (budget: number) => void;
}

/**
 * Call the model with a prompt built within its window. A context-length refusal (the window was
 * unknown or the estimate too low) gets one retry with a prompt a third smaller than the refused
 * one, or within the window the server named; a second refusal is the clear Chinese error.
 */
export async function completeWithin(model: ChatModel, call: FittedCall, options: ChatOptions = {}): Promise<string> {
  const window = model.contextTokens ?? null;
  const budget = window ? window - outputReserve(window, options.maxTokens) : null;
  const first = call.build(budget);
  try {
    return await model.complete(first, options);
  } catch (e) {
    if (!isContextAppError(e)) throw e;
    const named = Number(e.details?.contextTokens) || null;
    const sent = estimateMessages(first);
    const smaller = Math.floor(Math.min(sent * 0.66, named ? named - outputReserve(named, options.maxTokens) : Infinity));
    call.onShrink?.(smaller);
    const second = call.build(smaller);
    if (estimateMessages(second) >= sent) throw contextError(named, e);
    try {
      return await model.complete(second, options);
    } catch (e2) {
      if (isContextAppError(e2)) throw contextError(named ?? (Number(e2.details?.contextTokens) || null), e2);
      throw e2;
    }
  }
}
