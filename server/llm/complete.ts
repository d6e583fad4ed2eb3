import { AppError } from "../errors.ts";
import type { ChatMessage, ChatModel, ChatOptions } from "./types.ts";

/**
 * One model call for a job that has an offline way round: the client's own errors (timeouts, refusals,
 * the server's words) pass as they are, anything else becomes `failure`, the writer's words for what to do.
 */
export async function completeFor(model: ChatModel, messages: ChatMessage[], options: ChatOptions, failure: string): Promise<string> {
  try {
    return await model.complete(messages, options);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError("upstream:model", failure, { cause: e });
  }
}
