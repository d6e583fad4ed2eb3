import { createRequire } from "node:module";
import { Jieba, TfIdf, type TaggedWord } from "@node-rs/jieba";

/**
 * The one Chinese word segmenter of the server. jieba's dictionary takes a few hundred milliseconds and
 * tens of megabytes to load, so search tokens, the repetition rule, fact terms and the typo checker
 * share a single instance, created on first use (a process that never segments never pays for it).
 */

const require = createRequire(import.meta.url);

interface DictBytes {
  dict: Uint8Array;
  idf: Uint8Array;
}

let bytes: DictBytes | null = null;
function dictBytes(): DictBytes {
  bytes ??= require("@node-rs/jieba/dict.js") as DictBytes;
  return bytes;
}

let jieba: Jieba | null = null;
/** The shared jieba instance (for APIs that take one, e.g. TfIdf.extractKeywords). */
export function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dictBytes().dict);
  return jieba;
}

let tfidf: TfIdf | null = null;
/** TF-IDF keyword extraction over jieba's shipped IDF table. */
export function keywordExtractor(): TfIdf {
  tfidf ??= TfIdf.withDict(dictBytes().idf);
  return tfidf;
}

/** Words of a text in order; their lengths add up to the text's, so offsets can be recovered by summing. */
export function cut(text: string, hmm = false): string[] {
  return segmenter().cut(text, hmm);
}

/** Where each word of `words` (a cut, or a tagging) starts in the text they were cut from. */
export function wordStarts(words: ReadonlyArray<string | { word: string }>): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const w of words) {
    starts.push(at);
    at += typeof w === "string" ? w.length : w.word.length;
  }
  return starts;
}

/** Search-mode cut: long words also yield their parts (专项斗争 → 专项 斗争 专项斗争). */
export function cutForSearch(text: string, hmm = true): string[] {
  return segmenter().cutForSearch(text, hmm);
}

/** Words with their part-of-speech tags (nr person, ns place, nt organisation …). */
export function tag(text: string, hmm = true): TaggedWord[] {
  return segmenter().tag(text, hmm);
}

export interface DictEntry {
  freq: number;
  tag: string;
}

let words: Map<string, DictEntry> | null = null;
/**
 * jieba's dictionary as a map, parsed once from the shipped bytes (`word freq tag` per line). The typo
 * checker asks it thousands of times per document, hence a Map and not a search of the text.
 */
function dictionary(): Map<string, DictEntry> {
  if (words) return words;
  const map = new Map<string, DictEntry>();
  const text = new TextDecoder("utf-8").decode(dictBytes().dict);
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf("\n", at);
    if (end < 0) end = text.length;
    const line = text.slice(at, end);
    at = end + 1;
    const a = line.indexOf(" ");
    if (a <= 0) continue;
    const b = line.indexOf(" ", a + 1);
    const freq = Number(line.slice(a + 1, b < 0 ? undefined : b));
    if (!Number.isFinite(freq)) continue;
    map.set(line.slice(0, a), { freq, tag: b < 0 ? "" : line.slice(b + 1).trim() });
  }
  words = map;
  return map;
}

/** Frequency of a word in jieba's dictionary; 0 when it is not a dictionary word. */
export function wordFreq(word: string): number {
  return dictionary().get(word)?.freq ?? 0;
}

/** True when the word is in jieba's dictionary. */
export function hasWord(word: string): boolean {
  return dictionary().has(word);
}

/** The dictionary entry (frequency and part-of-speech tag) of a word, if any. */
export function dictEntry(word: string): DictEntry | undefined {
  return dictionary().get(word);
}

/** The whole dictionary (the typo checker derives its word-beginnings and character pairs from it). */
export function dictionaryWords(): ReadonlyMap<string, DictEntry> {
  return dictionary();
}
