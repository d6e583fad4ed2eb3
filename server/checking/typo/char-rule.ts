import type { ConfusionKind, ConfusionSets } from "./confusion.ts";
import type { Lexicon } from "./lexicon.ts";
import type { CharModel } from "./ngram.ts";
import type { ClauseScorer } from "./scoring.ts";
import { grammarJoin } from "./decision.ts";

/**
 * The character-sequence rule: official prose as a character language model (ngram.ts). At each
 * position the characters of its confusion set (sound, near sound, shape) are tried, and the ones
 * that make the characters around the position likelier (the change in the window's smoothed log
 * probability) are judged by a logistic model over that change and the rest of the evidence: how
 * often official prose writes the text as written and the text as corrected beside the same
 * neighbours, whether the correction makes a dictionary word (the unigram scorer's gain), the kind of
 * confusion. It sees what the word scorer cannot: a slip that still forms a word (懂事长 for 董事长),
 * and a slip inside a frequent word. Fitted on odw.train only (docs/typo-check.md).
 */

export interface CharCandidate {
  /** Offset of the character in the clause. */
  index: number;
  from: string;
  to: string;
  kind: ConfusionKind;
  /** The model's probability that `to` is the right character. */
  p: number;
  /** What the message names: the dictionary word the correction makes, or the run of characters official prose writes. */
  word: string;
  wordStart: number;
  /** Carried by the strong evidence of official prose's character runs (`STRONG`), whatever the model says. */
  strong?: boolean;
}

/** The evidence of one substitution, in the order of the weights. */
export type CharFeatures = number[];

// A position where official prose writes the three characters as they stand (the character with both
// neighbours) at least this often is official usage: not examined (on odw.train this skips 40% of the
// positions and 3 of 949 slips).
const AS_WRITTEN_TRIGRAM = 2;
// At a clause's edge, where no trio exists: the pair with the one neighbour.
const AS_WRITTEN_EDGE_PAIR = 20;
// A dictionary word at least this frequent is left whole (on odw.train no substitution inside one reached
// the threshold; skipping them halves the positions examined).
export const CHAR_SKIP_INSIDE_WORD_FREQ = 1000;
// A dictionary word at least this long is left whole, whatever its frequency.
const LONG_WORD = 4;
// A single-character word at least this frequent in the dictionary (或 79k, 及 50k, 其 71k), standing alone.
const STANDALONE_WORD_FREQ = 20_000;
// The substitutions per position (best change in log probability first) given to the model.
const TOP = 3;

const FEATURE_NAMES = ["bias", "delta", "nearSound", "shape", "logOld3", "logOldLeft", "logOldRight", "logNewLeft", "logNewRight", "logNew3", "logOldChar", "logTokenFreq", "inWord", "oldLeftZero", "oldRightZero", "edge", "deltaSquared", "logDictLeft", "logDictRight", "logOldDictLeft", "logOldDictRight", "gain", "longWord", "logWordFreq"] as const;

// Fitted on odw.train (five folds grouped by corrected sentence; docs/typo-check.md).
const WEIGHTS: Record<(typeof FEATURE_NAMES)[number], number> = {
  bias: -5.8326, delta: 0.4124, nearSound: -2.5345, shape: -2.0813, logOld3: 0.0, logOldLeft: -0.1744,
  logOldRight: -0.1978, logNewLeft: -0.0653, logNewRight: -0.0657, logNew3: 0.208, logOldChar: 0.2363,
  logTokenFreq: -0.0159, inWord: 0.4649, oldLeftZero: -0.3472, oldRightZero: -0.2544, edge: -0.518,
  deltaSquared: 0.0247, logDictLeft: -0.0794, logDictRight: -0.036, logOldDictLeft: -0.0009,
  logOldDictRight: -0.0414, gain: 0.3485, longWord: 1.3329, logWordFreq: 0.1113,
};
const W = FEATURE_NAMES.map((n) => WEIGHTS[n]);

