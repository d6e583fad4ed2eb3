/**
 * `npx tsx bench/build-slots.ts`: builds server/lists/numeral-slots.tsv, the evidence of the empty-slot rule
 * (server/checking/rules/placeholder-slots.ts): for each character and the measure word after it, how often
 * professionally edited official prose writes the two together and how often it puts a figure between them
 * (到个 against 到3个, 到三个, 到100多个). Source: shared/data/official-prose/ without the held-out files
 * (bench/prose.ts). A measure word counts as written directly after the character only where the segmenter
 * makes it a word of its own (个 in 的个人 is part of 个人). Only counts ship, never text: a pair is kept when
 * a figure stood between its two characters at least MIN times.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tag } from "../server/text/segment.ts";
import { MEASURE_WORDS, isNumeralChar, slotTag } from "../server/checking/rules/placeholder-slots.ts";
import { proseDir, proseFiles } from "./prose.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SLOTS_FILE = path.join(ROOT, "server", "lists", "numeral-slots.tsv");
const MIN = 5;

/** Counts of each (character or part of speech, measure word) row over `texts`: [written together, with a figure between]. */
export function countSlots(texts: Iterable<string>): Map<string, [number, number]> {
  const rows = new Map<string, [number, number]>();
  const bump = (k: string, which: 0 | 1) => {
    const r = rows.get(k) ?? [0, 0];
    r[which]++;
    rows.set(k, r);
  };
  for (const text of texts) {
    for (const line of text.split("\n")) {
      // The part of speech of the word that ends at each offset, and whether a one-character word starts there.
      const endTag: string[] = new Array(line.length + 1);
      const single = new Uint8Array(line.length);
      let at = 0;
      for (const w of tag(line, false)) {
        if (w.word.length === 1) single[at] = 1;
        at += w.word.length;
        endTag[at] = w.tag;
      }
      for (let i = 1; i < line.length; i++) {
        const c = line[i];
        if (!MEASURE_WORDS.includes(c)) continue;
        if (isNumeralChar(line[i - 1])) {
          let j = i - 1;
          while (j > 0 && isNumeralChar(line[j - 1])) j--;
          // The figure must start a word: 统一个 is no figure before 个.
          if (j === 0 || endTag[j] === undefined) continue;
          for (const k of [line[j - 1], slotTag(endTag[j]), "*"]) bump(`${k}\t${c}`, 1);
        } else if (single[i] && endTag[i] !== undefined) {
          for (const k of [line[i - 1], slotTag(endTag[i]), "*"]) bump(`${k}\t${c}`, 0);
        }
      }
    }
  }
  return rows;
}

function main() {
  const dir = proseDir();
  if (!dir) throw new Error("shared/data/official-prose/ not found");
  const training = proseFiles(dir).filter((f) => !f.heldOut);
  let chars = 0;
  const texts = training.map((f) => {
    const t = readFileSync(f.file, "utf8");
    chars += t.length;
    return t;
  });
  const rows = [...countSlots(texts)].filter(([, [d, n]]) => d + n >= MIN).sort((a, b) => b[1][1] - a[1][1] || (a[0] < b[0] ? -1 : 1));
  const lines = [
    `# numeral slots: the character (or the part of speech, tagged #; * any) before a measure word, the measure word, times written together (the measure word a word of its own), times with a figure between; from ${training.length} files (${chars} characters) of shared/data/official-prose/, built by bench/build-slots.ts (min ${MIN}); held out: provincial-2026 files at odd positions`,
    ...rows.map(([k, [d, n]]) => `${k}\t${d}\t${n}`),
  ];
  writeFileSync(SLOTS_FILE, lines.join("\n") + "\n");
  process.stdout.write(`${SLOTS_FILE}: ${rows.length} pairs from ${training.length} files (${chars} characters)\n`);
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) main();
