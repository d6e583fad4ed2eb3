import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseFactsText, buildFacts } from "../../../server/drafting/facts.ts";
import { titleFromFacts } from "../../../server/drafting/outline.ts";
import { generateDraft, prepareDraft } from "../../../server/drafting/run.ts";
import { lengthChars, selfName } from "../../../server/drafting/writer-model.ts";
import { checkSectionText, sectionWarnings } from "../../../server/drafting/verify.ts";
import { createChatModel } from "../../../server/llm/index.ts";
import { loadPrompts } from "../../../server/llm/prompts.ts";
import { silentLogger } from "../../../server/log.ts";
import { factsInPrompt, goodSectionText, lastUserMessage, startFakeOpenAI, type FakeOpenAI, type FakeRequest } from "../../fake-openai/server.ts";

/** Section prompts that ask only for what the facts can carry, and a verifier that says when a section claims more. */
const ROOT = path.resolve(import.meta.dirname, "../../..");
const prompts = loadPrompts(path.join(ROOT, "prompts"));
const system = (req: FakeRequest) => req.body.messages.find((m: { role: string }) => m.role === "system")?.content ?? "";

let fake: FakeOpenAI | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function draftWith(input: Parameters<typeof generateDraft>[0], reply: (req: FakeRequest) => string, parallel = true) {
  fake = await startFakeOpenAI((req) => ({ kind: "text", text: reply(req) }));
  const model = createChatModel({ baseURL: fake.url, apiKey: "k", model: "fake", timeoutMs: 5000, maxRetries: 0, concurrency: 3 }, silentLogger);
  const draft = await generateDraft({ ...input, options: { sectionsParallel: parallel } }, { model, prompts, logger: silentLogger }, () => {});
  return { draft, requests: fake.chatRequests().filter((r) => !lastUserMessage(r).includes("没有通过核对")) };
}

describe("the length asked for follows the facts", () => {
  it("one short fact gets a short paragraph; more and longer facts get more, within a floor and a cap", () => {
    const one = lengthChars(undefined, [{ text: "开展法治宣传进校园活动18场" }], "work");
    expect(one).toBeLessThanOrEqual(70);
    expect(one).toBeGreaterThanOrEqual(40);
    const twoProblems = lengthChars(undefined, [{ text: "网格员流动性较大" }, { text: "信息化水平不高" }], "problems");
    expect(twoProblems).toBeLessThan(100);
    const many = lengthChars(undefined, Array.from({ length: 6 }, () => ({ text: "全年共排查矛盾纠纷1280件，调解成功1250件，调解成功率97.7%" })), "work");
    expect(many).toBeGreaterThan(one * 4);
    expect(many).toBeLessThanOrEqual(900);
    expect(lengthChars("short", [{ text: "开展法治宣传进校园活动18场" }], "work")).toBeLessThanOrEqual(one);
    expect(lengthChars("long", [{ text: "开展法治宣传进校园活动18场" }], "work")).toBeGreaterThanOrEqual(one);
  });

  it("the section prompt carries that length (a one-fact section is not asked for 150 characters)", async () => {
    const { requests } = await draftWith({ unit: "西山县委政法委", year: 2025, facts: ["开展法治宣传进校园活动18场"] }, goodSectionText);
    const section = requests.find((r) => factsInPrompt(r).length === 1)!;
    const chars = Number(/篇幅：约(\d+)字/.exec(lastUserMessage(section))![1]);
    expect(chars).toBeLessThanOrEqual(70);
  });
});

describe("the section prompt", () => {
  it("labels 本节说明, defines 关键词, gives a number example that changes the form, and says how the unit refers to itself", async () => {
    const { requests } = await draftWith({ unit: "西山县委政法委", year: 2025, facts: ["开展法治宣传进校园活动18场", "排查矛盾纠纷120件"] }, goodSectionText);
    const sys = system(requests.find((r) => factsInPrompt(r).length > 0)!);
    expect(sys).toMatch(/本节说明：\n/);
    expect(sys).toMatch(/关键词指/);
    expect(sys).not.toContain("把“1.2万”写成“1.2万”");
    expect(sys).toContain("“12000”");
    expect(sys).toContain("简称“县委政法委”");
    expect(sys).toContain("本委");
    expect(selfName("东城区委政法委")).toBe("区委政法委");
  });

  it("asks for no outcome a fact does not state, and the opening's one general line does not contradict it", async () => {
    const { requests } = await draftWith({ unit: "西山县委政法委", year: 2025, facts: ["开展法治宣传进校园活动18场"], problems: ["网格员流动性较大"] }, goodSectionText);
    const work = requests.find((r) => lastUserMessage(r).includes("法治宣传"))!;
    expect(system(work)).toMatch(/不写要点没有说到的成效和评价/);
    expect(system(work)).not.toMatch(/最后可用一句话小结/);
    const problems = requests.find((r) => lastUserMessage(r).includes("网格员流动性"))!;
    expect(system(problems)).toMatch(/至多再用一句话/);
    const opening = requests.find((r) => factsInPrompt(r).length === 0 && system(r).includes("开头段"))!;
    expect(system(opening)).not.toContain("概括全年工作的总体成效");
    expect(system(opening)).toContain("除第2条那一句总体概括外");
  });

  it("carries the openings of the sections already written, so no two sections open alike", async () => {
    const input = { unit: "西山县委政法委", year: 2025, facts: ["开展法治宣传进校园活动18场", "排查矛盾纠纷120件", "开展反诈宣传12场"] };
    const { requests } = await draftWith(input, goodSectionText, false);
    const sections = requests.filter((r) => factsInPrompt(r).length > 0);
    expect(lastUserMessage(sections[0])).toMatch(/已写小节的开头（本节开头不要与之相同）：\n（无）/);
    const last = lastUserMessage(sections[sections.length - 1]);
    // goodSectionText opens every section with the same line: the later prompts name it.
    expect(last).toContain("- 坚持统筹谋划、狠抓落实，各项工作扎实推进。");
  });
});

