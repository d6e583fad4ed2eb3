/**
 * Who did the work, read per group of clauses (align.ts) as a slot: the bodies a clause names by their
 * organ word or line of work (公安局 and 公安, 检察院, 法院, 司法局), from the office's organ list
 * (server/lists/names.json). The whole-text name guard (name-changes.ts) cannot see one body put in place
 * of another when both are named elsewhere in the text (法院、检察院、公安都抽了 … 公安还差几份 → 检察院尚有
 * 几份): here a group that loses a body and gains another is refused. A body only added or only dropped in
 * a group is no swap (a rewrite may move who did it into the clause before).
 */
import { loadNameList } from "../lists/names.ts";
import { dictEntry } from "../text/segment.ts";
import type { TracedChange } from "./compare-options.ts";

/**
 * A unit named by the body it belongs to is the same body (派出所 → 公安机关, 司法所 → 司法局, 法庭 → 法院, 纪委监委
 * → 纪委): a rewrite may say the one for the other.
 */
const PARENT: Array<[RegExp, string]> = [[/^(?:派出所|交警大队|刑警大队|看守所|公安分局)$/, "公安"], [/^司法所$/, "司法"], [/^法庭$/, "法院"], [/^(?:纪委监委|监委)$/, "纪委"], [/^(?:人民)?调解委员会$/, "调解委员会"]];

/**
 * A body's key: its organ word without 人民 (人民检察院 → 检察院), and for a bureau its line of work alone,
 * as a clerk names it (公安局, 公安分局 → 公安; 市场监管局 → 市场监管).
 */
function keyOf(organ: string): string {
  const parent = PARENT.find(([re]) => re.test(organ));
  if (parent) return parent[1];
  const bare = organ.replace(/^人民/, "");
  const line = bare.replace(/分?局$/, "");
  return line !== bare && line.length >= 2 ? line : bare;
}

/** A bureau's line said bare is a body only where it is a noun (公安, 司法, 财政; not 教育, 管理, 执法, which are work). */
function saidBare(line: string): boolean {
  const e = dictEntry(line);
  return !e || /^(n|j)/.test(e.tag);
}

let pattern: { re: RegExp; key: Map<string, string> } | null = null;
/** Every organ word of the list and every bureau's line that names it, longest first, with the key each stands for. */
function bodyPattern(): { re: RegExp; key: Map<string, string> } {
  if (pattern) return pattern;
  const key = new Map<string, string>();
  for (const organ of loadNameList().organs) {
    // Who writes and who is above (县委, 市政府, 政法委) is the writer's own side, not a body doing the work.
    if (/^[县区市州省旗](?:委|政府)$|政法/.test(organ)) continue;
    const k = keyOf(organ);
    key.set(organ, k);
    if (k !== organ.replace(/^人民/, "") && saidBare(k)) key.set(k, k);
  }
  const words = [...key.keys()].sort((a, b) => b.length - a.length);
  pattern = { re: new RegExp(words.join("|"), "g"), key };
  return pattern;
}

/** An officer stands for the body that employs them: 退休法官 → 退休检察官 puts one body in place of another. */
const OFFICERS: Array<[RegExp, string]> = [[/检察官/g, "检察院"], [/(?<!检察)法官/g, "法院"], [/民警|警察|辅警|干警/g, "公安"]];

/** The bodies a stretch of text names, by key (公安局 and 公安 are one). */
export function bodiesIn(text: string): Set<string> {
  const { re, key } = bodyPattern();
  const found = new Set([...text.matchAll(re)].map((m) => key.get(m[0]) ?? m[0]));
  for (const [officer, body] of OFFICERS) if (officer.test(text)) found.add(body);
  for (const [officer] of OFFICERS) officer.lastIndex = 0;
  return found;
}

/** A body put in place of another in one group of clauses (公安还差几份没回 → 检察院尚有几份未反馈). */
export function bodyChanges(before: string, after: string): TracedChange[] {
  const b = bodiesIn(before);
  const a = bodiesIn(after);
  const lost = [...b].filter((x) => !a.has(x));
  const gained = [...a].filter((x) => !b.has(x));
  if (!lost.length || !gained.length) return [];
  return [{ rule: "name:body-swapped", kind: "name", before: lost.join("、"), after: gained.join("、"), beforeText: before, afterText: after, message: `单位由“${lost.join("、")}”变为“${gained.join("、")}”` }];
}
