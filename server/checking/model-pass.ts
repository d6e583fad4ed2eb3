/**
 * The model's proofreading pass: a configured model is asked for 错别字 and 语病, and only what can
 * be verified against the text is kept. A model may invent a span, "correct" a figure or rewrite a
 * whole clause while calling it a typo; each of those is dropped, counted, and never reaches the
 * writer. Everything kept is labelled with the model's name.
 */
import { z } from "zod";
import { runBounded } from "../async.ts";
import { AppError } from "../errors.ts";
import type { ChatModel, PromptLibrary } from "../llm/types.ts";
import { extractFigures, figureKey } from "../numbers/index.ts";
import { CHINESE_NUMERAL_CHARS } from "../text/numerals.ts";
import { isHan } from "../text/chars.ts";
import { loadNameList } from "../lists/names.ts";
import { findNames, type NameLists } from "../text/names.ts";
import type { Finding, RejectReason } from "./types.ts";
import { neutralise } from "../text/untrusted.ts";

export const CHECK_PROMPTS = ["check-proofread"] as const;

/** One item as the prompt asks for it; English keys are accepted too, since models drift. */
const ItemSchema = z
  .object({
    类型: z.string().optional(),
    type: z.string().optional(),
    原文: z.string().optional(),
    original: z.string().optional(),
    修改: z.string().nullish(),
    suggestion: z.string().nullish(),
    说明: z.string().nullish(),
    reason: z.string().nullish(),
  })
  .transform((o) => ({
    type: (o.类型 ?? o.type ?? "").trim(),
    original: o.原文 ?? o.original ?? "",
    suggestion: (o.修改 ?? o.suggestion ?? "").trim(),
    reason: (o.说明 ?? o.reason ?? "").trim(),
  }));
const ReplySchema = z.object({ items: z.array(z.unknown()) });


export interface ModelPassChunk {
  start: number;
  end: number;
}

export interface ModelPassProgress {
  done: number;
  total: number;
  /** Findings verified in the chunk just finished (offsets into the whole text). */
  findings: Finding[];
}

export interface ModelPassResult {
  engine: string;
  findings: Finding[];
  chunks: number;
  /** Chunks whose call failed (timeout, HTTP error, unparseable reply): their text was not proofread. */
  failedChunks: number;
  rejected: Partial<Record<RejectReason, number>>;
  /** Chinese notes for the writer: failures and what was left unproofread. */
  warnings: string[];
}

export interface ModelPassOptions {
  signal?: AbortSignal;
  /** Parallel calls (the configured LLM_CONCURRENCY). */
  concurrency?: number;
  /** Characters per call; paragraphs are kept whole where they fit. */
  chunkChars?: number;
  onProgress?: (p: ModelPassProgress) => void;
  /** The office's name lists (deps.lists.names); the built-in lists without them. */
  names?: NameLists;
  /** The model is thinking before it answers a chunk (elapsed ms of the longest wait so far; never the thought). */
  onThinking?: (p: { elapsedMs: number }) => void;
}

/** Paragraph-aligned windows of at most `max` characters (a longer paragraph is cut at sentence ends). */
export function chunkForModel(text: string, max = 1200): ModelPassChunk[] {
  const chunks: ModelPassChunk[] = [];
  const flush = (start: number, end: number) => {
    if (end > start) chunks.push({ start, end });
  };
  let cs = 0; // start of the chunk being filled
  for (let ps = 0; ps < text.length; ) {
    const nl = text.indexOf("\n", ps);
    const pe = nl < 0 ? text.length : nl + 1;
    if (pe - ps > max) {
      flush(cs, ps);
      // A long paragraph: cut after the last sentence end that fits, else at the limit.
      let s = ps;
      while (pe - s > max) {
        const window = text.slice(s, s + max);
        let cut = -1;
        for (const m of window.matchAll(/[。！？；][”’）]?/g)) cut = m.index! + m[0].length;
        const e = cut > 0 ? s + cut : s + max;
        flush(s, e);
        s = e;
      }
      cs = s;
    } else if (pe - cs > max) {
      flush(cs, ps);
      cs = ps;
    }
    ps = pe;
  }
  flush(cs, text.length);
  return chunks.filter((c) => /\p{Script=Han}/u.test(text.slice(c.start, c.end)));
}

