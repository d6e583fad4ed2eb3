import type { ConfusionKind, ConfusionSets } from "./confusion.ts";
import type { Token } from "./scoring.ts";
import type { OfficialUsage } from "../../lists/official-usage.ts";

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

/**
 * Each official word under each of its one-character-blanked forms (领导 under ?导 and 领?): a window
 * of the text is looked up once per position, and the entries are the words one character away. Held
 * as typed arrays: the blanked form's 32-bit hash (blankedHash) in an open-addressed table, each slot
 * naming a run of word numbers in `entries` (in the order of the official word list, as ties keep the
 * first). Two forms with one hash share a run; a lookup checks each word against the window.
 */
interface BlankedIndex {
  words: string[];
  /** Each word's character codes, MAX_WINDOW slots a word (compared without reading the strings). */
  codes: Uint16Array;
  lengths: Uint8Array;
  counts: Int32Array;
  keys: Uint32Array;
  starts: Int32Array;
  ends: Int32Array;
  mask: number;
  entries: Int32Array;
  /** The blanked position each entry was filed under. */
  blanks: Uint8Array;
}

let index: BlankedIndex | null = null;
let indexedFrom: OfficialUsage | null = null;

/** The hash of the `length` codes from `start` with the one at `blank` left out (0 marks an empty slot). */
function blankedHash(codes: ArrayLike<number>, start: number, length: number, blank: number): number {
  let h = Math.imul(0x811c9dc5 ^ length, 0x01000193) ^ blank;
  for (let t = 0; t < length; t++) h = Math.imul(h ^ (t === blank ? 0 : codes[start + t]), 0x01000193);
  return h >>> 0 || 1;
}

const slotOf = (h: number, mask: number) => Math.imul(h, 0x9e3779b1) >>> 0 & mask;

function blankedIndex(usage: OfficialUsage): BlankedIndex {
  if (index && indexedFrom === usage) return index;
  const words: string[] = [];
  const counts: number[] = [];
  const byHash = new Map<number, number[]>();
  const blankOf = new Map<number[], number[]>();
  for (const [word, count] of usage.words(SWAP_MIN_WORD_USES)) {
    if (word.length > MAX_WINDOW || !/^[\u3400-\u9fff]+$/.test(word)) continue;
    const id = words.length;
    words.push(word);
    counts.push(count);
    const codes = Array.from({ length: word.length }, (_, t) => word.charCodeAt(t));
    for (let j = 0; j < word.length; j++) {
      const h = blankedHash(codes, 0, word.length, j);
      let list = byHash.get(h);
      if (!list) {
        byHash.set(h, (list = []));
        blankOf.set(list, []);
      }
      list.push(id);
      blankOf.get(list)!.push(j);
    }
  }
  let size = 1;
  while (size < byHash.size * 2) size <<= 1;
  const keys = new Uint32Array(size);
  const starts = new Int32Array(size);
  const ends = new Int32Array(size);
  const entries: number[] = [];
  const blanks: number[] = [];
  for (const [h, ids] of byHash) {
    let s = slotOf(h, size - 1);
    while (keys[s] !== 0) s = (s + 1) & (size - 1);
    keys[s] = h;
    starts[s] = entries.length;
    entries.push(...ids);
    blanks.push(...blankOf.get(ids)!);
    ends[s] = entries.length;
  }
  const wordCodes = new Uint16Array(words.length * MAX_WINDOW);
  words.forEach((w, id) => {
    for (let t = 0; t < w.length; t++) wordCodes[id * MAX_WINDOW + t] = w.charCodeAt(t);
  });
  index = {
    words, codes: wordCodes, lengths: Uint8Array.from(words, (w) => w.length), counts: Int32Array.from(counts), keys, starts, ends, mask: size - 1,
    entries: Int32Array.from(entries), blanks: Uint8Array.from(blanks),
  };
  indexedFrom = usage;
  return index;
}

// The kind of confusion of `from` → `to` by code: per written character, its confusion set's codes
// sorted (the first kind the set gives a character where it names one twice) and their kinds.
const KINDS: readonly ConfusionKind[] = ["sound", "near-sound", "shape"];
const kindTables = new Map<ConfusionSets, Array<{ to: Uint16Array; kind: Uint8Array } | undefined>>();
function confusionKind(sets: ConfusionSets, from: string, to: number): ConfusionKind | undefined {
  let tables = kindTables.get(sets);
  if (!tables) kindTables.set(sets, (tables = new Array(65536)));
  const code = from.charCodeAt(0);
  let t = tables[code];
  if (!t) {
    const first = new Map<number, number>();
    for (const o of sets.get(from)) if (!first.has(o.ch.charCodeAt(0))) first.set(o.ch.charCodeAt(0), KINDS.indexOf(o.kind));
    const sorted = [...first.keys()].sort((a, b) => a - b);
    t = tables[code] = { to: Uint16Array.from(sorted), kind: Uint8Array.from(sorted, (c) => first.get(c)!) };
  }
  let lo = 0;
  let hi = t.to.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (t.to[mid] < to) lo = mid + 1;
    else if (t.to[mid] > to) hi = mid - 1;
    else return KINDS[t.kind[mid]];
  }
  return undefined;
}

