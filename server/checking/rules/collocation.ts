import type { Finding } from "../types.ts";
import type { CollocationList } from "../../lists/collocations.ts";
import { cut, wordStarts } from "../../text/segment.ts";
import { finding, type RuleContext } from "./types.ts";

/**
 * Redundant pairs and verb–object mismatches (语病), from the office's list `collocations.json`.
 *
 * Redundancy: each entry is a pattern over one clause (the two parts and what may stand between them)
 * with an exception pattern for the correct phrases that look alike.
 *
 * Mismatch: the text is cut into words; from a verb of an entry, the words up to the clause's end
 * (or the entry's window) are read. The object's head noun is wrongly governed when it is a word of
 * the entry, it ends its noun phrase (a clause mark, 和/与/及/等 or the end follow it, not another
 * noun: 提高打击力度 is wrong, 加大水平测试投入 is not), it is not coordinated with another object
 * (提高覆盖面和理赔标准), no figure stands before it (增加二十亿元的水平), and no other governing verb
 * or second predicate stands between (加大投入提高水平, 增加贷款并降低利率水平).
 */

const CLAUSE_END = /^[，。；：！？、,.;:!?\n（）()“”"《》]/;
/** Words after a head noun that still end its noun phrase. */
const PHRASE_END = new Set(["等", "方面"]);
/** Coordinated objects (提高保险覆盖面和理赔标准): the verb may fit the other one; not reported. */
const COORDINATE = new Set(["和", "与", "及", "以及", "、", "同"]);
/** Words that end the verb's phrase: a second predicate begins (增加贷款并降低利率水平). */
const PREDICATE_BREAK = new Set(["并", "并且", "而", "且", "同时", "从而", "进而", "以便"]);
/**
 * Verbs that open a new verb phrase: past one of them, the head noun is its object, not the first
 * verb's. The entry verbs and their right verbs are added at run time.
 */
const GOVERNING = ["推动", "促进", "确保", "实现", "保持", "使", "让", "为", "是", "有", "把", "将", "通过", "形成", "建立",
  "完善", "健全", "落实", "开展", "推进", "达到", "取得", "得到", "提出", "以", "对", "进行", "强化", "改善", "优化", "加强",
  "提高", "提升", "加大", "加快", "增强", "扩大", "增加", "降低", "减少", "满足", "改进", "作为", "带动", "影响"];

export function checkCollocation(text: string, ctx: RuleContext): Finding[] {
  const list = ctx.collocations;
  if (!list) return [];
  return [...redundant(text, list), ...mismatches(text, list)].sort((a, b) => a.start - b.start);
}

function redundant(text: string, list: CollocationList): Finding[] {
  const out: Finding[] = [];
  for (const r of list.compiledRedundant) {
    r.re.lastIndex = 0;
    for (const m of text.matchAll(r.re)) {
      if (m[0].length === 0 || r.exceptRe?.test(m[0])) continue;
      out.push(finding(text, "grammar", "warning", m.index, m.index + m[0].length, r.message, r.suggestion));
    }
  }
  return out;
}

interface MismatchIndex {
  byVerb: Map<string, CollocationList["mismatches"]>;
  governing: string[];
}
/** The list's entries by verb and the governing verbs, built once per list (the rule runs once per paragraph). */
const indexes = new WeakMap<CollocationList, MismatchIndex>();
function mismatchIndex(list: CollocationList): MismatchIndex {
  let ix = indexes.get(list);
  if (!ix) {
    const byVerb = new Map<string, CollocationList["mismatches"]>();
    for (const e of list.mismatches) for (const v of e.verbs) byVerb.set(v, [...(byVerb.get(v) ?? []), e]);
    const governing = [...new Set([...GOVERNING, ...list.mismatches.flatMap((e) => [...e.verbs, ...e.right.split("、")])])];
    indexes.set(list, (ix = { byVerb, governing }));
  }
  return ix;
}

function mismatches(text: string, list: CollocationList): Finding[] {
  if (list.mismatches.length === 0) return [];
  const { byVerb, governing } = mismatchIndex(list);
  const out: Finding[] = [];
  // Segment only the clauses that hold an entry's verb (the scan never crosses a clause mark); offsets
  // are recovered by summing word lengths.
  const verbs = [...byVerb.keys()];
  for (const clause of text.matchAll(/[^，。；：！？,;:!?\n]+/g)) {
    const line = clause[0];
    const base = clause.index;
    if (verbs.some((v) => line.includes(v))) {
      const words = cut(line);
      const starts = wordStarts(words);
      for (let i = 0; i < words.length; i++) {
        // The dictionary has compounds (切实增强, 努力提高, 执法水平): a verb ends its word, a head noun ends its word.
        const verb = verbs.find((v) => words[i].endsWith(v) && words[i].length <= v.length + 2);
        if (!verb) continue;
        const entries = byVerb.get(verb)!;
        const verbEnd = starts[i] + words[i].length;
        let limit = verbEnd + Math.max(...entries.map((e) => e.window));
        let skipped = 0;
        for (let j = i + 1; j < words.length && starts[j] < limit; j++) {
          const w = words[j];
          // 增强群众对平安建设的知晓度: a 对…的 phrase inside the object modifies its head; it is read past
          // (and does not count against the window) when its 的 comes before the clause ends.
          if ((w === "对" || w === "对于") && j > i + 1) {
            const de = words.indexOf("的", j + 1);
            if (de > j && de - j <= 8 && !words.slice(j + 1, de).some((x) => CLAUSE_END.test(x))) {
              const span = starts[de] + 1 - starts[j];
              skipped += span;
              limit += span;
              j = de;
              continue;
            }
          }
          // A one-character governing word opens a phrase only as a word of its own (有力, 为民 are no verbs here).
          if (CLAUSE_END.test(w) || PREDICATE_BREAK.has(w) || governing.some((g) => w === g || (g.length >= 2 && w.startsWith(g)) || (w.endsWith(g) && w.length <= g.length + 2))) break;
          // A figure before the head (增加二十亿元的水平): the noun names a level reached, the verb is inside a modifier.
          if (/[0-9０-９]/.test(w) || /^[一二三四五六七八九十百千万亿两]{2,}|^[一二三四五六七八九十百千万亿两]+$/.test(w)) break;
          const entry = entries.find((e) => e.objects.some((o) => w.endsWith(o)) && starts[j] - verbEnd - skipped <= e.window);
          if (!entry) continue;
          // The message names the whole head word when the entry's object is a suffix of it (利用率 for 率).
          const object = entry.objects.find((o) => w.endsWith(o))!.length >= 2 ? entry.objects.find((o) => w.endsWith(o))! : w;
          const next = words[j + 1];
          // Coordinated heads (提高覆盖面和成功率): the verb may fit another one; reported only when every head
          // of the coordination is one the verb cannot take (增强知晓度和参与率).
          if ((next !== undefined && COORDINATE.has(next)) || COORDINATE.has(words[j - 1])) {
            const heads = coordinatedHeads(words, j);
            if (!heads.every((h) => entry.objects.some((o) => h.endsWith(o)))) break;
          }
          // A modifier (水平测试) is followed by its noun; a quantity after the head (宣传共计60次) closes the phrase.
          if (next !== undefined && !CLAUSE_END.test(next) && !PHRASE_END.has(next) && !/^(?:共计|合计|累计|[0-9０-９])/.test(next)) continue;
          const s = base + verbEnd - verb.length;
          const sameLength = entry.right.length === verb.length && !entry.right.includes("、");
          out.push(finding(text, "grammar", "warning", s, s + verb.length,
            `搭配不当：“${verb}”与“${object}”不搭配，宜用“${entry.right.replaceAll("、", `${object}”或“`)}${object}”`, sameLength ? entry.right : undefined));
          break;
        }
      }
    }
  }
  return out;
}

/** The heads coordinated with the word at `j` (知晓度 和 参与率 → both); a phrase of several words counts by its last. */
function coordinatedHeads(words: string[], j: number): string[] {
  const heads = [words[j]];
  // A one-character suffix cut off as a word of its own (知晓|度) is read with the word before it.
  const head = (k: number) => (words[k].length === 1 && k > 0 ? words[k - 1] + words[k] : words[k]);
  for (let k = j - 1; k > 0 && COORDINATE.has(words[k]); k -= 2) heads.push(head(k - 1));
  for (let k = j + 1; k + 1 < words.length && COORDINATE.has(words[k]); k += 2) heads.push(words[k + 1]);
  return heads;
}
