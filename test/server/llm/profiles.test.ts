/**
 * The compatibility matrix: drafting, rewriting and the model check against a fake of each real
 * server (test/fake-openai/profiles.ts, sources in docs/models.md), each time with a reasoning
 * model whose thought is full of figures and names that must never reach a draft, a rewrite, a
 * saved draft, an export or a finding.
 */
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { proofreadWithModel } from "../../../server/checking/model-pass.ts";
import { draftToDocx, docxToText } from "../../../server/docx/export.ts";
import { draftMarkdown } from "../../../server/drafting/draft.ts";
import { generateDraft } from "../../../server/drafting/run.ts";
import type { DraftEvent } from "../../../server/drafting/types.ts";
import { createChatModel } from "../../../server/llm/index.ts";
import { loadPrompts } from "../../../server/llm/prompts.ts";
import { silentLogger } from "../../../server/log.ts";
import { rewriteText } from "../../../server/rewrite/rewrite.ts";
import { goodSectionText, lastUserMessage, startFakeOpenAI, type FakeOpenAI, type FakeOptions, type FakeReply, type FakeRequest, type ProfileName } from "../../fake-openai/server.ts";

const prompts = loadPrompts(path.resolve(import.meta.dirname, "../../../prompts"));
// A thought as a reasoning model writes one: figures, a person, a place, a plan — none of it is fact.
const THOUGHT = "用户要我写这一节。也许可以写成全年化解纠纷8888件，2019年李某某书记到城南街道调研时提出要达到99.9%，再补一个“三零”创建示范点17个……不，不能编造数字，只用要点。";
const LEAKS = ["8888", "2019", "李某某", "99.9", "17个", "用户要我", "<think>", "</think>"];
const leaked = (s: string) => LEAKS.filter((w) => s.includes(w));

const input = {
  unit: "东城区委政法委",
  year: 2025,
  facts: ["全年共排查矛盾纠纷6200件，调解成功6150件", "打掉涉恶犯罪团伙3个"],
  problems: ["基层网格员队伍流动性较大"],
  plans: ["推进综治中心规范化建设"],
};

let fake: FakeOpenAI | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function modelOn(script: (req: FakeRequest) => FakeReply, options: FakeOptions) {
  fake = await startFakeOpenAI(script, options);
  return createChatModel({ baseURL: fake.url, apiKey: "k", model: "served-model", timeoutMs: 5000, maxRetries: 2, concurrency: 2 }, silentLogger, { retryBaseMs: 5 })!;
}

const PROFILE_NAMES: ProfileName[] = ["ollama", "ollama-old", "vllm", "llamacpp", "deepseek", "dashscope", "lmstudio"];

describe.each(PROFILE_NAMES)("a reasoning model served by %s", (profile) => {
  it("drafts: no thought in the deltas, the sections, the saved draft or the .docx export", async () => {
    const model = await modelOn((req) => ({ kind: "text", thought: THOUGHT, text: goodSectionText(req), chunkSize: 7 }), { profile, models: ["served-model"] });
    const events: DraftEvent[] = [];
    const draft = await generateDraft(input, { model, prompts, logger: silentLogger, concurrency: 2 }, (e) => events.push(e));
    expect(draft.sections.every((s) => s.status === "done")).toBe(true);
    expect(draft.warnings.filter((w) => w.code === "invented_figure" || w.code === "changed_claim")).toEqual([]);
    // What the editor shows of each section: its deltas since the last retraction (a closing tag
    // with no opening one turns what was streamed into thought; after that the model is known to
    // open its thought in the template, and nothing of it is streamed again).
    const shown = new Map<string, string>();
    for (const e of events) {
      const d = e.data as { sectionId?: string; text?: string; retract?: boolean };
      if (e.event === "delta") shown.set(d.sectionId!, (shown.get(d.sectionId!) ?? "") + d.text);
      if (e.event === "thinking" && d.retract) shown.set(d.sectionId!, "");
    }
    expect(leaked([...shown.values()].join("\n"))).toEqual([]);
    const retractions = events.filter((e) => e.event === "thinking" && (e.data as { retract?: boolean }).retract).length;
    expect(retractions).toBeLessThanOrEqual(profile === "lmstudio" ? 2 : 0);
    expect(leaked(JSON.stringify(draft))).toEqual([]);
    expect(leaked(draftMarkdown(draft))).toEqual([]);
    const docx = await draftToDocx(draft);
    expect(leaked(await docxToText(docx.bytes))).toEqual([]);
    // The editor was told the model was thinking, where the profile streams its thought separately.
    expect(events.some((e) => e.event === "thinking")).toBe(true);
    expect(draft.model).toBe("served-model");
  });

  it("rewrites: the thought's figures are not compared with the original, so the rewrite is not refused", async () => {
    const model = await modelOn(() => ({ kind: "text", thought: THOUGHT, text: "全年共排查化解矛盾纠纷6200件，调解成功6150件。" }), { profile });
    const r = await rewriteText({ text: "全年排查矛盾纠纷6200件，调解成功6150件。", mode: "polish" }, { model, prompts });
    expect(r.refused).toBe(false);
    expect(r.text).toBe("全年共排查化解矛盾纠纷6200件，调解成功6150件。");
    expect(leaked(r.text)).toEqual([]);
  });

  it("checks: the JSON after the thought is read, and nothing of the thought becomes a finding", async () => {
    const reply = JSON.stringify({ items: [{ 类型: "错别字", 原文: "认真布署平安", 修改: "认真部署平安", 说明: "音近" }] });
    const model = await modelOn(() => ({ kind: "text", thought: `{"items": [{"类型": "错别字", "原文": "化解矛盾", "修改": "化解茅盾"}]} ${THOUGHT}`, text: reply }), { profile });
    const text = "我县认真布署平安建设工作，全年化解矛盾纠纷1260件。";
    const r = await proofreadWithModel(text, model, prompts);
    expect(r.failedChunks).toBe(0);
    expect(r.findings.map((f) => [f.text, f.suggestion])).toEqual([["布", "部"]]);
  });
});

