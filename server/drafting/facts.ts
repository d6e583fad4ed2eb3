/**
 * Input facts: the text form writers keep (header lines, bullets, 问题：/计划： lines) and the JSON
 * form, turned into atomic Fact records with normalised figures, key terms and a work line.
 */
import { z } from "zod";
import { scoreWorkLines } from "../corpus/classify.ts";
import { WORK_LINES, WORK_LINE_IDS, workLineOrder } from "../text/work-lines.ts";
import { AppError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { OfficeLists } from "../lists/office.ts";
import { loadWorkLineList, type WorkLineList } from "../lists/work-lines.ts";
import { stripItemMarker } from "../text/headings.ts";
import { parseChineseNumeral } from "../text/numerals.ts";
import { keywordExtractor, segmenter } from "../text/segment.ts";
import type { CorpusStore } from "../store/types.ts";
import { factFigures } from "./figures.ts";
import type { DraftRequest } from "./input.ts";
import type { DraftInput, Fact } from "./types.ts";
import { formalize } from "./wording.ts";

type Kind = "fact" | "problem" | "plan";

const HEADER_RE = /^(单位|年度|年份|时限|期间|标题)\s*[：:]\s*(.*)$/;
const PROBLEM_RE = /^(存在的问题|存在问题|问题|不足)\s*[：:]\s*/;
const PLAN_RE = /^(下一步工作打算|下一步打算|下一步|明年打算|明年计划|工作计划|计划|打算)\s*[：:]\s*/;
const FACT_RE = /^(主要工作|工作成效|工作要点|要点|成效|主要成效)\s*[：:]\s*/;
// -, •, *, 1., 1、, （1）, (1), 一、, （一）: list markers in front of a fact, never part of it.
// "1.2万" is a number, not a marker: a digit after the dot rules the marker out.

/** Parse a year written as 2025, 2025年, 二〇二五年. */
export function parseYear(s: string): number | null {
  const m = /(\d{4})/.exec(s);
  if (m) return Number(m[1]);
  const c = /([〇零一二三四五六七八九]{4})/.exec(s);
  if (c) {
    const digits = [...c[1]].map((ch) => "〇一二三四五六七八九".indexOf(ch === "零" ? "〇" : ch)).join("");
    return Number(digits);
  }
  const v = parseChineseNumeral(s.replace(/年.*$/, ""));
  return v && v > 1900 ? v : null;
}

function parsePeriod(s: string): string {
  const t = s.replace(/\d{4}\s*年?/, "").replace(/[〇零一二三四五六七八九]{4}年?/, "").trim();
  if (!t || /^(全年|年度|一年)$/.test(t)) return "全年";
  return t;
}

/** Overrides from the command line or the editor take precedence over the file's header lines. */
export const ParseOverridesSchema = z.object({
  unit: z.string().trim().min(1).max(100).optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  period: z.string().trim().min(1).max(20).optional(),
});
export type ParseOverrides = z.infer<typeof ParseOverridesSchema>;

/**
 * Parse the text form into the JSON form. Header lines 单位：/年度：/时限：/期间：; bullets or one fact
 * per line; 问题：… lines (or a 存在问题： block) are problems; 计划：/下一步：/明年打算： are plans.
 */
export function parseFactsText(text: string, overrides: ParseOverrides = {}): DraftInput {
  const facts: string[] = [];
  const problems: string[] = [];
  const plans: string[] = [];
  let unit = overrides.unit;
  let year = overrides.year;
  let period = overrides.period;
  let mode: Kind = "fact";
  const push = (kind: Kind, s: string) => {
    const t = stripItemMarker(s).trim();
    if (!t) return;
    // One fact per record: "A；B" with two substantial clauses is two facts.
    const parts = t.split(/[；;]\s*/).map((x) => x.trim()).filter(Boolean);
    const atoms = parts.length > 1 && parts.every((x) => x.length >= 6) ? parts : [t.replace(/[；;]\s*$/, "")];
    (kind === "fact" ? facts : kind === "problem" ? problems : plans).push(...atoms);
  };
  for (const raw of text.replace(/^\uFEFF/, "").split(/\r?\n/)) {
    let line = raw.replace(/^#+\s*/, "").trim();
    if (!line) continue;
    const h = HEADER_RE.exec(line);
    if (h) {
      const [, key, value] = h;
      if (key === "单位" && !overrides.unit && value.trim()) unit = value.trim();
      else if (key === "年度" || key === "年份") {
        if (!overrides.year) year = parseYear(value) ?? year;
        if (!overrides.period && /半年|季度|月/.test(value)) period = parsePeriod(value);
      } else if (key === "时限" || key === "期间") {
        if (!overrides.year && parseYear(value)) year = parseYear(value) ?? year;
        if (!overrides.period) period = parsePeriod(value);
      }
      continue;
    }
    line = stripItemMarker(line).trim();
    let m: RegExpExecArray | null;
    if ((m = PROBLEM_RE.exec(line))) {
      const rest = line.slice(m[0].length);
      if (rest) push("problem", rest);
      else mode = "problem";
      continue;
    }
    if ((m = PLAN_RE.exec(line))) {
      const rest = line.slice(m[0].length);
      if (rest) push("plan", rest);
      else mode = "plan";
      continue;
    }
    if ((m = FACT_RE.exec(line))) {
      const rest = line.slice(m[0].length);
      mode = "fact";
      if (rest) push("fact", rest);
      continue;
    }
    // A short line ending in a colon groups the bullets under it ("平安建设：") and is not a fact.
    if (/[：:]$/.test(line) && line.length <= 16 && !/\d/.test(line)) continue;
    push(mode, line);
  }
  if (!unit) throw new AppError("bad_request:facts_unit", "要点中缺少单位：请在首行写“单位：XX区委政法委”，或用 --unit 指定");
  if (!year) throw new AppError("bad_request:facts_year", "要点中缺少年度：请写“年度：2025”，或用 --year 指定");
  if (facts.length === 0) throw new AppError("bad_request:facts_empty", "没有找到工作要点：每行写一条，可用“-”或“1.”开头");
  return {
    unit,
    year,
    ...(period && period !== "全年" ? { period } : {}),
    facts,
    ...(problems.length ? { problems } : {}),
    ...(plans.length ? { plans } : {}),
  };
}

// Words too general to show that a fact was written: every summary says them.
const GENERIC = new Set([
  "工作", "同比", "全年", "上年", "开展", "组织", "进行", "推进", "加强", "完成", "实现", "累计", "共计", "人次", "成功率",
  "情况", "方面", "有效", "持续", "全面", "深入", "积极", "下降", "上升", "增长", "减少", "提高", "群众", "我区", "我县",
  "我市", "全区", "全县", "全市", "问题", "件次", "户次", "人数", "总数", "数量", "存在", "部分", "一些", "相关", "下一步", "计划", "明年", "今年", "进一步",
]);
const NOUNISH = ["n", "nr", "ns", "nt", "nz", "vn", "l", "j", "nrt", "an"];

/** Up to three distinctive terms of a fact (nouns, in order of appearance): what coverage looks for. */
export function keyTermsOf(text: string): string[] {
  const cut = segmenter();
  const tfidf = keywordExtractor();
  const clean = text.replace(/[0-9０-９.%％]+/g, " ");
  const ranked = tfidf
    .extractKeywords(cut, clean, 8, NOUNISH)
    .map((k) => k.keyword)
    .filter((w) => w.length >= 2 && !GENERIC.has(w) && !/[0-9一二三四五六七八九十百千万亿]$/.test(w));
  const top = ranked.slice(0, 3);
  // Too few nouns (来信来访、办结率 tag as verbs or idioms): fill up from all parts of speech.
  if (top.length < 2) {
    for (const k of tfidf.extractKeywords(cut, clean, 8)) {
      const w = k.keyword;
      if (top.length >= 2) break;
      if (w.length >= 2 && !GENERIC.has(w) && !top.includes(w) && !/[0-9一二三四五六七八九十百千万亿]$/.test(w)) top.push(w);
    }
  }
  return top.sort((a, b) => clean.indexOf(a) - clean.indexOf(b));
}

/** Lexicon scores of each work line for a fact: the keywords plus the fact keywords (`list`: the office's, default built-in). */
export function lexiconScores(text: string, list: WorkLineList = loadWorkLineList()): Map<string, number> {
  const scores = scoreWorkLines(text, list);
  for (const [id, words] of list.factKeywords) {
    let add = 0;
    for (const w of words) if (text.includes(w)) add += w.length >= 3 ? 2 : 1.5;
    if (add) scores.set(id, (scores.get(id) ?? 0) + add);
  }
  return scores;
}

interface Ranked {
  best: string | null;
  sure: boolean;
  scores: Map<string, number>;
}

function rankLexicon(text: string, list?: WorkLineList): Ranked {
  const scores = lexiconScores(text, list);
  const sorted = [...scores.entries()].filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1] || workLineOrder(a[0]) - workLineOrder(b[0]));
  if (sorted.length === 0) return { best: null, sure: false, scores };
  const [first, second] = sorted;
  // Sure when one line clearly leads; a near tie is settled by how past reports filed similar text.
  const sure = first[1] >= 2 && (!second || first[1] >= second[1] * 1.5);
  return { best: first[0], sure, scores };
}

