import { dict } from "@node-rs/jieba/dict.js";

/**
 * The general-language evidence of the typo check: the word frequencies of the jieba dictionary
 * (lines `word freq tag`). A unigram word model over it scores a stretch of text by its best
 * segmentation, the way jieba itself cuts; a typo shows as a stretch that segments badly.
 */
export interface Lexicon {
  freq(word: string): number;
  /** The word's frequency; 0 when it is only the beginning of longer words; −1 when it begins none. */
  prefixFreq(s: string): number;
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

/** The jieba dictionary, parsed once on first use (about 0.3 s; nothing is downloaded). */
export function jiebaLexicon(): Lexicon {
  lexicon ??= parseLexicon(Buffer.from(dict).toString("utf8"));
  return lexicon;
}

export function parseLexicon(source: string): Lexicon {
  const freqs = new Map<string, number>();
  const pairs = new Set<number>();
  const use = new Map<string, number>();
  let total = 0;
  let maxLen = 1;
  for (const line of source.split("\n")) {
    const sp1 = line.indexOf(" ");
    if (sp1 <= 0) continue;
    const sp2 = line.indexOf(" ", sp1 + 1);
    const word = line.slice(0, sp1);
    const f = Number(line.slice(sp1 + 1, sp2 < 0 ? undefined : sp2));
    if (!Number.isFinite(f) || f <= 0 || word.length > MAX_WORD) continue;
    freqs.set(word, (freqs.get(word) ?? 0) + f);
    total += f;
    if (word.length > maxLen) maxLen = word.length;
    for (let i = 0; i < word.length; i++) {
      use.set(word[i], (use.get(word[i]) ?? 0) + f);
      if (i > 0) pairs.add(word.charCodeAt(i - 1) * 65536 + word.charCodeAt(i));
    }
  }
  // Beginnings of words, so a scan for words at a position stops as soon as none can follow.
  for (const w of [...freqs.keys()]) {
    for (let n = w.length - 1; n >= 2; n--) {
      const p = w.slice(0, n);
      if (freqs.has(p)) break;
      freqs.set(p, 0);
    }
  }
  return {
    freq: (w) => freqs.get(w) ?? 0,
    prefixFreq: (s) => freqs.get(s) ?? -1,
    logTotal: Math.log(total),
    maxWordLength: maxLen,
    hasPair: (a, b) => pairs.has(a * 65536 + b),
    charUse: (ch) => use.get(ch) ?? 0,
  };
}