/**
 * Strong evidence of official prose's character runs, which carries a substitution whatever the model says: the trio as
 * written never occurs, the corrected trio at least `trio` times, the corrected character beside each neighbour at least
 * `pair` times, and a change in log probability of at least `delta`. The model, fitted on input-method slips, weighs a
 * shape confusion down (自已 → 自己: change 17.8, probability under the threshold); real reports carry shape slips (OCR,
 * 五笔) far more often. For a shape confusion only: the model, fitted on input-method slips, judges slips of sound well
 * and weighs near sounds down with reason (提神行脑 is not 提升行…: 提升行政 is frequent). Chosen on odw.train
 * (docs/typo-check.md): at 5/20/12, 2 sentences more found and no false finding more; at 3/10/8, 4 more found and 2
 * false findings more.
 */
export const STRONG = { trio: 5, pair: 20, delta: 12 };

/** The threshold on the model's probability (chosen on odw.train's held-out folds). */
export const CHAR_THRESHOLD = 0.8;
const LOGIT_THRESHOLD = Math.log(CHAR_THRESHOLD / (1 - CHAR_THRESHOLD));
// Gains and changes in log probability are capped here (a longer stretch than a word's worth of change adds no evidence).
const MAX_GAIN = 20;
// The most the word scorer's three features can add (gain, long word, the word's frequency up to the dictionary's largest).
const WORD_EVIDENCE_MAX = Math.max(0, WEIGHTS.gain) * MAX_GAIN + Math.max(0, WEIGHTS.longWord) + Math.max(0, WEIGHTS.logWordFreq) * Math.log1p(1e7);

const l = (x: number) => Math.log1p(Math.max(0, x));

export interface CharRuleInput {
  clause: string;
  scorer: ClauseScorer;
  lex: Lexicon;
  sets: ConfusionSets;
  model: CharModel;
  /** ≠ 0: the character at this clause offset may not be changed (names, figures, frames). */
  blocked: Uint8Array;
  /** For fitting: every scored substitution with its features. */
  record?: (index: number, to: string, features: CharFeatures) => void;
}

