import { dictionaryWords, type DictEntry } from "../../text/segment.ts";

/**
 * The general-language evidence of the typo check: the word frequencies of the jieba dictionary
 * (the shared one in server/text/segment.ts). A unigram word model over it scores a stretch of text
 * by its best segmentation, the way jieba itself cuts; a typo shows as a stretch that segments badly.
 */
export interface Lexicon {
  freq(word: string): number;
  /** The word's frequency; 0 when it is only the beginning of longer words; −1 when it begins none. */
  prefixFreq(s: string): number;
  /** prefixFreq of the two-character string of these character codes (the commonest question, asked without making a string). */
  pairFreq(a: number, b: number): number;
  /** ln of the dictionary's total count: log P(w) = ln f(w) − logTotal. */
  readonly logTotal: number;
  readonly maxWordLength: number;
  /** True when the two characters occur next to each other inside some dictionary word. */
  hasPair(a: number, b: number): boolean;
  /** How much a character is used: the summed frequency of the dictionary words that contain it. */
  charUse(ch: string): number;
}

// Longer entries are rare and mostly idioms; a typo is judged on words of up to this length.
const MAX_WORD = 6;

let lexicon: Lexicon | null = null;

/** The jieba dictionary's evidence, derived once on first use (nothing is downloaded). */
export function jiebaLexicon(): Lexicon {
  lexicon ??= buildLexicon(dictionaryWords());
  return lexicon;
}

export function buildLexicon(words: ReadonlyMap<string, DictEntry>): Lexicon {
  // One table for words (their frequency) and beginnings of words (0): a scan asks it once per step.
  const table = new Map<string, number>();
  const prefixes = new Set<string>();
  const pairs = new Set<number>();
  const use = new Map<string, number>();
  let total = 0;
  for (const [word, { freq }] of words) {
    if (!(freq > 0) || word.length > MAX_WORD) continue;
    total += freq;
    table.set(word, freq);
    for (let i = 0; i < word.length; i++) {
      use.set(word[i], (use.get(word[i]) ?? 0) + freq);
      if (i > 0) pairs.add(word.charCodeAt(i - 1) * 65536 + word.charCodeAt(i));
    }
    // Beginnings of words, so a scan for words at a position stops as soon as none can follow.
    for (let n = word.length - 1; n >= 2; n--) {
      const p = word.slice(0, n);
      if (prefixes.has(p)) break;
      prefixes.add(p);
    }
  }
  for (const p of prefixes) if (!table.has(p)) table.set(p, 0);
  const twoChar = new Map<number, number>();
  for (const [w, f] of table) if (w.length === 2) twoChar.set(w.charCodeAt(0) * 65536 + w.charCodeAt(1), f);
  return {
    pairFreq: (a, b) => twoChar.get(a * 65536 + b) ?? -1,
    freq: (w) => table.get(w) ?? 0,
    prefixFreq: (s) => table.get(s) ?? -1,
    logTotal: Math.log(total),
    maxWordLength: MAX_WORD,
    hasPair: (a, b) => pairs.has(a * 65536 + b),
    charUse: (ch) => use.get(ch) ?? 0,
  };
}
