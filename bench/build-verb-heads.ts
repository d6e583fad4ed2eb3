/**
 * `npx tsx bench/build-verb-heads.ts`: the heads that official prose gives the objects of verbs whose object
 * always needs one (发挥…作用, 采取…措施), for the missing-head condition of
 * server/checking/rules/missing-head.ts. Counts only are written (server/lists/verb-heads.json), from the
 * official-prose files outside the held-out split (the provincial-2026 files at odd positions, as in
 * bench/build-usage.ts). For each clause whose last verb of the list is followed by words, the last two
 * characters of the clause's last word are counted as that verb's head; a head is kept when seen twice, or
 * once as the end of a dictionary noun (tag n…, not a verbal noun).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { cut, dictEntry } from "../server/text/segment.ts";
import { proseDir, proseFiles } from "./prose.ts";

export const HEAD_VERBS = ["发挥", "采取"];
const MIN = 2;

/** Clause counts and kept heads (with counts) of `verbs` in the given texts. */
export function countHeads(texts: Iterable<string>, verbs: string[]): { totals: Record<string, number>; heads: Record<string, Record<string, number>> } {
  const counts: Record<string, Record<string, number>> = {};
  const totals: Record<string, number> = {};
  const nouns = new Set<string>();
  // A compound ending in the verb (充分发挥) counts as the verb, as in the rule.
  const verbOf = (w: string) => verbs.find((v) => w.endsWith(v) && w.length <= v.length + 2);
  for (const text of texts) {
    for (const c of text.matchAll(/[^，。；：！？\n]+/g)) {
      const ws = cut(c[0]).filter((w) => /\p{Script=Han}/u.test(w));
      let k = ws.length - 2;
      while (k >= 0 && !verbOf(ws[k])) k--;
      if (k < 0) continue;
      const v = verbOf(ws[k])!;
      const last = ws[ws.length - 1];
      totals[v] = (totals[v] ?? 0) + 1;
      const head = last.slice(-2);
      (counts[v] ??= {})[head] = (counts[v][head] ?? 0) + 1;
      // A noun of the dictionary closing the object once is a head already (发挥…效能, 采取攻势).
      if (last.length >= 2 && /^n(?!v)/.test(dictEntry(last)?.tag ?? "")) nouns.add(`${v} ${head}`);
    }
  }
  const heads: Record<string, Record<string, number>> = {};
  for (const v of verbs) {
    heads[v] = Object.fromEntries(Object.entries(counts[v] ?? {}).filter(([h, n]) => n >= MIN || nouns.has(`${v} ${h}`)).sort((a, b) => b[1] - a[1]));
  }
  return { totals, heads };
}

function main() {
  const dir = proseDir();
  if (!dir) throw new Error("official-prose folder not found beside the repository");
  const files = proseFiles(dir).filter((f) => !f.heldOut);
  const { totals, heads } = countHeads(files.map((f) => readFileSync(f.file, "utf8")), HEAD_VERBS);
  const out = {
    $comment: `Heads (last two characters of the clause's last word) of the objects of these verbs in official prose: ${files.length} files of shared/data/official-prose outside the held-out split, heads seen at least ${MIN} times or closing on a dictionary noun, with counts; built by bench/build-verb-heads.ts. Counts only.`,
    clauses: totals,
    heads,
  };
  const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "server", "lists", "verb-heads.json");
  writeFileSync(target, JSON.stringify(out, null, 1) + "\n");
  console.log(`verb-heads.json: ${Object.entries(totals).map(([v, n]) => `${v} ${n} clauses, ${Object.keys(heads[v]).length} heads`).join("; ")}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
