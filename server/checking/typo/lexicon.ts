import { dictionaryWords, type DictEntry } from "../../text/segment.ts";
import { Adjacency } from "./adjacency.ts";

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
  /**
   * The words as a trie walked by character code, for scans that extend a stretch one character at a
   * time without making strings: from `LEX_ROOT`, `step` gives the node of the stretch one character
   * longer (−1: no dictionary word begins so), `nodeFreq` the frequency of the word the node spells
   * (0: only the beginning of longer words). Single characters are nodes too (their `nodeFreq` is
   * their frequency as a word, or 0).
   */
  step(node: number, code: number): number;
  nodeFreq(node: number): number;
  /** A one-character word's frequency by code (0 when none). */
  singleFreq(code: number): number;
}

/** The trie's root (Lexicon.step). */
export const LEX_ROOT = 0;

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

/**
 * The words and their beginnings as a trie: node 0 is the root; its children by code in a direct
 * array, every other edge (node, code) → child in one open-addressed table of typed arrays.
 */
class Trie {
  private readonly rootChild = new Int32Array(65536).fill(-1);
  private edgeNode: Int32Array; // parent node + 1 (0: empty slot)
  private edgeCode: Uint16Array;
  private edgeChild: Int32Array;
  private mask: number;
  private edges = 0;
  freq: Float64Array;
  nodes = 1;

  constructor(maxEdges: number) {
    let size = 1;
    while (size < maxEdges * 2) size <<= 1;
    this.edgeNode = new Int32Array(size);
    this.edgeCode = new Uint16Array(size);
    this.edgeChild = new Int32Array(size);
    this.mask = size - 1;
    this.freq = new Float64Array(maxEdges + 1);
  }

  private slot(node: number, code: number): number {
    return (Math.imul(node, 0x9e3779b1) ^ Math.imul(code + 1, 0x85ebca6b)) >>> 0 & this.mask;
  }

  step(node: number, code: number): number {
    if (node === 0) return this.rootChild[code];
    const tag = node + 1;
    const mask = this.mask;
    for (let s = this.slot(node, code); ; s = (s + 1) & mask) {
      const n = this.edgeNode[s];
      if (n === 0) return -1;
      if (n === tag && this.edgeCode[s] === code) return this.edgeChild[s];
    }
  }

  /** The node of `word`, made with its beginnings as needed. */
  insert(word: string): number {
    let node = 0;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      let child = this.step(node, c);
      if (child < 0) {
        child = this.nodes++;
        if (node === 0) this.rootChild[c] = child;
        else {
          let s = this.slot(node, c);
          while (this.edgeNode[s] !== 0) s = (s + 1) & this.mask;
          this.edgeNode[s] = node + 1;
          this.edgeCode[s] = c;
          this.edgeChild[s] = child;
          this.edges++;
        }
      }
      node = child;
    }
    return node;
  }

  /** Shrink the tables to what the words need (the constructor sized them for the worst case). */
  compact(): void {
    const { edgeNode, edgeCode, edgeChild } = this;
    let size = 1;
    while (size < this.edges * 2) size <<= 1;
    this.edgeNode = new Int32Array(size);
    this.edgeCode = new Uint16Array(size);
    this.edgeChild = new Int32Array(size);
    this.mask = size - 1;
    for (let i = 0; i < edgeNode.length; i++) {
      if (edgeNode[i] === 0) continue;
      let s = this.slot(edgeNode[i] - 1, edgeCode[i]);
      while (this.edgeNode[s] !== 0) s = (s + 1) & this.mask;
      this.edgeNode[s] = edgeNode[i];
      this.edgeCode[s] = edgeCode[i];
      this.edgeChild[s] = edgeChild[i];
    }
    this.freq = this.freq.slice(0, this.nodes);
  }

  /** The node of the string, or −1. */
  find(s: string): number {
    let node = 0;
    for (let i = 0; i < s.length && node >= 0; i++) node = this.step(node, s.charCodeAt(i));
    return node;
  }
}

export function buildLexicon(words: ReadonlyMap<string, DictEntry>): Lexicon {
  // The words and their beginnings (frequency 0) in a trie: a scan steps through it once per character.
  let maxEdges = 0;
  for (const [word, { freq }] of words) if (freq > 0 && word.length <= MAX_WORD) maxEdges += word.length;
  const trie = new Trie(maxEdges);
  // Two-character words and beginnings by code: the commonest question.
  const twoChar = new Map<number, number>();
  const pairs = new Set<number>();
  // Per character code (the BMP): its frequency as a one-character word, and its use in all words.
  const single = new Float64Array(65536);
  const use = new Float64Array(65536);
  let total = 0;
  for (const [word, { freq }] of words) {
    if (!(freq > 0) || word.length > MAX_WORD) continue;
    total += freq;
    trie.freq[trie.insert(word)] = freq;
    if (word.length === 1) single[word.charCodeAt(0)] = freq;
    for (let i = 0; i < word.length; i++) {
      use[word.charCodeAt(i)] += freq;
      if (i > 0) pairs.add(((word.charCodeAt(i - 1) << 16) | word.charCodeAt(i)) >>> 0);
    }
    if (word.length >= 2) {
      const k = ((word.charCodeAt(0) << 16) | word.charCodeAt(1)) >>> 0;
      if (word.length === 2) twoChar.set(k, freq);
      else if (!twoChar.has(k)) twoChar.set(k, 0);
    }
  }
  const twoTable = new PairTable(twoChar);
  const adjacency = new Adjacency(pairs);
  trie.compact();
  const nodeFreq = trie.freq;
  return {
    pairFreq: (a, b) => twoTable.get(a, b, -1),
    freq: (w) => {
      if (w.length === 1) return single[w.charCodeAt(0)];
      const node = trie.find(w);
      return node < 0 ? 0 : nodeFreq[node];
    },
    // Single characters: only words count (the beginnings kept are of two or more characters).
    prefixFreq: (s) => {
      if (s.length < 2) return s.length === 1 && single[s.charCodeAt(0)] > 0 ? single[s.charCodeAt(0)] : -1;
      const node = trie.find(s);
      return node < 0 ? -1 : nodeFreq[node];
    },
    step: (node, code) => trie.step(node, code),
    nodeFreq: (node) => nodeFreq[node],
    singleFreq: (code) => single[code],
    logTotal: Math.log(total),
    maxWordLength: MAX_WORD,
    hasPair: (a, b) => adjacency.has(a, b),
    charUse: (ch) => (ch.length === 1 ? use[ch.charCodeAt(0)] : 0),
  };
}