export interface BuildFactsDeps {
  store?: CorpusStore | null;
  logger?: Logger;
  signal?: AbortSignal;
  /** The office's lists (wording, work-line keywords); default: the built-ins. */
  lists?: OfficeLists;
}

// When neither lexicon nor corpus says anything, a fact goes to 平安建设, the broadest work line of a 政法委.
const FALLBACK_LINE = "平安建设";

async function retrievalVote(text: string, ranked: Ranked, deps: BuildFactsDeps): Promise<string | null> {
  if (!deps.store) return null;
  try {
    const passages = await deps.store.searchPassages(text, { role: "work", k: 8 });
    const votes = new Map<string, number>();
    passages.forEach((p, rank) => {
      for (const tag of p.tags) if (WORK_LINE_IDS.includes(tag)) votes.set(tag, (votes.get(tag) ?? 0) + 1 / (rank + 1));
    });
    if (votes.size === 0) return null;
    // Lexicon evidence still counts: the corpus breaks ties, it does not overrule a clear keyword.
    const maxLex = Math.max(1, ...ranked.scores.values());
    let best: string | null = null;
    let bestScore = 0;
    for (const id of WORK_LINE_IDS) {
      const s = (votes.get(id) ?? 0) + (0.5 * (ranked.scores.get(id) ?? 0)) / maxLex;
      if (s > bestScore) (best = id), (bestScore = s);
    }
    return best;
  } catch (e) {
    deps.logger?.warn("按范文判断工作条线失败，改用词表结果", e);
    return null;
  }
}

