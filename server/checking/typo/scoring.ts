import type { ConfusionKind, ConfusionSets } from "./confusion.ts";
import type { Lexicon } from "./lexicon.ts";

/**
 * Scoring a substitution with a unigram word model: a stretch of text is worth the log probability
 * of its best segmentation into dictionary words (jieba's own criterion). A typo breaks a word into
 * improbable single characters (大数局 → 大数 局); the right character makes the clause segment
 * into a probable word again (大数据). The gain of a substitution is the difference of the two.
 *
 * The best segmentations of the clause's prefixes and suffixes are computed once; a substitution
 * at k changes only the words through k, so its best segmentation is the best word through k
 * joined to the unchanged best prefix before it and suffix after it.
 */

export interface Token {
  start: number;
  end: number;
  freq: number;
}

export interface Substitution {
  /** Offset of the character in the clause. */
  index: number;
  from: string;
  to: string;
  kind: ConfusionKind;
  /** Log-probability gain of the clause's best segmentation. */
  gain: number;
  /** The word that now covers the position, and its dictionary frequency. */
  word: string;
  wordStart: number;
  wordFreq: number;
  /** The token that covered the position before, and its frequency. */
  before: string;
  beforeFreq: number;
}

function charLogp(lex: Lexicon, ch: string): number {
  // A character outside the dictionary counts as seen once.
  return Math.log(Math.max(1, lex.freq(ch))) - lex.logTotal;
}

export class ClauseScorer {
  /** prefix[i]: best log probability of clause[0, i); suffix[i]: of clause[i, n). */
  private readonly prefix: Float64Array;
  private readonly suffix: Float64Array;
  readonly tokens: Token[];

  constructor(readonly clause: string, private readonly lex: Lexicon) {
    const n = clause.length;
    const maxLen = lex.maxWordLength;
    const suffix = new Float64Array(n + 1);
    const next = new Int32Array(n + 1);
    const freqAt = new Float64Array(n + 1);
    for (let i = n - 1; i >= 0; i--) {
      let b = charLogp(lex, clause[i]) + suffix[i + 1];
      let nx = i + 1;
      let bf = lex.freq(clause[i]);
      for (let j = i + 2; j <= Math.min(n, i + maxLen); j++) {
        const f = lex.freq(clause.slice(i, j));
        if (f <= 0) continue;
        const v = Math.log(f) - lex.logTotal + suffix[j];
        if (v > b) {
          b = v;
          nx = j;
          bf = f;
        }
      }
      suffix[i] = b;
      next[i] = nx;
      freqAt[i] = bf;
    }
    const prefix = new Float64Array(n + 1);
    for (let j = 1; j <= n; j++) {
      let b = prefix[j - 1] + charLogp(lex, clause[j - 1]);
      for (let i = Math.max(0, j - maxLen); i <= j - 2; i++) {
        const f = lex.freq(clause.slice(i, j));
        if (f > 0) b = Math.max(b, prefix[i] + Math.log(f) - lex.logTotal);
      }
      prefix[j] = b;
    }
    this.prefix = prefix;
    this.suffix = suffix;
    const tokens: Token[] = [];
    for (let i = 0; i < n; i = next[i]) tokens.push({ start: i, end: next[i], freq: freqAt[i] });
    this.tokens = tokens;
  }

  get logp(): number {
    return this.suffix[0];
  }

  /**
   * The clause with `ch` at k: the gain of its best segmentation and the word through k in it, or
   * null when no word of two or more characters through k makes the best segmentation.
   */
  substitute(k: number, ch: string): { gain: number; start: number; end: number; freq: number } | null {
    const { clause, lex } = this;
    const n = clause.length;
    const maxLen = lex.maxWordLength;
    let best = this.prefix[k] + charLogp(lex, ch) + this.suffix[k + 1];
    let word: { start: number; end: number; freq: number } | null = null;
    for (let a = Math.max(0, k - maxLen + 1); a <= k; a++) {
      const head = clause.slice(a, k) + ch;
      for (let b = Math.max(k + 1, a + 2); b <= Math.min(n, a + maxLen); b++) {
        const f = lex.freq(head + clause.slice(k + 1, b));
        if (f <= 0) continue;
        const v = this.prefix[a] + Math.log(f) - lex.logTotal + this.suffix[b];
        if (v > best) {
          best = v;
          word = { start: a, end: b, freq: f };
        }
      }
    }
    return word ? { gain: best - this.logp, ...word } : null;
  }

  tokenAt(k: number): Token {
    return this.tokens.find((t) => t.start <= k && k < t.end)!;
  }
}

/** The best substitution at `index` of the clause, or null when no confusable character makes a dictionary word there. */
export function bestSubstitution(scorer: ClauseScorer, index: number, lex: Lexicon, sets: ConfusionSets): Substitution | null {
  const clause = scorer.clause;
  const from = clause[index];
  const options = sets.get(from);
  if (options.length === 0) return null;
  const prev = index > 0 ? clause.charCodeAt(index - 1) : -1;
  const next = index + 1 < clause.length ? clause.charCodeAt(index + 1) : -1;
  let best: Substitution | null = null;
  for (const o of options) {
    const c = o.ch.charCodeAt(0);
    // Any word through the position holds the new character next to one of its neighbours.
    if (!((prev >= 0 && lex.hasPair(prev, c)) || (next >= 0 && lex.hasPair(c, next)))) continue;
    const r = scorer.substitute(index, o.ch);
    if (!r || r.gain <= 0 || (best && r.gain <= best.gain)) continue;
    const old = scorer.tokenAt(index);
    best = {
      index,
      from,
      to: o.ch,
      kind: o.kind,
      gain: r.gain,
      word: clause.slice(r.start, index) + o.ch + clause.slice(index + 1, r.end),
      wordStart: r.start,
      wordFreq: r.freq,
      before: clause.slice(old.start, old.end),
      beforeFreq: old.freq,
    };
  }
  return best;
}
