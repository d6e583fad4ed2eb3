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
  /** Words of the text as written that the new word cuts through (it takes part of them). */
  cuts: number;
  /** Single-character tokens of the text as written inside the new word. */
  singles: number;
  /** Content characters left standing alone right beside the new word (0–2): a clean repair leaves none. */
  strays: number;
}

/** A single-character word this frequent in the dictionary is a function word (的 在 和 是 不 为 上). */
export const FUNCTION_WORD_FREQ = 200_000;

function charLogp(lex: Lexicon, ch: string): number {
  // A character outside the dictionary counts as seen once.
  return Math.log(Math.max(1, lex.freq(ch))) - lex.logTotal;
}

export class ClauseScorer {
  /** prefix[i]: best log probability of clause[0, i); suffix[i]: of clause[i, n). */
  private readonly prefix: Float64Array;
  private readonly suffix: Float64Array;
  /** Start of the last token of the best segmentation of clause[0, j); end of the first token of clause[i, n). */
  private readonly lastStart: Int32Array;
  private readonly firstEnd: Int32Array;
  readonly tokens: Token[];
  private readonly tokenIndex: Int32Array;

  constructor(readonly clause: string, private readonly lex: Lexicon) {
    const n = clause.length;
    const maxLen = lex.maxWordLength;
    // Words of two or more characters starting at each position: (end, log probability, frequency) triples.
    const edges: number[][] = [];
    for (let i = 0; i < n; i++) {
      const out: number[] = [];
      const f2 = i + 2 <= n ? lex.pairFreq(clause.charCodeAt(i), clause.charCodeAt(i + 1)) : -1;
      if (f2 > 0) out.push(i + 2, Math.log(f2) - lex.logTotal, f2);
      if (f2 >= 0) {
        for (let j = i + 3; j <= Math.min(n, i + maxLen); j++) {
          const f = lex.prefixFreq(clause.slice(i, j));
          if (f < 0) break;
          if (f > 0) out.push(j, Math.log(f) - lex.logTotal, f);
        }
      }
      edges.push(out);
    }
    const single = Array.from(clause, (ch) => charLogp(lex, ch));
    const suffix = new Float64Array(n + 1);
    const next = new Int32Array(n + 1);
    const freqAt = new Float64Array(n + 1);
    for (let i = n - 1; i >= 0; i--) {
      let b = single[i] + suffix[i + 1];
      let nx = i + 1;
      let bf = lex.freq(clause[i]);
      const e = edges[i];
      for (let x = 0; x < e.length; x += 3) {
        const v = e[x + 1] + suffix[e[x]];
        if (v > b) {
          b = v;
          nx = e[x];
          bf = e[x + 2];
        }
      }
      suffix[i] = b;
      next[i] = nx;
      freqAt[i] = bf;
    }
    const prefix = new Float64Array(n + 1).fill(-Infinity);
    const lastStart = new Int32Array(n + 1);
    prefix[0] = 0;
    for (let i = 0; i < n; i++) {
      if (prefix[i] + single[i] > prefix[i + 1]) {
        prefix[i + 1] = prefix[i] + single[i];
        lastStart[i + 1] = i;
      }
      const e = edges[i];
      for (let x = 0; x < e.length; x += 3) {
        if (prefix[i] + e[x + 1] > prefix[e[x]]) {
          prefix[e[x]] = prefix[i] + e[x + 1];
          lastStart[e[x]] = i;
        }
      }
    }
    this.lastStart = lastStart;
    this.firstEnd = next;
    this.prefix = prefix;
    this.suffix = suffix;
    const tokens: Token[] = [];
    this.tokenIndex = new Int32Array(n);
    for (let i = 0; i < n; i = next[i]) {
      this.tokenIndex.fill(tokens.length, i, next[i]);
      tokens.push({ start: i, end: next[i], freq: freqAt[i] });
    }
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
    const consider = (a: number, b: number, f: number) => {
      const v = this.prefix[a] + Math.log(f) - lex.logTotal + this.suffix[b];
      if (v > best) {
        best = v;
        word = { start: a, end: b, freq: f };
      }
    };
    const c = ch.charCodeAt(0);
    for (let a = Math.max(0, k - maxLen + 1); a <= k; a++) {
      // The first two characters of the word are looked up by code, the rest as strings.
      let head: string;
      if (a === k) {
        if (k + 1 >= n) continue;
        const f2 = lex.pairFreq(c, clause.charCodeAt(k + 1));
        if (f2 < 0) continue;
        if (f2 > 0) consider(a, k + 2, f2);
        head = ch + clause[k + 1];
      } else if (a === k - 1) {
        const f2 = lex.pairFreq(clause.charCodeAt(k - 1), c);
        if (f2 < 0) continue;
        if (f2 > 0) consider(a, k + 1, f2);
        head = clause[k - 1] + ch;
      } else {
        head = clause.slice(a, k) + ch;
        const f = lex.prefixFreq(head);
        if (f < 0) continue;
        if (f > 0) consider(a, k + 1, f);
      }
      const from = a + head.length;
      for (let b = from + 1; b <= Math.min(n, a + maxLen); b++) {
        const f = lex.prefixFreq(head + clause.slice(from, b));
        if (f < 0) break;
        if (f > 0) consider(a, b, f);
      }
    }
    // `word` is assigned inside `consider`, which the compiler does not follow.
    const found = word as { start: number; end: number; freq: number } | null;
    return found ? { gain: best - this.logp, ...found } : null;
  }

