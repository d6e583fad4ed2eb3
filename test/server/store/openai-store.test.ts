import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmbedder, readyEmbedder } from "../../../server/embed/index.ts";
import { embedLocal } from "../../../server/embed/local.ts";
import { openCorpusStore } from "../../../server/store/lance.ts";
import { REPORT_A } from "./helpers.ts";

// A loopback OpenAI-compatible endpoint whose "model" is the local hashing embedder at 48 dims.
let server: Server;
let baseURL: string;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-openai-store-"));
  server = createServer(async (req, res) => {
    let raw = "";
    for await (const c of req) raw += c;
    const body = JSON.parse(raw) as { input: string[]; model: string };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({
      object: "list",
      model: body.model,
      data: body.input.map((t, index) => ({ object: "embedding", index, embedding: Array.from(embedLocal(t, 48)) })),
      usage: { prompt_tokens: 0, total_tokens: 0 },
    }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

describe("store with an OpenAI-compatible embedder", () => {
  it("learns the dimension, records the model, searches, and refuses a later switch to local", async () => {
    const embedder = await readyEmbedder(createEmbedder({ kind: "openai", baseURL, apiKey: "x", model: "bge-fake", dimension: null }));
    const store = await openCorpusStore({ dataDir: dir, embedder });
    expect(await store.info()).toMatchObject({ embedder: "openai:bge-fake", dimension: 48 });
    await store.putReport(REPORT_A());
    expect((await store.searchPassages("扫黑除恶专项斗争", { k: 1 }))[0].id).toBe("doc-a:1");
    await store.close();

    const err = await openCorpusStore({ dataDir: dir, embedder: createEmbedder({ kind: "local", dimension: 48 }) }).catch((e) => e);
    expect(err).toMatchObject({ code: "conflict:embedder_mismatch" });
    expect(err.message).toContain("openai:bge-fake");
  });
});
