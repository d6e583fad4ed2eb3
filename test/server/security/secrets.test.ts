import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../../server/app.ts";
import type { ChatModel } from "../../../server/llm/types.ts";
import { createLogger } from "../../../server/log.ts";
import { configSecrets, redactingLogger } from "../../../server/middleware/redact.ts";
import { sampleDraft } from "../saves/fixture.ts";
import { emptyStore, testDeps } from "../../helpers/deps.ts";

const KEY = "sk-live-7f3c9a1be24d4c0e8b5a6f2d1c3e9b7a";
const EMBED_KEY = "emb-key-2b8e4f6a9c1d3e5f7a9b";
const TOKEN = "tok-4c1e9f2a7b3d5e8f0a6c2b4d";
const ENV = { LLM_BASE_URL: "http://127.0.0.1:9/v1", LLM_API_KEY: KEY, LLM_MODEL: "deepseek-chat", EMBEDDER: "openai", EMBED_MODEL: "bge-m3", EMBED_API_KEY: EMBED_KEY };

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "zongjie-secret-"));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** A model whose failures carry the key, like a careless SDK or proxy might. */
const leakyModel: ChatModel = {
  model: "deepseek-chat",
  endpoint: "127.0.0.1:9",
  complete: async () => {
    throw new Error(`401 Incorrect API key provided: ${KEY}`, { cause: new Error(`Authorization: Bearer ${KEY}`) });
  },
};

describe("the model API key", () => {
  it("never appears in a response or a log line, on success or on any error path", async () => {
    const deps = testDeps(dataDir, ENV, { model: leakyModel });
    const failingStore = { ...emptyStore(), info: async () => Promise.reject(new Error(`upstream said: invalid key ${KEY} / ${EMBED_KEY}`)) };
    const app = createApp(deps);
    const broken = createApp({ ...testDeps(dataDir, ENV, { model: leakyModel }), store: failingStore, logger: deps.logger });
    const bodies: string[] = [];
    const hit = async (a: typeof app, url: string, init?: RequestInit) => {
      const res = await a.request(url, init);
      bodies.push(`${res.status} ${[...res.headers].join(";")} ${await res.text()}`);
      return res;
    };
    const json = (b: unknown) => ({ method: "POST", headers: { "Content-Type": "application/json" }, body: typeof b === "string" ? b : JSON.stringify(b) });

    const health = await hit(app, "/api/health");
    expect(health.status).toBe(200);
    expect(bodies[0]).toContain("deepseek-chat"); // the engine in use is shown…
    await hit(app, "/api/nope");
    await hit(app, "/api/drafts/new", json("{bad"));
    await hit(app, "/api/drafts/new", json({ draft: { title: KEY } }));
    await hit(app, "/api/drafts/new", json({ draft: sampleDraft("字".repeat(2_000_000)) }));
    const created = await hit(app, "/api/drafts/new", json({ draft: sampleDraft() }));
    const { id } = JSON.parse(bodies.at(-1)!.slice(bodies.at(-1)!.indexOf("{"))) as { id: string };
    expect(created.status).toBe(201);
    await hit(app, `/api/drafts/${id}`, { ...json({ baseVersion: 7, draft: sampleDraft() }), method: "PUT" });
    await hit(app, "/api/drafts", json({ unit: "某区委政法委", year: 2024, facts: ["测试"] }));
    await hit(app, "/api/rewrite", json({ text: "测试", mode: "polish" }));
    const fault = await hit(broken, "/api/health");
    expect(fault.status).toBe(500);

    const all = [...bodies, ...deps.logger.lines].join("\n");
    expect(deps.logger.lines.some((l) => l.includes("internal:unexpected"))).toBe(true); // the fault was logged…
    expect(all).not.toContain(KEY); // …but neither key anywhere
    expect(all).not.toContain(EMBED_KEY);
    expect(all).not.toContain(KEY.slice(8)); // not even a tail of it
  });

  it("is scrubbed from log lines written through the standard logger, including error causes", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const log = redactingLogger(createLogger("debug"), [KEY, TOKEN]);
      log.error(`calling with ${KEY}`, new Error("wrapper", { cause: new Error(`Bearer ${TOKEN}`) }));
      log.info("headers", { authorization: `Bearer ${KEY}` });
      log.debug(`token=${TOKEN}`);
      const out = spy.mock.calls.flat().map(String).join("\n");
      expect(out).toContain("calling with ***");
      expect(out).toContain("caused by");
      expect(out).not.toContain(KEY);
      expect(out).not.toContain(TOKEN);
    } finally {
      spy.mockRestore();
    }
  });

  it("counts the access token and both API keys as secrets, ignoring the 'not-needed' placeholder", async () => {
    const deps = testDeps(dataDir, { ...ENV, HOST: "0.0.0.0", ZONGJIE_TOKEN: TOKEN });
    expect(configSecrets(deps.config).sort()).toEqual([EMBED_KEY, KEY, TOKEN].sort());
    expect(configSecrets(testDeps(dataDir, { LLM_BASE_URL: "http://127.0.0.1:9/v1", LLM_MODEL: "m" }).config)).toEqual([]);
  });
});