/**
 * Every one-character swap of a window of tokens that makes an official word, with its usage evidence.
 * `blocked[i]` ≠ 0: the character at clause offset i may not be changed (names, figures). `codes`: the
 * clause's character codes. `unusedOnly`: only the windows whose text as written official prose uses
 * nowhere (no word count, no pair: oldCount and oldPairs 0), the only ones `acceptSwap` can accept.
 */
export function wordSwaps(clause: string, codes: Int32Array, toks: readonly Token[], usage: OfficialUsage, sets: ConfusionSets, blocked: Uint8Array, unusedOnly = false): WordSwap[] {
  const idx = blankedIndex(usage);
  const { keys, starts, ends, mask, entries, blanks, words, lengths } = idx;
  const wordCodes = idx.codes;
  const out: WordSwap[] = [];
  // unusedOnly: per token, its uses as a word and (at y + 1) the uses of its pair with the next token
  // (−1: not asked yet; the clause's edges count 0).
  const tokUses = unusedOnly ? new Float64Array(toks.length).fill(-1) : null;
  const pairUses = unusedOnly ? new Float64Array(toks.length + 1).fill(-1) : null;
  const pairAfter = (y: number) => {
    if (y < 0 || y + 1 >= toks.length) return 0;
    if (pairUses![y + 1] < 0) pairUses![y + 1] = usage.pair(tokenText(clause, toks[y]), tokenText(clause, toks[y + 1]));
    return pairUses![y + 1];
  };
  for (let ti = 0; ti < toks.length; ti++) {
    const a = toks[ti].start;
    for (let k = 1; ti + k <= toks.length; k++) {
      const b = toks[ti + k - 1].end;
      if (b - a > MAX_WINDOW) break;
      if (b - a < 2) continue;
      const len = b - a;
      if (tokUses) {
        if (k === 1 && (tokUses[ti] < 0 ? (tokUses[ti] = usage.word(tokenText(clause, toks[ti]))) : tokUses[ti]) > 0) continue;
        let used = false;
        for (let y = ti - 1; y < ti + k && !used; y++) used = pairAfter(y) > 0;
        if (used) continue;
      }
      let before: string | undefined;
      let prev = "";
      let next = "";
      let oldPairs = 0;
      let oldCount = 0;
      for (let j = a; j < b; j++) {
        if (blocked[j]) continue;
        const h = blankedHash(codes, a, len, j - a);
        let s = slotOf(h, mask);
        while (keys[s] !== 0 && keys[s] !== h) s = (s + 1) & mask;
        if (keys[s] === 0) continue;
        for (let x = starts[s]; x < ends[s]; x++) {
          const id = entries[x];
          // The word must be the window with position j changed (a hash collision is not).
          if (blanks[x] !== j - a || lengths[id] !== len) continue;
          const at = id * MAX_WINDOW;
          let same = true;
          for (let t = 0; t < len && same; t++) if (t !== j - a && wordCodes[at + t] !== codes[a + t]) same = false;
          if (!same) continue;
          const toCode = wordCodes[at + j - a];
          if (toCode === codes[j]) continue;
          const word = words[id];
          const from = clause[j];
          const kind = confusionKind(sets, from, toCode);
          if (!kind) continue;
          if (before === undefined) {
            // The text as written, computed once per window that has any swap.
            before = clause.slice(a, b);
            prev = tokenText(clause, toks[ti - 1]);
            next = tokenText(clause, toks[ti + k]);
            oldCount = k === 1 ? usage.word(before) : 0;
            oldPairs = usage.pair(prev, tokenText(clause, toks[ti])) + usage.pair(tokenText(clause, toks[ti + k - 1]), next);
            for (let y = ti; y + 1 < ti + k; y++) oldPairs += usage.pair(tokenText(clause, toks[y]), tokenText(clause, toks[y + 1]));
          }
          out.push({
            index: j,
            from,
            to: word[j - a],
            kind,
            before,
            word,
            wordStart: a,
            tokens: k,
            newCount: idx.counts[id],
            newPairs: [usage.pair(prev, word), usage.pair(word, next)],
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

const tokenText = (clause: string, t: Token | undefined) => (t ? clause.slice(t.start, t.end) : "");

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
