import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { ingestBuffer } from "../../../server/ingest/ingest.ts";
import { embeddingText } from "../../../server/corpus/chunk.ts";
import type { Draft, DraftInput, DraftSection } from "../../../server/drafting/types.ts";
import { createLocalEmbedder } from "../../../server/embed/local.ts";
import { createChatModel } from "../../../server/llm/index.ts";
import { loadPrompts } from "../../../server/llm/prompts.ts";
import { silentLogger } from "../../../server/log.ts";
import { extractFigures, figureKey } from "../../../server/numbers/index.ts";
import { openCorpusStore } from "../../../server/store/lance.ts";
import type { LanceCorpusStore } from "../../../server/store/lance.ts";
import { type FakeOpenAI, type FakeReply, type FakeRequest, factsInPrompt, goodSectionText, startFakeOpenAI } from "../../fake-openai/server.ts";
import { testDeps } from "../../helpers/deps.ts";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const prompts = loadPrompts(path.join(ROOT, "prompts"));
const FACTS_TEXT = readFileSync(path.join(ROOT, "test/fixtures/facts/tidy.txt"), "utf8");
const TIMEOUT_MS = 1500;
const MAX_RETRIES = 2;

/** Each failing section is recognised by a phrase of its fact; the script says how the endpoint misbehaves. */
type Fault = "429-once" | "503-twice" | "cut" | "hang" | "malformed" | "500-always";
const FAULTS: Record<string, Fault> = {
  涉恶犯罪团伙: "429-once",
  反邪教: "503-twice",
  基础网格612个: "cut",
  安保任务: "hang",
  案件评查: "malformed",
  法律服务: "500-always",
};

const seen: Record<string, number[]> = {};

function reply(req: FakeRequest): FakeReply {
  // Only the section's own fact lines decide (passages quoted for other sections mention the same words).
  const facts = factsInPrompt(req).map((f) => f.text).join("\n");
  const key = Object.keys(FAULTS).find((k) => facts.includes(k));
  if (!key) return { kind: "text", text: goodSectionText(req) };
  const n = (seen[key] ??= []).push(Date.now());
  switch (FAULTS[key]) {
    case "429-once":
      return n === 1 ? { kind: "status", status: 429, retryAfter: 1, message: "rate limited" } : { kind: "text", text: goodSectionText(req) };
    case "503-twice":
      return n <= 2 ? { kind: "status", status: 503 } : { kind: "text", text: goodSectionText(req) };
    case "cut":
      return { kind: "cut", text: goodSectionText(req), afterChars: 10 };
    case "hang":
      return { kind: "hang" };
    case "malformed":
      return { kind: "malformed" };
    case "500-always":
      return { kind: "status", status: 500 };
  }
}

let dataDir: string;
let store: LanceCorpusStore;
let fake: FakeOpenAI;
let app: ReturnType<typeof createApp>;
let events: Array<{ event: string; data: any }>;
let draft: Draft;
let elapsed: number;

