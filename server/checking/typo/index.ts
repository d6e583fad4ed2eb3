import type { Finding } from "../types.ts";
import type { ArchiveLexicon } from "./archive.ts";
import { confusionSets } from "./confusion.ts";
import { jiebaLexicon, type Lexicon } from "./lexicon.ts";
import { checkTypoList } from "./list-rule.ts";
import { loadTypoList, type TypoList } from "../../lists/typos.ts";
import { BY_NAME, BY_SUFFIX, protectedMask } from "./names.ts";
import { officialUsage, type OfficialUsage } from "../../lists/official-usage.ts";
import { loadNameList } from "../../lists/names.ts";
import { loadWorkLineList, type WorkLineList } from "../../lists/work-lines.ts";
import type { NameLists } from "../../text/names.ts";
import { bestSubstitution, ClauseScorer, type Substitution } from "./scoring.ts";
import { acceptSubstitution, DEFAULT_GUARDS, FIGURE, OFFICIAL_MIN_USES, typoProbability, type TypoCandidate, type TypoGuards } from "./decision.ts";
import { bestSwaps, wordSwaps } from "./word-swap.ts";
import { bestSounds, soundSwaps, soundThrough, warmSoundIndex } from "./word-sound.ts";
import { orderSwaps, phraseSwaps, warmPhrases } from "./word-order.ts";
import { CHAR_THRESHOLD, CHAR_SKIP_INSIDE_WORD_FREQ, charCandidates, type CharFeatures } from "./char-rule.ts";
import { officialCharModel, type CharModel } from "./ngram.ts";
import { FUNCTION_WORD_FREQ, type Token } from "./scoring.ts";
import { OwnedLru } from "../lru.ts";


/** What the typo check may know beyond the text. */
export interface TypoContext {
  /** The office's archive (in how many documents a stretch occurs); the check works without one. */
  archive?: ArchiveLexicon;
  /** The misspelling list (the office's typos.json); default: the built-in one. */
  list?: TypoList;
  /** Surnames and name endings (the office's names.json); default: the built-in ones. */
  names?: NameLists;
  /** The domain's terms (the work lines' keywords), never changed; default: the office's work-line list. */
  terms?: readonly string[];
  /** Precision guards, all on by default (tests switch one off to show what it prevents). */
  guards?: Partial<TypoGuards>;
  /** The character model (ngram.ts); default: the shipped counts; null: the check runs without it (as when the file is missing). */
  charModel?: CharModel | null;
  /** The report's year: a list entry whose standard came later (`since`) does not apply to an older report. */
  year?: number;
  /** Fitting only (bench): every substitution the character rule scores, with its features (the line cache is bypassed). */
  recordChar?: (offset: number, from: string, to: string, features: CharFeatures) => void;
}

// Positions inside a word at least this frequent are not examined: a typo seldom lands inside a
// common word and leaves it a common word (and skipping them keeps a 5,000-character check fast).
const SKIP_INSIDE_WORD_FREQ = 200;


interface LineResult {
  /** What the rules may not change in the line (names.ts). */
  mask: Uint8Array;
  /** Candidates with offsets in the line, and the stretches through each position as written (for the document's repeats). */
  candidates: Array<TypoCandidate & { through: string[] }>;
  /** The real-word rule's swaps (word-swap.ts), already judged on usage, with offsets in the line. */
  swaps: Swap[];
  /** The character rule's substitutions over its threshold (char-rule.ts), with offsets in the line. */
  chars: CharSub[];
}

/** A substitution the character model carries, before the document's and the archive's guards. */
export interface CharSub extends Swap {
  p: number;
}

/** A swap the usage evidence carries, before the document's and the archive's guards. */
export interface Swap {
  offset: number;
  from: string;
  to: string;
  word: string;
  /** Offset of the new word. */
  start: number;
  archiveBefore: number;
  through: string[];
  /** The character model's change in log probability for the swap (ngram.ts; 0 without the model). */
  charDelta: number;
}

