import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Adjacency } from "./adjacency.ts";

/**
 * A character language model of official Chinese: how often official prose writes each character and
 * each run of two, three and four characters (server/lists/official-ngrams.bin, built by
 * bench/build-ngrams.ts from counts only; docs/typo-check.md says from what). A substitution the
 * dictionary cannot judge (a slip that still forms a word, a string no dictionary has) is judged by
 * how much likelier the characters around it become: the change in the smoothed log probability of
 * the window through the position (stupid backoff over orders 4 → 1).
 *
 * Held compactly: per order, an open-addressed table of 32-bit keys (a pair of characters is its two
 * codes exactly; a run of three or four is an FNV-1a hash: a collision can only make a run look
 * written, which errs towards silence) and its counts.
 */
export const NGRAM_ORDER = 4;
const MAGIC = 0x474e4a5a; // "ZJNG"
const VERSION = 1;
// Stupid backoff's discount for each step down an order (Brants et al. 2007).
const BACKOFF = 0.4;

/** The 32-bit key of a run of characters given by code (one: its code; two: both codes; more: FNV-1a). */
export function ngramKey(codes: ArrayLike<number>, start: number, n: number): number {
  if (n === 1) return codes[start];
  if (n === 2) return ((codes[start] << 16) | codes[start + 1]) >>> 0;
  let h = 0x811c9dc5 ^ n;
  for (let i = start; i < start + n; i++) h = Math.imul(h ^ codes[i], 0x01000193) >>> 0;
  // 0 marks an empty slot.
  return h || 1;
}

const codesOf = (s: string) => Int32Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));

/** The file's bytes for counts per order (order n at index n − 1) over `total` characters of text. */
export function encodeNgrams(orders: Array<Array<[string, number]>>, total: number): Buffer {
  const parts: Buffer[] = [];
  const head = Buffer.alloc(16);
  head.writeUInt32LE(MAGIC, 0);
  head.writeUInt32LE(VERSION, 4);
  head.writeUInt32LE(orders.length, 8);
  head.writeUInt32LE(total, 12);
  parts.push(head);
  for (const [k, entries] of orders.entries()) {
    // Same key twice (a hash collision): the counts add up.
    const byKey = new Map<number, number>();
    for (const [g, c] of entries) {
      const key = ngramKey(codesOf(g), 0, k + 1);
      byKey.set(key, (byKey.get(key) ?? 0) + c);
    }
    const keys = Uint32Array.from([...byKey.keys()].sort((a, b) => a - b));
    const counts = new Uint16Array(keys.length);
    // Counts saturate at 65,535 (only a handful of single characters reach it; their probabilities stay near).
    keys.forEach((key, i) => (counts[i] = Math.min(65535, byKey.get(key)!)));
    const n = Buffer.alloc(4);
    n.writeUInt32LE(keys.length, 0);
    parts.push(n, Buffer.from(keys.buffer), Buffer.from(counts.buffer));
    if (counts.byteLength % 4) parts.push(Buffer.alloc(4 - (counts.byteLength % 4)));
  }
  return Buffer.concat(parts);
}

/** One order's counts: an open-addressed table (linear probing, power-of-two size). */
class Table {
  private readonly keys: Uint32Array;
  private readonly counts: Uint16Array;
  private readonly mask: number;
  constructor(keys: Uint32Array, counts: Uint16Array) {
    let size = 1;
    while (size < keys.length * 2) size <<= 1;
    this.keys = new Uint32Array(size);
    this.counts = new Uint16Array(size);
    this.mask = size - 1;
    for (let i = 0; i < keys.length; i++) {
      let s = Math.imul(keys[i], 0x9e3779b1) >>> 0 & this.mask;
      while (this.keys[s] !== 0) s = (s + 1) & this.mask;
      this.keys[s] = keys[i];
      this.counts[s] = counts[i];
    }
  }
  get(key: number): number {
    let s = Math.imul(key, 0x9e3779b1) >>> 0 & this.mask;
    for (;;) {
      const k = this.keys[s];
      if (k === key) return this.counts[s];
      if (k === 0) return 0;
      s = (s + 1) & this.mask;
    }
  }
  get bytes(): number {
    return this.keys.byteLength + this.counts.byteLength;
  }
}