const json = (b: unknown) => ({ method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(b) });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "zongjie-faults-"));
  store = await openCorpusStore({ dataDir, embedder: createLocalEmbedder(64), embeddingText });
  for (const f of readdirSync(path.join(ROOT, "corpus")).filter((n) => n.endsWith(".txt"))) {
    await ingestBuffer({ store }, f, new Uint8Array(readFileSync(path.join(ROOT, "corpus", f))));
  }
  fake = await startFakeOpenAI(reply);
  const model = createChatModel(
    { baseURL: fake.url, apiKey: "k", model: "fake-model", timeoutMs: TIMEOUT_MS, maxRetries: MAX_RETRIES, concurrency: 3 },
    silentLogger,
    { retryBaseMs: 50, retryMaxMs: 3000 },
  );
  app = createApp(testDeps(dataDir, {}, { store, prompts, model, embedder: createLocalEmbedder(64) }));
  const input = (await (await app.request("/api/drafts/parse", json({ text: FACTS_TEXT }))).json()) as DraftInput;
  const t0 = performance.now();
  const res = await app.request("/api/drafts", json({ ...input, options: { engine: "llm" } }));
  expect(res.status).toBe(200);
  events = (await res.text())
    .split(/\n\n+/)
    .filter((b) => b.trim())
    .map((b) => ({ event: /^event: (.*)$/m.exec(b)?.[1] ?? "message", data: JSON.parse(b.split("\n").filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n")) }));
  elapsed = performance.now() - t0;
  draft = events.at(-1)!.data.draft as Draft;
}, 120_000);

afterAll(async () => {
  await fake?.close();
  await store?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function sectionOf(phrase: string): DraftSection {
  const fact = draft.facts.find((f) => f.text.includes(phrase))!;
  return draft.sections.find((s) => s.factIds.includes(fact.id))!;
}

describe("model endpoint faults, end to end through POST /api/drafts", () => {
  it("finishes the stream with a saved draft despite every kind of fault, in bounded time", async () => {
    expect(events[0].event).toBe("outline");
    expect(events.at(-1)!.event).toBe("done");
    expect(elapsed).toBeLessThan(60_000);
    const { savedId } = events.at(-1)!.data as { savedId: string };
    const saved = (await (await app.request(`/api/drafts/${savedId}`)).json()) as { draft: Draft };
    expect(saved.draft.sections.map((s) => [s.id, s.status, s.text])).toEqual(draft.sections.map((s) => [s.id, s.status, s.text]));
  });

  it("retries a 429 after the Retry-After the server asked for, then keeps the section", () => {
    const times = seen["涉恶犯罪团伙"];
    expect(times.length).toBeGreaterThanOrEqual(2);
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(900);
    const s = sectionOf("涉恶犯罪团伙");
    expect(s.status).toBe("done");
    expect(s.text).toContain("9件41人");
  });

  it("retries 5xx with backoff and keeps the section once the endpoint recovers", () => {
    expect(seen["反邪教"].length).toBe(3);
    const s = sectionOf("反邪教");
    expect(s.status).toBe("done");
    expect(s.text).toContain("2.3万份");
  });

  it("fails only the section whose stream was cut, a timeout, malformed output or a persistent 500 — each saying why", () => {
    const why: Record<string, RegExp> = { 基础网格612个: /中断/, 安保任务: /没有响应|超时/, 案件评查: /格式无效|无法识别/, 法律服务: /500/ };
    const errorEvents = events.filter((e) => e.event === "error");
    for (const [phrase, re] of Object.entries(why)) {
      const s = sectionOf(phrase);
      expect(s.status, phrase).toBe("error");
      expect(s.error, phrase).toMatch(re);
      expect(s.text).toBe("");
      const ev = errorEvents.find((e) => e.data.sectionId === s.id);
      expect(ev?.data.message, phrase).toMatch(re);
      expect(draft.warnings.some((w) => w.code === "section_failed" && w.sectionId === s.id && /重新生成/.test(w.message))).toBe(true);
    }
    expect(errorEvents).toHaveLength(4);
    // A hung endpoint is tried 1 + LLM_MAX_RETRIES times, each bounded by LLM_TIMEOUT_MS.
    expect(seen["安保任务"].length).toBe(MAX_RETRIES + 1);
  });

  it("keeps every other section finished, with all of its facts' figures", () => {
    const failing = new Set(["基础网格612个", "安保任务", "案件评查", "法律服务"].map((p) => sectionOf(p).id));
    const others = draft.sections.filter((s) => !failing.has(s.id));
    expect(others.length).toBeGreaterThan(8);
    for (const s of others) {
      expect(s.status, s.heading).toBe("done");
      const have = new Set(extractFigures(s.text).map(figureKey));
      for (const id of s.factIds) {
        const fact = draft.facts.find((f) => f.id === id)!;
        for (const g of extractFigures(fact.text)) expect(have.has(figureKey(g)), `${s.heading}: ${g.raw}`).toBe(true);
      }
    }
  });
});
