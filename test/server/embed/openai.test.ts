import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { readyEmbedder } from "../../../server/embed/index.ts";
import { createOpenAIEmbedder } from "../../../server/embed/openai.ts";

interface Call {
  body: { model: string; input: string[]; encoding_format?: string };
  auth: string | undefined;
}

let server: Server | null = null;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** A loopback fake of POST /v1/embeddings; `reply` decides each response. */
async function fake(reply: (call: Call, n: number) => { status: number; body: unknown; headers?: Record<string, string> }) {
  const calls: Call[] = [];
  server = createServer(async (req: IncomingMessage, res) => {
    let raw = "";
    for await (const c of req) raw += c;
    const call: Call = { body: JSON.parse(raw), auth: req.headers.authorization };
    calls.push(call);
    if (req.url !== "/v1/embeddings") {
      res.writeHead(404).end();
      return;
    }
    const r = reply(call, calls.length);
    res.writeHead(r.status, { "content-type": "application/json", ...(r.headers ?? {}) });
    res.end(JSON.stringify(r.body));
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
  const port = (server!.address() as AddressInfo).port;
  return { baseURL: `http://127.0.0.1:${port}/v1`, calls };
}

const vectorFor = (text: string, dim: number) => Array.from({ length: dim }, (_, i) => ((text.length + i) % 7) / 7);
const ok = (call: Call, dim: number) => ({
  status: 200,
  body: {
    object: "list",
    model: call.body.model,
    // Out of order on purpose: the embedder must sort by index.
    data: call.body.input.map((t, index) => ({ object: "embedding", index, embedding: vectorFor(t, dim) })).reverse(),
    usage: { prompt_tokens: 1, total_tokens: 1 },
  },
});

describe("OpenAI-compatible embedder", () => {
  it("sends float requests in batches and returns vectors in input order", async () => {
    const { baseURL, calls } = await fake((c) => ok(c, 4));
    const e = createOpenAIEmbedder({ baseURL, apiKey: "k-test", model: "bge-m3", dimension: 4, batchSize: 2 });
    const texts = ["一", "二二", "三三三", "四四四四", "五五五五五"];
    const vs = await e.embed(texts);
    expect(calls.length).toBe(3);
    expect(calls[0].body).toMatchObject({ model: "bge-m3", input: ["一", "二二"], encoding_format: "float" });
    expect(calls[0].auth).toBe("Bearer k-test");
    expect(vs.map((v) => Array.from(v))).toEqual(texts.map((t) => Array.from(Float32Array.from(vectorFor(t, 4)))));
    expect(e.name).toBe("openai:bge-m3");
  });

  it("rejects a vector of the wrong length instead of padding it", async () => {
    const { baseURL } = await fake((c) => {
      const r = ok(c, 4);
      (r.body.data[0] as { embedding: number[] }).embedding = [1, 2, 3];
      return r;
    });
    const e = createOpenAIEmbedder({ baseURL, apiKey: "k", model: "m", dimension: 4, maxRetries: 0 });
    await expect(e.embed(["甲", "乙"])).rejects.toMatchObject({ code: "upstream:embedder_dimension" });
  });

  it("rejects vectors that do not match the configured dimension", async () => {
    const { baseURL } = await fake((c) => ok(c, 8));
    const e = createOpenAIEmbedder({ baseURL, apiKey: "k", model: "m", dimension: 4, maxRetries: 0 });
    await expect(e.embed(["甲"])).rejects.toMatchObject({ code: "upstream:embedder_dimension" });
  });

  it("learns the dimension from the endpoint when none is configured", async () => {
    const { baseURL } = await fake((c) => ok(c, 6));
    const e = createOpenAIEmbedder({ baseURL, apiKey: "k", model: "m", dimension: null });
    expect(() => e.dimension).toThrow();
    await readyEmbedder(e);
    expect(e.dimension).toBe(6);
  });

  it("retries on 429 and 5xx, then succeeds", async () => {
    const { baseURL, calls } = await fake((c, n) =>
      n === 1
        ? { status: 429, body: { error: { message: "slow down" } }, headers: { "retry-after-ms": "10" } }
        : n === 2
          ? { status: 503, body: { error: { message: "busy" } }, headers: { "retry-after-ms": "10" } }
          : ok(c, 4),
    );
    const e = createOpenAIEmbedder({ baseURL, apiKey: "k", model: "m", dimension: 4, maxRetries: 3 });
    const vs = await e.embed(["甲"]);
    expect(vs[0].length).toBe(4);
    expect(calls.length).toBe(3);
  });

  it("turns a persistent upstream failure into a Chinese AppError", async () => {
    const { baseURL, calls } = await fake(() => ({ status: 500, body: { error: { message: "boom" } }, headers: { "retry-after-ms": "5" } }));
    const e = createOpenAIEmbedder({ baseURL, apiKey: "k", model: "m", dimension: 4, maxRetries: 1 });
    const err = await e.embed(["甲"]).catch((x) => x);
    expect(err).toMatchObject({ code: "upstream:embedder" });
    expect(err.message).toMatch(/向量服务/);
    expect(calls.length).toBe(2);
  });

  it("times out a hung endpoint", async () => {
    server = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
    const port = (server!.address() as AddressInfo).port;
    const e = createOpenAIEmbedder({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: "k", model: "m", dimension: 4, timeoutMs: 200, maxRetries: 0 });
    await expect(e.embed(["甲"])).rejects.toMatchObject({ code: "timeout:embedder" });
    server.closeAllConnections();
  });
});
