import type { Finding } from "../types.ts";
import type { ArchiveLexicon } from "./archive.ts";
import { confusionSets } from "./confusion.ts";
import { jiebaLexicon, type Lexicon } from "./lexicon.ts";
import { checkTypoList, loadTypoList, type TypoList } from "./list-rule.ts";
import { protectedMask } from "./names.ts";
import { officialUsage, type OfficialUsage } from "./usage.ts";
import { loadNameList } from "../../lists/names.ts";
import type { NameLists } from "../../text/names.ts";
import { bestSubstitution, ClauseScorer, type Substitution } from "./scoring.ts";
import { acceptSubstitution, DEFAULT_GUARDS, typoProbability, type TypoCandidate, type TypoGuards } from "./decision.ts";

export type { TypoCandidate } from "./decision.ts";

/** What the typo check may know beyond the text. */
export interface TypoContext {
  /** The office's archive (in how many documents a stretch occurs); the check works without one. */
  archive?: ArchiveLexicon;
  /** The misspelling list (the office's typos.json); default: the built-in one. */
  list?: TypoList;
  /** Surnames and name endings (the office's names.json); default: the built-in ones. */
  names?: NameLists;
  /** Precision guards, all on by default (tests switch one off to show what it prevents). */
  guards?: Partial<TypoGuards>;
}

// Positions inside a word at least this frequent are not examined: a typo seldom lands inside a
// common word and leaves it a common word (and skipping them keeps a 5,000-character check fast).
const SKIP_INSIDE_WORD_FREQ = 200;


interface LineResult {
  /** What the rules may not change in the line (names.ts). */
  mask: Uint8Array;
  /** Candidates with offsets in the line, and the stretches through each position as written (for the document's repeats). */
  candidates: Array<TypoCandidate & { through: string[] }>;
}

// Lines judged recently, by archive (each archive object has its own table, keyed by its version, the
// version of the name lists and the line's text): a re-check after an edit judges only the lines that
// changed. The typo list is applied to the whole text after, so a changed list takes effect at once;
// the repeats guard too.
const LINE_CACHE_SIZE = 4000;
const noArchive = {};
const lineCaches = new WeakMap<object, Map<string, LineResult>>();
// Each name-list object a number (a list loaded again is a new object: a new version).
const listVersions = new WeakMap<NameLists, number>();
let listCount = 0;
function listVersion(lists: NameLists): number {
  let v = listVersions.get(lists);
  if (v === undefined) listVersions.set(lists, (v = ++listCount));
  return v;
}

/** Line cache statistics (tests and benches). */
export const typoCacheStats = { hits: 0, misses: 0 };

