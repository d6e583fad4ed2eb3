import { dictionaryWords } from "../../text/segment.ts";
import type { ConfusionSets } from "./confusion.ts";
import type { Lexicon } from "./lexicon.ts";
import type { CharModel } from "./ngram.ts";
import type { ClauseScorer } from "./scoring.ts";
import type { OfficialUsage } from "../../lists/official-usage.ts";

/**
 * The word-order rule: two characters of a word written in each other's place (实落 for 落实, 慎始如终 for
 * 慎终如始). No character is wrong, so no substitution finds it; what gives it away is that the stretch as
 * written is no word and official prose never writes it, while the same characters in another order are
 * a word that official prose or the dictionary knows, and the characters around read likelier so.
 */
export interface OrderSwap {
  /** Offset of the stretch in the clause. */
  start: number;
  before: string;
  word: string;
  /** The character model's change in log probability for the reordering. */
  delta: number;
  /** Uses of the reordered word in official prose, and its dictionary frequency. */
  official: number;
  dict: number;
}

const MIN_LEN = 2;
const MAX_LEN = 4;
// The reordered word: used at least this often in official prose, or this frequent in the dictionary (a
// word of three or four characters, mostly a set phrase, need only be in it: few reorderings of a stretch
// that long make one).
const MIN_OFFICIAL = 5;
const MIN_DICT = 100;
const MIN_DICT_LONG = 1;
// The least change in log probability (natural log) over the stretch and the three characters after it.
export const ORDER_MIN_DELTA = { short: 8, long: 0 };

/**
 * Every stretch of two to four characters that is whole tokens of the segmentation as written (a
 * stretch across a word's edge, 切实|落实, is no misordered word), is no dictionary word, and official
 * prose never writes, where swapping two of its characters makes a known word the character model finds
 * much likelier. `blocked[i]`: the character at clause offset i may not be changed.
 */
export function orderSwaps(clause: string, codes: Int32Array, scorer: ClauseScorer, usage: OfficialUsage, lex: Lexicon, model: CharModel, blocked: Uint8Array): OrderSwap[] {
  const out: OrderSwap[] = [];
  const n = clause.length;
  for (let a = 0; a < n; a++) {
    if (scorer.tokenAt(a).start !== a) continue;
    for (let len = MIN_LEN; len <= MAX_LEN && a + len <= n; len++) {
      const b = a + len;
      if (scorer.tokenAt(b - 1).end !== b) continue;
      let free = true;
      for (let k = a; k < b; k++) if (blocked[k]) free = false;
      if (!free) continue;
      const before = clause.slice(a, b);
      if (len === 3) continue;
      if (lex.freq(before) > 0 || model.countAt(codes, a, len) > 0) continue;
      // The segmentation as written is broken: a character stands alone in it (慎始|如|终; 互相|了解 is two
      // words in another order, not a slip); a stretch of two, both characters.
      let singles = 0;
      for (let k = a; k < b; k = scorer.tokenAt(k).end) if (scorer.tokenAt(k).end - k === 1) singles++;
      if (singles < (len === 2 ? 2 : 1)) continue;
      let best: OrderSwap | null = null;
      for (let i = a; i < b; i++) {
        for (let j = i + 1; j < b; j++) {
          if (codes[i] === codes[j]) continue;
          const word = before.slice(0, i - a) + before[j - a] + before.slice(i - a + 1, j - a) + before[i - a] + before.slice(j - a + 1);
          const official = usage.word(word);
          const dict = Math.max(0, lex.freq(word));
          if (official < MIN_OFFICIAL && dict < (len >= 3 ? MIN_DICT_LONG : MIN_DICT)) continue;
          const x = codes[i];
          const y = codes[j];
          const d1 = model.delta(codes, i, y);
          codes[i] = y;
          const d2 = model.delta(codes, j, x);
          codes[i] = x;
          const delta = d1 + d2;
          if (delta >= (len >= 3 ? ORDER_MIN_DELTA.long : ORDER_MIN_DELTA.short) && (!best || delta > best.delta)) best = { start: a, before, word, delta, official, dict };
        }
      }
      if (best) out.push(best);
    }
  }
  return out;
}

/** A set phrase written with one character slipped (迫在眉捷 for 迫在眉睫). */
export interface PhraseSwap {
  /** Offset in the clause of the changed character. */
  index: number;
  from: string;
  to: string;
  /** The set phrase, starting at `start`. */
  word: string;
  start: number;
  /** The character model's change in log probability for the substitution. */
  delta: number;
}

// The least change in log probability for a set phrase's character (chosen on odw.train: the wrong readings
// there, 底前完成 as 提前完成 and 党籍处分 as 党纪处分, gain under 5; the slips found mostly over 6).
export const PHRASE_MIN_DELTA = 5;
// A common set phrase (dictionary frequency ≥ PHRASE_COMMON) whose character official prose seldom writes
// (< PHRASE_RARE_CHAR times: 睫, 锲, 躬) is taken without the character model, which cannot judge it there.
const PHRASE_COMMON = 10;
const PHRASE_RARE_CHAR = 100;

