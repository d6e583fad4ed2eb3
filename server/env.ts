import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The only reader of process.env. Parsed once at start; a bad value stops the process with a
 * message naming the variable and a valid example.
 */
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const int = (def: number, min: number, max: number) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? def : Number(v)),
    z.number().int().min(min).max(max),
  );

export const EnvSchema = z
  .object({
    HOST: z.string().default("127.0.0.1"),
    PORT: int(8787, 1, 65535),
    ZONGJIE_DATA: z.string().default("./data"),
    ZONGJIE_TOKEN: optionalString,
    CORS_ORIGINS: optionalString, // comma-separated origins; unset: no CORS headers at all
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),

    LLM_BASE_URL: optionalString.pipe(z.string().url().optional()),
    LLM_API_KEY: optionalString,
    LLM_MODEL: optionalString,
    LLM_TIMEOUT_MS: int(120_000, 1_000, 3_600_000),
    LLM_MAX_RETRIES: int(3, 0, 10),
    LLM_CONCURRENCY: int(3, 1, 16),

    EMBEDDER: z.enum(["local", "openai"]).default("local"),
    EMBED_BASE_URL: optionalString.pipe(z.string().url().optional()),
    EMBED_API_KEY: optionalString,
    EMBED_MODEL: optionalString,
    EMBED_DIMENSION: int(512, 8, 8192),

    MAX_UPLOAD_MB: int(10, 1, 200),
    /** Worker threads for /api/check (0: check on the main thread). */
    CHECK_WORKERS: int(1, 0, 8),
    /** Memory for the in-memory search copy of the corpus (0: every search goes to LanceDB). */
    SEARCH_MEMORY_MB: int(256, 0, 65_536),
    /** Worker threads that read uploaded and ingested files (separate from the check workers). */
    PARSE_WORKERS: int(1, 1, 8),
    /** Deadline for reading one file of up to 5 MB, in seconds; as much again for every further 5 MB. */
    PARSE_TIMEOUT_S: int(20, 1, 3600),
    /** Heap of a parse worker, in MB. */
    PARSE_HEAP_MB: int(1024, 64, 16_384),
    /** Growth of the process's memory allowed while one file is read, in MB (pdf.js and inflating allocate outside the heap). */
    PARSE_MEMORY_MB: int(2048, 64, 65_536),
    /** Characters one file may yield. */
    PARSE_MAX_CHARS: int(3_000_000, 10_000, 100_000_000),
  })
  .superRefine((env, ctx) => {
    if (env.LLM_BASE_URL && !env.LLM_MODEL) {
      ctx.addIssue({ code: "custom", path: ["LLM_MODEL"], message: "LLM_BASE_URL is set, so LLM_MODEL is required (e.g. LLM_MODEL=deepseek-chat)" });
    }
    if (env.EMBEDDER === "openai") {
      if (!env.EMBED_BASE_URL && !env.LLM_BASE_URL)
        ctx.addIssue({ code: "custom", path: ["EMBED_BASE_URL"], message: "EMBEDDER=openai needs EMBED_BASE_URL (e.g. http://127.0.0.1:11434/v1)" });
      if (!env.EMBED_MODEL)
        ctx.addIssue({ code: "custom", path: ["EMBED_MODEL"], message: "EMBEDDER=openai needs EMBED_MODEL (e.g. EMBED_MODEL=bge-m3)" });
    }
    const loopback = ["127.0.0.1", "localhost", "::1"].includes(env.HOST) || env.HOST.startsWith("127.");
    if (!loopback && !env.ZONGJIE_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["ZONGJIE_TOKEN"],
        message: `HOST=${env.HOST} listens beyond this machine, so ZONGJIE_TOKEN is required (e.g. ZONGJIE_TOKEN=$(openssl rand -hex 24))`,
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  host: string;
  port: number;
  dataDir: string; // absolute
  token: string | null;
  corsOrigins: string[];
  logLevel: Env["LOG_LEVEL"];
  llm: { baseURL: string; apiKey: string; model: string; timeoutMs: number; maxRetries: number; concurrency: number } | null;
  embedder:
    | { kind: "local"; dimension: number }
    | { kind: "openai"; baseURL: string; apiKey: string; model: string; dimension: number | null };
  maxUploadBytes: number;
  checkWorkers: number;
  searchMemoryMB: number;
  /** Reading files in worker threads: how many, and the limits each file is held to. */
  parse: { workers: number; timeoutMs: number; heapMb: number; memoryMb: number; maxChars: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置错误 / invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parse configuration from an env-like record; throws ConfigError listing every bad variable. */
export function parseConfig(source: Record<string, string | undefined>, overrides: { dataDir?: string } = {}): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".") || "(env)"}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(overrides.dataDir ?? e.ZONGJIE_DATA),
    token: e.ZONGJIE_TOKEN ?? null,
    corsOrigins: e.CORS_ORIGINS ? e.CORS_ORIGINS.split(",").map((s) => s.trim()).filter(Boolean) : [],
    logLevel: e.LOG_LEVEL,
    llm: e.LLM_BASE_URL
      ? {
          baseURL: e.LLM_BASE_URL,
          apiKey: e.LLM_API_KEY ?? "not-needed",
          model: e.LLM_MODEL!,
          timeoutMs: e.LLM_TIMEOUT_MS,
          maxRetries: e.LLM_MAX_RETRIES,
          concurrency: e.LLM_CONCURRENCY,
        }
      : null,
    embedder:
      e.EMBEDDER === "openai"
        ? {
            kind: "openai",
            baseURL: (e.EMBED_BASE_URL ?? e.LLM_BASE_URL)!,
            apiKey: e.EMBED_API_KEY ?? e.LLM_API_KEY ?? "not-needed",
            model: e.EMBED_MODEL!,
            dimension: source.EMBED_DIMENSION ? e.EMBED_DIMENSION : null,
          }
        : { kind: "local", dimension: e.EMBED_DIMENSION },
    maxUploadBytes: e.MAX_UPLOAD_MB * 1024 * 1024,
    checkWorkers: e.CHECK_WORKERS,
    searchMemoryMB: e.SEARCH_MEMORY_MB,
    parse: {
      workers: e.PARSE_WORKERS,
      timeoutMs: e.PARSE_TIMEOUT_S * 1000,
      heapMb: e.PARSE_HEAP_MB,
      memoryMb: e.PARSE_MEMORY_MB,
      maxChars: e.PARSE_MAX_CHARS,
    },
  };
}

/** Read process.env (and ./.env if present) once; on error print every problem and exit(1). */
export function loadConfig(overrides: { dataDir?: string } = {}): Config {
  if (existsSync(".env")) {
    try {
      process.loadEnvFile(".env");
    } catch (e) {
      console.error(`无法读取 .env: ${(e as Error).message}`);
      process.exit(1);
    }
  }
  try {
    return parseConfig(process.env, overrides);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}
