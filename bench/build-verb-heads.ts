/**
 * `npx tsx bench/build-verb-heads.ts`: the heads that official prose gives the objects of verbs whose object
 * always needs one (发挥…作用, 采取…措施, 营造…环境), for the missing-head condition of
 * server/checking/rules/missing-words.ts. Counts only are written (server/lists/verb-heads.json), from the
 * official-prose files outside the held-out split (the provincial-2026 files at odd positions, as in
 * bench/build-usage.ts). For each clause whose last verb of the list is followed by words, the last two
 * characters of the clause's last word are counted as that verb's head; a head is kept when seen twice, or
 * once as the end of a dictionary noun (tag n…, not a verbal noun).
 */
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cut, dictEntry } from "../server/text/segment.ts";
import { proseDir, proseFiles } from "./prose.ts";

export const HEAD_VERBS = ["发挥", "采取"];
const MIN = 2;

const dir = proseDir();
if (!dir) throw new Error("official-prose folder not found beside the repository");
const counts: Record<string, Record<string, number>> = {};
const totals: Record<string, number> = {};
const nouns = new Set<string>();
let files = 0;
for (const f of proseFiles(dir)) {
  if (f.heldOut) continue;
  files++;
  for (const c of readFileSync(f.file, "utf8").matchAll(/[^，。；：！？\n]+/g)) {
    const ws = cut(c[0]).filter((w) => /\p{Script=Han}/u.test(w));
    // A compound ending in the verb (充分发挥) counts as the verb, as in the rule.
    const verbOf = (w: string) => HEAD_VERBS.find((v) => w.endsWith(v) && w.length <= v.length + 2);
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
for (const v of HEAD_VERBS) {
  heads[v] = Object.fromEntries(Object.entries(counts[v] ?? {}).filter(([h, n]) => n >= MIN || nouns.has(`${v} ${h}`)).sort((a, b) => b[1] - a[1]));
}
const out = {
  $comment: `Heads (last two characters of the clause's last word) of the objects of these verbs in official prose: ${files} files of shared/data/official-prose outside the held-out split, heads seen at least ${MIN} times or closing on a dictionary noun, with counts; built by bench/build-verb-heads.ts. Counts only.`,
  clauses: totals,
  heads,
};
const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "server", "lists", "verb-heads.json");
writeFileSync(target, JSON.stringify(out, null, 1) + "\n");
console.log(`verb-heads.json: ${Object.entries(totals).map(([v, n]) => `${v} ${n} clauses, ${Object.keys(heads[v]).length} heads`).join("; ")}`);
