import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createChatModel } from "../../../server/llm/index.ts";
import { loadPrompts } from "../../../server/llm/prompts.ts";
import { silentLogger } from "../../../server/log.ts";
import { REWRITE_PROMPTS, rewriteText } from "../../../server/rewrite/rewrite.ts";
import { REWRITE_MODES } from "../../../server/rewrite/types.ts";
import { lastUserMessage, startFakeOpenAI, type FakeOpenAI, type FakeRequest } from "../../fake-openai/server.ts";
import { COLLOQUIAL, COLLOQUIAL_UNIT } from "../claims/colloquial-pairs.ts";
import { PAIRS } from "../claims/pairs.ts";

const PROMPTS = path.resolve(import.meta.dirname, "../../../prompts");

// One fake model server per test, closed after it; the model and prompts every test here uses.
let fake: FakeOpenAI | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});
const model = (url: string) => createChatModel({ baseURL: url, apiKey: "k", model: "fake", timeoutMs: 5000, maxRetries: 0, concurrency: 1 }, silentLogger)!;
const prompts = loadPrompts(PROMPTS, REWRITE_PROMPTS);

describe("model rewrites are held to the original's claims", () => {

  // One unfaithful and one faithful pair per guard, each through every mode.
  const cases = (["status", "negation", "modality", "scope", "approval", "name"] as const).flatMap((kind) => {
    const bad = PAIRS.find((p) => p.changed.includes(kind))!;
    const good = PAIRS.find((p, i) => p.changed.length === 0 && PAIRS.indexOf(bad) < i)!;
    return [{ kind, pair: bad, refused: true }, { kind, pair: good, refused: false }];
  });

  it.each(REWRITE_MODES.flatMap((mode) => cases.map((c) => ({ mode, ...c }))))("$mode, $kind: “$pair.before” → “$pair.after” refused: $refused", async ({ mode, kind, pair, refused }) => {
    fake = await startFakeOpenAI([{ kind: "text", text: pair.after }]);
    const r = await rewriteText({ text: pair.before, mode, unit: "西山县委政法委" }, { model: model(fake.url), prompts });
    expect(r.refused).toBe(refused);
    if (refused) {
      // The original is kept, the refused version is offered, and the reason names the claim.
      expect(r.text).toBe(pair.before);
      expect(r.proposal).toBe(pair.after);
      expect(r.claims.map((c) => c.kind)).toContain(kind);
      expect(r.warnings.join("")).toContain("已拒绝并保留原文");
    } else {
      expect(r.text).toBe(pair.after);
      expect(r.claims).toEqual([]);
    }
  });
});

describe("offline rewrites keep every claim", () => {
  it("polishes and restructures the faithful side of every pair without a refusal", async () => {
    for (const p of PAIRS) {
      for (const mode of ["polish", "enumerate"] as const) {
        const r = await rewriteText({ text: `${p.before}。`, mode });
        expect(r.claims, `${mode}: ${p.before} → ${r.proposal}`).toEqual([]);
      }
    }
  });

  it("keeps the negation when the wording list turns 没有出现 into 未出现", async () => {
    // 没有出现 → 未发生 is a rule of the lexicon; both negate, so the polish goes through.
    const r = await rewriteText({ text: "全年没有出现重大群体性事件。", mode: "polish" });
    expect(r.refused).toBe(false);
    expect(r.text).toContain("未出现");
  });
});

describe("a capable model's faithful formal rewrite of a clerk's colloquial notes is accepted", () => {
  /** The scripted capable model: it finds the note quoted in the prompt and answers with its faithful rewrite. */
  const capable = (pairs: Array<{ colloquial: string; faithful: string }>) => (req: FakeRequest) => {
    const quoted = /<<<原文开始>>>\n([\s\S]*?)\n<<<原文结束>>>/.exec(lastUserMessage(req))?.[1] ?? "";
    return { kind: "text" as const, text: pairs.find((p) => p.colloquial === quoted)?.faithful ?? quoted };
  };

  // The notes in one paragraph; the model merges, reorders and formalises them.
  const note = "综治中心的规范化建设还没弄完，还差3个乡镇。《网格员管理办法》还在起草，打算下半年报县委。今年排查的安全隐患都查完了，一共218处。12个村的调解室都弄起来了。";
  const formal = "全年排查的218处安全隐患已全部核查完毕，12个村的调解室均已建立。综治中心规范化建设尚未完成，仍有3个乡镇未达标。《网格员管理办法》正在起草，拟于下半年报送县委。";

  it.each(REWRITE_MODES)("%s: the merged and reordered formal version is kept, not refused", async (mode) => {
    fake = await startFakeOpenAI(capable([{ colloquial: note, faithful: formal }]));
    const r = await rewriteText({ text: note, mode, unit: COLLOQUIAL_UNIT }, { model: model(fake.url), prompts });
    expect(r.claims).toEqual([]);
    expect(r.refused).toBe(false);
    expect(r.text).toBe(formal);
  });

  it("polishing our colloquial notes: at least 95% of the faithful answers kept, an unfaithful answer to each note refused", async () => {
    fake = await startFakeOpenAI(capable(COLLOQUIAL));
    let kept = 0;
    for (const c of COLLOQUIAL) {
      const r = await rewriteText({ text: c.colloquial, mode: "polish", unit: COLLOQUIAL_UNIT }, { model: model(fake.url), prompts });
      if (!r.refused && r.text === c.faithful) kept++;
    }
    expect(kept / COLLOQUIAL.length).toBeGreaterThanOrEqual(0.95);
    await fake.close();
    const unfaithful = COLLOQUIAL.flatMap((c) => c.unfaithful.map((u) => ({ colloquial: c.colloquial, faithful: u.text })));
    fake = await startFakeOpenAI(capable(unfaithful.filter((u, i) => unfaithful.findIndex((x) => x.colloquial === u.colloquial) === i)));
    for (const u of unfaithful.filter((x, i) => unfaithful.findIndex((y) => y.colloquial === x.colloquial) === i)) {
      const r = await rewriteText({ text: u.colloquial, mode: "polish", unit: COLLOQUIAL_UNIT }, { model: model(fake.url), prompts });
      expect(r.refused, u.faithful).toBe(true);
      expect(r.text).toBe(u.colloquial);
    }
  }, 120_000);
});