/** The JSON object in a reply, tolerating code fences and prose around it; null when there is none. */
export function parseModelReply(reply: string): unknown[] | null {
  const body = reply.replace(/```(?:json)?/gi, "");
  const a = body.indexOf("{");
  const b = body.lastIndexOf("}");
  if (a < 0 || b <= a) return null;
  try {
    const parsed = ReplySchema.safeParse(JSON.parse(body.slice(a, b + 1)));
    return parsed.success ? parsed.data.items : null;
  } catch {
    return null;
  }
}

const NUMERAL = new Set([...CHINESE_NUMERAL_CHARS, ..."0123456789０１２３４５６７８９%％.．"]);
const figureKeys = (s: string) => extractFigures(s).map(figureKey).sort().join("|");

/**
 * Whether [s, e) falls inside a name in its sentence (server/text/names.ts: quoted, tagged or
 * ruled names, and guessed persons' names, as the typo check protects them).
 */
function inName(text: string, chunk: ModelPassChunk, s: number, e: number, lists: NameLists): boolean {
  const from = Math.max(chunk.start, lastBoundary(text, s));
  const to = Math.min(chunk.end, nextBoundary(text, e));
  return findNames(text.slice(from, to), lists).some((n) => (n.by !== "guess" || n.kind === "person") && from + n.start <= s && e <= from + n.end);
}

const BOUNDARY = /[。！？；\n]/;
function lastBoundary(text: string, at: number): number {
  for (let i = at - 1; i >= 0; i--) if (BOUNDARY.test(text[i])) return i + 1;
  return 0;
}
function nextBoundary(text: string, at: number): number {
  for (let i = at; i < text.length; i++) if (BOUNDARY.test(text[i])) return i + 1;
  return text.length;
}

/** Spans inside “…” or 《…》: quoted names and titles are never corrected. */
function quotedSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const m of text.matchAll(/“[^”\n]{1,60}”|《[^》\n]{1,80}》/g)) spans.push([m.index!, m.index! + m[0].length]);
  return spans;
}

type Verified = { ok: true; finding: Finding } | { ok: false; reason: RejectReason };

/**
 * Check one item against the text of its chunk: the quoted span must occur exactly once; a typo's
 * suggestion has the same length and differs only in Han characters (at most 3, none of them a
 * numeral); no figure changes; quoted names stay as they are. The finding is narrowed to the
 * characters that differ.
 */
export function verifyItem(raw: unknown, text: string, chunk: ModelPassChunk, engine: string, quoted = quotedSpans(text), lists: NameLists = loadNameList()): Verified {
  const parsed = ItemSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "malformed" };
  const item = parsed.data;
  const kind = /存疑|疑问|核实|query/i.test(item.type) ? "query" : /错别字|错字|别字|typo/i.test(item.type) ? "typo" : /语病|病句|grammar/i.test(item.type) ? "grammar" : null;
  if (!kind) return { ok: false, reason: "unknown_type" };
  if (item.original.length < 2 && !(kind === "query" && item.original.length === 1)) return { ok: false, reason: "not_verbatim" };
  const region = text.slice(chunk.start, chunk.end);
  const at = region.indexOf(item.original);
  if (at < 0) return { ok: false, reason: "not_verbatim" };
  if (region.indexOf(item.original, at + 1) >= 0) return { ok: false, reason: "ambiguous" };
  const start = chunk.start + at;
  const end = start + item.original.length;
  const inQuote = (s: number, e: number) => quoted.some(([a, b]) => s < b && e > a);
  const message = (label: string) => `模型复核（${engine}）：${label}${item.reason ? `。${item.reason.slice(0, 120)}` : ""}`;
  // A name is never corrected: a slip the model sees in one becomes a query for the writer to check
  // against the source, with no suggestion to take.
  const query = (s: number, e: number): Verified => ({
    ok: true,
    finding: { kind: "typo", severity: "info", start: s, end: e, text: text.slice(s, e), message: message(`疑为名称或引文中的错字“${text.slice(s, e)}”，请与原始材料核对（不提供自动修改）`), engine },
  });
  if (kind === "query") {
    if (figureKeys(item.original) !== "" && item.original.length <= 2) return { ok: false, reason: "figure_touched" };
    return query(start, end);
  }

  if (kind === "typo") {
    const sug = item.suggestion;
    if (sug.length !== item.original.length) return { ok: false, reason: "length_changed" };
    const diff: number[] = [];
    for (let i = 0; i < sug.length; i++) if (sug[i] !== item.original[i]) diff.push(i);
    if (diff.length === 0) return { ok: false, reason: "no_change" };
    if (diff.length > 3 || diff[diff.length - 1] - diff[0] > 3) return { ok: false, reason: "too_wide" };
    for (const i of diff) {
      if (NUMERAL.has(item.original[i]) || NUMERAL.has(sug[i])) return { ok: false, reason: "figure_touched" };
      if (!isHan(item.original[i]) || !isHan(sug[i])) return { ok: false, reason: "not_han" };
    }
    if (figureKeys(item.original) !== figureKeys(sug)) return { ok: false, reason: "figure_touched" };
    const s = start + diff[0];
    const e = start + diff[diff.length - 1] + 1;
    if (inQuote(s, e) || inName(text, chunk, s, e, lists)) return query(s, e);
    const suggestion = sug.slice(diff[0], diff[diff.length - 1] + 1);
    return {
      ok: true,
      finding: { kind: "typo", severity: "warning", start: s, end: e, text: text.slice(s, e), suggestion, message: message(`疑为错别字，“${text.slice(s, e)}”应为“${suggestion}”`), engine },
    };
  }

  // 语病: the span is the quoted clause, not a paragraph; a suggestion is kept only when it leaves every figure as it was.
  if (item.original.length > 80) return { ok: false, reason: "too_wide" };
  const sug = item.suggestion && item.suggestion !== item.original && figureKeys(item.suggestion) === figureKeys(item.original) ? item.suggestion : undefined;
  if (quoted.some(([a, b]) => start >= a && end <= b)) return { ok: false, reason: "protected" };
  return {
    ok: true,
    finding: { kind: "grammar", severity: "info", start, end, text: text.slice(start, end), ...(sug ? { suggestion: sug } : {}), message: message("疑有语病"), engine },
  };
}

/** Ask the model to proofread `text` chunk by chunk; verified findings only. Never throws for a model fault. */
export async function proofreadWithModel(text: string, model: ChatModel, prompts: PromptLibrary, opts: ModelPassOptions = {}): Promise<ModelPassResult> {
  const engine = model.model;
  const chunks = chunkForModel(text, opts.chunkChars);
  const quoted = quotedSpans(text);
  const lists = opts.names ?? loadNameList();
  const result: ModelPassResult = { engine, findings: [], chunks: chunks.length, failedChunks: 0, rejected: {}, warnings: [] };
  const failures = new Map<string, number>();
  let done = 0;

  const runOne = async (chunk: ModelPassChunk) => {
    const found: Finding[] = [];
    try {
      const reply = await model.complete(prompts.render("check-proofread", { text: neutralise(text.slice(chunk.start, chunk.end)) }), { temperature: 0, signal: opts.signal, brief: true, onThinking: (p) => opts.onThinking?.({ elapsedMs: p.elapsedMs }) });
      const items = parseModelReply(reply);
      if (!items) throw new AppError("upstream:model_output", "模型返回的内容不是约定的格式，无法识别为复核结果");
      for (const raw of items.slice(0, 50)) {
        const v = verifyItem(raw, text, chunk, engine, quoted, lists);
        if (v.ok) found.push(v.finding);
        else result.rejected[v.reason] = (result.rejected[v.reason] ?? 0) + 1;
      }
    } catch (e) {
      result.failedChunks++;
      const why = opts.signal?.aborted ? "已取消或超时" : e instanceof AppError ? e.message : `调用失败（${(e as Error).message.slice(0, 80)}）`;
      failures.set(why, (failures.get(why) ?? 0) + 1);
    }
    result.findings.push(...found);
    done++;
    opts.onProgress?.({ done, total: chunks.length, findings: found });
  };

  await runBounded(chunks, opts.concurrency ?? 2, runOne, () => opts.signal?.aborted === true);

  for (const [why, n] of failures) result.warnings.push(`模型复核有 ${n} 段未完成：${why}。这些段落只有规则检查的结果。`);
  result.findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return result;
}