/** Each position's likeliest substitution by the character model, with its probability (before the threshold). */
export function charCandidates({ clause, scorer, lex, sets, model, blocked, record }: CharRuleInput): CharCandidate[] {
  const n = clause.length;
  const codes = scorer.codes;
  const c2 = (a: number, b: number) => (a < 0 || b < 0 ? 0 : model.pair(a, b));
  const c3 = (a: number, b: number, c: number) => (a < 0 || c < 0 ? 0 : model.trio(a, b, c));
  const out: CharCandidate[] = [];
  // The characters tried at a position (those beside a neighbour in official prose), their confusion
  // kinds and changes in log probability; then the TOP best, in the order of a stable sort by the change.
  let tos = new Int32Array(64);
  let kinds: ConfusionKind[] = [];
  let ds = new Float64Array(64);
  let picked = new Uint8Array(64);
  const top = new Int32Array(TOP);
  for (let i = 0; i < n; i++) {
    if (blocked[i]) continue;
    const tok = scorer.tokenAt(i);
    const inWord = tok.end - tok.start >= 2;
    // Inside a frequent dictionary word the model never reached its threshold on odw.train: not examined.
    if (inWord && tok.freq >= CHAR_SKIP_INSIDE_WORD_FREQ) continue;
    // A dictionary word of four or more characters standing whole (精雕细琢: a set phrase) is what the writer
    // meant: a slip seldom leaves one intact (on odw.train no sentence found, wrong flag or false finding changed).

    if (tok.end - tok.start >= LONG_WORD) continue;
    // A grammatical word standing alone (的 在 和 或 及 其) is where it belongs far more often than not:
    // which one a sentence wants is grammar, not spelling.
    if (!inWord && tok.freq >= STANDALONE_WORD_FREQ) continue;
    const x = codes[i];
    const prev = i > 0 ? codes[i - 1] : -1;
    const next = i + 1 < n ? codes[i + 1] : -1;
    const edge = prev < 0 || next < 0;
    const oL = c2(prev, x);
    const oR = c2(x, next);
    const o3 = c3(prev, x, next);
    if (edge ? Math.max(oL, oR) >= AS_WRITTEN_EDGE_PAIR : o3 >= AS_WRITTEN_TRIGRAM) continue;
    const options = sets.get(clause[i]);
    if (options.length > tos.length) {
      tos = new Int32Array(options.length);
      ds = new Float64Array(options.length);
      picked = new Uint8Array(options.length);
    }
    let m = 0;
    for (const o of options) {
      const y = o.ch.charCodeAt(0);
      // The correction must stand beside one of its neighbours somewhere in official prose.
      if (!((prev >= 0 && model.seenPair(prev, y)) || (next >= 0 && model.seenPair(y, next)))) continue;
      tos[m] = y;
      kinds[m] = o.kind;
      m++;
    }
    if (m === 0) continue;
    model.deltas(codes, i, tos, m, ds);
    const k = Math.min(TOP, m);
    picked.fill(0, 0, m);
    for (let r = 0; r < k; r++) {
      let b = -1;
      for (let x = 0; x < m; x++) if (!picked[x] && (b < 0 || ds[x] > ds[b])) b = x;
      picked[b] = 1;
      top[r] = b;
    }
    const uo = model.countAt(codes, i, 1);
    let best: CharCandidate | null = null;
    for (let q = 0; q < k; q++) {
      const t = { to: tos[top[q]], kind: kinds[top[q]], d: ds[top[q]] };
      const ch = String.fromCharCode(t.to);
      const nL = c2(prev, t.to);
      const nR = c2(t.to, next);
      const f: CharFeatures = [
        1, t.d, t.kind === "near-sound" ? 1 : 0, t.kind === "shape" ? 1 : 0, l(o3), l(oL), l(oR), l(nL), l(nR), l(c3(prev, t.to, next)),
        l(uo), inWord ? l(tok.freq) : 0, inWord ? 1 : 0, oL === 0 ? 1 : 0, oR === 0 ? 1 : 0, edge ? 1 : 0, Math.min(Math.max(t.d, 0), MAX_GAIN) ** 2 / MAX_GAIN,
        prev >= 0 ? l(lex.pairFreq(prev, t.to)) : 0, next >= 0 ? l(lex.pairFreq(t.to, next)) : 0,
        prev >= 0 ? l(lex.pairFreq(prev, x)) : 0, next >= 0 ? l(lex.pairFreq(x, next)) : 0,
      ];
      let z = 0;
      for (let k = 0; k < f.length; k++) z += W[k] * f[k];
      // The word scorer's evidence (the dearest to compute) can add at most WORD_EVIDENCE_MAX: where even
      // that cannot reach the threshold, it is not computed (this changes no decision).
      const n3 = c3(prev, t.to, next);
      const strong = t.kind === "shape" && !edge && o3 === 0 && n3 >= STRONG.trio && Math.min(nL, nR) >= STRONG.pair && t.d >= STRONG.delta;
      if (!record && !strong && z + WORD_EVIDENCE_MAX < LOGIT_THRESHOLD) continue;
      const r = scorer.substitute(i, ch);
      f.push(r && r.gain > 0 ? Math.min(r.gain, MAX_GAIN) : 0, r && r.end - r.start >= 3 ? 1 : 0, r ? l(r.freq) : 0);
      record?.(i, ch, f);
      for (let k = f.length - 3; k < f.length; k++) z += W[k] * f[k];
      const p = strong ? Math.max(CHAR_THRESHOLD, 1 / (1 + Math.exp(-z))) : 1 / (1 + Math.exp(-z));
      if (best && p <= best.p) continue;
      // The message names the dictionary word the correction makes, or else the run official prose writes.
      let word: string;
      let wordStart: number;
      if (r && r.end - r.start >= 2) {
        word = clause.slice(r.start, i) + ch + clause.slice(i + 1, r.end);
        wordStart = r.start;
      } else if (nL >= nR) {
        word = clause[i - 1] + ch;
        wordStart = i - 1;
      } else {
        word = ch + clause[i + 1];
        wordStart = i;
      }
      // A grammatical word standing alone that the correction only joins to a word of its own (领导|任 → 领导人): two
      // words side by side, not a broken one (decision.ts grammarJoin).
      if (!inWord && grammarJoin(clause[i], word, i - wordStart)) continue;
      best = { index: i, from: clause[i], to: ch, kind: t.kind, p, word, wordStart, strong };
    }
    if (best) out.push(best);
  }
  return out;
}
