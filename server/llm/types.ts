/** The one seam for text generation. `openai` (any OpenAI-compatible endpoint) or none (offline engine). */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface ChatOptions {
  temperature?: number;
  maxTokens?: number;
  signal?: AbortSignal;
  /** Called with each streamed text delta. */
  onDelta?: (delta: string) => void;
}

export interface ChatModel {
  /** Model name as configured, shown to the user (e.g. "deepseek-chat"). */
  readonly model: string;
  /** Endpoint host for display (never includes the key). */
  readonly endpoint: string;
  /** Full text of the reply; streams through onDelta when given. Retries transient failures. */
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