// Lines judged recently, by archive (each archive object has its own table, keyed by its version, the
// version of the name lists and the line's text): a re-check after an edit judges only the lines that
// changed. The typo list is applied to the whole text after, so a changed list takes effect at once;
// the repeats guard too.
const noArchive = {};
const lineCache = new OwnedLru<LineResult>(4000);
// Each name-list or term-list object a number (a list loaded again is a new object: a new version).
const listVersions = new WeakMap<object, number>();
let listCount = 0;
function listVersion(lists: object): number {
  let v = listVersions.get(lists);
  if (v === undefined) listVersions.set(lists, (v = ++listCount));
  return v;
}

// The work lines' keywords (民转刑, 涉法涉诉, 网格员) are the domain's own terms, which a dictionary of the
// general language and official prose may lack: never "corrected". One array per loaded list.
const termsOf = new WeakMap<WorkLineList, string[]>();
function domainTerms(): readonly string[] {
  const list = loadWorkLineList();
  let terms = termsOf.get(list);
  if (!terms) {
    terms = [...new Set([...list.lexicon.values()].flatMap((ks) => ks.map((k) => k.word)).filter((w) => w.length >= 2))];
    termsOf.set(list, terms);
  }
  return terms;
}

// Each character model given in a context a number, for the line cache's key (null: none).
const models = new WeakMap<CharModel, number>();
let modelCount = 0;
function modelVersion(m: CharModel | null): string {
  if (!m) return "none";
  let v = models.get(m);
  if (v === undefined) models.set(m, (v = ++modelCount));
  return `m${v}`;
}

const GUARD_KEYS = Object.keys(DEFAULT_GUARDS) as Array<keyof TypoGuards>;

/** Line cache statistics (tests and benches). */
export const typoCacheStats = lineCache.stats;

function cachedLine(line: string, ctx: TypoContext, guards: TypoGuards): LineResult {
  const names = ctx.names ?? loadNameList();
  const terms = ctx.terms ?? domainTerms();
  // Every guard, since the line's candidates depend on several of them (tests switch them one by one).
  const key = `${ctx.archive?.version ?? 0}|${ctx.charModel === undefined ? "" : modelVersion(ctx.charModel)}|${listVersion(names)}.${listVersion(terms)}|${GUARD_KEYS.map((k) => (guards[k] ? 1 : 0)).join("")}|${line}`;
  return lineCache.get(ctx.archive ?? noArchive, key, () => {
    const mask = protectedMask(line, names, { names: guards.names, quotes: guards.quotes, suffixes: guards.names, lists: guards.lists, terms: guards.names ? terms : undefined });
    return { mask, ...lineCandidates(line, ctx, guards, mask) };
  }, ctx.recordChar !== undefined);
}

/**
 * Every position's best one-character substitution (protected positions excluded), before the
 * decision, and the mask of protected characters. The list rule is separate. Judged line by line
 * (no clause, quotation or name crosses a line), each line once per archive version.
 */
export function typoCandidatesWithMask(text: string, ctx: TypoContext = {}): { mask: Uint8Array; candidates: TypoCandidate[]; swaps: Swap[]; chars: CharSub[] } {
  const guards = { ...DEFAULT_GUARDS, ...ctx.guards };
  const mask = new Uint8Array(text.length);
  const candidates: TypoCandidate[] = [];
  const swaps: Swap[] = [];
  const chars: CharSub[] = [];
  for (let from = 0; from <= text.length; ) {
    let to = text.indexOf("\n", from);
    if (to < 0) to = text.length;
    if (to > from) {
      const r = cachedLine(text.slice(from, to), ctx, guards);
      mask.set(r.mask, from);
      for (const { through, ...c } of r.candidates) {
        candidates.push({ ...c, offset: c.offset + from, repeats: Math.max(0, ...through.map((s) => occurrences(text, s))) });
      }
      // The document's repeats are judged on the whole text, never cached with the line.
      for (const s of r.swaps) {
        if (guards.repeats && s.through.some((t) => occurrences(text, t) >= 2)) continue;
        swaps.push({ ...s, offset: s.offset + from, start: s.start + from });
      }
      for (const s of r.chars) {
        if (guards.repeats && s.through.some((t) => occurrences(text, t) >= 2)) continue;
        chars.push({ ...s, offset: s.offset + from, start: s.start + from });
      }
    }
    from = to + 1;
  }
  return { mask, candidates, swaps, chars };
}

