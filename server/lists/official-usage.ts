import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Official usage: how often professionally edited official prose uses a word, and a pair of
 * neighbouring words, as jieba cuts it (server/lists/official-usage.tsv, built by
 * bench/build-usage.ts from counts only; docs/typo-check.md says from what). What official prose
 * writes is never “corrected” (建强, 数智化, 十五五), and the counts are a language model of the
 * register: the text as written against the text with a correction.
 *
 * Held compactly: each word or pair is a 32-bit hash in one sorted array with its count beside it
 * (about 90k entries, under 1 MB of heap per process). A collision can only make a stretch look
 * used, which errs towards silence.
 */
export interface OfficialUsage {
  /** Uses of a word of two or more characters. */
  word(w: string): number;
  /** Uses of the word `a` followed by the word `b`. */
  pair(a: string, b: string): number;
  /** A traditional form of a character (a text in traditional script is no text of simplified typos). */
  traditional(ch: string): boolean;
  /** The words (two or more characters) used at least `min` times, with their counts. */
  words(min: number): Array<[string, number]>;
  readonly entries: number;
}

const FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "official-usage.tsv");

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function parseOfficialUsage(text: string): OfficialUsage {
  const rows: Array<[number, number]> = [];
  const wordList: Array<[string, number]> = [];
  let trad = new Set<string>();
  for (const line of text.split("\n")) {
    if (!line) continue;
    if (line.startsWith("#traditional\t")) {
      trad = new Set(line.slice(13));
      continue;
    }
    if (line.startsWith("#")) continue;
    const tab = line.lastIndexOf("\t");
    const n = Number(line.slice(tab + 1));
    if (!(tab > 0 && n > 0)) continue;
    const key = line.slice(0, tab);
    rows.push([hash(key), n]);
    if (!key.includes(" ")) wordList.push([key, n]);
  }
  rows.sort((a, b) => a[0] - b[0]);
  const keys = Uint32Array.from(rows, (r) => r[0]);
  const counts = Uint32Array.from(rows, (r) => r[1]);
  const get = (s: string): number => {
    const h = hash(s);
    let lo = 0;
    let hi = keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid] < h) lo = mid + 1;
      else if (keys[mid] > h) hi = mid - 1;
      else return counts[mid];
    }
    return 0;
  };
  return {
    word: (w) => (w.length >= 2 ? get(w) : 0),
    pair: (a, b) => (a && b ? get(`${a} ${b}`) : 0),
    traditional: (ch) => trad.has(ch),
    words: (min) => wordList.filter(([, n]) => n >= min),
    entries: keys.length,
  };
}

let usage: OfficialUsage | null = null;
let replaced: OfficialUsage | null = null;

/** The shipped counts, read once per process on first use (or the counts a fitting run put in their place). */
export function officialUsage(): OfficialUsage {
  if (replaced) return replaced;
  usage ??= parseOfficialUsage(readFileSync(FILE, "utf8"));
  return usage;
}

/**
 * Fitting only (bench/typo-folds.ts): counts built without some files stand in for the shipped ones
 * until `null` is given, so the files left out can be checked as text the counts never saw. Pass a
 * new character model in the typo context at the same time: the line cache is keyed by it.
 */
export function replaceOfficialUsage(u: OfficialUsage | null): void {
  replaced = u;
}
