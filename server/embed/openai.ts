import OpenAI from "openai";
import { AppError } from "../errors.ts";
import type { Embedder } from "./types.ts";

export interface OpenAIEmbedderOptions {
  baseURL: string;
  apiKey: string;
  model: string;
  /** Expected vector length; null: learned from the first response (see `resolveDimension`). */
  dimension: number | null;
  batchSize?: number; // texts per request, default 64
  timeoutMs?: number; // per request, default 60 s
  maxRetries?: number; // on 429/5xx/timeouts (the client backs off), default 3
}

export interface OpenAIEmbedder extends Embedder {
  /** Ask the endpoint once when the dimension was not configured; returns the dimension. */
  resolveDimension(): Promise<number>;
}

/** Embedder for any OpenAI-compatible /embeddings endpoint (OpenAI, Ollama, vLLM, TEI, LM Studio…). */
export function createOpenAIEmbedder(opts: OpenAIEmbedderOptions): OpenAIEmbedder {
  const client = new OpenAI({
    baseURL: opts.baseURL,
    apiKey: opts.apiKey,
    timeout: opts.timeoutMs ?? 60_000,
    // The client retries 408/409/429/5xx and connection errors with exponential backoff and Retry-After.
    maxRetries: opts.maxRetries ?? 3,
  });
  const batchSize = opts.batchSize ?? 64;
  let dimension = opts.dimension;

  async function request(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    let res: OpenAI.Embeddings.CreateEmbeddingResponse;
    try {
      res = await client.embeddings.create({ model: opts.model, input: texts, encoding_format: "float" }, { signal });
    } catch (e) {
      if (e instanceof OpenAI.APIConnectionTimeoutError) {
        throw new AppError("timeout:embedder", `向量服务超时（${opts.baseURL}）`, { cause: e });
      }
      if (e instanceof OpenAI.APIError) {
        const status = e.status ?? 0;
        if (status === 429) throw new AppError("rate_limited:embedder", "向量服务限流，重试后仍失败，请稍后再试", { cause: e });
        if (status === 401 || status === 403) throw new AppError("upstream:embedder_auth", "向量服务拒绝访问：请检查 EMBED_API_KEY", { cause: e });
        throw new AppError("upstream:embedder", `向量服务出错（${status || "无法连接"}）：${opts.baseURL}`, { cause: e });
      }
      throw new AppError("upstream:embedder", `无法调用向量服务：${opts.baseURL}`, { cause: e });
    }
    const data = [...(res.data ?? [])].sort((a, b) => a.index - b.index);
    if (data.length !== texts.length) {
      throw new AppError("upstream:embedder_count", `向量服务返回 ${data.length} 个向量，应为 ${texts.length} 个`);
    }
    return data.map((d, i) => {
      const emb = d.embedding as unknown;
      if (!Array.isArray(emb) || emb.some((x) => typeof x !== "number" || !Number.isFinite(x))) {
        throw new AppError("upstream:embedder_format", "向量服务返回的不是浮点数组（需要 encoding_format=float）");
      }
      if (dimension === null) dimension = emb.length;
      if (emb.length !== dimension) {
        // Never pad or truncate: vectors of another model would silently poison the index.
        throw new AppError(
          "upstream:embedder_dimension",
          `向量维度不符：第 ${i + 1} 个向量长度为 ${emb.length}，应为 ${dimension}。请检查 EMBED_MODEL 与 EMBED_DIMENSION 的设置`,
        );
      }
      return Float32Array.from(emb as number[]);
    });
  }

  return {
    get name() {
      return `openai:${opts.model}`;
    },
    get dimension() {
      if (dimension === null) throw new AppError("internal:embedder_dimension", "向量维度未知：请先调用 resolveDimension()");
      return dimension;
    },
    async resolveDimension() {
      if (dimension === null) await request(["维度探测"]);
      return dimension!;
    },
    async embed(texts, options) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        out.push(...(await request(texts.slice(i, i + batchSize), options?.signal)));
      }
      return out;
    },
  };
}
