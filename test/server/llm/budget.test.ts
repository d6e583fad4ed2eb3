import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { generateDraft } from "../../../server/drafting/run.ts";
import { estimateTokens, fitPassages, outputReserve } from "../../../server/llm/budget.ts";
import { createChatModel } from "../../../server/llm/index.ts";
import { loadPrompts } from "../../../server/llm/prompts.ts";
import { silentLogger } from "../../../server/log.ts";
import { factsInPrompt, goodSectionText, lastUserMessage, startFakeOpenAI, type FakeOpenAI } from "../../fake-openai/server.ts";
import { chunk, memoryStore } from "../drafting/memory-store.ts";

const prompts = loadPrompts(path.resolve(import.meta.dirname, "../../../prompts"));
let fake: FakeOpenAI | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

describe("the token estimate", () => {
  it("errs on the safe side for Chinese: more than one token per Han character", () => {
    expect(estimateTokens("全面推进平安建设")).toBeGreaterThanOrEqual(8 * 1.25);
    expect(estimateTokens("abc def")).toBeLessThan(7);
  });

  it("keeps a quarter of the window free for the reply, between 1k and 4k tokens", () => {
    expect(outputReserve(2048)).toBe(1024);
    expect(outputReserve(8192)).toBe(2048);
    expect(outputReserve(131072)).toBe(4096);
    expect(outputReserve(8192, 500)).toBe(500);
  });

  it("drops the lowest-ranked passages first, and refuses in Chinese when the facts alone do not fit", () => {
    const build = (keep: number) => [{ role: "user" as const, content: "要点" + "长".repeat(100) + "片".repeat(300 * keep) }];
    expect(fitPassages(build, 3, null).kept).toBe(3);
    expect(fitPassages(build, 3, 800).kept).toBe(1);
    expect(() => fitPassages(build, 3, 50)).toThrow(/要点本身已超出模型的上下文窗口/);
  });
});

describe("a draft within a small window", () => {
  it("keeps every fact of every section while passages are dropped to fit", async () => {
    const text = "坚持和发展新时代枫桥经验，推动矛盾纠纷多元化解，健全排查调处机制，推进综治中心规范化建设。".repeat(15);
    const store = memoryStore(Array.from({ length: 4 }, (_, i) => chunk(`d${i}:1`, "work", ["矛盾纠纷", "扫黑除恶"], `${text}第${i}篇。`)));
    fake = await startFakeOpenAI((req) => ({ kind: "text", text: goodSectionText(req) }));
    const model = createChatModel({ baseURL: fake.url, apiKey: "k", model: "m", timeoutMs: 5000, maxRetries: 0, concurrency: 1, contextTokens: 3500 }, silentLogger)!;
    const facts = ["全年共排查矛盾纠纷6200件，调解成功6150件", "打掉涉恶犯罪团伙3个，起诉涉黑涉恶案件9件41人", "全区刑事案件发案数同比下降12.5%", "新建规范化综治中心12个"];
    const draft = await generateDraft({ unit: "东城区委政法委", year: 2025, facts }, { model, prompts, logger: silentLogger, store, concurrency: 1 }, () => {});
    expect(draft.sections.every((s) => s.status === "done")).toBe(true);
    const sent = fake.chatRequests().map(lastUserMessage);
    for (const f of facts) expect(sent.some((u) => u.includes(f))).toBe(true);
    // Each section's prompt carried all of its facts, and fewer passages than it was given.
    for (const req of fake.chatRequests()) {
      const user = lastUserMessage(req);
      expect(estimateTokens(req.text)).toBeLessThanOrEqual(3500 - outputReserve(3500));
      for (const f of factsInPrompt(req)) expect(facts.some((x) => x.startsWith(f.text.replace(/[。；]$/, "")) || f.text.includes(x))).toBe(true);
      expect((user.match(/范文片段 \d+ 开始/g) ?? []).length).toBeLessThan(3);
    }
  });
});

describe("the repair round within a small window", () => {
  it("fits the first answer and the problems by dropping passages, never facts", async () => {
    const text = "坚持和发展新时代枫桥经验，推动矛盾纠纷多元化解，健全排查调处机制，推进综治中心规范化建设。".repeat(15);
    const store = memoryStore(Array.from({ length: 4 }, (_, i) => chunk(`d${i}:1`, "work", ["矛盾纠纷"], `${text}第${i}篇。`)));
    // Every first answer invents a figure, so every section goes through the repair round.
    fake = await startFakeOpenAI((req) => ({
      kind: "text",
      text: req.text.includes("没有通过核对") ? goodSectionText(req) : `${goodSectionText(req)}另新建调解室87个。`,
    }));
    const window = 3500;
    const model = createChatModel({ baseURL: fake.url, apiKey: "k", model: "m", timeoutMs: 5000, maxRetries: 0, concurrency: 1, contextTokens: window }, silentLogger)!;
    const facts = ["全年共排查矛盾纠纷6200件，调解成功6150件", "新建规范化综治中心12个"];
    const draft = await generateDraft({ unit: "东城区委政法委", year: 2025, facts }, { model, prompts, logger: silentLogger, store, concurrency: 1 }, () => {});
    const repairs = fake.chatRequests().filter((r) => r.text.includes("没有通过核对"));
    expect(repairs.length).toBeGreaterThan(0);
    for (const req of fake.chatRequests()) expect(estimateTokens(req.text)).toBeLessThanOrEqual(window - outputReserve(window));
    // Each repair request carries the first answer, and the sections' repairs carry their facts.
    for (const req of repairs) expect(req.text).toContain("另新建调解室87个");
    for (const f of facts) expect(repairs.some((req) => req.text.includes(f))).toBe(true);
    expect(draft.sections.every((s) => s.status === "done")).toBe(true);
    expect(draft.sections.map((s) => s.text).join("")).not.toContain("87个");
  });
});

describe("context-length refusals", () => {
  it("are recognised in each server's wording, with the window they name", async () => {
    const { contextLimitIn, isContextError } = await import("../../../server/llm/errors.ts");
    const cases: Array<[string, number | null]> = [
      ["This model's maximum context length is 8192 tokens. However, you requested 9000 tokens (8999 in the messages, 1 in the completion).", 8192],
      ["request (4476 tokens) exceeds the available context size (4096 tokens), try increasing it", 4096],
      ["<400> InternalError.Algo.InvalidParameter: Range of input length should be [1, 30720]", 30720],
      ["Trying to keep the first 10136 tokens when context the overflows. However, the model is loaded with context length of only 7866 tokens, which is not enough.", 7866],
      ["Cannot truncate prompt with n_keep (15028) >= n_ctx (7424)", 7424],
    ];
    for (const [msg, limit] of cases) {
      expect(isContextError(msg), msg).toBe(true);
      expect(contextLimitIn(msg), msg).toBe(limit);
    }
    expect(isContextError("Rate limit reached")).toBe(false);
  });
});