export function typoCandidates(text: string, ctx: TypoContext = {}): TypoCandidate[] {
  return typoCandidatesWithMask(text, ctx).candidates;
}

function lineCandidates(text: string, ctx: TypoContext, guards: TypoGuards, mask: Uint8Array): Omit<LineResult, "mask"> {
  const lex = jiebaLexicon();
  const sets = confusionSets(lex);
  const usage = officialUsage();
  const out: LineResult["candidates"] = [];
  const swaps: Swap[] = [];
  const chars: CharSub[] = [];
  const model = guards.charRule ? (ctx.charModel === undefined ? officialCharModel() : ctx.charModel) : null;
  // BMP ideographs only: the scorer indexes by UTF-16 unit, and a character beyond the BMP (a rare name) ends a clause.
  for (const m of text.matchAll(/[\u3007\u3400-\u4dbf\u4e00-\u9fff]{2,}/g)) {
    const clause = m[0];
    // A clause in traditional script is not simplified text with typos in it.
    if (guards.official && [...clause].some((ch) => usage.traditional(ch))) continue;
    const scorer = new ClauseScorer(clause, lex);
    const toks = scorer.tokens;
    const codes = scorer.codes;
    // What the character model makes of a substitution the other rules propose (0 without the model).
    const charDelta = (i: number, to: string) => (model ? model.delta(codes, i, to.charCodeAt(0)) : 0);
    // What the rules may not change in the clause: names and the like (the mask), a character next to a
    // figure, the open slot of a parallel frame. Judged once per position.
    const frame = new Uint8Array(clause.length);
    const blocked = new Uint8Array(clause.length);
    for (let i = 0; i < clause.length; i++) {
      const at = m.index + i;
      if (guards.frames && mask[at] === 0 && inFrame(text, at)) frame[i] = 1;
      if (mask[at] !== 0 || (guards.figures && (FIGURE.test(text[at - 1] ?? "") || FIGURE.test(text[at + 1] ?? ""))) || frame[i]) blocked[i] = 1;
    }
    // The text as written is official usage (its token, or its token with a neighbour, used twice): the
    // model's and the character rule's substitutions there are refused whatever they are, so those
    // positions are not examined (unless fitting records every substitution). Asked once per token that
    // either rule examines.
    const official = new Int32Array(toks.length);
    const used = new Uint8Array(clause.length);
    for (let ti = 0; ti < toks.length; ti++) {
      const tok = toks[ti];
      if (tok.end - tok.start >= 2 && tok.freq >= Math.max(CHAR_SKIP_INSIDE_WORD_FREQ, SKIP_INSIDE_WORD_FREQ)) continue;
      official[ti] = asWrittenUsage(clause, toks, ti, usage);
      // 2: used exactly at the floor (official prose's own rare slips, 自已 twice): the character rule's strong evidence may still speak.
      if (guards.official && official[ti] >= OFFICIAL_MIN_USES) used.fill(official[ti] > OFFICIAL_MIN_USES ? 1 : 2, tok.start, tok.end);
    }
    if (model) {
      const at = m.index;
      const record = ctx.recordChar && ((i: number, to: string, f: CharFeatures) => ctx.recordChar!(at + i, clause[i], to, f));
      const skip = record ? blocked : blocked.map((b, i) => b | (used[i] & 1));
      for (const c of charCandidates({ clause, scorer, lex, sets, model, blocked: skip, record })) {
        if (c.p < typoTuning.charFloor) continue;
        // The text as written is official usage (its word, or its word with a neighbour, used twice): left alone.
        if (used[c.index] && !(used[c.index] === 2 && c.strong)) continue;
        const through = [...stretchesThrough(clause, c.index, clause.slice(scorer.tokenAt(c.index).start, scorer.tokenAt(c.index).end)), ...oovPairsThrough(clause, scorer, c.index, lex)];
        const archiveBefore = ctx.archive ? Math.max(0, ...through.map((r) => ctx.archive!.documentFrequency(r))) : 0;
        chars.push({ offset: at + c.index, from: c.from, to: c.to, word: c.word, start: at + c.wordStart, p: c.p, archiveBefore, through, charDelta: 0 });
      }
    }
    if (guards.wordSwaps) {
      for (const s of bestSwaps(wordSwaps(clause, codes, toks, usage, sets, blocked, true))) {
        const through = [...stretchesThrough(clause, s.index, s.before), ...oovPairsThrough(clause, scorer, s.index, lex)];
        const archiveBefore = ctx.archive ? Math.max(0, ...through.map((r) => ctx.archive!.documentFrequency(r))) : 0;
        swaps.push({ offset: m.index + s.index, from: s.from, to: s.to, word: s.word, start: m.index + s.wordStart, archiveBefore, through, charDelta: charDelta(s.index, s.to) });
      }
      // The whole-word homophone rule (word-sound.ts): two characters replaced by an official word of the same syllables.
      if (model) {
        for (const s of bestSounds(soundSwaps(clause, codes, scorer, usage, sets, lex, model, blocked))) {
          const through = soundThrough(clause, s.index);
          const archiveBefore = ctx.archive ? Math.max(0, ...through.map((r) => ctx.archive!.documentFrequency(r))) : 0;
          swaps.push({ offset: m.index + s.index, from: s.before, to: s.word, word: s.word, start: m.index + s.index, archiveBefore, through, charDelta: s.delta });
        }
        // A set phrase with one character slipped (word-order.ts): its characters may be rare (迫在眉睫).
        for (const s of phraseSwaps(clause, codes, lex, sets, model, blocked)) {
          // A position another rule already changed is not read a second time.
          if (swaps.some((w) => w.offset === m.index + s.index)) continue;
          const through = [clause.slice(s.start, s.start + s.word.length)];
          const archiveBefore = ctx.archive ? ctx.archive.documentFrequency(through[0]) : 0;
          swaps.push({ offset: m.index + s.index, from: s.from, to: s.to, word: s.word, start: m.index + s.start, archiveBefore, through, charDelta: s.delta });
        }
        // The word-order rule (word-order.ts): two characters of a word in each other's place.
        for (const s of orderSwaps(clause, codes, scorer, usage, lex, model, blocked)) {
          const through = [s.before];
          const archiveBefore = ctx.archive ? ctx.archive.documentFrequency(s.before) : 0;
          swaps.push({ offset: m.index + s.start, from: s.before, to: s.word, word: s.word, start: m.index + s.start, archiveBefore, through, charDelta: s.delta });
        }
      }
    }
    for (let ti = 0; ti < toks.length; ti++) {
      const tok = toks[ti];
      if (tok.end - tok.start >= 2 && tok.freq >= SKIP_INSIDE_WORD_FREQ) continue;
      // What acceptSubstitution refuses whatever the substitution: the text as written official usage, a
      // function word standing alone (below, a character next to a figure). Not examined.
      if (guards.official && official[ti] >= OFFICIAL_MIN_USES) continue;
      if (guards.functionWords && tok.end - tok.start === 1 && tok.freq >= FUNCTION_WORD_FREQ) continue;
      for (let i = tok.start; i < tok.end; i++) {
        const offset = m.index + i;
        // blocked: the mask, the frame and (with that guard) a figure beside it. A character protected only as
        // part of a name the tagger found or guessed, or before a unit's ending, is still judged, on stronger
        // evidence (decision.ts, byName).
        const byName = blocked[i] === 1 && (mask[offset] === BY_NAME || mask[offset] === BY_SUFFIX) && !frame[i] && !(guards.figures && (FIGURE.test(text[offset - 1] ?? "") || FIGURE.test(text[offset + 1] ?? "")));
        if (blocked[i] && !byName) continue;
        // Of the characters that make a word here, the one the model finds likeliest (the archive and
        // the official counts guard the choice, they do not rank it).
        const sub = bestSubstitution(scorer, i, lex, sets, (s) => typoProbability(candidateAt(s, text, offset, official[ti]), lex));
        if (!sub) continue;
        out.push({ ...candidateAt(sub, text, offset, official[ti]), byName, charDelta: charDelta(i, sub.to), officialWord: usage.word(sub.word), officialPairs: pairsAround(clause, toks, sub.wordStart, sub.wordStart + sub.word.length, sub.word, usage), ...archiveCounts(clause, i, sub, ctx.archive), through: [...stretchesThrough(clause, i, sub.before), ...oovPairsThrough(clause, scorer, i, lex)] });
      }
    }
  }
  return { candidates: out, swaps, chars };
}

