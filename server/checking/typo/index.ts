import type { Finding } from "../types.ts";
import type { ArchiveLexicon } from "./archive.ts";
import { confusionSets } from "./confusion.ts";
import { jiebaLexicon, type Lexicon } from "./lexicon.ts";
import { checkTypoList, loadTypoList, type TypoList } from "./list-rule.ts";
import { protectedMask } from "./names.ts";
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

const ARCHIVE_MODEL_MIN_DOCUMENTS = 3;

/** The archive model expects the archive to know the office's words; a nearly empty one knows none. */
function usesArchiveModel(ctx: TypoContext): boolean {
  return (ctx.archive?.documents ?? 0) >= ARCHIVE_MODEL_MIN_DOCUMENTS;
}

/**
 * Every position's best one-character substitution (protected positions excluded), before the
 * decision. The list rule is separate.
 */
export function typoCandidates(text: string, ctx: TypoContext = {}, mask?: Uint8Array): TypoCandidate[] {
  const lex = jiebaLexicon();
  const sets = confusionSets(lex);
  const guards = { ...DEFAULT_GUARDS, ...ctx.guards };
  mask ??= protectedMask(text, ctx.names ?? loadNameList(), { names: guards.names, quotes: guards.quotes, suffixes: guards.names });
  const archiveModel = usesArchiveModel(ctx);
  const out: TypoCandidate[] = [];
  // BMP ideographs only: the scorer indexes by UTF-16 unit, and a character beyond the BMP (a rare name) ends a clause.
  for (const m of text.matchAll(/[\u3007\u3400-\u4dbf\u4e00-\u9fff]{2,}/g)) {
    const clause = m[0];
    const scorer = new ClauseScorer(clause, lex);
    for (const tok of scorer.tokens) {
      if (tok.end - tok.start >= 2 && tok.freq >= SKIP_INSIDE_WORD_FREQ) continue;
      for (let i = tok.start; i < tok.end; i++) {
        const offset = m.index + i;
        if (mask[offset]) continue;
        const candidate = (sub: Substitution): TypoCandidate => ({
          ...sub,
          offset,
          neighbours: [clause[i - 1] ?? "", clause[i + 1] ?? ""],
          repeats: 0,
          ...archiveCounts(clause, i, sub, ctx.archive),
        });
        // Of the characters that make a word here, the one the model finds likeliest.
        const sub = bestSubstitution(scorer, i, lex, sets, (s) => typoProbability(candidate(s), lex, archiveModel));
        if (!sub) continue;
        out.push({ ...candidate(sub), repeats: Math.max(0, ...stretchesThrough(clause, i, sub).map((s) => occurrences(text, s))) });
      }
    }
  }
  return out;
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
  if (!archive) return { archiveWord: 0, archiveBefore: 0 };
  const asWritten = Math.max(0, ...stretchesThrough(clause, i, sub).map((r) => archive.documentFrequency(r)));
  return { archiveWord: archive.documentFrequency(sub.word), archiveBefore: asWritten };
}

/** Build the dictionary tables and confusion indexes now (about a second), so the first check does not wait for them. */
export function warmUpTypoCheck(): void {
  checkTypos("年初部署的各项工作稳步推进。");
}

/** Typos (错别字 and 易混词): the office's list, then one-character substitutions the language evidence supports. */
export function checkTypos(text: string, ctx: TypoContext = {}): Finding[] {
  const guards = { ...DEFAULT_GUARDS, ...ctx.guards };
  const mask = protectedMask(text, ctx.names ?? loadNameList(), { names: guards.names, quotes: guards.quotes, suffixes: guards.names });
  const list = ctx.list ?? loadTypoList();
  const findings = checkTypoList(text, list, mask);
  const listed = new Uint8Array(text.length);
  for (const f of findings) listed.fill(1, f.start, f.end);
  const lex: Lexicon = jiebaLexicon();
  const archiveModel = usesArchiveModel(ctx);
  const accepted: Array<{ c: TypoCandidate; p: number; start: number; end: number }> = [];
  for (const c of typoCandidates(text, ctx, mask)) {
    if (listed[c.offset] || !acceptSubstitution(c, lex, guards, archiveModel)) continue;
    const start = c.offset - (c.index - c.wordStart);
    accepted.push({ c, p: typoProbability(c, lex, archiveModel), start, end: start + c.word.length });
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
