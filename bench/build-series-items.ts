/**
 * `npx tsx bench/build-series-items.ts`: the words official prose writes as items of a 顿号 series, for the
 * frameless-series condition of server/checking/rules/punctuation-frameless.ts. For every 顿号 of the
 * official-prose files outside the held-out split (the provincial-2026 files at odd positions, as in
 * bench/build-usage.ts), the word just before it and the word just after it (jieba, no HMM) are counted
 * when they are two to four Han characters. Words seen at least twice are written with their counts
 * (server/lists/series-items.tsv). Counts only: no text of the prose is written.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { cut } from "../server/text/segment.ts";
import { proseDir, proseFiles } from "./prose.ts";

const MIN = 2;
const ITEM = /^\p{Script=Han}{2,4}$/u;

/** How often each word of two to four Han characters stands beside a 顿号 in `texts`. */
export function countSeriesItems(texts: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  const bump = (w: string | undefined) => {
    if (w && ITEM.test(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
  };
  for (const text of texts) {
    // Each stretch between marks is cut once; a stretch beside a 顿号 gives its last or first word.
    const pieces = [...text.matchAll(/([^，、。；：！？“”《》（）\n]*)([，、。；：！？“”《》（）\n]|$)/g)];
    for (let i = 0; i < pieces.length; i++) {
      const before = i > 0 && pieces[i - 1][2] === "、";
      const after = pieces[i][2] === "、";
      if (!before && !after) continue;
      const words = cut(pieces[i][1]);
      if (after) bump(words[words.length - 1]);
      if (before) bump(words[0]);
    }
  }
  return counts;
}

function main() {
  const dir = proseDir();
  if (!dir) throw new Error("official-prose folder not found beside the repository");
  const files = proseFiles(dir).filter((f) => !f.heldOut);
  const counts = countSeriesItems(files.map((f) => readFileSync(f.file, "utf8")));
  const kept = [...counts].filter(([, n]) => n >= MIN).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const head = `# series items: words of two to four Han characters standing beside a 顿号 in ${files.length} files of shared/data/official-prose/ (held out: provincial-2026 files at odd positions), seen at least ${MIN} times, with counts; built by bench/build-series-items.ts. Counts only.`;
  const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "server", "lists", "series-items.tsv");
  writeFileSync(target, [head, ...kept.map(([w, n]) => `${w}\t${n}`)].join("\n") + "\n");
  console.log(`series-items.tsv: ${kept.length} words (of ${counts.size})`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
