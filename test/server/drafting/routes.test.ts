import { mkdtemp, rm } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import type { AppDeps } from "../../../server/deps.ts";
import { DraftEventSchema, type Draft, type DraftInput, type Outline } from "../../../server/drafting/types.ts";
import { createChatModel } from "../../../server/llm/index.ts";
import { loadPrompts } from "../../../server/llm/prompts.ts";
import { silentLogger } from "../../../server/log.ts";
import { goodSectionText, lastUserMessage, startFakeOpenAI, type FakeOpenAI } from "../../fake-openai/server.ts";
import { testDeps } from "../../helpers/deps.ts";
import { chunk, memoryStore } from "./memory-store.ts";
import { draftMarkdown } from "../../../server/drafting/draft.ts";

const prompts = loadPrompts(path.resolve(import.meta.dirname, "../../../prompts"));
const factsText = readFileSync(path.resolve(import.meta.dirname, "../../fixtures/facts/tidy.txt"), "utf8");
const store = memoryStore([chunk("d1:1", "work", ["矛盾纠纷"], "坚持和发展新时代枫桥经验，全面排查化解矛盾纠纷。")]);

let dataDir: string;
let fake: FakeOpenAI | null = null;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "zongjie-drafts-api-"));
});
afterEach(async () => {
  await fake?.close();
  fake = null;
  await rm(dataDir, { recursive: true, force: true });
});

function appWith(overrides: Partial<AppDeps> = {}) {
  return createApp(testDeps(dataDir, {}, { prompts, store, ...overrides }));
}

const json = (body: unknown) => ({ method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

/** Server-Sent Events of a response body, in order. */
async function sse(res: Response): Promise<Array<{ event: string; data: any }>> {
  const text = await res.text();
  return text
    .split(/\n\n+/)
    .filter((b) => b.trim())
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? "message";
      const data = block.split("\n").filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n");
      return { event, data: JSON.parse(data) };
    });
}

async function parsed(app: ReturnType<typeof appWith>): Promise<DraftInput> {
  const res = await app.request("/api/drafts/parse", json({ text: factsText }));
  expect(res.status).toBe(200);
  return (await res.json()) as DraftInput;
}

