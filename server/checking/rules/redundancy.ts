import type { Finding } from "../types.ts";
import { cut, dictEntry } from "../../text/segment.ts";
import { officialUsage } from "../../lists/official-usage.ts";
import { finding } from "./types.ts";

/**
 * Redundancy read as a class, not a phrase list (语病: 成分赘余; docs/function-words.md, "Redundancy
 * as a class"). Two classes, each decided by the kind of its parts, with official prose as the veto:
 * a pair that official prose writes (server/lists/official-usage.tsv, two uses or more) is never reported.
 *
 * - **A verb whose second morpheme already marks where it ends, followed by 到 or 于** (纳入到, 关乎到,
 *   融入到, 触及到): 入 "into", 及 "reaching", 乎 "concerning", 至 "to" already do what 到/于 would. The
 *   verb is a word of two characters that the dictionary calls a verb, 到/于 is a word of its own
 *   (进入到期 cuts 进入|到期 and is left), and the verb does not open with an adjective (深入到 "going
 *   deep into" keeps a sense of its own).
 * - **Two adverbs of the same sense side by side** (依然仍旧, 均都, 已经早已, 务必一定, 立即马上; 仍然还 is the collocation list’s): each group
 *   below holds adverbs that say one thing; two of one group as neighbouring words say it twice. Not
 *   grouped: 共同 with 一道/一起 (与国际社会一道共同谴责: “together with” and “jointly”), 一律 with 都.
 */
export function checkRedundancy(paragraph: string): Finding[] {
  return [...doubleComplement(paragraph), ...sameSenseAdverbs(paragraph), ...withinThenAmong(paragraph)];
}

/**
 * A clause closed by the localiser 中 (在办理的各类案件中) names a set; a next clause opening with 其中
 * names it again (语义重复: 在……中，其中……). 中 must stand as a word of its own (not 集中, 初中, 其中).
 * Official prose never writes “中，其中”.
 */
function withinThenAmong(paragraph: string): Finding[] {
  const out: Finding[] = [];
  for (const m of paragraph.matchAll(/中，其中/g)) {
    if (!tokenAt(paragraph, m.index, ["中"])) continue;
    const at = m.index + 2;
    out.push(finding(paragraph, "grammar", "warning", at, at + 2, "语义重复：前句“……中”已指明范围，后面的“其中”多余", ""));
  }
  return out;
}

/** Official prose writes the pair of words together: not reported (usage counts pairs seen twice or more). */
const attested = (a: string, b: string): boolean => officialUsage().pair(a, b) > 0;

const GLOSS: Record<string, string> = { 入: "“入”即进到里面", 及: "“及”即到达", 乎: "“乎”即“于”", 至: "“至”即到" };

function doubleComplement(paragraph: string): Finding[] {
  const out: Finding[] = [];
  for (const m of paragraph.matchAll(/[\u4e00-\u9fff][入及乎至](?:到|于)/g)) {
    const verb = m[0].slice(0, 2);
    const extra = m[0][2];
    if (dictEntry(verb)?.tag !== "v" || dictEntry(verb[0])?.tag === "a") continue;
    if (!tokenAt(paragraph, m.index, [verb, extra])) continue;
    if (attested(verb, extra)) continue;
    const at = m.index + 2;
    out.push(finding(paragraph, "grammar", "warning", m.index, at + 1,
      `成分赘余：“${verb}”的${GLOSS[verb[1]]}，后面不必再加“${extra}”`, verb));
  }
  return out;
}

/** Adverbs that say one thing; two of one group side by side say it twice. */
const SAME_SENSE: string[][] = [
  ["仍", "仍然", "依然", "依旧", "仍旧"], // with 还: collocations.json (仍然还, 依然还, 仍还)
  ["已", "已经", "业已", "早已"],
  ["都", "均", "全部", "统统", "皆", "全都"],
  ["互相", "相互", "彼此"],
  ["再次", "重新", "再度"],
  ["只", "仅", "仅仅"],
  ["必须", "务必", "一定", "必定"],
  ["逐步", "逐渐", "渐渐", "日益", "日渐", "越来越", "日趋"],
  ["总共", "一共", "共计", "合计", "总计"],
  ["大约", "约", "大概", "大致"],
  ["立即", "马上", "立刻", "随即", "即刻"],
  ["一直", "始终", "一贯", "向来", "历来"],
  ["提前", "预先", "事先"],
];
const GROUP = new Map<string, number>();
SAME_SENSE.forEach((g, i) => g.forEach((w) => GROUP.set(w, i)));
/** Any adverb of the groups, longest first (the scan finds candidates; segmentation decides). */
const ADVERB_RE = new RegExp([...GROUP.keys()].sort((a, b) => b.length - a.length).join("|"), "g");

function sameSenseAdverbs(paragraph: string): Finding[] {
  const out: Finding[] = [];
  let prev: RegExpMatchArray | null = null;
  for (const m of paragraph.matchAll(ADVERB_RE)) {
    const p = prev;
    prev = m;
    if (!p || p.index! + p[0].length !== m.index || GROUP.get(p[0]) !== GROUP.get(m[0]) || p[0] === m[0]) continue;
    if (attested(p[0], m[0])) continue;
    if (!tokenAt(paragraph, p.index!, [p[0], m[0]])) continue;
    out.push(finding(paragraph, "grammar", "warning", p.index!, m.index + m[0].length,
      `语义重复：“${p[0]}”与“${m[0]}”意思相同，保留其一`, p[0]));
    prev = null;
  }
  return out;
}

/**
 * Whether the words `words` stand, one after another, as words of the segmentation at `at` (not the
 * parts of longer words): the clause around `at` is cut and the words are looked for at that offset.
 */
function tokenAt(paragraph: string, at: number, words: string[]): boolean {
  let from = at;
  while (from > 0 && !/[，。；：！？、\n]/.test(paragraph[from - 1])) from--;
  let to = at;
  while (to < paragraph.length && !/[，。；：！？、\n]/.test(paragraph[to])) to++;
  let pos = from;
  let k = -1;
  for (const w of cut(paragraph.slice(from, to))) {
    if (k >= 0) {
      if (w !== words[k]) return false;
      if (++k === words.length) return true;
    } else if (pos === at) {
      if (w !== words[0]) return false;
      if (words.length === 1) return true;
      k = 1;
    } else if (pos > at) return false;
    pos += w.length;
  }
  return false;
}