describe("server behaviour the matrix relies on", () => {
  it("vLLM: a prompt over max_model_len is refused with its message, and the section retries once with fewer passages", async () => {
    const { memoryStore, chunk } = await import("../drafting/memory-store.ts");
    const long = "坚持和发展新时代枫桥经验，推动矛盾纠纷多元化解，健全排查调处机制，".repeat(20);
    const store = memoryStore(Array.from({ length: 6 }, (_, i) => chunk(`d${i}:1`, "work", ["矛盾纠纷"], `${long}片段${i}。`)));
    // A window the full prompt overflows and the prompt with fewer passages fits (the section prompt alone is about 2,600 tokens by the estimate).
    const model = await modelOn((req) => ({ kind: "text", text: goodSectionText(req) }), { profile: "vllm", contextTokens: 2900 });
    const draft = await generateDraft({ ...input, facts: [input.facts[0]], problems: [], plans: [] }, { model, prompts, logger: silentLogger, store, concurrency: 1 }, () => {});
    const work = draft.sections.find((s) => s.factIds.includes("f1"))!;
    expect(work.status).toBe("done");
    const asks = fake!.chatRequests().filter((r) => lastUserMessage(r).includes("6200件"));
    // The first, with every passage, was refused; the second, smaller, went through.
    expect(asks.length).toBe(2);
    expect(asks[1].text.length).toBeLessThan(asks[0].text.length);
    expect(lastUserMessage(asks[1])).toContain("6200件");
  });

  it("a prompt that cannot shrink enough ends in one clear Chinese error naming what to change", async () => {
    const model = await modelOn(() => ({ kind: "text", text: "好" }), { profile: "llamacpp", contextTokens: 50 });
    const r = await rewriteText({ text: "全年排查矛盾纠纷6200件，调解成功6150件。", mode: "polish" }, { model, prompts }).catch((e) => e);
    expect(r.code).toBe("too_large:model_context");
    expect(r.message).toMatch(/上下文窗口（约 50 个词元）.*LLM_CONTEXT_TOKENS/);
  });

  it("a section cut off by max_tokens is marked unfinished and offered for regeneration, never accepted", async () => {
    const model = await modelOn((req) => ({ kind: "text", text: goodSectionText(req).slice(0, 20), finish: "length" }), { profile: "vllm" });
    const draft = await generateDraft({ ...input, problems: [], plans: [] }, { model, prompts, logger: silentLogger, concurrency: 1 }, () => {});
    const work = draft.sections.find((s) => s.factIds.includes("f1"))!;
    expect(work.status).toBe("error");
    expect(work.error).toMatch(/未写完/);
    expect(draft.warnings.find((w) => w.sectionId === work.id)?.message).toMatch(/未写完.*重新生成/);
  });

  it("DeepSeek: a 429 with Retry-After is waited out and retried", async () => {
    let n = 0;
    const model = await modelOn(() => (n++ === 0 ? { kind: "status", status: 429, retryAfter: 1 } : { kind: "text", text: "好的。" }), { profile: "deepseek" });
    const t0 = Date.now();
    expect(await model.complete([{ role: "user", content: "写一句" }])).toBe("好的。");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
  });

  it("LLM_DISABLE_THINKING asks for no thought on short jobs only, and drops the switch when a server refuses it", async () => {
    let refused = false;
    fake = await startFakeOpenAI((req) => {
      if (req.body.chat_template_kwargs && !refused) {
        refused = true;
        return { kind: "status", status: 400, message: "Unrecognized request argument supplied: chat_template_kwargs" };
      }
      return { kind: "text", text: "好的。" };
    }, { profile: "openai" });
    const model = createChatModel({ baseURL: fake.url, apiKey: "k", model: "m", timeoutMs: 5000, maxRetries: 0, concurrency: 1, disableThinking: true }, silentLogger)!;
    expect(await model.complete([{ role: "user", content: "长任务" }])).toBe("好的。");
    expect(fake.chatRequests()[0].body.chat_template_kwargs).toBeUndefined();
    expect(await model.complete([{ role: "user", content: "短任务" }], { brief: true })).toBe("好的。");
    const bodies = fake.chatRequests().slice(1).map((r) => r.body);
    expect(bodies[0].chat_template_kwargs).toEqual({ enable_thinking: false });
    expect(bodies[1].chat_template_kwargs).toBeUndefined();
    await model.complete([{ role: "user", content: "再短一次" }], { brief: true });
    expect(fake.chatRequests().at(-1)!.body.chat_template_kwargs).toBeUndefined();
  });
});