export interface CharModel {
  /** Characters of text the counts were taken from. */
  readonly total: number;
  /** How often official prose writes this run of one to four characters. */
  count(run: string): number;
  /** Count of the run of `n` characters at `start` of `codes`. */
  countAt(codes: ArrayLike<number>, start: number, n: number): number;
  /** Count of the two characters `a` `b` (by code). */
  pair(a: number, b: number): number;
  /** Whether official prose writes the two characters `a` `b` (by code) together: pair(a, b) > 0, asked without hashing. */
  seenPair(a: number, b: number): boolean;
  /** Count of the three characters `a` `b` `c` (by code). */
  trio(a: number, b: number, c: number): number;
  /**
   * The log probability (natural log) of the characters from `at` to `at + 3`, each given up to three
   * before it, by stupid backoff. `codes` is a clause's character codes; the window stays inside it.
   */
  window(codes: Int32Array | number[], at: number): number;
  /**
   * The change in that log probability when the character at `at` becomes `to`: positive, the text
   * reads likelier so. `before`: the window as written, when already known.
   */
  delta(codes: Int32Array | number[], at: number, to: number, before?: number): number;
  /**
   * `delta` for each of the first `m` characters of `tos` at `at`, into `out`, asking the counts of the
   * runs that do not hold position `at` once for all of them; returns the window as written.
   */
  deltas(codes: Int32Array, at: number, tos: Int32Array, m: number, out: Float64Array): number;
  /** Memory of the tables in bytes. */
  readonly bytes: number;
}

