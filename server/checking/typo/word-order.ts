import type { Lexicon } from "./lexicon.ts";
import type { CharModel } from "./ngram.ts";
import type { ClauseScorer } from "./scoring.ts";
import type { OfficialUsage } from "./usage.ts";

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
