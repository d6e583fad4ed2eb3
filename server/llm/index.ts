/** The model seam: which engine drafts. null means no endpoint is configured and the offline engine serves. */
import type { Config } from "../env.ts";
import type { Logger } from "../log.ts";
import { OpenAIChatModel, type ChatModelTuning } from "./openai.ts";
import type { ChatModel } from "./types.ts";


/** The engine a request gets: as asked, else the model when one is configured, else the offline engine. */
export function defaultEngine(requested: "offline" | "llm" | undefined, model: ChatModel | null): "offline" | "llm" {
  return requested ?? (model ? "llm" : "offline");
}

/** Build the chat model from config.llm, or null when none is configured (offline engine). */
export function createChatModel(config: Config["llm"], logger: Logger, tuning?: ChatModelTuning): ChatModel | null {
  if (!config) return null;
  logger.info(`起草引擎：模型 ${config.model} @ ${new URL(config.baseURL).host}`);
  return new OpenAIChatModel(config, logger, tuning);
}

/** The prompts drafting needs; loadPrompts(dir, DRAFTING_PROMPTS) fails at start when one is absent. */
export const DRAFTING_PROMPTS = [
  "draft-opening", "draft-section", "repair-section", "repair-malformed",
  "section-role-work", "section-role-problems", "section-role-plans", "section-role-closing", "section-role-no-facts",
  "section-items-one", "section-items-many", "section-length",
];
