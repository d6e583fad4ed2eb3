import { foldTraditional } from "../text/traditional.ts";
import { mapInSlices } from "./slices.ts";
import type { Embedder } from "./types.ts";

/**
 * Offline embedder without weights: hashed character n-grams (the "hashing trick").
 * CJK runs give 1–3 character grams (Chinese words are mostly 2–4 characters, and a sentence
 * rephrased keeps many of its bigrams); Latin letters and digits give whole words. Each feature is
 * hashed with FNV-1a into `dimension` buckets with a sign bit (so collisions cancel out on average
 * instead of piling up), counts are dampened with 1 + ln(tf), and the vector is L2-normalised so a
 * dot product is the cosine. Deterministic across runs and machines.
 */
export const LOCAL_EMBEDDER_NAME = "local-hash-ngram-v1";

// Unigrams say little on their own in Chinese (的, 和, 工…); bigrams and trigrams carry the words.
const GRAM_WEIGHT = [0, 0.35, 1, 0.8];

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const WORD = /[a-z0-9]/;

/** FNV-1a 32-bit over UTF-16 code units; fast and stable, good enough spread for bucketing. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The weighted features of a text: CJK 1–3 grams and Latin/digit words. */
export function hashedFeatures(text: string): Map<string, number> {
  const features = new Map<string, number>();
  const add = (f: string, w: number) => features.set(f, (features.get(f) ?? 0) + w);
  // Traditional characters of the genre's vocabulary count as their Simplified forms (see segment.ts).
  const s = foldTraditional(text.normalize("NFKC").toLowerCase());
  let run = "";
  let word = "";
  const flushRun = () => {
    for (let n = 1; n <= 3; n++) {
      for (let i = 0; i + n <= run.length; i++) add(`${n}:${run.slice(i, i + n)}`, 1);
    }
    run = "";
  };
  const flushWord = () => {
    if (word) add(`w:${word}`, 1);
    word = "";
  };
  for (const ch of s) {
    if (CJK.test(ch)) {
      flushWord();
      run += ch;
    } else if (WORD.test(ch)) {
      flushRun();
      word += ch;
    } else {
      flushRun();
      flushWord();
    }
  }
  flushRun();
  flushWord();
  return features;
}

/** Embed one text into a fixed-length, L2-normalised Float32Array. */
export function embedLocal(text: string, dimension: number): Float32Array {
  const v = new Float32Array(dimension);
  for (const [f, tf] of hashedFeatures(text)) {
    const h = fnv1a(f);
    const bucket = h % dimension;
    const sign = fnv1a(f, 0x9747b28c) & 1 ? 1 : -1;
    const n = f.charCodeAt(0) - 48; // "1".."3" for grams; "w" for words
    const weight = n >= 1 && n <= 3 ? GRAM_WEIGHT[n] : 1;
    v[bucket] += sign * weight * (1 + Math.log(tf));
  }
  let norm = 0;
  for (let i = 0; i < dimension; i++) norm += v[i] * v[i];
  if (norm > 0) {
    const inv = 1 / Math.sqrt(norm);
    for (let i = 0; i < dimension; i++) v[i] *= inv;
  }
  return v;
}

/** The default embedder: no model, no network, same vectors everywhere. */
export function createLocalEmbedder(dimension = 512): Embedder {
  if (!Number.isInteger(dimension) || dimension < 8) throw new Error(`invalid dimension ${dimension}`);
  return {
    name: LOCAL_EMBEDDER_NAME,
    dimension,
    // In slices: a document of thousands of chunks never holds the event loop for more than one.
    embed(texts) {
      return mapInSlices(texts, (t) => embedLocal(t, dimension));
    },
  };
}
