import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { watchModel } from "../../../server/compose.ts";
import { createChatModel } from "../../../server/llm/index.ts";
import { silentLogger } from "../../../server/log.ts";
import { startFakeOpenAI, type FakeOpenAI } from "../../fake-openai/server.ts";
import { testDeps } from "../../helpers/deps.ts";

let fake: FakeOpenAI | null = null;
let dir = "";
afterEach(async () => {
  await fake?.close();
  fake = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("GET /api/health with a model", () => {
  it("carries the probe's facts (as served, reasoning, window, problems) and says the model check runs by default", async () => {
    fake = await startFakeOpenAI([{ kind: "text", thought: "想一想。", text: "好" }], { profile: "vllm", models: ["qwen3"], contextTokens: 16384, servedAs: "qwen3" });
    dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-health-"));
    const cfg = { baseURL: fake.url, apiKey: "k", model: "qwen3", timeoutMs: 5000, maxRetries: 0, concurrency: 1 };
    const model = createChatModel(cfg, silentLogger)!;
    const modelStatus = watchModel(model, cfg, silentLogger);
    await modelStatus.refresh();
    const app = createApp(testDeps(dir, { LLM_BASE_URL: fake.url, LLM_MODEL: "qwen3" }, { model, modelStatus }));
    const body = await (await app.request("/api/health")).json();
    expect(body.engines.modelCheck).toBe(true);
    expect(body.engines.drafting).toMatchObject({ kind: "llm", model: "qwen3", status: { found: true, reasoning: "field", contextTokens: 16384, problems: [] } });
    // The probe taught the model its window, which its prompts are now fitted to.
    expect(model.contextTokens).toBe(16384);
    const off = createApp(testDeps(dir, { LLM_BASE_URL: fake.url, LLM_MODEL: "qwen3", CHECK_MODEL: "0" }, { model, modelStatus }));
    expect((await (await off.request("/api/health")).json()).engines.modelCheck).toBe(false);
  });
});