/**
 * Turn the JSON form into Fact records: figures normalised, key terms, and a work line (lexicon
 * first; retrieval against tagged corpus chunks when the lexicon is unsure). Problems and plans get
 * a work line only when the lexicon is sure of one.
 */
export async function buildFacts(input: DraftInput | DraftRequest, deps: BuildFactsDeps = {}): Promise<Fact[]> {
  const out: Fact[] = [];
  const make = async (kind: Kind, text: string, i: number): Promise<Fact> => {
    const prefix = kind === "fact" ? "f" : kind === "problem" ? "p" : "n";
    const formal = formalize(text, deps.lists?.wording);
    const ranked = rankLexicon(formal, deps.lists?.workLines);
    let workLine: string | null = ranked.sure ? ranked.best : null;
    if (kind === "fact" && !workLine) {
      deps.signal?.throwIfAborted();
      workLine = (await retrievalVote(formal, ranked, deps)) ?? ranked.best ?? FALLBACK_LINE;
    }
    return {
      id: `${prefix}${i + 1}`,
      kind,
      text: text.trim(),
      workLine,
      figures: factFigures(text),
      keyTerms: keyTermsOf(formal),
    };
  };
  for (const [i, t] of input.facts.entries()) out.push(await make("fact", t, i));
  for (const [i, t] of (input.problems ?? []).entries()) out.push(await make("problem", t, i));
  for (const [i, t] of (input.plans ?? []).entries()) out.push(await make("plan", t, i));
  return out;
}

/** The default heading (summary phrase) of a work line. */
export function workLineLabel(id: string): string {
  return WORK_LINES.find((w) => w.id === id)?.label ?? id;
}