  /** Content characters standing alone right before `start` and right after `end`. */
  strays(start: number, end: number, functionWordFreq: number): number {
    let n = 0;
    if (start > 0 && start - this.lastStart[start] === 1 && this.lex.freq(this.clause[start - 1]) < functionWordFreq) n++;
    if (end < this.clause.length && this.firstEnd[end] - end === 1 && this.lex.freq(this.clause[end]) < functionWordFreq) n++;
    return n;
  }

  tokenAt(k: number): Token {
    return this.tokens[this.tokenIndex[k]];
  }
}

/**
 * The best substitution at `index` of the clause by `rank` (default: the gain), or null when no
 * confusable character makes a dictionary word there.
 */
export function bestSubstitution(
  scorer: ClauseScorer,
  index: number,
  lex: Lexicon,
  sets: ConfusionSets,
  rank: (s: Substitution) => number = (s) => s.gain,
): Substitution | null {
  const clause = scorer.clause;
  const from = clause[index];
  const options = sets.get(from);
  if (options.length === 0) return null;
  const prev = index > 0 ? clause.charCodeAt(index - 1) : -1;
  const next = index + 1 < clause.length ? clause.charCodeAt(index + 1) : -1;
  let best: Substitution | null = null;
  let bestRank = -Infinity;
  for (const o of options) {
    const c = o.ch.charCodeAt(0);
    // Any word through the position holds the new character next to one of its neighbours.
    if (!((prev >= 0 && lex.hasPair(prev, c)) || (next >= 0 && lex.hasPair(c, next)))) continue;
    const r = scorer.substitute(index, o.ch);
    if (!r || r.gain <= 0) continue;
    const old = scorer.tokenAt(index);
    let cuts = 0;
    let singles = 0;
    for (let at = r.start; at < r.end; ) {
      const t = scorer.tokenAt(at);
      if (t.end - t.start === 1) singles++;
      else if (t.start < r.start || t.end > r.end) cuts++;
      at = t.end;
    }
    const sub: Substitution = {
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
      cuts,
      singles,
      strays: scorer.strays(r.start, r.end, FUNCTION_WORD_FREQ),
    };
    const value = rank(sub);
    if (value > bestRank) {
      best = sub;
      bestRank = value;
    }
  }
  return best;
}
