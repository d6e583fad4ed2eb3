/** The one seam for text generation. `openai` (any OpenAI-compatible endpoint) or none (offline engine). */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface ChatOptions {
  temperature?: number;
  maxTokens?: number;
  signal?: AbortSignal;
  /** Called with each streamed text delta (never a thought). */
  onDelta?: (delta: string) => void;
  /** Called, at most twice a second, while the model thinks before or instead of writing. */
  onThinking?: (p: ThinkingProgress) => void;
  /** A closing </think> with no opening one arrived: every delta passed on so far was thought. */
  onRetract?: () => void;
  /** A short job (the model check, a rewrite): with LLM_DISABLE_THINKING the model is asked not to think. */
  brief?: boolean;
}

export interface ThinkingProgress {
  /** Characters of thought so far (never the thought itself). */
  chars: number;
  elapsedMs: number;
}

export interface ChatModel {
  /** Model name as served (the `model` of its replies), else as configured; shown to the user. */
  readonly model: string;
  /** Endpoint host for display (never includes the key). */
  readonly endpoint: string;
  /** Context window in tokens when known (LLM_CONTEXT_TOKENS or what the server reported). */
  readonly contextTokens?: number | null;
  /** How the model delivered its last thought: a separate field, `<think>` tags, or none seen. */
  readonly reasoning?: "field" | "tags" | null;
  /**
   * Full text of the reply, thoughts removed; streams through onDelta when given. Retries
   * transient failures. Throws `upstream:model_truncated` when the output hit max_tokens and
   * `too_large:model_context` when the prompt did not fit.
   */
  complete(messages: ChatMessage[], options?: ChatOptions): Promise<string>;
}

/**
 * Prompts loaded from prompts/*.md at start (front matter lists inputs; a missing or unused input
 * is an error at load time). `render` returns the messages for one call; `fill` returns the text of
 * a fragment (a `<<<text>>>` file) to pass into a prompt as one of its inputs.
 */
export interface PromptLibrary {
  names(): string[];
  render(name: string, vars: Record<string, string>): ChatMessage[];
  fill(name: string, vars?: Record<string, string>): string;
}