/** A substitution at `offset` of the line as a candidate, before the usage and archive counts. */
function candidateAt(sub: Substitution, line: string, offset: number, official: number): TypoCandidate {
  // Written out field by field: a spread of the substitution here was a tenth of the check's time.
  return {
    index: sub.index, from: sub.from, to: sub.to, kind: sub.kind, gain: sub.gain, word: sub.word, wordStart: sub.wordStart, wordFreq: sub.wordFreq,
    before: sub.before, beforeFreq: sub.beforeFreq, cuts: sub.cuts, singles: sub.singles, strays: sub.strays,
    offset,
    // The line's characters, not the clause's: a figure ends a clause (创近20年).
    neighbours: [line[offset - 1] ?? "", line[offset + 1] ?? ""],
    repeats: 0,
    official,
    officialWord: 0,
    officialPairs: [0, 0],
    archiveBefore: 0,
  };
}

/** Uses in official prose of `word` at [start, end) beside the tokens that end right before it and start right after it. */
function pairsAround(clause: string, toks: readonly Token[], start: number, end: number, word: string, usage: OfficialUsage): [number, number] {
  let before = 0;
  let after = 0;
  for (const t of toks) {
    if (t.end === start) before = usage.pair(clause.slice(t.start, t.end), word);
    if (t.start === end) after = usage.pair(word, clause.slice(t.start, t.end));
  }
  return [before, after];
}

