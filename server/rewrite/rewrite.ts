import { diffChars } from "diff";
import { AppError } from "../errors.ts";
import { defaultEngine } from "../llm/index.ts";
import { completeFor } from "../llm/complete.ts";
import type { ChatModel, PromptLibrary } from "../llm/types.ts";
import type { Logger } from "../log.ts";
import { describeClaimChange } from "../claims/compare.ts";
import type { NameContext } from "../claims/name-changes.ts";
import type { OfficeLists } from "../lists/office.ts";
import type { Figure } from "../numbers/index.ts";
import { judgeRewrite } from "./judge.ts";
import type { Role } from "../corpus/types.ts";
import type { CorpusStore } from "../store/types.ts";
import { enumerateText } from "../text/enumerate.ts";
import { hasChinese, polishOffline } from "./offline.ts";
import { FLAG_WARNING, type RewriteChange, type RewriteMode, type RewriteResult } from "./types.ts";
import { dataBlocks, neutralise } from "../text/untrusted.ts";
import { answerOnly } from "../llm/reply.ts";

export interface RewriteInput {
  text: string;
  mode: RewriteMode;
  /** Role and work line of the passage: style examples come from the same ones. */
  role?: Role;
  workLine?: string;
  /** The writing unit: it and its superiors may be named in a rewrite without counting as new names. */
  unit?: string;
  /** Default: the model when one is configured, else offline. */
  engine?: "offline" | "llm";
  signal?: AbortSignal;
}

export interface RewriteDeps {
  model?: ChatModel | null;
  prompts?: PromptLibrary;
  store?: CorpusStore;
  logger?: Logger;
  /** The office's lists (wording for the offline rules, names for the claim check); default: the built-ins. */
  lists?: OfficeLists;
}

/** The prompt names the rewrite needs (prompts/rewrite-<mode>.md). */
export const REWRITE_PROMPTS = ["rewrite-polish", "rewrite-expand", "rewrite-shorten", "rewrite-enumerate"];

/** What a writer is told when 扩写 or 缩写 is asked of the offline engine: no configuration words. */
export const NEEDS_MODEL = "扩写和缩写需要接入大模型，请联系管理员配置";

const MODE_NAMES: Record<RewriteMode, string> = { polish: "润色", expand: "扩写", shorten: "缩写", enumerate: "条理化" };

/** Character diff as equal/insert/delete pieces (equal + delete pieces rebuild the input). */
export function changesBetween(before: string, after: string): RewriteChange[] {
  return diffChars(before, after).map((c) => ({ op: c.added ? "insert" : c.removed ? "delete" : "equal", text: c.value }));
}

function describe(fs: Figure[]): string {
  return fs.slice(0, 5).map((f) => `“${f.raw}”`).join("、") + (fs.length > 5 ? ` 等 ${fs.length} 处` : "");
}

/**
 * Result for `text` → `out`, or a refusal (original kept, the refused version offered as `proposal`)
 * when a figure or a claim changed. Every mode and engine goes through here.
 */
function finish(text: string, out: string, mode: RewriteMode, engine: RewriteResult["engine"], warnings: string[], names: NameContext = {}): RewriteResult {
  const judged = judgeRewrite(text, out, mode, names);
  const { refusal: v, dropped, derived, requalified } = judged.figures;
  const { claims, flags } = judged;
  if (judged.refused) {
    const parts: string[] = [];
    if (v.added.length) parts.push(`新增或改变了数字 ${describe(v.added)}`);
    if (v.missing.length) parts.push(`丢失了数字 ${describe(v.missing)}`);
    for (const c of claims.slice(0, 5)) parts.push(describeClaimChange(c));
    if (claims.length > 5) parts.push(`另有 ${claims.length - 5} 处说法改变`);
    return {
      text, mode, engine, changes: changesBetween(text, text), refused: true, claims, proposal: out,
      warnings: [...warnings, `改写结果${parts.join("；")}，已拒绝并保留原文`],
    };
  }
  // Accepted, with what the writer should still look at: a figure a shortening left out, a weaker change.
  const notes: string[] = [];
  if (dropped.length) notes.push(`缩写略去了数字 ${describe(dropped)}`);
  if (derived.length) notes.push(`由原文数字推算出 ${describe(derived)}`);
  if (requalified.length) notes.push(`数字的说法有变化 ${describe(requalified)}（请确认与原文一致）`);
  if (notes.length) warnings = [...warnings, `请核对：${notes.join("；")}`];
  // The flags go to the editor one by one (`flags`, each beside its sentence); the warning says the same for other clients.
  if (flags.length) warnings = [...warnings, `${FLAG_WARNING}${flags.slice(0, 5).map(describeClaimChange).join("；")}`];
  return { text: out, mode, engine, changes: changesBetween(text, out), warnings, refused: false, claims: [], ...(flags.length ? { flags } : {}) };
}

