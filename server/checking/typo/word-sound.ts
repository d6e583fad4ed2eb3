import { pinyin } from "pinyin-pro";
import type { ConfusionSets } from "./confusion.ts";
import type { Lexicon } from "./lexicon.ts";
import type { CharModel } from "./ngram.ts";
import type { ClauseScorer } from "./scoring.ts";
import type { OfficialUsage } from "../../lists/official-usage.ts";

/**
 * The whole-word homophone rule: a writer types a word's syllables and the input method offers another
 * word that sounds the same (单位 typed as 淡味, 规划 as 桂花, 部署 as 不熟). Both characters are wrong,
 * so no one-character substitution makes a word, yet the slip is plain: official prose never writes the
 * two characters together, and writes a word with exactly their syllables (toneless) often, in a place
 * where the characters around it read likelier with it (the character model's change in log probability
 * over the two characters and the three after them).
 */
export interface SoundSwap {
  /** Offset of the first of the two characters in the clause. */
  index: number;
  before: string;
  word: string;
  /** Uses in official prose of the two characters as written together (character counts, ngram.ts). */
  oldPair: number;
  /** The written pair's frequency in the general dictionary (0: no word). */
  oldDict: number;
  /** Uses of the new word in official prose (usage.ts). */
  newCount: number;
  /** The character model's change in log probability for the two substitutions together. */
  delta: number;
  /** The two characters are whole tokens of the segmentation as written (one word, or two single characters). */
  aligned: boolean;
  /** Uses in official prose of the new word beside the tokens before and after it. */
  newPairs: [number, number];
  /**
   * Uses in official prose of the text as written around the two characters: the written pair as a word,
   * beside the tokens before and after it (word counts), and with the character before or after it (the
   * runs of three, character counts). Computed where the written pair is a word official prose writes.
   */
  usedAsWritten: number;
}

/** Official words used at least this often are the corrections this rule proposes. */
export const SOUND_MIN_WORD_USES = 5;

let index: Map<string, Array<{ word: string; count: number }>> | null = null;
let indexedFrom: OfficialUsage | null = null;
const readingCache = new Map<string, readonly string[]>();

function readings(sets: ConfusionSets, ch: string): readonly string[] {
  let r = readingCache.get(ch);
  if (!r) readingCache.set(ch, (r = sets.readings(ch)));
  return r;
}

// Each official two-character word under its syllables as the word is read ("dan wei" → 单位; 巨大 is "ju da"
// only, though 大 alone may be read dai: a writer types the word's own reading).
function soundIndex(usage: OfficialUsage): Map<string, Array<{ word: string; count: number }>> {
  if (index && indexedFrom === usage) return index;
  const m = new Map<string, Array<{ word: string; count: number }>>();
  for (const [word, count] of usage.words(SOUND_MIN_WORD_USES)) {
    if (word.length !== 2 || !/^[\u4e00-\u9fff]{2}$/.test(word)) continue;
    const key = pinyin(word, { type: "array", toneType: "none", v: true }).join(" ");
    const list = m.get(key);
    if (list) list.push({ word, count });
    else m.set(key, [{ word, count }]);
  }
  index = m;
  indexedFrom = usage;
  return m;
}

/** Build the index now (a check worker's warm-up): pinyin's first call and the index cost seconds on a busy machine. */
export function warmSoundIndex(usage: OfficialUsage): void {
  soundIndex(usage);
}

// Examined: two characters that official prose never writes together (what it writes is its usage), that
// stand as whole tokens of the segmentation as written (one word, or two single characters: a pair across
// a word's edge, 拖鞋|售卖, is no slip of one word) and that are no common dictionary word (阀值, 咫尺 are
// rare; 纸质, 垫付 are not).
const MAX_OLD_PAIR = 0;
const MAX_OLD_DICT_FREQ = 100;
// A written pair that is a word in its own right (时常, 礼仪, 征服) is a slip only in context: examined when
// official prose writes it seldom (at most REAL_MAX_OLD_PAIR times), and never as a word, never beside the
// tokens around it, never with the character before or after it (usedAsWritten 0).
const REAL_MAX_OLD_PAIR = 50;

/**
 * Every two neighbouring characters that official prose never writes together, replaced by an
 * official word with the same syllables whose characters both differ. `blocked[i]`: the character at
 * clause offset i may not be changed.
 */
