/**
 * The model proposes facts passage by passage; only verified ones are kept. A proposal is turned down
 * when a figure of it does not occur in its passage exactly, when it names another unit than the file's,
 * or when the claim guard finds it says more than the passage (a plan made done, a 未 dropped, a name added).
 */
import { z } from "zod";
import { claimsBeyondFacts, describeClaimChange } from "../claims/compare.ts";
import { parseModelReply } from "../checking/model-pass.ts";
import { extractFigures } from "../drafting/figures.ts";
import { figureKey } from "../numbers/index.ts";
import { completeFor } from "../llm/complete.ts";
import type { ChatModel, PromptLibrary } from "../llm/types.ts";
import type { Logger } from "../log.ts";
import { neutralise } from "../text/untrusted.ts";
import { cleanClause, quantities } from "./clauses.ts";
import { passageAround, workLineOf, type ExtractOptions, type Submission } from "./extract.ts";
import { figureMeasure } from "./measure.ts";
import { FACT_ROLE_OF, FACT_ROLES, type Candidate, type FactRole } from "./types.ts";

export const FACTS_PROMPTS = ["facts-extract"] as const;

const ItemSchema = z
  .object({ 要点: z.string().optional(), fact: z.string().optional(), 单位: z.string().optional(), unit: z.string().optional(), 类别: z.string().optional(), role: z.string().optional() })
  .transform((o) => ({ text: (o.要点 ?? o.fact ?? "").trim(), unit: (o.单位 ?? o.unit ?? "").trim(), role: (o.类别 ?? o.role ?? "").trim() }));

export type RefusalReason = "malformed" | "figure_not_in_passage" | "other_unit" | "claim_changed";

export interface Refusal {
  text: string;
  reason: RefusalReason;
  message: string;
}

const DIGITS = /\d+(?:\.\d+)?/g;

const PASSAGE_MAX = 1200;

/** Passages to send: each section's text in pieces of whole lines up to PASSAGE_MAX characters. */
function passagesOf(doc: Submission) {
  const out: Array<{ start: number; end: number; section: Submission["structure"]["sections"][number] }> = [];
  for (const section of doc.structure.sections) {
    if (section.role === "title") continue;
    let from = section.start;
    while (from < section.end) {
      let to = Math.min(section.end, from + PASSAGE_MAX);
      if (to < section.end) {
        const nl = doc.cleanedText.lastIndexOf("\n", to);
        if (nl > from) to = nl;
      }
      if (/[\u4e00-\u9fff]/.test(doc.cleanedText.slice(from, to))) out.push({ start: from, end: to, section });
      from = to + 1;
    }
  }
  return out;
}

/** Whether a proposed fact holds against its passage; the reason when it does not. */
export function verifyProposal(text: string, unit: string, passage: string, fileUnit: string): Refusal | null {
  if (unit && unit !== fileUnit && !fileUnit.includes(unit) && !unit.includes(fileUnit)) {
    return { text, reason: "other_unit", message: `模型把要点记在“${unit}”名下，但材料来自“${fileUnit}”` };
  }
  const keys = new Set(extractFigures(passage).map(figureKey));
  for (const f of extractFigures(text)) {
    if (!keys.has(figureKey(f)) || !passage.includes(f.raw.replace(/[余多近约]$/, ""))) {
      return { text, reason: "figure_not_in_passage", message: `数字“${f.raw}”在原文中找不到` };
    }
  }
  // Digits outside a quantity (“1+5+N”机制, 第3批) are copied too: each run of digits must be one of the passage's.
  const runs = new Set(passage.match(DIGITS) ?? []);
  const stray = (text.match(DIGITS) ?? []).find((d) => !runs.has(d));
  if (stray) return { text, reason: "figure_not_in_passage", message: `数字“${stray}”在原文中找不到` };
  const changes = claimsBeyondFacts(text, [passage], { unit: fileUnit });
  if (changes.length) return { text, reason: "claim_changed", message: describeClaimChange(changes[0]) };
  return null;
}

/** The model's facts for one submission, verified: those kept as candidates, those refused with their reason. */
export async function proposeWithModel(
  doc: Submission,
  opts: ExtractOptions,
  deps: { model: ChatModel; prompts: PromptLibrary; signal?: AbortSignal; logger?: Logger },
): Promise<{ kept: Candidate[]; refused: Refusal[] }> {
  const kept: Candidate[] = [];
  const refused: Refusal[] = [];
  for (const p of passagesOf(doc)) {
    const passage = doc.cleanedText.slice(p.start, p.end);
    const role = FACT_ROLE_OF[p.section.role] ?? "成效";
    const messages = deps.prompts.render("facts-extract", { unit: neutralise(opts.unit), role, passage: neutralise(passage) });
    const reply = await completeFor(deps.model, messages, { temperature: 0, signal: deps.signal, brief: true }, "模型提取要点失败，请稍后重试或改用离线提取");
    const items = parseModelReply(reply);
    if (!items) {
      deps.logger?.warn(`模型对《${doc.sourceName}》一段文字的回复格式不对，无法识别为要点，已跳过这一段`);
      refused.push({ text: "", reason: "malformed", message: "模型的回复格式不对，无法识别为要点" });
      continue;
    }
    for (const raw of items) {
      const parsed = ItemSchema.safeParse(raw);
      const text = parsed.success ? cleanClause(parsed.data.text) : "";
      if (!parsed.success || !/[\u4e00-\u9fff]/.test(text)) {
        refused.push({ text: "", reason: "malformed", message: "模型给出的一条要点格式不对" });
        continue;
      }
      const bad = verifyProposal(text, parsed.data.unit, passage, opts.unit);
      if (bad) {
        refused.push(bad);
        continue;
      }
      // The passage for the writer is the paragraph that holds the fact's words, else the whole passage.
      const at = passage.indexOf(text.slice(0, Math.min(8, text.length)));
      const span = at >= 0 ? passageAround(doc.cleanedText, p.start + at, p.start + at + text.length) : { start: p.start, end: p.end };
      kept.push({
        id: `${opts.idPrefix}${kept.length + 1}`,
        text,
        unit: opts.unit,
        role: (FACT_ROLES as readonly string[]).includes(parsed.data.role) ? (parsed.data.role as FactRole) : role,
        workLine: workLineOf(text, p.section.tags, opts.workLines),
        figures: quantities(text).map((f) => ({ raw: f.raw, value: f.value, unit: f.unit, kind: f.kind, measure: figureMeasure(text, f) })),
        sources: [{ file: doc.sourceName, unit: opts.unit, headingPath: p.section.headingPath, passage: doc.cleanedText.slice(span.start, span.end), start: span.start, end: span.end }],
        origin: "model",
        chosen: true,
      });
    }
  }
  return { kept, refused };
}