describe("outline titles name only the lines of work their facts show", () => {
  it("keeps the parts of a work line's heading that the facts show, else its first part", () => {
    expect(titleFromFacts("推进法治建设，加强执法司法监督", ["开展法治宣传进校园活动18场"])).toBe("推进法治建设");
    expect(titleFromFacts("推进法治建设，加强执法司法监督", ["开展执法司法监督检查3次", "法治宣传18场"])).toBe("推进法治建设，加强执法司法监督");
    expect(titleFromFacts("深化平安建设，健全社会治安防控体系", ["开展反诈宣传12场"])).toBe("深化平安建设");
  });

  it("the proposed outline and the model's prompt carry that title", async () => {
    const input = { unit: "西山县委政法委", year: 2025, facts: ["开展法治宣传进校园活动18场"] };
    const prepared = await prepareDraft(input, { logger: silentLogger });
    const headings = prepared.outline.sections.map((s) => s.heading);
    expect(headings).not.toContain("推进法治建设，加强执法司法监督");
    const { requests } = await draftWith(input, goodSectionText);
    const section = requests.find((r) => factsInPrompt(r).length === 1)!;
    expect(lastUserMessage(section)).not.toContain("加强执法司法监督");
  });
});

describe("unsupported outcome claims are reported on their sentence", () => {
  const ctx = { facts: [], unit: "西山县委政法委", year: 2025 };

  it("warns on a sentence that claims an outcome no fact states, and not on one a fact states", async () => {
    const [fact] = await buildFacts({ unit: "西山县委政法委", year: 2025, facts: ["开展反诈宣传12场"] }, { logger: silentLogger });
    const text = "开展反诈宣传12场。通过以上举措，群众安全感进一步增强，社会治安形势稳中向好。";
    const check = checkSectionText(text, [fact], { ...ctx, facts: [fact] }, "work");
    const warnings = sectionWarnings({ id: "s" }, check, text).filter((w) => w.code === "unsupported_outcome");
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(text.slice(warnings[0].start, warnings[0].end)).toContain("安全感进一步增强");
    const [stated] = await buildFacts({ unit: "西山县委政法委", year: 2025, facts: ["群众安全感达到98.6%，较上年提升1.2个百分点"] }, { logger: silentLogger });
    const ok = checkSectionText("群众安全感达到98.6%，较上年提升1.2个百分点，安全感进一步提升。", [stated], { ...ctx, facts: [stated] }, "work");
    expect(ok.outcomes).toEqual([]);
  });

  it("a model section that adds an outcome gets the warning through the drafting run", async () => {
    const { draft } = await draftWith({ unit: "西山县委政法委", year: 2025, facts: ["开展反诈宣传12场"] }, (req) =>
      factsInPrompt(req).length ? `${goodSectionText(req)}人民群众安全感进一步增强。` : goodSectionText(req),
    );
    const w = draft.warnings.filter((x) => x.code === "unsupported_outcome");
    expect(w).toHaveLength(1);
    const section = draft.sections.find((s) => s.id === w[0].sectionId)!;
    expect(section.text.slice(w[0].start, w[0].end)).toBe("人民群众安全感进一步增强。");
  });

  it("the offline engine claims no outcome its facts do not state, in any fixture's draft", async () => {
    const dir = path.join(ROOT, "test", "fixtures", "facts");
    for (const f of readdirSync(dir).filter((x) => x.endsWith(".txt"))) {
      const draft = await generateDraft(parseFactsText(readFileSync(path.join(dir, f), "utf8")), { model: null, prompts, logger: silentLogger }, () => {});
      expect(draft.warnings.filter((w) => w.code === "unsupported_outcome"), f).toEqual([]);
    }
  });
});
