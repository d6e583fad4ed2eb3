import type { ConfusionKind, ConfusionSets } from "./confusion.ts";
import { LEX_ROOT, type Lexicon } from "./lexicon.ts";

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

function charLogpOf(lex: Lexicon, code: number): number {
  // A character outside the dictionary counts as seen once.
  return Math.log(Math.max(1, lex.singleFreq(code))) - lex.logTotal;
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
  /** The clause's character codes. */
  readonly codes: Int32Array;

  constructor(readonly clause: string, private readonly lex: Lexicon) {
    const n = clause.length;
    const maxLen = lex.maxWordLength;
    const logTotal = lex.logTotal;
    // Words of two or more characters starting at each position (at most maxLen − 1 of them): their
    // ends, log probabilities and frequencies, maxLen slots per position, found by walking the trie.
    const edgeCount = new Uint8Array(n);
    const edgeEnd = new Int32Array(n * maxLen);
    const edgeLogp = new Float64Array(n * maxLen);
    const edgeFreq = new Float64Array(n * maxLen);
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) codes[i] = clause.charCodeAt(i);
    this.codes = codes;
    for (let i = 0; i + 2 <= n; i++) {
      const f2 = lex.pairFreq(codes[i], codes[i + 1]);
      if (f2 < 0) continue;
      let m = 0;
      const at = i * maxLen;
      if (f2 > 0) {
        edgeEnd[at] = i + 2;
        edgeLogp[at] = Math.log(f2) - logTotal;
        edgeFreq[at] = f2;
        m = 1;
      }
      let node = lex.step(lex.step(LEX_ROOT, codes[i]), codes[i + 1]);
      for (let j = i + 3; j <= Math.min(n, i + maxLen); j++) {
        node = lex.step(node, codes[j - 1]);
        if (node < 0) break;
        const f = lex.nodeFreq(node);
        if (f > 0) {
          edgeEnd[at + m] = j;
          edgeLogp[at + m] = Math.log(f) - logTotal;
          edgeFreq[at + m] = f;
          m++;
        }
      }
      edgeCount[i] = m;
    }
    const single = new Float64Array(n);
    for (let i = 0; i < n; i++) single[i] = charLogpOf(lex, codes[i]);
    const suffix = new Float64Array(n + 1);
    const next = new Int32Array(n + 1);
    const freqAt = new Float64Array(n + 1);
    for (let i = n - 1; i >= 0; i--) {
      let b = single[i] + suffix[i + 1];
      let nx = i + 1;
      let bf = lex.singleFreq(codes[i]);
      for (let x = i * maxLen, end = x + edgeCount[i]; x < end; x++) {
        const v = edgeLogp[x] + suffix[edgeEnd[x]];
        if (v > b) {
          b = v;
          nx = edgeEnd[x];
          bf = edgeFreq[x];
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
      for (let x = i * maxLen, end = x + edgeCount[i]; x < end; x++) {
        const e = edgeEnd[x];
        if (prefix[i] + edgeLogp[x] > prefix[e]) {
          prefix[e] = prefix[i] + edgeLogp[x];
          lastStart[e] = i;
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
    return this.substituteCode(k, ch.charCodeAt(0)) ? { gain: this.subGain, start: this.subStart, end: this.subEnd, freq: this.subFreq } : null;
  }

  /** The result of the last `substituteCode` that returned true. */
  subGain = 0;
  subStart = 0;
  subEnd = 0;
  subFreq = 0;

  /**
   * `substitute` by character code, without allocating: true when a word of two or more characters
   * through k makes the best segmentation, which is then in subGain, subStart, subEnd and subFreq.
   * The words through k are found by walking the trie from each start (the earlier start and then the
   * shorter word first, as ties keep the first found).
   */
  substituteCode(k: number, c: number): boolean {
    const { lex, codes, prefix, suffix } = this;
    const n = codes.length;
    const maxLen = lex.maxWordLength;
    const logTotal = lex.logTotal;
    const first = Math.max(0, k - maxLen + 1);
    // The trie node of clause[a, k) for each start a: the same for every character tried at k, so
    // walked once per position (the last position asked for is kept).
    const heads = this.heads;
    if (this.headsAt !== k) {
      this.headsAt = k;
      for (let a = first; a <= k; a++) {
        let node = LEX_ROOT;
        for (let p = a; p < k && node >= 0; p++) node = lex.step(node, codes[p]);
        heads[a - first] = node;
      }
    }
    let best = prefix[k] + charLogpOf(lex, c) + suffix[k + 1];
    let found = false;
    for (let a = first; a <= k; a++) {
      let node = heads[a - first];
      if (node < 0) continue;
      const stop = Math.min(n, a + maxLen);
      for (let p = k; p < stop; p++) {
        node = lex.step(node, p === k ? c : codes[p]);
        if (node < 0) break;
        if (p === a) continue;
        const f = lex.nodeFreq(node);
        if (f > 0) {
          const v = prefix[a] + Math.log(f) - logTotal + suffix[p + 1];
          if (v > best) {
            best = v;
            found = true;
            this.subStart = a;
            this.subEnd = p + 1;
            this.subFreq = f;
          }
        }
      }
    }
    if (found) this.subGain = best - suffix[0];
    return found;
  }

  private headsAt = -1;
  private readonly heads = new Int32Array(16);

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
    if (!scorer.substituteCode(index, c) || scorer.subGain <= 0) continue;
    const r = { gain: scorer.subGain, start: scorer.subStart, end: scorer.subEnd, freq: scorer.subFreq };
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
