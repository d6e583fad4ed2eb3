import type { ConfusionKind, ConfusionSets } from "./confusion.ts";
import type { Token } from "./scoring.ts";
import type { OfficialUsage } from "./usage.ts";

/**
 * The real-word and out-of-vocabulary rule: official prose as a word-pair language model.
 *
 * A slip that still forms a word (领到 for 领导, 开展 for 发展) or forms a string no dictionary has
 * (一些列 for 一系列, 负总则) leaves the unigram scorer nothing to gain. What gives it away is usage: the
 * words as written never stand together in official prose, while the word one character away is
 * common there and stands beside the same neighbours. So a window of one to three tokens of the text
 * as written (two to four characters) is compared with every official word that differs from it in
 * one character from the confusion set of the character written:
 *
 * - the new word's count in official prose, and the counts of the pairs it makes with the tokens
 *   before and after the window (official prose writes 的|领导, 经济|发展);
 * - the old window's count as a word, and the pairs of its tokens with each other and with the same
 *   neighbours (一些|列, 的|领到).
 *
 * The decision (word-swap thresholds in decision.ts) wants the new word and its pairs frequent and the
 * text as written unused: no pair of it in official prose, and, when it is a word of its own, far rarer
 * than the new word.
 */
export interface WordSwap {
  /** Offset of the changed character in the clause. */
  index: number;
  from: string;
  to: string;
  kind: ConfusionKind;
  /** The window as written, and as corrected (an official word). */
  before: string;
  word: string;
  wordStart: number;
  /** Tokens of the text as written in the window. */
  tokens: number;
  /** Uses in official prose of the new word, and of its pairs with the window's neighbours (each side). */
  newCount: number;
  newPairs: [number, number];
  /** Uses of the window as written as a word (one token only), and of all its pairs (inside and with the neighbours). */
  oldCount: number;
  oldPairs: number;
  /** The window's neighbours as written ("" at a clause edge). */
  prev: string;
  next: string;
  /** The window's frequency in the general dictionary when it is one token (0 otherwise). */
  oldDictFreq: number;
}

/** Official words used at least this often are the corrections this rule may propose. */
export const SWAP_MIN_WORD_USES = 5;
const MAX_WINDOW = 4;

interface Entry {
  word: string;
  count: number;
}

let index: Map<string, Entry[]> | null = null;
let indexedFrom: OfficialUsage | null = null;

// Each official word under each of its one-character-blanked forms (领导 under ?导 and 领?): a window of
// the text is looked up once per position, and the entries are the words one character away.
function blankedIndex(usage: OfficialUsage): Map<string, Entry[]> {
  if (index && indexedFrom === usage) return index;
  const m = new Map<string, Entry[]>();
  for (const [word, count] of usage.words(SWAP_MIN_WORD_USES)) {
    if (word.length > MAX_WINDOW || !/^[\u3400-\u9fff]+$/.test(word)) continue;
    for (let j = 0; j < word.length; j++) {
      const key = word.slice(0, j) + "\u0000" + word.slice(j + 1);
      const list = m.get(key);
      if (list) list.push({ word, count });
      else m.set(key, [{ word, count }]);
    }
  }
  index = m;
  indexedFrom = usage;
  return m;
}

const kindCache = new Map<string, Map<string, ConfusionKind>>();
function confusionKind(sets: ConfusionSets, from: string, to: string): ConfusionKind | undefined {
  let m = kindCache.get(from);
  if (!m) {
    m = new Map(sets.get(from).map((o) => [o.ch, o.kind]));
    kindCache.set(from, m);
  }
  return m.get(to);
}

/**
 * Every one-character swap of a window of tokens that makes an official word, with its usage evidence.
 * `blocked(i)`: the character at clause offset i may not be changed (names, figures).
 */
export function wordSwaps(clause: string, toks: readonly Token[], usage: OfficialUsage, sets: ConfusionSets, blocked: (i: number) => boolean): WordSwap[] {
  const idx = blankedIndex(usage);
  const out: WordSwap[] = [];
  const tok = (t?: Token) => (t ? clause.slice(t.start, t.end) : "");
  for (let ti = 0; ti < toks.length; ti++) {
    const a = toks[ti].start;
    for (let k = 1; ti + k <= toks.length; k++) {
      const b = toks[ti + k - 1].end;
      if (b - a > MAX_WINDOW) break;
      if (b - a < 2) continue;
      const before = clause.slice(a, b);
      const prev = tok(toks[ti - 1]);
      const next = tok(toks[ti + k]);
      let oldPairs = 0;
      let oldCount = 0;
      let found: Entry[] | undefined;
      for (let j = a; j < b; j++) {
        if (blocked(j)) continue;
        const entries = idx.get(clause.slice(a, j) + "\u0000" + clause.slice(j + 1, b));
        if (!entries) continue;
        if (!found) {
          // The text as written, computed once per window that has any swap.
          found = entries;
          oldCount = k === 1 ? usage.word(before) : 0;
          oldPairs = usage.pair(prev, tok(toks[ti])) + usage.pair(tok(toks[ti + k - 1]), next);
          for (let x = ti; x + 1 < ti + k; x++) oldPairs += usage.pair(tok(toks[x]), tok(toks[x + 1]));
        }
        for (const e of entries) {
          const to = e.word[j - a];
          if (to === clause[j]) continue;
          const kind = confusionKind(sets, clause[j], to);
          if (!kind) continue;
          out.push({
            index: j,
            from: clause[j],
            to,
            kind,
            before,
            word: e.word,
            wordStart: a,
            tokens: k,
            newCount: e.count,
            newPairs: [usage.pair(prev, e.word), usage.pair(e.word, next)],
            oldCount,
            oldPairs,
            prev,
            next,
            oldDictFreq: k === 1 ? toks[ti].freq : 0,
          });
        }
      }
    }
  }
  return out;
}

// The margins, fitted on odw.train (five folds grouped by sentence) and the real set's calibration half
// (docs/typo-check.md): the new word used at least SWAP_MIN_WORD_USES times; the text as written used
// nowhere in official prose, neither as a word nor in any pair; and the new word's pairs present on both
// sides, or on one side at least ONE_SIDE_PAIRS times where the window as written is no common word.
// A shape slip needs SHAPE_PAIRS (shape neighbours make more plausible-looking wrong words).
const ONE_SIDE_PAIRS = 10;
const ONE_SIDE_MAX_DICT_FREQ = 100;
const SHAPE_PAIRS = 20;

/** Whether the usage evidence carries the swap. */
export function acceptSwap(s: WordSwap): boolean {
  if (s.newCount < SWAP_MIN_WORD_USES || s.oldPairs > 0 || s.oldCount > 0) return false;
  const pairs = s.newPairs[0] + s.newPairs[1];
  if (s.kind === "shape" && pairs < SHAPE_PAIRS) return false;
  if (s.newPairs[0] >= 1 && s.newPairs[1] >= 1) return true;
  return pairs >= ONE_SIDE_PAIRS && s.oldDictFreq <= ONE_SIDE_MAX_DICT_FREQ;
}

/** Of the accepted swaps at each position, the one with the most usage evidence. */
export function bestSwaps(swaps: readonly WordSwap[]): WordSwap[] {
  const best = new Map<number, WordSwap>();
  const weight = (s: WordSwap) => s.newPairs[0] + s.newPairs[1] + s.newCount / 1e6;
  for (const s of swaps) {
    if (!acceptSwap(s)) continue;
    const b = best.get(s.index);
    if (!b || weight(s) > weight(b)) best.set(s.index, s);
  }
  return [...best.values()];
}
