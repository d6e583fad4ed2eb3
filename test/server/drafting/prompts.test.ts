import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { guidingThought } from "../../../server/drafting/guidance.ts";
import { generateDraft, prepareDraft } from "../../../server/drafting/run.ts";
import type { Outline } from "../../../server/drafting/types.ts";
import { checkSectionText } from "../../../server/drafting/verify.ts";
import { createChatModel } from "../../../server/llm/index.ts";
import { loadPrompts } from "../../../server/llm/prompts.ts";
import { silentLogger } from "../../../server/log.ts";
import { factsInPrompt, goodSectionText, lastUserMessage, startFakeOpenAI, type FakeOpenAI, type FakeRequest } from "../../fake-openai/server.ts";

/**
 * The prompts, read as a model that follows them to the letter would read them: no two rules may ask
 * for opposite things. Each case is one contradiction a capable model met, resolved in prompts/.
 */
const prompts = loadPrompts(path.resolve(import.meta.dirname, "../../../prompts"));
const input = {
  unit: "西山县委政法委",
  year: 2025,
  facts: ["全年共排查矛盾纠纷1280件，调解成功1250件", "打掉涉恶犯罪团伙2个", "起诉涉黑涉恶案件9件"],
  plans: ["推进综治中心规范化建设"],
};

let fake: FakeOpenAI | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

const system = (req: FakeRequest) => req.body.messages.find((m: { role: string }) => m.role === "system")?.content ?? "";
const sectionOf = (heading: string) => (req: FakeRequest) => lastUserMessage(req).includes(`本节标题：${heading}`);

// What a model that follows section-role-no-facts writes: one general line, then the marker.
const NO_FACTS_REPLY = "坚持守正创新、统筹推进，扎实做好本条线各项工作。\n【待补】请补充本节的具体做法和成效。";

async function capture(outlineEdit?: (o: Outline) => Outline) {
  fake = await startFakeOpenAI((req) => ({ kind: "text", text: system(req).includes("本节没有要点") ? NO_FACTS_REPLY : goodSectionText(req) }));
  const model = createChatModel({ baseURL: fake.url, apiKey: "k", model: "fake", timeoutMs: 5000, maxRetries: 0, concurrency: 3 }, silentLogger);
  const prepared = await prepareDraft(input, { logger: silentLogger });
  const outline = outlineEdit ? outlineEdit(prepared.outline) : prepared.outline;
  const draft = await generateDraft({ ...input, outline }, { model, prompts, logger: silentLogger }, () => {});
  return { draft, requests: fake.chatRequests().filter((r) => !lastUserMessage(r).includes("没有通过核对")) };
}

describe("drafting prompts contradict nothing", () => {
  it("1. a section with one fact is not asked for 一是/二是; one with several is", async () => {
    const { requests } = await capture();
    const sections = requests.filter((r) => factsInPrompt(r).length > 0);
    const one = sections.find((r) => factsInPrompt(r).length === 1)!;
    const many = sections.find((r) => factsInPrompt(r).length >= 2)!;
    expect(system(one)).toContain("不用“一是”“二是”");
    expect(system(one)).not.toMatch(/用“一是……二是……”逐条写出|多用“一是/);
    expect(system(many)).toContain("用“一是……二是……”逐条写出");
  });

  it("2. the opening names the unit's own superior (a county committee's is 县委), not 上级党委", async () => {
    const { requests } = await capture();
    const opening = requests.find((r) => system(r).includes("开头段"))!;
    expect(system(opening)).toContain("在县委的坚强领导下");
    expect(system(opening)).not.toMatch(/在上级党委的坚强领导下/);
    const section = requests.find((r) => factsInPrompt(r).length > 0)!;
    expect(system(section)).toContain("它的上级（县委）");
  });

  it("3. “no numbers” in the opening exempts the plenum named in the guiding thought, and the verifier agrees", async () => {
    const { requests } = await capture();
    const opening = system(requests.find((r) => system(r).includes("开头段"))!);
    const thought = guidingThought(2025);
    expect(thought).toContain("二十届");
    expect(opening).toContain(thought);
    expect(opening).toMatch(/会议名称里的届次[^。]*不是统计数字/);
    const text = `2025年，西山县委政法委坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻${thought}，在县委的坚强领导下推动各项工作取得新成效。`;
    expect(checkSectionText(text, [], { facts: [], unit: input.unit, year: 2025 }, "opening")).toMatchObject({ invented: [], claims: [] });
  });

  it("4. the plan section may open with next year although no fact names it, and the verifier agrees", async () => {
    const { requests, draft } = await capture();
    const plans = requests.find((r) => system(r).includes("下一步工作打算"))!;
    expect(system(plans)).toContain("以“2026年，”开头");
    expect(system(plans)).toMatch(/“2026年”是系统按报告期给出的时间，可以写/);
    expect(system(plans)).toContain("本节说明”里给出的时间除外");
    const check = checkSectionText("2026年，一是推进综治中心规范化建设。", draft.facts.filter((f) => f.kind === "plan"), { facts: draft.facts, unit: input.unit, year: 2025 }, "plans");
    expect(check.invented).toEqual([]);
  });

  it("5. a heading with no fact asks for one general line and 【待补】, and the draft says it needs filling in", async () => {
    const { requests, draft } = await capture((o) => {
      const at = o.sections.findIndex((s) => s.level === 2);
      const empty = { id: "empty1", role: "work" as const, heading: "加强网络安全管理", level: 2, workLine: null, factIds: [] };
      return { ...o, sections: [...o.sections.slice(0, at), empty, ...o.sections.slice(at)] };
    });
    const asked = requests.find(sectionOf("（一）加强网络安全管理"))!;
    expect(system(asked)).toContain("本节没有要点");
    expect(system(asked)).toContain("【待补】请补充本节的具体做法和成效。");
    expect(system(asked)).not.toMatch(/逐条写出/);
    expect(draft.sections.find((s) => s.id === "empty1")!.text).toBe(NO_FACTS_REPLY);
    expect(draft.warnings.filter((w) => w.sectionId === "empty1").map((w) => w.code)).toEqual(["placeholder"]);
  });

  it("5. offline, a heading with no fact gets a general line of its stock phrasing and a 【待补】 note", async () => {
    const prepared = await prepareDraft(input, { logger: silentLogger });
    const at = prepared.outline.sections.findIndex((s) => s.level === 2);
    const empty = { id: "empty1", role: "work" as const, heading: "维护国家政治安全", level: 2, workLine: "政治安全", factIds: [] };
    const outline = { ...prepared.outline, sections: [...prepared.outline.sections.slice(0, at), empty, ...prepared.outline.sections.slice(at)] };
    const draft = await generateDraft({ ...input, outline }, { model: null, prompts, logger: silentLogger }, () => {});
    const text = draft.sections.find((s) => s.id === "empty1")!.text;
    expect(text).toContain("【待补】");
    expect(text.split("\n")[0]).toMatch(/政治安全/);
    expect(draft.warnings.some((w) => w.sectionId === "empty1" && w.code === "placeholder")).toBe(true);
    expect(draft.stats.inventedFigures).toBe(0);
  });
});
