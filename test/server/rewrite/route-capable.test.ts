/**
 * POST /api/rewrite with a scripted capable model on the fake server: a clerk's colloquial paragraph
 * (written for this test) answered by its faithful formal rewrite is accepted in every mode; a
 * shortening that leaves out a detail figure is accepted with the figure shown; an answer that says
 * a plan is done is refused.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { createChatModel } from "../../../server/llm/index.ts";
import { loadPrompts } from "../../../server/llm/prompts.ts";
import { silentLogger } from "../../../server/log.ts";
import { REWRITE_PROMPTS } from "../../../server/rewrite/rewrite.ts";
import { RewriteResultSchema, type RewriteMode } from "../../../server/rewrite/types.ts";
import { lastUserMessage, startFakeOpenAI, type FakeOpenAI, type FakeRequest } from "../../fake-openai/server.ts";
import { testDeps } from "../../helpers/deps.ts";

const PROMPTS = path.resolve(import.meta.dirname, "../../../prompts");
const dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-rewrite-route-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NOTE = "石桥镇的矛盾纠纷这个月排了一遍，摸出来二十来件，调好了十几件，剩下的还在跟。有个宅基地的纠纷两家一直谈不拢，我们打算下周请司法所一起去调。村里的调解员培训搞了两回，每回三十来人。";
const FORMAL: Record<RewriteMode, string> = {
  polish: "本月石桥镇开展矛盾纠纷排查1轮，排查出纠纷20件左右，已调处化解10余件，其余正在跟进。其中1起宅基地纠纷双方一直未能达成一致，计划下周会同司法所共同调处。组织村调解员培训2次，每次约30人参加。",
  enumerate: "一是排查化解。本月石桥镇排查矛盾纠纷20件左右，已调处化解10余件，其余正在跟进。二是疑难纠纷。1起宅基地纠纷双方一直未能达成一致，计划下周会同司法所共同调处。三是队伍培训。组织村调解员培训2次，每次约30人参加。",
  expand: "本月，石桥镇扎实开展矛盾纠纷排查化解工作，对辖区矛盾纠纷排查1轮，排查出纠纷20件左右，已调处化解10余件，其余正在跟进。其中1起宅基地纠纷双方一直未能达成一致，计划下周会同司法所共同调处。同时，组织村调解员培训2次，每次约30人参加，进一步提升调解队伍业务能力。",
  shorten: "本月石桥镇排查矛盾纠纷20件左右，已化解10余件，其余正在跟进；1起宅基地纠纷未能达成一致，计划下周会同司法所调处。培训村调解员2次。",
};

describe("POST /api/rewrite with a capable model", () => {
  let fake: FakeOpenAI | null = null;
  afterEach(async () => {
    await fake?.close();
    fake = null;
  });
  const appWith = (url: string) =>
    createApp(testDeps(dir, {}, {
      model: createChatModel({ baseURL: url, apiKey: "k", model: "fake", timeoutMs: 5000, maxRetries: 0, concurrency: 1 }, silentLogger)!,
      prompts: loadPrompts(PROMPTS, REWRITE_PROMPTS),
    }));
  /** The model finds the note quoted in its prompt and answers with the given rewrite of it. */
  const answering = (answer: string) => (req: FakeRequest) => {
    expect(lastUserMessage(req)).toContain(NOTE);
    return { kind: "text" as const, text: answer };
  };
  const post = async (url: string, mode: RewriteMode) => {
    const res = await appWith(url).request("/api/rewrite", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: NOTE, mode, engine: "llm", unit: "西山县委政法委" }) });
    expect(res.status).toBe(200);
    return RewriteResultSchema.parse(await res.json());
  };

  it.each(Object.keys(FORMAL) as RewriteMode[])("%s: the faithful formal rewrite is accepted", async (mode) => {
    fake = await startFakeOpenAI(answering(FORMAL[mode]));
    const r = await post(fake.url, mode);
    expect(r.claims).toEqual([]);
    expect(r.refused, r.warnings.join("；")).toBe(false);
    expect(r.text).toBe(FORMAL[mode]);
    // The shortening left out how many attended each time: accepted, and shown to the writer.
    if (mode === "shorten") expect(r.warnings.join("；")).toContain("缩写略去了数字");
  });

  it("refuses an answer that says the planned mediation already happened", async () => {
    fake = await startFakeOpenAI(answering(FORMAL.polish.replace("计划下周会同司法所共同调处", "已会同司法所调处完毕")));
    const r = await post(fake.url, "polish");
    expect(r.refused).toBe(true);
    expect(r.text).toBe(NOTE);
    expect(r.claims.map((c) => c.kind)).toContain("status");
  });
});
