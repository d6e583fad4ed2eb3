import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createChatModel, loadPrompts } from "../../../server/llm/index.ts";
import { silentLogger } from "../../../server/log.ts";
import { REWRITE_PROMPTS, rewriteText } from "../../../server/rewrite/rewrite.ts";
import { REWRITE_MODES } from "../../../server/rewrite/types.ts";
import { startFakeOpenAI, type FakeOpenAI } from "../../fake-openai/server.ts";
import { PAIRS } from "../claims/pairs.ts";

const PROMPTS = path.resolve(import.meta.dirname, "../../../prompts");

describe("model rewrites are held to the original's claims", () => {
  let fake: FakeOpenAI | null = null;
  afterEach(async () => {
    await fake?.close();
    fake = null;
  });
  const model = (url: string) => createChatModel({ baseURL: url, apiKey: "k", model: "fake", timeoutMs: 5000, maxRetries: 0, concurrency: 1 }, silentLogger)!;
  const prompts = loadPrompts(PROMPTS, REWRITE_PROMPTS);

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
