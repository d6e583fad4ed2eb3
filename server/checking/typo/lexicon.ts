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

/**
 * Two-character keys (two UTF-16 codes) to a number, open-addressed: a Map keyed by a*65536+b holds
 * numbers past the small-integer range, and hashing those was a third of the check's time.
 */
class PairTable {
  private readonly keys: Uint32Array;
  private readonly values: Int32Array;
  private readonly mask: number;
  constructor(entries: ReadonlyMap<number, number>) {
    let size = 1;
    while (size < entries.size * 2) size <<= 1;
    this.keys = new Uint32Array(size);
    this.values = new Int32Array(size);
    this.mask = size - 1;
    for (const [k, v] of entries) {
      let s = (Math.imul(k, 0x9e3779b1) >>> 0) & this.mask;
      while (this.keys[s] !== 0) s = (s + 1) & this.mask;
      this.keys[s] = k;
      this.values[s] = v;
    }
  }
  /** The value, or `absent`. */
  get(a: number, b: number, absent: number): number {
    const k = ((a << 16) | b) >>> 0;
    let s = (Math.imul(k, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const x = this.keys[s];
      if (x === k) return this.values[s];
      if (x === 0) return absent;
      s = (s + 1) & this.mask;
    }
  }
}

export function buildLexicon(words: ReadonlyMap<string, DictEntry>): Lexicon {
  // One table for words (their frequency) and beginnings of words (0): a scan asks it once per step.
  const table = new Map<string, number>();
  const prefixes = new Set<string>();
  const pairs = new Map<number, number>();
  // Per character code (the BMP): its frequency as a one-character word, and its use in all words.
  const single = new Float64Array(65536);
  const use = new Float64Array(65536);
  let total = 0;
  for (const [word, { freq }] of words) {
    if (!(freq > 0) || word.length > MAX_WORD) continue;
    total += freq;
    table.set(word, freq);
    if (word.length === 1) single[word.charCodeAt(0)] = freq;
    for (let i = 0; i < word.length; i++) {
      use[word.charCodeAt(i)] += freq;
      if (i > 0) pairs.set(((word.charCodeAt(i - 1) << 16) | word.charCodeAt(i)) >>> 0, 1);
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
  for (const [w, f] of table) if (w.length === 2) twoChar.set(((w.charCodeAt(0) << 16) | w.charCodeAt(1)) >>> 0, f);
  const twoTable = new PairTable(twoChar);
  const pairTable = new PairTable(pairs);
  return {
    pairFreq: (a, b) => twoTable.get(a, b, -1),
    freq: (w) => (w.length === 1 ? single[w.charCodeAt(0)] : (table.get(w) ?? 0)),
    prefixFreq: (s) => table.get(s) ?? -1,
    logTotal: Math.log(total),
    maxWordLength: MAX_WORD,
    hasPair: (a, b) => pairTable.get(a, b, 0) === 1,
    charUse: (ch) => (ch.length === 1 ? use[ch.charCodeAt(0)] : 0),
  };
}
