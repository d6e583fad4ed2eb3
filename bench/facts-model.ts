/**
 * The model path of fact extraction, measured with the scripted server the tests use (test/fake-openai): a careless
 * model that proposes every sentence of each passage it is sent as written, and changes every fourth one the way a
 * model goes wrong (a figure altered, a 未 dropped, a plan made done, the fact filed under another unit). Every
 * proposal goes through the checks the route runs (server/facts/model.ts). Prints the share of proposals kept and
 * refused by reason, the faithful proposals kept (a refused one is a false refusal of real text) and the planted
 * faults caught. The passages are the five sample reports and our three submissions, read through the parse pool.
 */
import { cleanClause } from "../server/facts/clauses.ts";
import { proposeWithModel, type RefusalReason } from "../server/facts/model.ts";
import { unitOf } from "../server/facts/unit.ts";
import type { ParsePool } from "../server/ingest/parse-pool.ts";
import { createChatModel } from "../server/llm/index.ts";
import { loadPrompts } from "../server/llm/prompts.ts";
import { silentLogger } from "../server/log.ts";
import { lastUserMessage, startFakeOpenAI } from "../test/fake-openai/server.ts";

type Planted = "figure" | "negation" | "plan" | "unit";
const PLANTS: Planted[] = ["figure", "negation", "plan", "unit"];

/** One way a model goes wrong, applied to a sentence when it can be; null when this one does not apply. */
function plant(kind: Planted, text: string): { text: string; unit?: string } | null {
  switch (kind) {
    case "figure": {
      const m = /\d+/.exec(text);
      return m ? { text: text.slice(0, m.index) + String(Number(m[0]) + 7) + text.slice(m.index + m[0].length) } : null;
    }
    case "negation":
      return /尚未|未|没有/.test(text) ? { text: text.replace(/尚未|没有|未/, "已") } : null;
    case "plan":
      return /计划|拟|将/.test(text) ? { text: text.replace(/计划|拟|将/, "已") } : null;
    case "unit":
      return { text, unit: "县检察院" };
  }
}

interface Proposal {
  text: string;
  planted: Planted | null;
  /** The sentence of the passage it was made from. */
  source: string;
}

export interface ModelPathFigures {
  proposals: number;
  kept: number;
  refused: Partial<Record<RefusalReason, number>>;
  faithful: number;
  faithfulKept: number;
  /** Faithful proposals refused, by reason: each a false refusal of real text. */
  faithfulRefused: Partial<Record<RefusalReason, number>>;
  planted: Partial<Record<Planted, { planted: number; caught: number }>>;
  missedPlants: string[];
  falseRefusals: string[];
}

/** Runs the scripted model over the files and returns what the checks kept and refused. */
export async function modelPath(files: Array<{ name: string; bytes: Uint8Array }>, pool: ParsePool): Promise<ModelPathFigures> {
  const proposed = new Map<string, Proposal>();
  let turn = 0;
  const fake = await startFakeOpenAI((req) => {
    const passage = /<<<原文开始>>>\n([\s\S]*?)\n<<<原文结束>>>/.exec(lastUserMessage(req))?.[1] ?? "";
    const unit = /“([^”]+)”，不得改成其他单位/.exec(req.text)?.[1] ?? "";
    const items = passage
      .split(/[。；！？\n]/)
      .map((s) => s.trim().replace(/^[一二三四五六七八九十]+是|^[（(][一二三四五六七八九十]+[）)]|^\d+[.．、]/, ""))
      .filter((s) => (s.match(/[\u4e00-\u9fff]/g) ?? []).length >= 6)
      // A sentence met again (passages of a section and of its part overlap) is proposed once, so each result is
      // attributed to one proposal.
      .filter((s, i, all) => all.indexOf(s) === i && !proposed.has(s) && ![...proposed.values()].some((p) => p.source === s))
      .map((s) => {
        // Every fourth sentence goes wrong, in the first way that applies to it.
        if (turn++ % 4 === 3) {
          for (let k = 0; k < PLANTS.length; k++) {
            const kind = PLANTS[(turn + k) % PLANTS.length];
            const bad = plant(kind, s);
            if (!bad) continue;
            proposed.set(bad.text, { text: bad.text, planted: kind, source: s });
            return { 要点: bad.text, 单位: bad.unit ?? unit, 类别: "成效" };
          }
        }
        proposed.set(s, { text: s, planted: null, source: s });
        return { 要点: s, 单位: unit, 类别: "成效" };
      });
    return { kind: "text", text: JSON.stringify({ items }) };
  });
  const out: ModelPathFigures = { proposals: 0, kept: 0, refused: {}, faithful: 0, faithfulKept: 0, faithfulRefused: {}, planted: {}, missedPlants: [], falseRefusals: [] };
  try {
    const model = createChatModel({ baseURL: fake.url, apiKey: "k", model: "fake-facts", timeoutMs: 30_000, maxRetries: 0, concurrency: 1 }, silentLogger)!;
    const prompts = loadPrompts(new URL("../prompts", import.meta.url).pathname, ["facts-extract"]);
    for (const [i, f] of files.entries()) {
      const { document } = await pool.prepare(f.name, f.bytes);
      const unit = unitOf(document.title, f.name);
      proposed.clear();
      const r = await proposeWithModel(document, { unit, idPrefix: `m${i}.` }, { model, prompts, logger: silentLogger });
      const keptTexts = new Set(r.kept.map((c) => c.text));
      const refusedBy = new Map(r.refused.map((x) => [x.text, x.reason]));
      out.kept += r.kept.length;
      for (const x of r.refused) out.refused[x.reason] = (out.refused[x.reason] ?? 0) + 1;
      out.proposals += r.kept.length + r.refused.length;
      for (const p of proposed.values()) {
        // The checks see the proposal cleaned (markers and end marks off): match on the text they saw.
        const text = cleanClause(p.text);
        const seen = keptTexts.has(text);
        const reason = refusedBy.get(text);
        if (p.planted === null) {
          out.faithful++;
          if (seen && !reason) out.faithfulKept++;
          else if (reason) {
            out.faithfulRefused[reason] = (out.faithfulRefused[reason] ?? 0) + 1;
            out.falseRefusals.push(`${f.name}\t${reason}\t${p.text}`);
          }
        } else {
          const e = (out.planted[p.planted] ??= { planted: 0, caught: 0 });
          e.planted++;
          if (reason && !seen) e.caught++;
          else out.missedPlants.push(`${f.name}\t${p.planted}\t${p.text}`);
        }
      }
    }
  } finally {
    await fake.close();
  }
  return out;
}
