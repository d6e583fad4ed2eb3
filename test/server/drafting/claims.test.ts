import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { generateDraft, regenerateSection } from "../../../server/drafting/run.ts";
import { checkSectionText } from "../../../server/drafting/verify.ts";
import { buildFacts } from "../../../server/drafting/facts.ts";
import { createChatModel } from "../../../server/llm/index.ts";
import { loadPrompts } from "../../../server/llm/prompts.ts";
import { silentLogger } from "../../../server/log.ts";
import { goodSectionText, lastUserMessage, startFakeOpenAI, type FakeOpenAI, type FakeReply, type FakeRequest } from "../../fake-openai/server.ts";

const prompts = loadPrompts(path.resolve(import.meta.dirname, "../../../prompts"));
const input = {
  unit: "西山县委政法委",
  year: 2025,
  facts: ["计划年内建成乡镇综治中心3个", "初步建立矛盾纠纷多元化解机制，调解纠纷1280件", "在青石镇试点网格化管理，配备网格员56名"],
};

let fake: FakeOpenAI | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

const isRepair = (req: FakeRequest) => lastUserMessage(req).includes("没有通过核对");
const good = (req: FakeRequest): FakeReply => ({ kind: "text", text: goodSectionText(req) });

async function draftWith(script: (req: FakeRequest) => FakeReply) {
  fake = await startFakeOpenAI(script);
  const model = createChatModel({ baseURL: fake.url, apiKey: "k", model: "fake-model", timeoutMs: 5000, maxRetries: 0, concurrency: 3 }, silentLogger);
  const draft = await generateDraft(input, { model, prompts, logger: silentLogger }, () => {});
  return { draft, model };
}

/** The model's usual section, with one claim of a fact changed and every figure kept. */
const twisted = (req: FakeRequest) => goodSectionText(req).replace("计划年内建成", "年内已全部建成").replace("初步建立", "全面建立").replace("在青石镇试点", "在青石镇、柳林镇试点");

describe("drafted sections are held to their facts' claims", () => {
  it("asks the model to repair a changed claim, naming the fact and the claim, and keeps the repaired text", async () => {
    const { draft } = await draftWith((req) => (isRepair(req) ? good(req) : { kind: "text", text: twisted(req) }));
    const repairs = fake!.chatRequests().filter(isRepair);
    expect(repairs.length).toBeGreaterThan(0);
    const asked = repairs.map(lastUserMessage).join("\n");
    expect(asked).toContain("要点原话是“计划年内建成乡镇综治中心3个”");
    expect(asked).toContain("进度状态由“计划中”变为“已完成”");
    expect(asked).toMatch(/范围程度由“初步”变为“全部\/全面”/);
    expect(asked).toContain("新增了地名“柳林镇”");
    expect(draft.warnings.filter((w) => w.code === "changed_claim")).toEqual([]);
    expect(draft.sections.map((s) => s.text).join("")).toContain("计划年内建成");
  });

  it("flags what the repair could not fix, with the fact's clause and the section's, and its position", async () => {
    // The repair prompt quotes the facts again, so the twisted reply is the same both times.
    const { draft } = await draftWith((req) => ({ kind: "text", text: twisted(req) }));
    expect(fake!.chatRequests().filter(isRepair).length).toBeGreaterThan(0);
    const flagged = draft.warnings.filter((w) => w.code === "changed_claim");
    expect(flagged.map((w) => w.claim!.kind).sort()).toEqual(expect.arrayContaining(["name", "scope", "status"]));
    const status = flagged.find((w) => w.claim!.kind === "status")!;
    expect(status.claim).toMatchObject({ beforeText: "计划年内建成乡镇综治中心3个", before: "计划", after: "已" });
    const section = draft.sections.find((s) => s.id === status.sectionId)!;
    expect(section.text.slice(status.start!, status.end!)).toBe(status.claim!.afterText);
    expect(draft.stats.changedClaims).toBe(flagged.length);
    // Every figure was kept: the figure guard alone would have passed this draft.
    expect(draft.stats.inventedFigures).toBe(0);
  });

  it("flags a regenerated section that changes a claim, so the editor can offer the earlier text", async () => {
    let twist = false;
    const { draft, model } = await draftWith((req) => (twist ? { kind: "text", text: twisted(req) } : good(req)));
    const target = draft.sections.find((s) => s.text.includes("初步建立"))!;
    twist = true;
    const next = await regenerateSection(draft, target.id, { model, prompts, logger: silentLogger }, () => {});
    expect(next.warnings.filter((w) => w.sectionId === target.id && w.code === "changed_claim").length).toBeGreaterThan(0);
  });
});

describe("offline sections", () => {
  it("make no claim beyond their facts on the same input", async () => {
    const draft = await generateDraft(input, { model: null, prompts, logger: silentLogger }, () => {});
    expect(draft.warnings.filter((w) => w.code === "changed_claim")).toEqual([]);
  });

  it("a writer's locked text that reports a plan as done is flagged like a model's", async () => {
    const facts = await buildFacts(input, { logger: silentLogger });
    const check = checkSectionText("一是年内已建成乡镇综治中心3个。", facts.slice(0, 1), { facts, unit: input.unit, year: 2025 }, "work");
    expect(check.invented).toEqual([]);
    expect(check.claims.map((c) => c.kind)).toEqual(["status"]);
  });
});