function cachedLine(line: string, ctx: TypoContext, guards: TypoGuards): LineResult {
  const owner = ctx.archive ?? noArchive;
  let cache = lineCaches.get(owner);
  if (!cache) lineCaches.set(owner, (cache = new Map()));
  const names = ctx.names ?? loadNameList();
  const key = `${ctx.archive?.version ?? 0}|${listVersion(names)}|${guards.names ? 1 : 0}${guards.quotes ? 1 : 0}${guards.official ? 1 : 0}|${line}`;
  const hit = cache.get(key);
  if (hit) {
    typoCacheStats.hits++;
    // Most recently used last.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  typoCacheStats.misses++;
  const mask = protectedMask(line, names, { names: guards.names, quotes: guards.quotes, suffixes: guards.names });
  const result = { mask, candidates: lineCandidates(line, ctx, guards, mask) };
  cache.set(key, result);
  if (cache.size > LINE_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return result;
}

/**
 * Every position's best one-character substitution (protected positions excluded), before the
 * decision, and the mask of protected characters. The list rule is separate. Judged line by line
 * (no clause, quotation or name crosses a line), each line once per archive version.
 */
export function typoCandidatesWithMask(text: string, ctx: TypoContext = {}): { mask: Uint8Array; candidates: TypoCandidate[] } {
  const guards = { ...DEFAULT_GUARDS, ...ctx.guards };
  const mask = new Uint8Array(text.length);
  const candidates: TypoCandidate[] = [];
  for (let from = 0; from <= text.length; ) {
    let to = text.indexOf("\n", from);
    if (to < 0) to = text.length;
    if (to > from) {
      const r = cachedLine(text.slice(from, to), ctx, guards);
      mask.set(r.mask, from);
      for (const { through, ...c } of r.candidates) {
        candidates.push({ ...c, offset: c.offset + from, repeats: Math.max(0, ...through.map((s) => occurrences(text, s))) });
      }
    }
    from = to + 1;
  }
  return { mask, candidates };
}

export function typoCandidates(text: string, ctx: TypoContext = {}): TypoCandidate[] {
  return typoCandidatesWithMask(text, ctx).candidates;
}

function lineCandidates(text: string, ctx: TypoContext, guards: TypoGuards, mask: Uint8Array): LineResult["candidates"] {
  const lex = jiebaLexicon();
  const sets = confusionSets(lex);
  const usage = officialUsage();
  const out: LineResult["candidates"] = [];
  // BMP ideographs only: the scorer indexes by UTF-16 unit, and a character beyond the BMP (a rare name) ends a clause.
  for (const m of text.matchAll(/[\u3007\u3400-\u4dbf\u4e00-\u9fff]{2,}/g)) {
    const clause = m[0];
    // A clause in traditional script is not simplified text with typos in it.
    if (guards.official && [...clause].some((ch) => usage.traditional(ch))) continue;
    const scorer = new ClauseScorer(clause, lex);
    const toks = scorer.tokens;
    for (let ti = 0; ti < toks.length; ti++) {
      const tok = toks[ti];
      if (tok.end - tok.start >= 2 && tok.freq >= SKIP_INSIDE_WORD_FREQ) continue;
      const official = asWrittenUsage(clause, toks, ti, usage);
      for (let i = tok.start; i < tok.end; i++) {
        const offset = m.index + i;
        if (mask[offset]) continue;
        const candidate = (sub: Substitution): TypoCandidate => ({
          ...sub,
          offset,
          neighbours: [clause[i - 1] ?? "", clause[i + 1] ?? ""],
          repeats: 0,
          official,
          officialWord: 0,
          archiveBefore: 0,
        });
        // Of the characters that make a word here, the one the model finds likeliest (the archive and
        // the official counts guard the choice, they do not rank it).
        const sub = bestSubstitution(scorer, i, lex, sets, (s) => typoProbability(candidate(s), lex));
        if (!sub) continue;
        out.push({ ...candidate(sub), officialWord: usage.word(sub.word), ...archiveCounts(clause, i, sub, ctx.archive), through: stretchesThrough(clause, i, sub) });
      }
    }
  }
  return out;
}

/**
 * How much official prose uses the text as written at a token: the token as a word (two or more
 * characters), and the token with the word before or after it as a pair.
 */
function asWrittenUsage(clause: string, toks: ReadonlyArray<{ start: number; end: number }>, ti: number, usage: OfficialUsage): number {
  const w = (t?: { start: number; end: number }) => (t ? clause.slice(t.start, t.end) : "");
  const here = w(toks[ti]);
  return Math.max(usage.word(here), usage.pair(w(toks[ti - 1]), here), usage.pair(here, w(toks[ti + 1])));
}

/**
 * The text as written around a position: the three-character stretches through it, and the token
 * that covered it (a pair of characters alone is too common to tell usage from coincidence).
 */
function stretchesThrough(clause: string, i: number, sub: Substitution): string[] {
  const runs: string[] = [];
  for (let s = Math.max(0, i - 2); s <= i && s + 3 <= clause.length; s++) runs.push(clause.slice(s, s + 3));
  if (sub.before.length >= 2) runs.push(sub.before);
  return runs;
}

function occurrences(text: string, s: string): number {
  let n = 0;
  for (let at = text.indexOf(s); at >= 0 && n < 2; at = text.indexOf(s, at + 1)) n++;
  return n;
}

function archiveCounts(clause: string, i: number, sub: Substitution, archive?: ArchiveLexicon) {
  if (!archive) return { archiveBefore: 0 };
  const asWritten = Math.max(0, ...stretchesThrough(clause, i, sub).map((r) => archive.documentFrequency(r)));
  return { archiveBefore: asWritten };
}

/** Build the dictionary tables and confusion indexes now (about a second), so the first check does not wait for them. */
export function warmUpTypoCheck(): void {
  checkTypos("年初部署的各项工作稳步推进。");
}

/** Typos (错别字 and 易混词): the office's list, then one-character substitutions the language evidence supports. */
export function checkTypos(text: string, ctx: TypoContext = {}): Finding[] {
  const guards = { ...DEFAULT_GUARDS, ...ctx.guards };
  const { mask, candidates } = typoCandidatesWithMask(text, ctx);
  const list = ctx.list ?? loadTypoList();
  const findings = checkTypoList(text, list, mask);
  const listed = new Uint8Array(text.length);
  for (const f of findings) listed.fill(1, f.start, f.end);
  const lex: Lexicon = jiebaLexicon();
  const accepted: Array<{ c: TypoCandidate; p: number; start: number; end: number }> = [];
  for (const c of candidates) {
    if (listed[c.offset] || !acceptSubstitution(c, lex, guards)) continue;
    const start = c.offset - (c.index - c.wordStart);
    accepted.push({ c, p: typoProbability(c, lex), start, end: start + c.word.length });
  }
  // Two changes whose new words overlap are two readings of one stretch (宣转 → 旋转 or 宣传): keep the likelier.
  const kept = accepted.filter((a) => !accepted.some((b) => b !== a && b.start < a.end && a.start < b.end && (b.p > a.p || (b.p === a.p && b.c.offset < a.c.offset))));
  for (const { c } of kept) {
    findings.push({
      kind: "typo",
      severity: "warning",
      start: c.offset,
      end: c.offset + 1,
      text: c.from,
      suggestion: c.to,
      message: `疑似错别字：“${c.from}”应为“${c.to}”（${c.word}）`,
    });
  }
  return findings.sort((a, b) => a.start - b.start);
}
