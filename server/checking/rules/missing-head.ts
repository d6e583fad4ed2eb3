import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Finding } from "../types.ts";
import { cut, wordStarts } from "../../text/segment.ts";
import { finding } from "./types.ts";

/**
 * A verb whose object always needs a head noun, with the object ending its clause on a word that is no
 * head of that verb (宾语中心语残缺: 充分发挥网格员队伍，→ 发挥……作用; 采取日常考核与现场督查相结合，→ 采取……的方式).
 * The heads are counts from official prose (server/lists/verb-heads.json, bench/build-verb-heads.ts):
 * the last two characters of the clause's last word, seen at least twice after the verb. A clause is
 * reported when the verb is the last of the listed verbs in it, no word after the verb ends in one of its
 * heads (发挥党员作用带动群众致富 has its head before the second verb), and the clause's last word ends in
 * none of them. Only verbs whose objects official prose closes with few heads are listed.
 */
interface VerbHeads {
  clauses: Record<string, number>;
  heads: Record<string, Record<string, number>>;
}
const FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "lists", "verb-heads.json");
export interface HeadTable {
  verbs: string[];
  heads: Map<string, Set<string>>;
  example: Map<string, string>;
}
let data: HeadTable | null = null;
/** The table of heads by verb, from the counts (`heads` of verb-heads.json: verb → head → count). */
export function headTable(counts: Record<string, Record<string, number>>): HeadTable {
  const heads = new Map<string, Set<string>>();
  const example = new Map<string, string>();
  for (const [v, hs] of Object.entries(counts)) {
    heads.set(v, new Set(Object.keys(hs)));
    example.set(v, Object.keys(hs)[0]);
  }
  return { verbs: [...heads.keys()], heads, example };
}
export function verbHeads(): HeadTable {
  data ??= headTable((JSON.parse(readFileSync(FILE, "utf8")) as VerbHeads).heads);
  return data;
}

/** Verbs that open a predicate of their own after the listed verb's object. */
const SECOND_VERB = ["抓好", "抓实", "做好", "做实", "搞好", "确保", "推动", "促进", "推进", "实现", "解决", "落实", "加强", "提高",
  "提升", "带动", "保障", "维护", "化解", "防范", "打击", "服务", "引导", "帮助", "推广", "开展", "完善", "建立", "健全", "形成",
  "构建", "营造", "增强", "助力", "赋能", "破解", "守护", "筑牢", "织密", "打造"];

export function checkMissingHead(paragraph: string, table: HeadTable = verbHeads()): Finding[] {
  const { verbs, heads, example } = table;
  const out: Finding[] = [];
  for (const c of paragraph.matchAll(/[^，。；：！？\n]+/g)) {
    const clause = c[0];
    if (!verbs.some((v) => clause.includes(v))) continue;
    const words = cut(clause);
    const starts = wordStarts(words);
    const han = (w: string) => /\p{Script=Han}/u.test(w);
    let last = words.length - 1;
    while (last >= 0 && !han(words[last])) last--;
    // The dictionary has compounds (充分发挥, 切实采取): the verb ends its word.
    const verbOf = (w: string) => verbs.find((v) => w.endsWith(v) && w.length <= v.length + 2);
    let k = last - 1;
    while (k >= 0 && !verbOf(words[k])) k--;
    // The verb as a noun (积极性的发挥) or in a passive (优势得到充分发挥的路子) governs no object.
    if (k < 0 || /^(?:的|得到|得以|予以)$/.test(words[k - 1] ?? "")) continue;
    const verb = verbOf(words[k])!;
    const hs = heads.get(verb)!;
    const ends = (w: string) => hs.has(w.slice(-2)) || hs.has(w);
    // 发挥和发展: two verbs share the object; 优势发挥不够充分: the object stands before the verb; a quote
    // left open in the clause (采取“抓住……，带动……”) runs on past the clause mark.
    if (/^[和与及、]$/.test(words[k + 1] ?? "") || (k > 0 && ends(words[k - 1])) || clause.split("“").length !== clause.split("”").length) continue;
    let headed = false;
    for (let j = k + 1; j <= last && !headed; j++) if (han(words[j]) && ends(words[j])) headed = true;
    // A second governing verb after it (采取定人定岗抓好“责”): the clause's end is that verb's object.
    for (let j = k + 1; j < last && !headed; j++) if (SECOND_VERB.some((g) => words[j].endsWith(g) && words[j].length <= g.length + 2)) headed = true;
    if (headed) continue;
    const s = c.index + starts[last];
    out.push(finding(paragraph, "grammar", "warning", s, s + words[last].length,
      `成分残缺：“${verb}”的宾语缺少中心语（如“……${example.get(verb)}”）`));
  }
  return out;
}
