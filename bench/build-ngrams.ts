/**
 * `npx tsx bench/build-ngrams.ts [--min 2]`: builds server/lists/official-ngrams.bin, the typo check's
 * character language model of official Chinese: how often professionally edited official prose writes
 * each character and each run of two, three and four characters. Source: the same official-prose files
 * as the word counts (bench/build-usage.ts; docs/typo-check.md), the held-out provincial-2026 files
 * excepted. Runs of Han characters only (a figure or a punctuation mark ends a run). Only counts ship,
 * never text: each run is stored as a 32-bit hash (server/checking/typo/ngram.ts) with its count, and a
 * run of three or four characters written fewer than `--min` times is dropped.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { encodeNgrams, NGRAM_ORDER } from "../server/checking/typo/ngram.ts";
import { trainingHanRuns } from "./prose.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const NGRAM_FILE = path.join(ROOT, "server", "lists", "official-ngrams.bin");

/** The file's bytes for the runs of one to four characters of Han runs (three and four kept from `min` uses on). */
export function ngramCounts(runs: Iterable<string>, min: number): { bin: Buffer; kept: number[] } {
  const counts: Array<Map<string, number>> = Array.from({ length: NGRAM_ORDER }, () => new Map());
  let chars = 0;
  for (const run of runs) {
    chars += run.length;
    for (let i = 0; i < run.length; i++) {
      for (let n = 1; n <= NGRAM_ORDER && i + n <= run.length; n++) {
        const g = run.slice(i, i + n);
        const c = counts[n - 1];
        c.set(g, (c.get(g) ?? 0) + 1);
      }
    }
  }
  // Unigrams and bigrams are kept whole (the bigram table answers "is this pair ever written"); longer runs from `min` on.
  const kept = counts.map((m, k) => [...m].filter(([, c]) => k < 2 || c >= min));
  return { bin: encodeNgrams(kept, chars), kept: kept.map((k) => k.length) };
}

function main() {
  const argv = process.argv.slice(2);
  const min = Number(argv[argv.indexOf("--min") + 1] ?? 2) || 2;
  const { files, chars, runs } = trainingHanRuns();
  const { bin, kept } = ngramCounts(runs, min);
  writeFileSync(NGRAM_FILE, bin);
  process.stdout.write(`${NGRAM_FILE}: ${kept.map((k, i) => `${i + 1}-grams ${k}`).join(", ")} from ${files} files (${chars} characters), ${(bin.length / 1e6).toFixed(2)} MB\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