// The dictionary's set phrases (idioms and fixed expressions of four characters, tagged i or l) under each
// of their forms with one character blanked: their characters may be rare (睫), which the confusion sets
// never propose, yet three characters of a set phrase in place name the fourth.
// Held as typed arrays, not a Map of strings (15 MB of heap and a quarter second of CPU to build): each
// phrase's four codes, and for each phrase and blank position a key (the blank's position and the other
// three codes less U+4E00, 2 + 3 × 15 bits: exact in a double) sorted with its entry (phrase × 4 + blank),
// so that the phrases under one key come in the dictionary's order, as the Map's lists did.
interface PhraseTable {
  /** The phrases' characters, four codes each. */
  codes: Uint16Array;
  /** Sorted keys, and the entry (phrase × 4 + blank position) under each. */
  keys: Float64Array;
  entries: Uint32Array;
}
const HAN_BASE = 0x4e00;
const HAN_SPAN = 0x9fff - HAN_BASE + 1;
const PHRASE_LEN = 4;

/** The key of the four codes `c` (at `at`) with position `blank` left out; -1 when a character kept is outside U+4E00–U+9FFF. */
function blankKey(c: ArrayLike<number>, at: number, blank: number): number {
  let key = blank;
  for (let k = 0; k < PHRASE_LEN; k++) {
    if (k === blank) continue;
    const x = c[at + k] - HAN_BASE;
    if (x < 0 || x >= HAN_SPAN) return -1;
    key = key * 32768 + x;
  }
  return key;
}

let phraseTable: PhraseTable | null = null;
function phrases(): PhraseTable {
  if (phraseTable) return phraseTable;
  const found: number[] = [];
  for (const [w, e] of dictionaryWords()) {
    if (w.length !== PHRASE_LEN || (e.tag !== "i" && e.tag !== "l") || !/^[\u4e00-\u9fff]{4}$/.test(w)) continue;
    for (let k = 0; k < PHRASE_LEN; k++) found.push(w.charCodeAt(k));
  }
  const codes = Uint16Array.from(found);
  const n = codes.length;
  const keyOf = new Float64Array(n);
  for (let e = 0; e < n; e++) keyOf[e] = blankKey(codes, e - (e % PHRASE_LEN), e % PHRASE_LEN);
  const entries = new Uint32Array(n);
  for (let e = 0; e < n; e++) entries[e] = e;
  entries.sort((a, b) => keyOf[a] - keyOf[b] || a - b);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = keyOf[entries[i]];
  phraseTable = { codes, keys, entries };
  return phraseTable;
}

/** The first index of `keys` holding `key` or above. */
function lowerBound(keys: Float64Array, key: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The set phrases written as `form` is but for its character at `blank`, in the dictionary's order (for tests). */
export function phrasesWithBlank(form: string, blank: number): string[] {
  const idx = phrases();
  const codes = Array.from(form, (ch) => ch.charCodeAt(0));
  const key = form.length === PHRASE_LEN ? blankKey(codes, 0, blank) : -1;
  const out: string[] = [];
  if (key < 0) return out;
  for (let at = lowerBound(idx.keys, key); at < idx.keys.length && idx.keys[at] === key; at++) {
    const p = idx.entries[at] - blank;
    out.push(String.fromCharCode(idx.codes[p], idx.codes[p + 1], idx.codes[p + 2], idx.codes[p + 3]));
  }
  return out;
}

/** Build the set-phrase index now (a check worker's warm-up), not inside the first check that needs it. */
export function warmPhrases(): void {
  phrases();
}

/**
 * Every stretch of four characters that no dictionary knows and official prose never writes, one character
 * away from a set phrase, where the written character sounds like the phrase's (any reading, no tone) or is
 * its shape neighbour, and the character model reads the phrase much likelier (PHRASE_MIN_DELTA); the likeliest
 * per position. `blocked[i]`: the character at clause offset i may not be changed.
 */
export function phraseSwaps(clause: string, codes: Int32Array, lex: Lexicon, sets: ConfusionSets, model: CharModel, blocked: Uint8Array): PhraseSwap[] {
  const out: PhraseSwap[] = [];
  const idx = phrases();
  for (let a = 0; a + PHRASE_LEN <= clause.length; a++) {
    let free = true;
    for (let k = a; k < a + PHRASE_LEN; k++) if (blocked[k]) free = false;
    if (!free) continue;
    const before = clause.slice(a, a + PHRASE_LEN);
    if (lex.freq(before) > 0 || model.countAt(codes, a, PHRASE_LEN) > 0) continue;
    for (let j = 0; j < PHRASE_LEN; j++) {
      const key = blankKey(codes, a, j);
      if (key < 0) continue;
      for (let at = lowerBound(idx.keys, key); at < idx.keys.length && idx.keys[at] === key; at++) {
        const p = idx.entries[at] - j;
        const w = String.fromCharCode(idx.codes[p], idx.codes[p + 1], idx.codes[p + 2], idx.codes[p + 3]);
        const from = before[j];
        const to = w[j];
        const sound = sets.readings(from).some((r) => sets.readings(to).includes(r));
        if (!sound && !sets.get(from).some((o) => o.ch === to && o.kind === "shape")) continue;
        let delta = model.delta(codes, a + j, to.charCodeAt(0));
        if (delta < PHRASE_MIN_DELTA) {
          if (lex.freq(w) < PHRASE_COMMON || model.count(to) >= PHRASE_RARE_CHAR) continue;
          // Not the character model's to judge: it neither carries nor vetoes the phrase.
          delta = 0;
        }
        const prev = out.find((p) => p.index === a + j);
        if (prev && prev.delta >= delta) continue;
        if (prev) out.splice(out.indexOf(prev), 1);
        out.push({ index: a + j, from, to, word: w, start: a, delta });
      }
    }
  }
  return out;
}
