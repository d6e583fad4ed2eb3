import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "../../../server/errors.ts";
import { createChatModel } from "../../../server/llm/index.ts";
import { silentLogger } from "../../../server/log.ts";
import { startFakeOpenAI, type FakeOpenAI, type FakeScript } from "../../fake-openai/server.ts";

let fake: FakeOpenAI | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function modelFor(script: FakeScript, opts: { timeoutMs?: number; maxRetries?: number } = {}) {
  fake = await startFakeOpenAI(script);
  const model = createChatModel(
    { baseURL: fake.url, apiKey: "sk-test", model: "fake-model", timeoutMs: opts.timeoutMs ?? 5000, maxRetries: opts.maxRetries ?? 2, concurrency: 3 },
    silentLogger,
    { retryBaseMs: 10 },
  )!;
  return model;
}

const ask = [{ role: "user" as const, content: "写一句话" }];

describe("OpenAI-compatible chat model", () => {
  it("streams the reply through onDelta and returns the whole text", async () => {
    const model = await modelFor([{ kind: "text", text: "全年共排查矛盾纠纷6200件。", chunkSize: 4 }]);
    const deltas: string[] = [];
    const text = await model.complete(ask, { onDelta: (d) => deltas.push(d) });
    expect(text).toBe("全年共排查矛盾纠纷6200件。");
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe(text);
    expect(fake!.requests[0].body.stream).toBe(true);
    expect(fake!.requests[0].headers.authorization).toBe("Bearer sk-test");
    expect(model.endpoint).not.toContain("sk-test");
  });

  it("retries a 429 after the Retry-After the server asked for, then succeeds", async () => {
    const model = await modelFor([{ kind: "status", status: 429, retryAfter: 1 }, { kind: "text", text: "好的。" }]);
    const t0 = Date.now();
    expect(await model.complete(ask)).toBe("好的。");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(fake!.chatRequests()).toHaveLength(2);
  });

  it("retries a 5xx with backoff and gives up after maxRetries with an upstream error", async () => {
    const model = await modelFor([{ kind: "status", status: 503 }], { maxRetries: 2 });
    await expect(model.complete(ask)).rejects.toMatchObject({ code: "upstream:model" });
    expect(fake!.chatRequests()).toHaveLength(3);
  });

  it("times out a server that never answers, retries, then reports timeout:model", async () => {
    const model = await modelFor([{ kind: "hang" }], { timeoutMs: 1000, maxRetries: 1 });
    const err = await model.complete(ask).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("timeout:model");
    expect(fake!.chatRequests()).toHaveLength(2);
  });

  it("keeps a request queued behind keep-alive comments alive past the idle timeout, and times out a silent queue", async () => {
    // DeepSeek sends SSE comments while a request waits in its queue; the SDK drops them, so only the
    // byte tap sees them. 1.8 s of queueing against a 600 ms idle timeout.
    const queued = { kind: "text" as const, text: "已排队完成。", queuedMs: 1800 };
    const model = await modelFor([{ ...queued, keepAliveEveryMs: 200 }], { timeoutMs: 600, maxRetries: 0 });
    expect(await model.complete(ask)).toBe("已排队完成。");
    await fake!.close();
    const silent = await modelFor([queued], { timeoutMs: 600, maxRetries: 0 });
    await expect(silent.complete(ask)).rejects.toMatchObject({ code: "timeout:model" });
  });

  it("does not retry a stream cut after text was shown, and says the output was interrupted", async () => {
    const model = await modelFor([{ kind: "cut", text: "一是全年共排查矛盾纠纷6200件。二是", afterChars: 8 }, { kind: "text", text: "不应到达" }]);
    const deltas: string[] = [];
    const err = await model.complete(ask, { onDelta: (d) => deltas.push(d) }).catch((e) => e);
    expect(err.code).toBe("upstream:model_stream");
    expect(deltas.join("")).toBe("一是全年共排查矛盾纠纷6200件。二是".slice(0, 8));
    expect(fake!.chatRequests()).toHaveLength(1);
  });

  it("reports malformed output as upstream:model_malformed", async () => {
    const model = await modelFor([{ kind: "malformed" }], { maxRetries: 0 });
    const err = await model.complete(ask).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("upstream:model_malformed");
  });

  it("stops at once when the caller aborts", async () => {
    const model = await modelFor([{ kind: "hang" }], { timeoutMs: 10_000 });
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(new Error("cancelled by test")), 100);
    const t0 = Date.now();
    const err = await model.complete(ask, { signal: ctrl.signal }).catch((e) => e);
    expect(err.message).toBe("cancelled by test");
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it("is null when no endpoint is configured (offline engine)", () => {
    expect(createChatModel(null, silentLogger)).toBeNull();
  });

  it("the fake server also answers embeddings, deterministically", async () => {
    await modelFor([{ kind: "text", text: "x" }]);
    const call = async () =>
      (await (await fetch(`${fake!.url}/embeddings`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: "e", input: ["矛盾纠纷", "平安建设"], dimensions: 16 }) })).json()) as { data: { embedding: number[] }[] };
    const a = await call();
    const b = await call();
    expect(a.data).toHaveLength(2);
    expect(a.data[0].embedding).toHaveLength(16);
    expect(a).toEqual(b);
  });
});
