import path from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { createChatModel } from "../../../server/llm/index.ts";
import { loadPrompts } from "../../../server/llm/prompts.ts";
import { silentLogger } from "../../../server/log.ts";
import { extractFigures, figureKey } from "../../../server/numbers/index.ts";
import { applyLexicon, enumerate } from "../../../server/rewrite/offline.ts";
import { fixNumberForms, fixPunctuation } from "../../../server/numbers/index.ts";
import { changesBetween, REWRITE_PROMPTS, rewriteText } from "../../../server/rewrite/rewrite.ts";
import { startFakeOpenAI, lastUserMessage, type FakeOpenAI } from "../../fake-openai/server.ts";

const PROMPTS = path.resolve(import.meta.dirname, "../../../prompts");
const keys = (t: string) => extractFigures(t).map(figureKey).sort();
const rebuild = (changes: Array<{ op: string; text: string }>, side: "old" | "new") =>
  changes.filter((c) => c.op === "equal" || c.op === (side === "old" ? "delete" : "insert")).map((c) => c.text).join("");

describe("offline rewrite", () => {
  it("formalises a bare 办了 but leaves the words that end in 办 (举办了, 承办了, 交办了) as they are", () => {
    expect(applyLexicon("今年办了3件实事。")).toBe("今年办理了3件实事。");
    for (const w of ["举办了", "承办了", "交办了", "创办了", "督办了", "开办了"]) expect(applyLexicon(`全年${w}培训班2期。`)).toBe(`全年${w}培训班2期。`);
  });

  it("turns colloquial wording formal, drops first-person singular and keeps 我们", () => {
    expect(applyLexicon("我们搞了专项行动，一共排查纠纷120件")).toBe("我们开展了专项行动，共排查纠纷120件");
    expect(applyLexicon("我觉得，弄了一次培训，大概300人参加")).toBe("组织了一次培训，约300人参加");
    expect(applyLexicon("帮群众解决实际困难")).toBe("为群众协调解决实际困难");
  });

  it("uses full-width punctuation in Chinese text and leaves numbers and Latin text alone", () => {
    expect(fixPunctuation("全年办案120件,同比下降5%;会议于10:30结束...")).toBe("全年办案120件，同比下降5%；会议于10:30结束……");
    expect(fixPunctuation("Hello, world.")).toBe("Hello, world.");
  });

  it("writes GB/T 15835 number forms without changing a value", () => {
    const t = "培训３千人次，满意度百分之九十五，其中百分之八为新人。";
    const out = fixNumberForms(t);
    expect(out).toBe("培训3000人次，满意度95%，其中8%为新人。");
    expect(keys(out)).toEqual(keys(t));
  });

  it("drops thousands separators in Chinese text but leaves lists and decimals alone", () => {
    const t = "调处纠纷1,280件，挽回损失12,345,678元，编号1,2,3，单价1,280.5元";
    const out = fixNumberForms(t);
    expect(out).toBe("调处纠纷1280件，挽回损失12345678元，编号1,2,3，单价1,280.5元");
    expect(keys(out)).toEqual(keys(t));
  });

  it("restructures a list into 一是/二是/三是", () => {
    expect(enumerate("1. 排查矛盾纠纷120件\n2. 化解信访积案35件。\n3、召开推进会3次")).toBe("一是排查矛盾纠纷120件；二是化解信访积案35件；三是召开推进会3次。");
    expect(enumerate("- 加强队伍建设\n- 深化平安建设")).toBe("一是加强队伍建设；二是深化平安建设。");
  });

  it("returns a diff the editor can apply or reject", async () => {
    const r = await rewriteText({ text: "我们搞了3次培训,一共有1200人参加。", mode: "polish" });
    expect(r.engine).toBe("offline");
    expect(r.refused).toBe(false);
    expect(r.text).toBe("我们开展了3次培训，共1200人参加。");
    expect(rebuild(r.changes, "old")).toBe("我们搞了3次培训,一共有1200人参加。");
    expect(rebuild(r.changes, "new")).toBe(r.text);
    expect(r.changes.some((c) => c.op === "insert")).toBe(true);
  });

  it("says plainly that expand and shorten need a model, and changes nothing", async () => {
    for (const mode of ["expand", "shorten"] as const) {
      const r = await rewriteText({ text: "开展培训3次。", mode });
      expect(r.text).toBe("开展培训3次。");
      expect(r.warnings.join("")).toContain("扩写和缩写需要接入大模型，请联系管理员配置");
      // Words a writer understands: no variable names, no English.
      expect(r.warnings.join("")).not.toMatch(/[A-Za-z_]{3,}/);
      expect(r.changes).toEqual([{ op: "equal", text: "开展培训3次。" }]);
    }
  });

  it("never changes, adds or drops a figure (property over generated texts with figures)", async () => {
    const phrase = fc.constantFrom(
      "我们搞了", "一共", "大概", "差不多", "帮群众", "解决", "弄了", "排查矛盾纠纷", "化解率", "同比下降", "开展培训", "我觉得",
      "百分之", "人次", "件", "，", ",", "。", ";", ":", "...", "\n1. ", "\n2、", "（", ")", "老百姓", "涉及到", "截止目前",
    );
    const num = fc.oneof(
      fc.integer({ min: 0, max: 99999 }).map(String),
      fc.tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a}.${b}`),
      fc.constantFrom("1.2万", "3千", "三千", "十五", "两", "百分之九十五", "2025年", "99.2%", "５０", "3个百分点", "近百"),
    );
    const unit = fc.constantFrom("件", "人", "次", "%", "个", "万元", "", "余件", "多人");
    const text = fc.array(fc.oneof(phrase, fc.tuple(num, unit).map(([n, u]) => n + u)), { minLength: 1, maxLength: 30 }).map((parts) => `开展工作${parts.join("")}。`);
    const mode = fc.constantFrom("polish", "enumerate") as fc.Arbitrary<"polish" | "enumerate">;
    let changed = 0;
    await fc.assert(
      fc.asyncProperty(text, mode, async (t, m) => {
        const r = await rewriteText({ text: t, mode: m });
        expect(keys(r.text)).toEqual(keys(t));
        // The rules themselves keep figures: the refusal net is never what saves them.
        expect(r.refused).toBe(false);
        if (r.text !== t) changed++;
      }),
      { numRuns: 1000 },
    );
    expect(changed).toBeGreaterThan(100);
  });

  it("computes changes for any pair of strings that rebuild both sides", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const c = changesBetween(a, b);
        expect(rebuild(c, "old")).toBe(a);
        expect(rebuild(c, "new")).toBe(b);
      }),
    );
  });
});

describe("model rewrite", () => {
  let fake: FakeOpenAI | null = null;
  afterEach(async () => {
    await fake?.close();
    fake = null;
  });
  const modelFor = (url: string) =>
    createChatModel({ baseURL: url, apiKey: "k", model: "fake", timeoutMs: 5000, maxRetries: 0, concurrency: 1 }, silentLogger)!;

  it("has a prompt file for every mode, loaded and checked like the drafting prompts", () => {
    const lib = loadPrompts(PROMPTS, REWRITE_PROMPTS);
    for (const name of REWRITE_PROMPTS) expect(lib.names()).toContain(name);
  });

  it("every mode's prompt, as the model receives it, tells how colloquial wording maps to formal and keeps loose figures loose, with an example that changes something", async () => {
    for (const mode of ["polish", "expand", "shorten", "enumerate"] as const) {
      fake = await startFakeOpenAI([{ kind: "text", text: "本月开展排查1轮。" }]);
      await rewriteText({ text: "这个月排了一遍。", mode }, { model: modelFor(fake.url), prompts: loadPrompts(PROMPTS, REWRITE_PROMPTS) });
      const sent = fake.chatRequests()[0].text;
      expect(sent).not.toContain("“1.2万”可以写作“1.2万”");
      expect(sent).toContain("把“1.2万”写成“12000”");
      expect(sent).toContain("约数仍写约数");
      for (const pair of ["“还没”写作“尚未”", "“还在”写作“正在”", "写作“拟”或“计划”", "写作“据反映”"]) expect(sent).toContain(pair);
      await fake.close();
      fake = null;
    }
  });

  it("uses the mode's prompt with the text quoted and returns the model's version with a diff", async () => {
    fake = await startFakeOpenAI([{ kind: "text", text: "全年开展专项培训3次，共1200人参加，培训覆盖率达到98%。" }]);
    const prompts = loadPrompts(PROMPTS, REWRITE_PROMPTS);
    const text = "我们搞了3次培训，一共有1200人参加，覆盖率98%。";
    const r = await rewriteText({ text, mode: "expand" }, { model: modelFor(fake.url), prompts });
    expect(r.engine).toBe("llm");
    expect(r.refused).toBe(false);
    expect(r.text).toBe("全年开展专项培训3次，共1200人参加，培训覆盖率达到98%。");
    const sent = lastUserMessage(fake.chatRequests()[0]);
    expect(sent).toContain(`<<<原文开始>>>\n${text}\n<<<原文结束>>>`);
    expect(fake.chatRequests()[0].text).toContain("扩写");
  });

  it("refuses a model version that changes a figure and keeps the original", async () => {
    fake = await startFakeOpenAI([{ kind: "text", text: "全年开展专项培训4次，共1200余人参加。" }]);
    const prompts = loadPrompts(PROMPTS, REWRITE_PROMPTS);
    const text = "我们搞了3次培训，一共有1200人参加，覆盖率98%。";
    const r = await rewriteText({ text, mode: "polish" }, { model: modelFor(fake.url), prompts });
    expect(r.refused).toBe(true);
    expect(r.text).toBe(text);
    expect(r.changes).toEqual([{ op: "equal", text }]);
    expect(r.warnings.join("")).toMatch(/“4次”/);
    expect(r.warnings.join("")).toMatch(/丢失了数字/);
  });

  it("keeps the original with a plain reason when the model answers in another language or in mojibake", async () => {
    const prompts = loadPrompts(PROMPTS, REWRITE_PROMPTS);
    const text = "我们搞了3次培训，一共有1200人参加，覆盖率98%。";
    for (const reply of ["Here is the polished text: 3 trainings were held for 1200 people, 98% coverage.", "ï»¿å¨å¹´å¼å±åè®­3æ¬¡ï¼å±1200äººåå 98%"]) {
      fake = await startFakeOpenAI([{ kind: "text", text: reply }]);
      const r = await rewriteText({ text, mode: "polish" }, { model: modelFor(fake.url), prompts });
      expect(r.text).toBe(text);
      expect(r.warnings.join("")).toContain("不是中文改写结果");
      await fake.close();
      fake = null;
    }
  });

  it("asks for a model when the llm engine is requested without one", async () => {
    await expect(rewriteText({ text: "开展培训3次。", mode: "expand", engine: "llm" })).rejects.toMatchObject({ code: "unavailable:model" });
  });
});
