/**
 * What a chat model says around its answer never becomes part of a rewrite or a draft (server/llm/reply.ts):
 * courtesy and announcements before it, thinking aloud without tags, an explanation block and an offer of more
 * help after it, fences and wrapping quotes. A writer's own lines of the same shapes stay, and the sample reports
 * pass through unchanged.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { createChatModel } from "../../../server/llm/index.ts";
import { loadPrompts } from "../../../server/llm/prompts.ts";
import { answerOnly } from "../../../server/llm/reply.ts";
import { silentLogger } from "../../../server/log.ts";
import { REWRITE_PROMPTS } from "../../../server/rewrite/rewrite.ts";
import { RewriteResultSchema } from "../../../server/rewrite/types.ts";
import { startFakeOpenAI, type FakeOpenAI } from "../../fake-openai/server.ts";
import { testDeps } from "../../helpers/deps.ts";

const ANSWER = "本月青榆镇排查矛盾纠纷23件，已调处化解19件，其余4件正在跟进。\n组织村调解员培训2次，每次约30人参加。";
const NOTE = "这个月青榆镇矛盾纠纷排了23件，调好了19件，剩下4件还在跟。村里调解员培训搞了2回，每回30来人。";

const WRAPPED: Record<string, string> = {
  courtesy: `好的，以下是润色后的文本：\n\n${ANSWER}`,
  "announcement only": `润色后的文字如下：\n${ANSWER}`,
  "thinking aloud, then an announcement": `嗯，用户让我把这段口语润色成公文。我需要保留所有数字，不能改变状态。首先，“调好了”就是“已调处化解”。\n\n润色结果：\n${ANSWER}`,
  "explanation after": `${ANSWER}\n\n说明：\n1. 将“调好了”改为“已调处化解”；\n2. 保留了全部数字。`,
  "offer after": `${ANSWER}\n\n希望以上内容对您有帮助！如需进一步修改，请随时告诉我。`,
  "a review of the edit after": `${ANSWER}\n\n以上润色保持了原文的所有数字和事实。`,
  "a review in brackets after": `${ANSWER}\n（以上改写仅调整措辞，原文数字未作改动）`,
  fenced: "```\n" + ANSWER + "\n```",
  quoted: `“${ANSWER}”`,
  markdown: ANSWER.split("\n").map((l) => `- **${l}**`).join("\n"),
  "markdown heading": `## 润色后的文本：\n${ANSWER}`,
  "the source quoted under its label, then the answer under its own": `原文：${NOTE}\n\n润色后：${ANSWER}`,
  "labels in brackets and bold": `**【原文】**：${NOTE}\n**【改写结果】**：\n${ANSWER}`,
  "a bold label with its colon inside": `**润色后：**\n\n${ANSWER}`,
  "the answer said twice": `${ANSWER}\n\n${ANSWER}`,
  "a rule before the explanation": `以下是润色后的内容：\n\n${ANSWER}\n\n---\n修改说明：\n1. 将口语化表达改为书面语。\n2. 保留了所有数字。`,
  "a rule after the answer": `${ANSWER}\n\n***`,
  "all at once": `好的，我来帮您润色。\n\`\`\`text\n${ANSWER}\n\`\`\`\n修改说明：口语表述已改为书面语，数字未作改动。\n如有其他需要，欢迎随时告诉我。`,
};

describe("answerOnly", () => {
  it.each(Object.entries(WRAPPED))("%s: the answer alone", (_name, reply) => {
    expect(answerOnly(reply, NOTE)).toBe(ANSWER);
  });

  it("keeps a writer's own lines of the same shapes, and official first person", () => {
    const source = "主要做法如下：\n一是排查到位。\n说明：本表数据截至11月底。";
    expect(answerOnly(source, source)).toBe(source);
    const official = "我县坚持和发展新时代“枫桥经验”，我们始终把矛盾纠纷化解在基层。\n注：全年数据为初步统计数。";
    expect(answerOnly(official)).toBe(official);
    // A note under a table that is no talk about an edit stays.
    expect(answerOnly(`${ANSWER}\n注：调处数含诉前调解。`)).toBe(`${ANSWER}\n注：调处数含诉前调解。`);
    // A closing line of the report's own (以上 + the work, no word of an edit) stays.
    const closingLine = `${ANSWER}\n以上内容请各镇对照原文件抓好落实。`;
    expect(answerOnly(closingLine)).toBe(closingLine);
  });

  it("drops a short sentence said twice", () => {
    expect(answerOnly("全县政法工作稳步推进。\n全县政法工作稳步推进。", NOTE)).toBe("全县政法工作稳步推进。");
  });

  it("keeps a paragraph the source itself repeats, and a source's own label line", () => {
    const twice = "一是排查到位。\n二是化解到位。\n一是排查到位。";
    expect(answerOnly(twice, twice)).toBe(twice);
    const labelled = "原文：第一季度数据。\n调整后：第二季度数据。";
    expect(answerOnly(labelled, labelled)).toBe(labelled);
  });

  it("leaves a template's stars alone: they are blanks the checker must see, not bold", () => {
    const template = "**县委政法委现有在编人员**名，其中党员**名，占**%。";
    expect(answerOnly(`好的，以下是润色后的文本：\n${template}`)).toBe(template);
  });

  it("returns the reply when nothing but talk would be left", () => {
    expect(answerOnly("好的，以下是润色后的文本：")).toBe("好的，以下是润色后的文本：");
  });

  // Left out: the web pages' 您-lines (they address a reader) and their bullets, which go as Markdown does.
  it("leaves every paragraph of the sample reports as it is", () => {
    const dir = path.resolve(import.meta.dirname, "../../../corpus");
    let windows = 0;
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".txt"))) {
      const lines = readFileSync(path.join(dir, f), "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.includes("您") && !/^[-*•#]/.test(l));
      for (let i = 0; i < lines.length; i++) {
        const window = lines.slice(i, i + 3).join("\n");
        expect(answerOnly(window), window).toBe(window);
        windows++;
      }
    }
    expect(windows).toBeGreaterThan(100);
  });
});

describe("POST /api/rewrite with a chatty model", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-reply-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let fake: FakeOpenAI | null = null;
  afterEach(async () => {
    await fake?.close();
    fake = null;
  });

  it.each(["courtesy", "thinking aloud, then an announcement", "explanation after", "all at once"])("%s: the faithful rewrite is accepted as the answer alone", async (name) => {
    fake = await startFakeOpenAI(() => ({ kind: "text", text: WRAPPED[name] }));
    const app = createApp(testDeps(dir, {}, {
      model: createChatModel({ baseURL: fake.url, apiKey: "k", model: "fake", timeoutMs: 5000, maxRetries: 0, concurrency: 1 }, silentLogger)!,
      prompts: loadPrompts(path.resolve(import.meta.dirname, "../../../prompts"), REWRITE_PROMPTS),
    }));
    const res = await app.request("/api/rewrite", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: NOTE, mode: "polish", engine: "llm" }) });
    expect(res.status).toBe(200);
    const r = RewriteResultSchema.parse(await res.json());
    expect(r.refused, r.warnings.join("；")).toBe(false);
    expect(r.text).toBe(ANSWER);
  }, 30_000);
});