describe("drafts API", () => {
  it("parses the text form, from JSON or an uploaded file, with overrides", async () => {
    const app = appWith();
    const input = await parsed(app);
    expect(input).toMatchObject({ unit: "东城区委政法委", year: 2025 });
    expect(input.facts).toHaveLength(12);
    const form = new FormData();
    form.append("file", new File([factsText], "要点.txt", { type: "text/plain" }));
    form.append("year", "2024");
    const res = await app.request("/api/drafts/parse", { method: "POST", body: form });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ unit: "东城区委政法委", year: 2024 });
    const bad = await app.request("/api/drafts/parse", json({ text: "- 化解纠纷3件" }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/缺少单位/);
  });

  it("proposes an outline with the parsed facts and writes nothing", async () => {
    const app = appWith();
    const res = await app.request("/api/drafts/outline", json(await parsed(app)));
    const body = (await res.json()) as { outline: Outline; facts: { id: string }[] };
    expect(body.outline.title).toBe("东城区委政法委2025年工作总结");
    expect(body.facts).toHaveLength(18);
    expect(body.outline.sections.map((s) => s.role)).toEqual(expect.arrayContaining(["opening", "work", "problems", "plans", "closing"]));
  });

  it("streams outline first and done last, with sources, deltas and sections between, and saves the draft", async () => {
    const app = appWith();
    const res = await app.request("/api/drafts", json(await parsed(app)));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const events = await sse(res);
    // Every event is one the stream's schema knows, with the data it declares: the editor reads it through that schema.
    for (const e of events) expect(DraftEventSchema.safeParse(e).error, e.event).toBeUndefined();
    expect(events[0].event).toBe("outline");
    expect(events.at(-1)!.event).toBe("done");
    const names = new Set(events.map((e) => e.event));
    for (const n of ["sources", "delta", "section"]) expect(names.has(n)).toBe(true);
    // per section: sources before delta before section
    const idx = (ev: string, id: string) => events.findIndex((e) => e.event === ev && (e.data.sectionId ?? e.data.section?.id) === id);
    const disputes = events.find((e) => e.event === "sources")!.data.sectionId;
    expect(idx("sources", disputes)).toBeLessThan(idx("delta", disputes));
    expect(idx("delta", disputes)).toBeLessThan(idx("section", disputes));
    const done = events.at(-1)!.data as { draft: Draft; savedId: string; version: number };
    expect(done.version).toBe(1);
    const saved = await app.request(`/api/drafts/${done.savedId}`);
    expect(saved.status).toBe(200);
    expect(draftMarkdown(((await saved.json()) as { draft: Draft }).draft)).toBe(draftMarkdown(done.draft));
  });

  it("reports a section cut mid-stream as an error event for that section and still finishes", async () => {
    fake = await startFakeOpenAI((req) =>
      lastUserMessage(req).includes("涉恶犯罪团伙") ? { kind: "cut", text: goodSectionText(req), afterChars: 6 } : { kind: "text", text: goodSectionText(req) },
    );
    const model = createChatModel({ baseURL: fake.url, apiKey: "k", model: "fake-model", timeoutMs: 5000, maxRetries: 1, concurrency: 3 }, silentLogger);
    const app = appWith({ model });
    const events = await sse(await app.request("/api/drafts", json(await parsed(app))));
    const errors = events.filter((e) => e.event === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0].data.sectionId).toBeTruthy();
    expect(errors[0].data.message).toMatch(/中断/);
    expect(events.at(-1)!.event).toBe("done");
    const draft = events.at(-1)!.data.draft as Draft;
    expect(draft.engine).toBe("llm");
    expect(draft.sections.filter((s) => s.status === "error").map((s) => s.id)).toEqual([errors[0].data.sectionId]);
  });

  it("ends the stream with an error event when the request cannot be drafted", async () => {
    const app = appWith();
    const input = await parsed(app);
    const outline = ((await (await app.request("/api/drafts/outline", json(input))).json()) as { outline: Outline }).outline;
    outline.sections[2].factIds.push("f404");
    const events = await sse(await app.request("/api/drafts", json({ ...input, outline })));
    expect(events.map((e) => e.event)).toEqual(["error"]);
    expect(events[0].data).toMatchObject({ code: "bad_request:outline" });
  });

  it("refuses the model engine when none is configured, and an invalid body, before streaming", async () => {
    const app = appWith();
    const input = await parsed(app);
    const res = await app.request("/api/drafts", json({ ...input, options: { engine: "llm" } }));
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unavailable:model");
    expect((await app.request("/api/drafts", json({ unit: "x", facts: [] }))).status).toBe(400);
  });

  it("regenerates one section and exports a .docx with a UTF-8 file name", async () => {
    const app = appWith();
    const events = await sse(await app.request("/api/drafts", json(await parsed(app))));
    const draft = events.at(-1)!.data.draft as Draft;
    const target = draft.sections.find((s) => s.level === 2)!;
    const res = await app.request("/api/drafts/section", json({ draft, sectionId: target.id }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { section: { id: string; text: string } };
    expect(body.section).toMatchObject({ id: target.id, text: target.text });
    const locked = { ...draft, sections: draft.sections.map((s) => (s.id === target.id ? { ...s, locked: true } : s)) };
    expect((await app.request("/api/drafts/section", json({ draft: locked, sectionId: target.id }))).status).toBe(409);

    const exp = await app.request("/api/drafts/export", json({ draft }));
    expect(exp.status).toBe(200);
    expect(exp.headers.get("content-type")).toContain("wordprocessingml");
    expect(exp.headers.get("content-disposition")).toBe(
      `attachment; filename="zongjie-draft.docx"; filename*=UTF-8''${encodeURIComponent("东城区委政法委2025年工作总结.docx")}`,
    );
    expect(decodeURIComponent(exp.headers.get("x-docx-fonts")!)).toContain("仿宋_GB2312");
    const bytes = new Uint8Array(await exp.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);
  });
});
