import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { prepareReport } from "../../../server/corpus/prepare.ts";
import { extractSubmissions } from "../../../server/facts/batch.ts";
import { proposeWithModel, verifyProposal } from "../../../server/facts/model.ts";
import type { ParseService } from "../../../server/ingest/parse-pool.ts";
import { createChatModel } from "../../../server/llm/index.ts";
import { loadPrompts } from "../../../server/llm/prompts.ts";
import { silentLogger } from "../../../server/log.ts";
import { SseParser } from "../../../web/lib/sse.ts";
import { lastUserMessage, startFakeOpenAI, type FakeOpenAI, type FakeRequest } from "../../fake-openai/server.ts";
import { testDeps } from "../../helpers/deps.ts";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";

const prompts = loadPrompts(path.resolve(import.meta.dirname, "../../../prompts"), ["facts-extract"]);
const modelAt = (url: string) => createChatModel({ baseURL: url, apiKey: "k", model: "fake-facts", timeoutMs: 20_000, maxRetries: 0, concurrency: 1 }, silentLogger)!;
const quoted = (req: FakeRequest) => /<<<原文开始>>>\n([\s\S]*?)\n<<<原文结束>>>/.exec(lastUserMessage(req))![1];
const inProcess = { prepare: (name: string, bytes: Uint8Array) => prepareReport(name, bytes) } as unknown as ParseService;

// A submission written for this test: one passage of work, one of problems.
const SUBMISSION = [
  "青石镇2025年综治工作总结",
  "一、主要工作",
  "全镇排查矛盾纠纷214件，化解209件。建成镇级综治中心，计划明年在8个村设立调解室。",
  "二、存在的问题",
  "西片3个村的视频监控尚未接入镇综治中心。",
].join("\n");
const item = (要点: string, 单位 = "青石镇", 类别 = "成效") => ({ 要点, 单位, 类别 });

let fake: FakeOpenAI | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

describe("the model proposes, the checks decide", () => {
  it("keeps faithful proposals and refuses an invented figure, a dropped 未, a plan made done and another unit", async () => {
    fake = await startFakeOpenAI((req) => {
      const t = quoted(req);
      const items = t.includes("尚未接入")
        ? [item("西片3个村的视频监控已接入镇综治中心", "青石镇", "问题"), item("西片3个村的视频监控尚未接入镇综治中心", "青石镇", "问题")]
        : [
            item("全镇排查矛盾纠纷214件，化解209件"),
            item("全镇排查矛盾纠纷241件"), // a figure the passage does not give
            item("已在8个村设立调解室"), // a plan made done
            item("建成镇级综治中心", "县公安局"), // another unit
          ];
      return { kind: "text", text: JSON.stringify({ items }) };
    });
    const { document } = await prepareReport("青石镇2025年综治工作总结.txt", new TextEncoder().encode(SUBMISSION));
    const r = await proposeWithModel(document, { unit: "青石镇", idPrefix: "m" }, { model: modelAt(fake.url), prompts });
    expect(r.kept.map((c) => c.text)).toEqual(["全镇排查矛盾纠纷214件，化解209件", "西片3个村的视频监控尚未接入镇综治中心"]);
    expect(r.kept.every((c) => c.origin === "model" && c.unit === "青石镇")).toBe(true);
    expect(r.kept[1].role).toBe("问题");
    expect(r.refused.map((x) => x.reason).sort()).toEqual(["claim_changed", "claim_changed", "figure_not_in_passage", "other_unit"]);
    // The passage went to the model between its markers, as data.
    expect(quoted(fake.chatRequests()[0])).toContain("排查矛盾纠纷214件");
  });

  it("skips a passage whose reply is no list of facts, saying so in a writer's words", async () => {
    fake = await startFakeOpenAI(() => ({ kind: "text", text: "好的，这段材料主要讲了矛盾纠纷排查。" }));
    const { document } = await prepareReport("青石镇2025年综治工作总结.txt", new TextEncoder().encode(SUBMISSION));
    const r = await proposeWithModel(document, { unit: "青石镇", idPrefix: "m" }, { model: modelAt(fake.url), prompts });
    expect(r.kept).toEqual([]);
    const malformed = r.refused.filter((x) => x.reason === "malformed");
    expect(malformed.length).toBeGreaterThan(0);
    for (const x of malformed) {
      expect(x.message).toMatch(/无法识别为要点/);
      expect(x.message).not.toMatch(/JSON/);
    }
  });

  it("refuses a digit changed outside a quantity, as in a mechanism's name", () => {
    const passage = "构建“1+5+N”预警机制，设立5个预警小组。";
    expect(verifyProposal("构建“8+5+N”预警机制", "县公安局", passage, "县公安局")).toMatchObject({ reason: "figure_not_in_passage" });
    expect(verifyProposal("构建“1+5+N”预警机制", "县公安局", passage, "县公安局")).toBeNull();
  });

  it("refuses a fact that names a unit the passage does not", () => {
    const passage = "县公安局破获电信诈骗案件12起。";
    expect(verifyProposal("县法院破获电信诈骗案件12起", "县公安局", passage, "县公安局")).toMatchObject({ reason: "claim_changed" });
    expect(verifyProposal("县公安局破获电信诈骗案件12起", "县公安局", passage, "县公安局")).toBeNull();
  });

  it("runs through the route with the model and streams progress and the verified facts", async () => {
    fake = await startFakeOpenAI((req) => ({ kind: "text", text: JSON.stringify({ items: quoted(req).includes("214件") ? [item("全镇排查矛盾纠纷214件，化解209件"), item("全镇化解矛盾纠纷290件")] : [] }) }));
    const dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-facts-"));
    try {
      const deps = testDeps(dir, {}, { model: modelAt(fake.url), prompts, parser: inProcess });
      const form = new FormData();
      form.append("files", new File([SUBMISSION], "青石镇2025年综治工作总结.txt"));
      const res = await createApp(deps).request("/api/facts/extract", { method: "POST", body: form });
      expect(res.status).toBe(200);
      const events = new SseParser().push(await res.text());
      expect(events.find((e) => e.event === "progress")?.data).toMatchObject({ done: 1, total: 1 });
      const done = events.find((e) => e.event === "done")!.data as { engine: string; candidates: Array<{ text: string }>; files: Array<{ refused?: number }> };
      expect(done.engine).toBe("model");
      expect(done.candidates.map((c) => c.text)).toEqual(["全镇排查矛盾纠纷214件，化解209件"]);
      expect(done.files[0].refused).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a model that fails is an error for the request, not a rejected file", async () => {
    fake = await startFakeOpenAI(() => ({ kind: "status", status: 500 }));
    await expect(
      extractSubmissions([{ name: "青石镇.txt", bytes: new TextEncoder().encode(SUBMISSION) }], { parser: inProcess, model: modelAt(fake.url), prompts }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^upstream:/) });
  });
});