export function soundSwaps(clause: string, codes: Int32Array, scorer: ClauseScorer, usage: OfficialUsage, sets: ConfusionSets, lex: Lexicon, model: CharModel, blocked: Uint8Array): SoundSwap[] {
  const idx = soundIndex(usage);
  const out: SoundSwap[] = [];
  for (let i = 0; i + 1 < clause.length; i++) {
    if (blocked[i] || blocked[i + 1]) continue;
    const oldPair = model.pair(codes[i], codes[i + 1]);
    if (oldPair > REAL_MAX_OLD_PAIR) continue;
    const t0 = scorer.tokenAt(i);
    const t1 = scorer.tokenAt(i + 1);
    const aligned = t0.start === i && t1.end === i + 2;
    if (!aligned) continue;
    const before = clause.slice(i, i + 2);
    const oldDict = Math.max(0, lex.freq(before));
    const plain = oldPair <= MAX_OLD_PAIR && oldDict <= MAX_OLD_DICT_FREQ;
    const prevTok = i > 0 ? scorer.tokenAt(i - 1) : null;
    const nextTok = i + 2 < clause.length ? scorer.tokenAt(i + 2) : null;
    const prev = prevTok ? clause.slice(prevTok.start, prevTok.end) : "";
    const next = nextTok ? clause.slice(nextTok.start, nextTok.end) : "";
    let usedAsWritten = 0;
    if (!plain) {
      usedAsWritten = usage.word(before) + usage.pair(prev, before) + usage.pair(before, next) + (i > 0 ? model.trio(codes[i - 1], codes[i], codes[i + 1]) : 0) + (i + 2 < clause.length ? model.trio(codes[i], codes[i + 1], codes[i + 2]) : 0);
      if (usedAsWritten > 0) continue;
    }
    let seen: Set<string> | undefined;
    for (const a of readings(sets, clause[i])) {
      for (const b of readings(sets, clause[i + 1])) {
        for (const e of idx.get(`${a} ${b}`) ?? []) {
          if (e.word[0] === clause[i] || e.word[1] === clause[i + 1]) continue;
          if (seen?.has(e.word)) continue;
          (seen ??= new Set()).add(e.word);
          const x = codes[i];
          const y = codes[i + 1];
          const d1 = model.delta(codes, i, e.word.charCodeAt(0));
          codes[i] = e.word.charCodeAt(0);
          const d2 = model.delta(codes, i + 1, e.word.charCodeAt(1));
          codes[i] = x;
          codes[i + 1] = y;
          out.push({ index: i, before, word: e.word, oldPair, oldDict, newCount: e.count, delta: d1 + d2, aligned, newPairs: [usage.pair(prev, e.word), usage.pair(e.word, next)], usedAsWritten });
        }
      }
    }
  }
  return out;
}

// The margins, chosen on odw.train (docs/typo-check.md), beyond what is examined at all: the characters
// around read much likelier with the new word (a change of at least SOUND_MIN_DELTA), and official prose
// writes it beside one of its neighbours as they stand; or, where it does not (the neighbour is a longer
// word official prose cuts otherwise: 强化|监督管理), the new word is common there and the change twice as large.
const MIN_NEW_PAIRS = 1;
/** The least change in log probability (natural log, over the two characters and the three after). */
export const SOUND_MIN_DELTA = 10;
const ALONE_MIN_DELTA = 20;
const ALONE_MIN_WORD_USES = 200;
// A written pair that is a word (above): the new word beside one of its neighbours in official prose, and
// a larger change. Chosen on odw.train (a grid over the change 10/15/20, the pair margin 5/50 and the
// dictionary margin): 9 more slips found and no false or wrong finding there; checked on the in-sample
// provincial prose left files out (bench/typo-folds.ts).
const REAL_MIN_DELTA = 15;

/** Whether the evidence carries the homophone word. */
export function acceptSound(s: SoundSwap): boolean {
  if (!s.aligned || s.newCount < SOUND_MIN_WORD_USES) return false;
  if (s.oldPair > MAX_OLD_PAIR || s.oldDict > MAX_OLD_DICT_FREQ) {
    return s.oldPair <= REAL_MAX_OLD_PAIR && s.usedAsWritten === 0 && s.newPairs[0] + s.newPairs[1] >= MIN_NEW_PAIRS && s.delta >= REAL_MIN_DELTA;
  }
  if (s.newPairs[0] + s.newPairs[1] >= MIN_NEW_PAIRS) return s.delta >= SOUND_MIN_DELTA;
  return s.delta >= ALONE_MIN_DELTA && s.newCount >= ALONE_MIN_WORD_USES;
}

/** Of the accepted homophone words at each position, the one the character model finds likeliest. */
export function bestSounds(swaps: readonly SoundSwap[]): SoundSwap[] {
  const best = new Map<number, SoundSwap>();
  for (const s of swaps) {
    if (!acceptSound(s)) continue;
    const b = best.get(s.index);
    if (!b || s.delta > b.delta) best.set(s.index, s);
  }
  return [...best.values()];
}

/** The text as written through the two characters: the pair itself and the runs of three over both. */
export function soundThrough(clause: string, i: number): string[] {
  const out = [clause.slice(i, i + 2)];
  if (i > 0) out.push(clause.slice(i - 1, i + 2));
  if (i + 3 <= clause.length) out.push(clause.slice(i, i + 3));
  return out;
}