/**
 * A character in the open slot of a parallel frame is the author's choice, not a slip: 治山治岸 and 何梁何利
 * (the same character either side of the slot, or two before it, or the slot's neighbour repeated two on).
 */
function inFrame(line: string, i: number): boolean {
  const a = line[i - 1];
  if (!a || !/\p{Script=Han}/u.test(a) || jiebaLexicon().freq(a) >= FUNCTION_WORD_FREQ) return false;
  return a === line[i + 1] || a === line[i - 3] || (line[i + 1] !== undefined && line[i + 1] === line[i + 3]);
}

/**
 * The strings through a position that the dictionary does not know: two neighbouring characters that
 * each stand alone in the segmentation and are no function words (柳|工, 宜|常). Written twice in one
 * document, such a string is the author's word (a firm's or project's short name), not a slip.
 */
function oovPairsThrough(clause: string, scorer: ClauseScorer, i: number, lex: Lexicon): string[] {
  const alone = (k: number) => k >= 0 && k < clause.length && isSingle(scorer.tokenAt(k)) && lex.freq(clause[k]) < FUNCTION_WORD_FREQ;
  const out: string[] = [];
  if (alone(i) && alone(i - 1)) out.push(clause.slice(i - 1, i + 1));
  if (alone(i) && alone(i + 1)) out.push(clause.slice(i, i + 2));
  return out;
}

const isSingle = (t: Token) => t.end - t.start === 1;

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
function stretchesThrough(clause: string, i: number, before: string): string[] {
  const runs: string[] = [];
  for (let s = Math.max(0, i - 2); s <= i && s + 3 <= clause.length; s++) runs.push(clause.slice(s, s + 3));
  if (before.length >= 2) runs.push(before);
  return runs;
}

function occurrences(text: string, s: string): number {
  let n = 0;
  for (let at = text.indexOf(s); at >= 0 && n < 2; at = text.indexOf(s, at + 1)) n++;
  return n;
}

