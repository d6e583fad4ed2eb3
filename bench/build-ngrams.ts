/**
 * `npx tsx bench/build-ngrams.ts [--min 2]`: builds server/lists/official-ngrams.bin, the typo check's
 * character language model of official Chinese: how often professionally edited official prose writes
 * each character and each run of two, three and four characters. Source: the same official-prose files
 * as the word counts (bench/build-usage.ts; docs/typo-check.md), the held-out provincial-2026 files
 * excepted. Runs of Han characters only (a figure or a punctuation mark ends a run). Only counts ship,
 * never text: each run is stored as a 32-bit hash (server/checking/typo/ngram.ts) with its count, and a
 * run of three or four characters written fewer than `--min` times is dropped.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { encodeNgrams, NGRAM_ORDER } from "../server/checking/typo/ngram.ts";
import { proseDir, proseFiles } from "./prose.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const NGRAM_FILE = path.join(ROOT, "server", "lists", "official-ngrams.bin");

function main() {
  const argv = process.argv.slice(2);
  const min = Number(argv[argv.indexOf("--min") + 1] ?? 2) || 2;
  const dir = proseDir();
  if (!dir) throw new Error("shared/data/official-prose/ not found");
  const counts: Array<Map<string, number>> = Array.from({ length: NGRAM_ORDER }, () => new Map());
  let chars = 0;
  let files = 0;
  for (const f of proseFiles(dir)) {
    if (f.heldOut) continue;
    files++;
    const text = readFileSync(f.file, "utf8");
    for (const m of text.matchAll(/[\u3400-\u4dbf\u4e00-\u9fff\u3007]+/g)) {
      const run = m[0];
      chars += run.length;
      for (let i = 0; i < run.length; i++) {
        for (let n = 1; n <= NGRAM_ORDER && i + n <= run.length; n++) {
          const g = run.slice(i, i + n);
          const c = counts[n - 1];
          c.set(g, (c.get(g) ?? 0) + 1);
        }
      }
    }
  }
  // Unigrams and bigrams are kept whole (the bigram table answers "is this pair ever written"); longer runs from `min` on.
  const kept = counts.map((m, k) => [...m].filter(([, c]) => k < 2 || c >= min));
  const bin = encodeNgrams(kept, chars);
  writeFileSync(NGRAM_FILE, bin);
  process.stdout.write(`${NGRAM_FILE}: ${kept.map((k, i) => `${i + 1}-grams ${k.length}`).join(", ")} from ${files} files (${chars} characters), ${(bin.length / 1e6).toFixed(2)} MB\n`);
}

main();
