import { diffChars } from "diff";
import { AppError } from "../errors.ts";
import { defaultEngine } from "../llm/index.ts";
import type { ChatModel, PromptLibrary } from "../llm/types.ts";
import type { Logger } from "../log.ts";
import { compareClaims, describeClaimChange, type NameContext } from "../claims/compare.ts";
import type { OfficeLists } from "../lists/office.ts";
import { diffFigures, extractFigures, type Figure } from "../numbers/index.ts";
import type { Role } from "../corpus/types.ts";
import type { CorpusStore } from "../store/types.ts";
import { enumerate, hasChinese, polishOffline } from "./offline.ts";
import type { RewriteChange, RewriteMode, RewriteResult } from "./types.ts";

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

const MODE_NAMES: Record<RewriteMode, string> = { polish: "润色", expand: "扩写", shorten: "缩写", enumerate: "条理化" };

/** Figures of the output that are not in the input, and input figures the output lost (multisets of normalised values). */
export function figureViolations(before: string, after: string): { added: Figure[]; missing: Figure[] } {
  return diffFigures(extractFigures(before), extractFigures(after));
}

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
  const v = figureViolations(text, out);
  const claims = out === text ? [] : compareClaims(text, out, names);
  if (v.added.length > 0 || v.missing.length > 0 || claims.length > 0) {
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
  return { text: out, mode, engine, changes: changesBetween(text, out), warnings, refused: false, claims: [] };
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
    return passages.map((p, i) => `<<<范文片段 ${i + 1} 开始>>>\n${p.text}\n<<<范文片段 ${i + 1} 结束>>>`).join("\n\n");
  } catch (e) {
    deps.logger?.warn("改写：检索范文片段失败", e);
    warnings.push("未能检索到范文片段，改写未参考范文措辞");
    return "（无）";
  }
}

/** Strip what models wrap around an answer: code fences, echoed markers, a leading "改写后：". */
function cleanReply(reply: string): string {
  return reply
    .replace(/^```[a-z]*\n?|\n?```$/g, "")
    .replace(/<<<原文(开始|结束)>>>/g, "")
    .replace(/^(修改后的正文|改写后|润色后|正文)[：:]\s*/, "")
    .trim();
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
      throw new AppError("unavailable:model", "未配置模型（LLM_BASE_URL / LLM_MODEL），无法使用模型改写；可改用离线引擎");
    }
    const examples = await styleExamples(input, deps, warnings);
    const messages = deps.prompts.render(`rewrite-${mode}`, { text, examples });
    let reply: string;
    try {
      reply = await deps.model.complete(messages, { temperature: 0.3, signal: input.signal });
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError("upstream:model", "模型改写失败，请稍后重试或改用离线引擎", { cause: e });
    }
    const out = cleanReply(reply);
    if (out === "") return finish(text, text, mode, "llm", [...warnings, "模型未返回内容，保留原文"], who);
    return finish(text, out, mode, "llm", warnings, who);
  }

  if (!hasChinese(text)) return finish(text, text, mode, "offline", ["文字中没有中文，离线规则未作修改"]);
  switch (mode) {
    case "polish":
      return finish(text, polishOffline(text, deps.lists?.wording), mode, "offline", warnings, who);
    case "enumerate": {
      const out = enumerate(polishOffline(text, deps.lists?.wording));
      if (out === polishOffline(text, deps.lists?.wording)) warnings.push("未找到可拆分的并列内容（至少两条列表项或两句话），仅作润色");
      return finish(text, out, mode, "offline", warnings, who);
    }
    case "expand":
    case "shorten":
      return finish(text, text, mode, "offline", [`${MODE_NAMES[mode]}需要配置模型（LLM_BASE_URL、LLM_MODEL）；离线引擎只能润色和条理化，原文未作修改`]);
  }
}
