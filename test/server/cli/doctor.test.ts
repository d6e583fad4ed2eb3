import { afterEach, describe, expect, it } from "vitest";
import { doctor, formatDoctor, run } from "../../../server/cli/doctor.ts";
import { parseConfig } from "../../../server/env.ts";
import { startFakeOpenAI, type FakeOpenAI, type FakeOptions, type FakeReply } from "../../fake-openai/server.ts";
import { cliContext } from "../../helpers/cli.ts";
import { freePort } from "../../helpers/ports.ts";

let fake: FakeOpenAI | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

const env = (url: string, extra: Record<string, string> = {}) =>
  parseConfig({ LLM_BASE_URL: url, LLM_MODEL: "qwen3:8b", LLM_API_KEY: "sk-test", LLM_TIMEOUT_MS: "5000", LLM_MAX_RETRIES: "0", ...extra });

async function serve(reply: FakeReply, options: FakeOptions) {
  fake = await startFakeOpenAI([reply], options);
  return fake.url;
}

describe("zongjie doctor", () => {
  it("a reasoning model on vLLM: listed, timed, its thought's form and the window it reports", async () => {
    const url = await serve({ kind: "text", thought: "用户只要一个字。", text: "好" }, { profile: "vllm", models: ["qwen3:8b", "bge-m3"], contextTokens: 8192 });
    const r = await doctor(env(url));
    expect(r.problems).toEqual([]);
    expect(r.model).toMatchObject({ found: true, served: "qwen3:8b", reasoning: "field", contextTokens: 8192, contextSource: "server" });
    expect(r.model!.models).toEqual(["qwen3:8b", "bge-m3"]);
    expect(r.model!.firstTokenMs).toBeGreaterThanOrEqual(0);
    const text = formatDoctor(r);
    expect(text).toMatch(/会先思考/);
    expect(text).toMatch(/8192 词元（服务端报告）/);
    expect(text).toMatch(/未发现问题/);
  });

  it("a model that puts its thought in <think> tags (older Ollama), with Ollama's silent cut explained", async () => {
    const url = await serve({ kind: "text", thought: "想一想。", text: "好" }, { profile: "ollama-old", models: ["qwen3:8b"] });
    const r = await doctor(env(url));
    expect(r.model!.reasoning).toBe("tags");
    expect(r.model!.notes.join()).toMatch(/num_ctx.*LLM_CONTEXT_TOKENS/);
  });

  it("a missing model: names the ones served and says to change LLM_MODEL", async () => {
    const url = await serve({ kind: "text", text: "好" }, { profile: "ollama", models: ["qwen2.5:14b", "deepseek-r1:8b"] });
    const { c, out } = cliContext("/tmp");
    const code = await run([], c, env(url));
    expect(code).toBe(1);
    expect(out()).toMatch(/问题：模型服务上没有“qwen3:8b”：可用的有 qwen2\.5:14b、deepseek-r1:8b，请把 LLM_MODEL 改成其中之一，或先在服务端执行 ollama pull/);
  });

  it("a wrong key: says to check LLM_API_KEY", async () => {
    const url = await serve({ kind: "text", text: "好" }, { profile: "deepseek", models: ["qwen3:8b"] });
    const r = await doctor(env(url, { LLM_API_KEY: "sk-wrong" }));
    expect(r.problems).toEqual(["模型服务拒绝访问（401）：请检查 LLM_API_KEY"]);
  });

  it("an unreachable host (a closed loopback port): says the service is not running or the address is wrong", async () => {
    const port = await freePort();
    const r = await doctor(env(`http://127.0.0.1:${port}/v1`));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/^无法连接模型服务 127\.0\.0\.1:\d+（ECONNREFUSED）：请确认服务已启动，并检查 LLM_BASE_URL 中的地址和端口$/);
  });

  it("with EMBEDDER=openai: the embeddings endpoint and its dimension, and a dimension change as a problem", async () => {
    const url = await serve({ kind: "text", text: "好" }, { profile: "vllm", models: ["qwen3:8b"], embeddingDimension: 1024 });
    const ok = await doctor(env(url, { EMBEDDER: "openai", EMBED_MODEL: "bge-m3", EMBED_DIMENSION: "1024" }));
    expect(ok.embedder).toMatchObject({ dimension: 1024, expected: 1024, problems: [] });
    const changed = await doctor(env(url, { EMBEDDER: "openai", EMBED_MODEL: "bge-m3", EMBED_DIMENSION: "768" }));
    expect(changed.problems.join()).toMatch(/向量维度是 1024，而索引按 768 维建立/);
  });

  it("no model configured: says the offline engine serves, and is not a problem", async () => {
    const { c, out } = cliContext("/tmp");
    expect(await run([], c, parseConfig({}))).toBe(0);
    expect(out()).toMatch(/未配置.*离线引擎/);
  });
});
