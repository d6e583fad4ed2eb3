import type { Config } from "../env.ts";
import { createLocalEmbedder } from "./local.ts";
import { createOpenAIEmbedder } from "./openai.ts";
import type { Embedder } from "./types.ts";


/** Build the configured embedder (an openai one with unknown dimension learns it in `readyEmbedder`). */
export function createEmbedder(config: Config["embedder"]): Embedder {
  if (config.kind === "local") return createLocalEmbedder(config.dimension);
  return createOpenAIEmbedder({ baseURL: config.baseURL, apiKey: config.apiKey, model: config.model, dimension: config.dimension });
}

/** Make sure `embedder.dimension` is known (asks an openai endpoint once if it was not configured). */
export async function readyEmbedder(embedder: Embedder): Promise<Embedder> {
  const e = embedder as Embedder & { resolveDimension?: () => Promise<number> };
  if (typeof e.resolveDimension === "function") await e.resolveDimension();
  return embedder;
}