export function parseNgrams(buf: Buffer): CharModel {
  const fail = (why: string): never => {
    throw new Error(`official-ngrams.bin: ${why}`);
  };
  if (buf.length < 16 || buf.readUInt32LE(0) !== MAGIC) fail("not a character-count file");
  if (buf.readUInt32LE(4) !== VERSION) fail(`version ${buf.readUInt32LE(4)}, expected ${VERSION}`);
  const order = buf.readUInt32LE(8);
  if (order !== NGRAM_ORDER) fail(`order ${order}, expected ${NGRAM_ORDER}`);
  const total = buf.readUInt32LE(12);
  const tables: Table[] = [];
  let pairKeys: Uint32Array = new Uint32Array(0);
  let at = 16;
  for (let k = 0; k < order; k++) {
    if (at + 4 > buf.length) fail("truncated");
    const n = buf.readUInt32LE(at);
    at += 4;
    const end = at + n * 6;
    if (end > buf.length) fail("truncated");
    // Copies: the file's buffer may not be aligned for typed arrays.
    const keys = new Uint32Array(buf.buffer.slice(buf.byteOffset + at, buf.byteOffset + at + n * 4));
    const counts = new Uint16Array(buf.buffer.slice(buf.byteOffset + at + n * 4, buf.byteOffset + end));
    at = end + ((n * 2) % 4 ? 4 - ((n * 2) % 4) : 0);
    tables.push(new Table(keys, counts));
    if (k === 1) pairKeys = keys;
  }
  if (at !== buf.length) fail("unexpected bytes at the end");
  const seen = new Adjacency(pairKeys);
  const countAt = (codes: ArrayLike<number>, start: number, n: number) => tables[n - 1].get(ngramKey(codes, start, n));
  const logTotal = Math.log(total);
  // log S(codes[j] | the up to three before it, from `lo`), by stupid backoff.
  const logS = (codes: ArrayLike<number>, lo: number, j: number): number => {
    let penalty = 0;
    for (let n = Math.min(NGRAM_ORDER, j - lo + 1); n >= 2; n--) {
      const c = countAt(codes, j - n + 1, n);
      if (c > 0) {
        const h = countAt(codes, j - n + 1, n - 1);
        if (h > 0) return penalty + Math.log(c / h);
      }
      penalty += Math.log(BACKOFF);
    }
    // An unseen character counts as seen half a time.
    return penalty + Math.log(Math.max(0.5, countAt(codes, j, 1))) - logTotal;
  };
  // deltas(): the counts of the runs that do not hold the changed position, asked once for all the
  // characters tried there. Slot (end − at + 1) · 5 + order; −1: not asked yet.
  const memo = new Int32Array(6 * 5);
  const fixedCount = (codes: ArrayLike<number>, at: number, end: number, n: number): number => {
    const slot = (end - at + 1) * 5 + n;
    let c = memo[slot];
    if (c < 0) memo[slot] = c = countAt(codes, end - n + 1, n);
    return c;
  };
  // logS with the runs that end before `at` or start after it read from the memo (the same values as
  // logS, in the same order of operations).
  const logSAt = (codes: ArrayLike<number>, lo: number, j: number, at: number): number => {
    let penalty = 0;
    for (let n = Math.min(NGRAM_ORDER, j - lo + 1); n >= 2; n--) {
      const s = j - n + 1;
      const c = s > at ? fixedCount(codes, at, j, n) : countAt(codes, s, n);
      if (c > 0) {
        const h = s > at || j === at ? fixedCount(codes, at, j - 1, n - 1) : countAt(codes, s, n - 1);
        if (h > 0) return penalty + Math.log(c / h);
      }
      penalty += Math.log(BACKOFF);
    }
    return penalty + Math.log(Math.max(0.5, j > at ? fixedCount(codes, at, j, 1) : countAt(codes, j, 1))) - logTotal;
  };
  const trioKey = new Int32Array(3);
  const window = (codes: ArrayLike<number>, at: number): number => {
    const lo = Math.max(0, at - (NGRAM_ORDER - 1));
    const hi = Math.min(codes.length - 1, at + NGRAM_ORDER - 1);
    let sum = 0;
    for (let j = at; j <= hi; j++) sum += logS(codes, lo, j);
    return sum;
  };
  return {
    total,
    count: (run) => (run.length >= 1 && run.length <= NGRAM_ORDER ? countAt(codesOf(run), 0, run.length) : 0),
    countAt,
    pair: (a, b) => tables[1].get(((a << 16) | b) >>> 0),
    seenPair: (a, b) => seen.has(a, b),
    trio(a, b, c) {
      trioKey[0] = a;
      trioKey[1] = b;
      trioKey[2] = c;
      return tables[2].get(ngramKey(trioKey, 0, 3));
    },
    window,
    deltas(codes, at, tos, m, out) {
      memo.fill(-1);
      const lo = Math.max(0, at - (NGRAM_ORDER - 1));
      const hi = Math.min(codes.length - 1, at + NGRAM_ORDER - 1);
      let before = 0;
      for (let j = at; j <= hi; j++) before += logSAt(codes, lo, j, at);
      const was = codes[at];
      for (let x = 0; x < m; x++) {
        codes[at] = tos[x];
        let after = 0;
        for (let j = at; j <= hi; j++) after += logSAt(codes, lo, j, at);
        out[x] = after - before;
      }
      codes[at] = was;
      return before;
    },
    delta(codes, at, to, before = window(codes, at)) {
      const was = codes[at];
      codes[at] = to;
      const after = window(codes, at);
      codes[at] = was;
      return after - before;
    },
    bytes: tables.reduce((s, t) => s + t.bytes, 0),
  };
}

const FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "lists", "official-ngrams.bin");
let model: CharModel | null | undefined;

/**
 * The shipped counts, read once per process on first use; null (the check runs without the
 * character evidence, and says so once on stderr) when the file is missing or damaged.
 */
export function officialCharModel(file = FILE): CharModel | null {
  if (file !== FILE) return loadModel(file);
  if (model === undefined) model = loadModel(file);
  return model;
}

function loadModel(file: string): CharModel | null {
  try {
    return parseNgrams(readFileSync(file));
  } catch (err) {
    process.stderr.write(`错别字检查：字频统计文件无法读取（${file}：${(err as Error).message}），本次不使用字序列证据。\n`);
    return null;
  }
}