function archiveCounts(clause: string, i: number, sub: Substitution, archive?: ArchiveLexicon) {
  if (!archive) return { archiveBefore: 0 };
  const asWritten = Math.max(0, ...stretchesThrough(clause, i, sub.before).map((r) => archive.documentFrequency(r)));
  return { archiveBefore: asWritten };
}

/** Build the dictionary tables and confusion indexes now (about a second), so the first check does not wait for them. */
export function warmUpTypoCheck(): void {
  checkTypos("年初部署的各项工作稳步推进。");
  // Indexes a clean sentence never reaches, built here so that the first check that needs one does not wait.
  warmSoundIndex(officialUsage());
  warmPhrases();
}

/**
 * The character model's veto over the other rules: a substitution after which official prose's
 * character sequences read the window less likely than as written (a change in log probability below
 * this) is not reported: the suggestion must be likelier, not only the original unlikely. Chosen on
 * odw.train (0 loses no sentence found there and drops three wrong flags; 1 loses some) and the
 * in-sample official prose (typo warnings 85 → 51). Settable for fitting (bench) only.
 */
export const typoTuning = { charVeto: 0, charFloor: CHAR_THRESHOLD };

// A swap outranks an overlapping reading of the unigram model (whose probabilities stay below 1).
const SWAP_WEIGHT = 1;

/** Typos (错别字 and 易混词): the office's list, then one-character substitutions the language evidence supports. */
export function checkTypos(text: string, ctx: TypoContext = {}): Finding[] {
  const guards = { ...DEFAULT_GUARDS, ...ctx.guards };
  const { mask, candidates, swaps, chars } = typoCandidatesWithMask(text, ctx);
  const list = ctx.list ?? loadTypoList();
  const listed = new Uint8Array(text.length);
  const findings = checkTypoList(text, list, mask, ctx.year, listed);
  for (const f of findings) listed.fill(1, f.start, f.end);
  const lex: Lexicon = jiebaLexicon();
  const accepted: Array<{ c: Pick<TypoCandidate, "offset" | "from" | "to" | "word">; p: number; start: number; end: number }> = [];
  for (const c of candidates) {
    if (listed[c.offset] || !acceptSubstitution(c, lex, guards) || (c.charDelta ?? 0) < typoTuning.charVeto) continue;
    const start = c.offset - (c.index - c.wordStart);
    accepted.push({ c, p: typoProbability(c, lex), start, end: start + c.word.length });
  }
  // The real-word rule's swaps: the usage evidence outweighs the unigram model's reading of the stretch.
  for (const s of swaps) {
    if (listed[s.offset] || listed[s.offset + s.from.length - 1] || (guards.archive && s.archiveBefore >= 2) || s.charDelta < typoTuning.charVeto) continue;
    accepted.push({ c: { offset: s.offset, from: s.from, to: s.to, word: s.word }, p: SWAP_WEIGHT, start: s.start, end: s.start + s.word.length });
  }
  // The character rule's substitutions: below both others where they read the same stretch (its
  // probability less one), since it sees the fewest words.
  for (const s of chars) {
    if (listed[s.offset] || (guards.archive && s.archiveBefore >= 2) || s.p < CHAR_THRESHOLD) continue;
    accepted.push({ c: { offset: s.offset, from: s.from, to: s.to, word: s.word }, p: s.p - 1, start: s.start, end: s.start + s.word.length });
  }
  // Two changes whose new words overlap are two readings of one stretch (宣转 → 旋转 or 宣传): keep the likelier.
  const kept = accepted.filter((a) => !accepted.some((b) => b !== a && b.start < a.end && a.start < b.end && (b.p > a.p || (b.p === a.p && b.c.offset < a.c.offset))));
  for (const { c } of kept) {
    findings.push({
      kind: "typo",
      severity: "warning",
      start: c.offset,
      end: c.offset + c.from.length,
      text: c.from,
      suggestion: c.to,
      message: `疑似错别字：“${c.from}”应为“${c.to}”（${c.word}）`,
    });
  }
  return findings.sort((a, b) => a.start - b.start);
}
