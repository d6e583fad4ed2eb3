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
  // Servers cap a request's inputs (DashScope's text-embedding-v3 takes 10, others a token total):
  // a refusal that names the batch halves it for the rest of the run.
  let batchSize = opts.batchSize ?? 64;
  let dimension = opts.dimension;
  const batchRefusal = (e: unknown) =>
    e instanceof AppError && e.code === "upstream:embedder_batch";

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
        if ((status === 400 || status === 413 || status === 422) && texts.length > 1 && /batch|too (many|large)|larger than|exceed|maximum|limit/i.test(e.message))
          throw new AppError("upstream:embedder_batch", `向量服务拒绝了一次 ${texts.length} 条的请求`, { cause: e });
        if (status === 404) throw new AppError("upstream:embedder_model", `向量服务找不到模型“${opts.model}”：请检查 EMBED_MODEL 和 EMBED_BASE_URL`, { cause: e });
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
      for (let i = 0; i < texts.length; ) {
        const batch = texts.slice(i, i + batchSize);
        try {
          out.push(...(await request(batch, options?.signal)));
          i += batch.length;
        } catch (e) {
          if (!batchRefusal(e) || batch.length <= 1) throw e;
          batchSize = Math.max(1, Math.floor(batch.length / 2));
        }
      }
      return out;
    },
  };
}

export interface EmbeddingProbe {
  endpoint: string;
  model: string;
  dimension: number | null;
  /** The dimension the index was built with or EMBED_DIMENSION asks for; null: not fixed. */
  expected: number | null;
  problems: string[];
}

/** One tiny request: does the endpoint answer, and with vectors of which length. Never throws. */
export async function probeEmbeddings(opts: OpenAIEmbedderOptions, expected: number | null): Promise<EmbeddingProbe> {
  let endpoint = opts.baseURL;
  try {
    endpoint = new URL(opts.baseURL).host;
  } catch {
    /* keep as given */
  }
  const report: EmbeddingProbe = { endpoint, model: opts.model, dimension: null, expected, problems: [] };
  const embedder = createOpenAIEmbedder({ ...opts, dimension: null, maxRetries: 0, timeoutMs: Math.min(opts.timeoutMs ?? 15_000, 15_000) });
  try {
    report.dimension = await embedder.resolveDimension();
    if (expected !== null && report.dimension !== expected)
      report.problems.push(`向量维度是 ${report.dimension}，而索引按 ${expected} 维建立：请改回原来的 EMBED_MODEL，或删除数据目录下的 lancedb 后重建索引（并把 EMBED_DIMENSION 设为 ${report.dimension}）`);
  } catch (e) {
    const cause = (e as { cause?: unknown }).cause;
    const conn = cause instanceof OpenAI.APIConnectionError && !(cause instanceof OpenAI.APIConnectionTimeoutError);
    report.problems.push(conn ? `无法连接向量服务 ${endpoint}：请确认服务已启动，并检查 EMBED_BASE_URL 中的地址和端口` : `试调用向量服务失败：${(e as Error).message}`);
  }
  return report;
}