async function styleExamples(input: RewriteInput, deps: RewriteDeps, warnings: string[]): Promise<string> {
  if (!deps.store) return "（无）";
  try {
    const passages = await deps.store.searchPassages(input.text.slice(0, 500), {
      k: 3,
      role: input.role,
      tags: input.workLine ? [input.workLine] : undefined,
    });
    if (passages.length === 0) return "（无）";
    return dataBlocks("范文片段", passages.map((p) => p.text), "（无）", "\n\n");
  } catch (e) {
    deps.logger?.warn("改写：检索范文片段失败", e);
    warnings.push("未能检索到范文片段，改写未参考范文措辞");
    return "（无）";
  }
}

/** Strip what models wrap around an answer (llm/reply.ts: talk, fences, quotes), echoed markers, a leading "改写后：". */
function cleanReply(reply: string, source: string): string {
  return answerOnly(reply.replace(/<<<原文(开始|结束)>>>/g, ""), source)
    .replace(/^(修改后的正文|改写后|润色后|正文)[：:]\s*/, "")
    .trim();
}

/** Han characters among the letters of a string (spaces, digits and marks aside). */
function hanShare(s: string): number {
  const letters = s.replace(/[\s\d\p{P}\p{S}]/gu, "");
  if (!letters) return 0;
  return (letters.match(/\p{Script=Han}/gu) ?? []).length / letters.length;
}

/** A Chinese source's rewrite is Chinese: a reply of mostly other letters (English, mojibake) is no rewrite of it. */
function readsAsChinese(out: string, source: string): boolean {
  return hanShare(source) < 0.5 || hanShare(out) >= 0.5;
}

/** Rewrite a passage (polish / expand / shorten / enumerate) without ever changing a figure or a claim. */
export async function rewriteText(input: RewriteInput, deps: RewriteDeps = {}): Promise<RewriteResult> {
  const { text, mode } = input;
  const warnings: string[] = [];
  const engine = defaultEngine(input.engine, deps.model ?? null);
  // Whose names the claim check allows (the unit and its superiors) and by which lists it finds names.
  const who: NameContext = { unit: input.unit, names: deps.lists?.names };
  if (text.trim() === "") throw new AppError("bad_request:empty_text", "待改写的文字为空");

  if (engine === "llm") {
    if (!deps.model || !deps.prompts) {
      throw new AppError("unavailable:model", "尚未接入大模型，无法用模型改写；润色和条理化可改用离线引擎，如需接入大模型请联系管理员配置");
    }
    const examples = await styleExamples(input, deps, warnings);
    const messages = deps.prompts.render(`rewrite-${mode}`, { text: neutralise(text), examples });
    const reply = await completeFor(deps.model, messages, { temperature: 0.3, signal: input.signal, brief: true }, "模型改写失败，请稍后重试或改用离线引擎");
    const out = cleanReply(reply, text);
    if (out === "") return finish(text, text, mode, "llm", [...warnings, "模型未返回内容，保留原文"], who);
    if (!readsAsChinese(out, text)) return finish(text, text, mode, "llm", [...warnings, "模型返回的不是中文改写结果（可能是乱码或其他语言），保留原文"], who);
    return finish(text, out, mode, "llm", warnings, who);
  }

  if (!hasChinese(text)) return finish(text, text, mode, "offline", ["文字中没有中文，离线规则未作修改"]);
  switch (mode) {
    case "polish":
      return finish(text, polishOffline(text, deps.lists?.wording), mode, "offline", warnings, who);
    case "enumerate": {
      const polished = polishOffline(text, deps.lists?.wording);
      const listed = enumerateText(polished);
      if (listed.unchanged === "enumerated") warnings.push("原文已是“一是、二是”的形式，未重新编排，仅作润色");
      else if (listed.unchanged) warnings.push("未找到可拆分的并列内容（至少两条列表项或两句话），仅作润色");
      return finish(text, listed.text, mode, "offline", warnings, who);
    }
    case "expand":
    case "shorten":
      return finish(text, text, mode, "offline", [`${NEEDS_MODEL}（本次${MODE_NAMES[mode]}未作修改；离线引擎可以润色和条理化）`]);
  }
}
