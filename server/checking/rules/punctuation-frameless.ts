import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Finding } from "../types.ts";
import { dictEntry, tag } from "../../text/segment.ts";
import { officialUsage } from "../../lists/official-usage.ts";
import { finding } from "./types.ts";

const ITEMS_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "lists", "series-items.tsv");

/**
 * GB/T 15834-2011 §4.5.3.1 against §4.4.3.1, for a series with no frame around it (docs/punctuation.md,
 * "Series without a frame"): the 顿号 joins parallel words, the comma joins clauses, and a clause has a
 * predicate. A stretch between two commas that is one short noun and nothing else (深入社区，学校，企业开展
 * 宣传) is no clause: it is an item, and the commas around it are 顿号 when the items beside it are short
 * nouns too. Likewise a sentence that closes on a bare noun after a comma, where the clause before ends on a
 * noun its verb governs (提升群众安全感，满意度。), and a noun that takes a 的 phrase shared with the noun
 * before the comma (加强对重点人员，重点场所的管控). Decided by the segmenter's parts of speech and the shape of
 * the items (two to four characters, each as long as the item beside it), not by a word list. Two items closed
 * by 等 (会同公安，检察等部门) are a series too.
 *
 * Official prose (shared/data/official-prose, in-sample files): a lone short noun between commas with nouns
 * on both sides, 1,174 times with 顿号 and 4 times with commas (all four phrases with a verb the segmenter's
 * dictionary calls a noun: 利用河畔, 材料浪费, 坏人当权, 区别情况; the item conditions leave none). Two items
 * of one length closed by 等: 539 times with 顿号, once with a comma (two phrases, each with its own 等).
 */
export function framelessSeries(paragraph: string): Finding[] {
  const out: Finding[] = [];
  if (!paragraph.includes("，")) return out;
  const seen = new Set<number>();
  // The stretches between marks, each with the mark that ends it; marks other than these end a series.
  const pieces = [...paragraph.matchAll(/([^，、。；：！？“”《》（）\n]*)([，、。；：！？“”《》（）\n]|$)/g)];
  const report = (at: number) => seen.has(at) || (seen.add(at), out.push(finding(paragraph, "punctuation", "warning", at, at + 1, "并列的词语之间应用顿号，不用逗号", "、")));
  for (let i = 1; i < pieces.length; i++) {
    if (pieces[i - 1][2] !== "，") continue;
    const comma = pieces[i].index - 1;
    const left = pieces[i - 1][1];
    const right = pieces[i][1];
    if (!HAN.test(left) || !HAN.test(right)) continue;
    const end = pieces[i][2];
    // A lone noun between commas, with nouns of its length closing the piece before and opening the piece after.
    if (end === "，" && nominalItem(right, true) && i + 1 < pieces.length) {
      const next = pieces[i + 1][1];
      if (HAN.test(next) && nominalItem(tailWords(left, right.length)) && nominalItem(headWords(next, right.length))) {
        report(comma);
        report(pieces[i + 1].index - 1);
      }
      continue;
    }
    // Two items closed by 等 (会同公安，检察等部门): 等 closes a series of words, and the piece before holds
    // no 等 of its own (城市管网等基础设施，社会事业等民生工程 are two phrases).
    const deng = right.indexOf("等");
    if (deng >= 2 && deng <= 4 && !left.includes("等") && nominalItem(right.slice(0, deng)) && nominalItem(tailWords(left, deng))) {
      report(comma);
      continue;
    }
    // Two nouns opening a sentence as its subject: X，Y + predicate, X alone before the comma.
    const before = i >= 2 ? pieces[i - 2][2] : "";
    if (/^[。；：！？\n]?$/.test(before) && nominalItem(left)) {
      if (right.length > left.length && nominalItem(headWords(right, left.length))) report(comma);
      continue;
    }
    // A sentence closing on a bare noun after a comma, the noun of the clause before governed by its verb.
    // Items of four characters are where the dictionary's verb phrases hide (依法行政): one of four must be
    // a noun by official prose, which never writes it after 要 (要依法行政).
    if (/^[。；！？\n]?$/.test(end) && (right.length <= 3 ? nominalItem(right) : nominalItem(right, true) && officialUsage().pair("要", right) === 0)) {
      if (governed(left, right.length)) report(comma);
      continue;
    }
    // Two nouns sharing one 的 phrase: X，Y的Z (Z one noun), the piece before with no 的 of its own.
    const de = right.indexOf("的");
    if (de >= 2 && !left.includes("的") && end !== "、" && nominalItem(right.slice(0, de))) {
      const z = tag(right.slice(de + 1), false);
      if (z.length === 1 && /^(?:n|vn)$/.test(z[0].tag) && governed(left, de)) report(comma);
    }
  }
  return out;
}

const HAN = /^\p{Script=Han}+$/u;
// The segmenter's nouns; it tags some common nouns as names (安全感 nr), so names count.
const NOUN = /^(?:n|nr|ns|nt|nz|j)$/;

/** The last `n` characters of `s` when they start a word of its segmentation, else "". */
function tailWords(s: string, n: number): string {
  if (s.length < n) return "";
  let at = s.length;
  const words = tag(s, false);
  for (let k = words.length - 1; k >= 0 && at > s.length - n; k--) at -= words[k].word.length;
  return at === s.length - n ? s.slice(at) : "";
}

/** The first `n` characters of `s` when they end a word of its segmentation, else "". */
function headWords(s: string, n: number): string {
  let at = 0;
  for (const w of tag(s, false)) {
    if (at >= n) break;
    at += w.word.length;
  }
  return at === n ? s.slice(0, n) : "";
}

/** The piece ends on a noun of `n` characters that a verb before it governs (提升了群众安全感). */
function governed(piece: string, n: number): boolean {
  const x = tailWords(piece, n);
  return nominalItem(x) && tag(piece.slice(0, -n), false).some((w) => w.tag === "v");
}

/**
 * Two to four Han characters that read as one noun item. The segmenter's dictionary tags many verbs as
 * nouns (利用, 依法, 学), so its tags alone do not settle it; official prose does (counts only: the words and
 * word pairs of server/lists/official-usage.tsv, the series items of server/lists/series-items.tsv):
 * - the segmenter reads one word, or two words of two characters or more, all tagged as nouns (天体史 and
 *   学理论 split off one character: no item);
 * - a word of four characters is not a verb or adjective with its object (降低成本: its first or last two
 *   characters are a verb, adjective, adverb or preposition by the dictionary);
 * - no word of it is used as a verb by official prose: after the adverbial 地, after 积极, 已, 将, 不, or
 *   before 了 or 着 (合理地利用, 积极发展);
 * - its last word is one official prose uses; `strict`: one it uses as a noun, after 的 (的人员) or as an
 *   item of a 顿号 series (学校、医院).
 */
function nominalItem(s: string, strict = false): boolean {
  if (!/^\p{Script=Han}{2,4}$/u.test(s)) return false;
  const words = tag(s, false);
  // A verbal noun alone names a field as a noun does (检察, 信访), where official prose writes it as an item.
  const vn = words.length === 1 && words[0].tag === "vn";
  if (words.length > 2 || (!vn && !words.every((w) => NOUN.test(w.tag)))) return false;
  // A name of two characters is a person's (廉明); the segmenter's longer "names" are often nouns (安全感).
  if (words.some((w) => w.tag === "nr" && w.word.length < 3)) return false;
  if (words.length === 2 && words.some((w) => w.word.length < 2)) return false;
  if (words.some((w) => w.word.length === 4 && [w.word.slice(0, 2), w.word.slice(-2)].some((p) => /^[vadp]/.test(dictEntry(p)?.tag ?? "")))) return false;
  const usage = officialUsage();
  if (words.some((w) => VERB_BEFORE.some((b) => usage.pair(b, w.word) > 0) || VERB_AFTER.some((a) => usage.pair(w.word, a) > 0))) return false;
  const head = words[words.length - 1].word;
  if (usage.pair("的", head) > 0 || seriesItems().has(head)) return true;
  return !strict && !vn && usage.word(head) > 0;
}
const VERB_BEFORE = ["地", "积极", "已", "将", "不"];
const VERB_AFTER = ["了", "着"];

let items: Set<string> | null = null;
/** Words official prose writes beside a 顿号 (server/lists/series-items.tsv, bench/build-series-items.ts). */
function seriesItems(): Set<string> {
  if (items) return items;
  items = new Set();
  for (const line of readFileSync(ITEMS_FILE, "utf8").split("\n")) {
    const [w] = line.split("\t");
    if (w && !w.startsWith("#")) items.add(w);
  }
  return items;
}

/**
 * §4.5.3.1 for items marked as parallel by their shape: two short noun phrases on either side of a comma that
 * open with the same word (各单位，各部门的负责人; 重点人，重点行业，重点领域) are items of one series, and the
 * comma is a 顿号. The opener is a word of its own by the segmenter in both, the items are two to six
 * characters, longer than the opener, of lengths within two of each other, with no verb, adverb, preposition,
 * conjunction or particle after the opener; the first item is its whole piece or follows a verb, a preposition
 * or 的 (摸清……的重点人), and the second is followed by 的, 等, 和/及/与, the mark that ends its piece, or a verb
 * (各乡镇，各部门要……). Two clauses that open alike (重点抓好……，重点推进……) have a verb in the item. For reports
 * on 1996 on (SERIES_BY_SHAPE_FROM).
 */
export function parallelOpeners(paragraph: string, year?: number): Finding[] {
  const out: Finding[] = [];
  if (!paragraph.includes("，") || (year !== undefined && year < SERIES_BY_SHAPE_FROM)) return out;
  const pieces = [...paragraph.matchAll(/([^，、。；：！？“”《》（）\n]*)([，、。；：！？“”《》（）\n]|$)/g)];
  for (let i = 1; i < pieces.length; i++) {
    if (pieces[i - 1][2] !== "，") continue;
    const left = pieces[i - 1][1];
    const right = pieces[i][1];
    if (!HAN.test(left) || !HAN.test(right) || left.length < 2 || right.length < 2) continue;
    // A cheap test first: the first item opens within the last six characters with the second's first character.
    if (!left.slice(-6).includes(right[0])) continue;
    const r = tag(right.slice(0, 12), false);
    const opener = r[0]?.word ?? "";
    if (!left.includes(opener) || opener.length === right.length) continue;
    const l = tag(left, false);
    let a = -1;
    for (let k = l.length - 1, len = 0; k >= 0 && len <= 6; k--) {
      len += l[k].word.length;
      // The segmenter may join the opener to its noun on one side (各乡镇 | 各 部门): a word that opens with it.
      if (l[k].word.startsWith(opener)) {
        a = k;
        break;
      }
    }
    if (a < 0 || (a > 0 && !/^(?:v|p|uj)$/.test(l[a - 1].tag))) continue;
    const itemA = l.slice(a);
    // The second item: the opener and the words after it, up to a word that ends the item.
    let b = 1;
    let lenB = opener.length;
    while (b < r.length && lenB < 6 && !ENDS_ITEM.test(r[b].word) && !/^(?:v|vd|d|p|c|u|uj|r)/.test(r[b].tag)) lenB += r[b++].word.length;
    const itemB = r.slice(0, b);
    const lenA = itemA.reduce((n, w) => n + w.word.length, 0);
    if (lenA < 2 || lenB < 2 || lenA === opener.length || lenB === opener.length || Math.abs(lenA - lenB) > 2 || lenA > 6) continue;
    // A verb after the second item makes it a subject: then the first is a subject beside it only when it is
    // its whole piece (各乡镇，各部门要……), not the end of a clause (改进农村金融服务，农村信用社要……).
    const after = r[b];
    if (after && !ENDS_ITEM.test(after.word) && !(/^v/.test(after.tag) && a === 0)) continue;
    if (b < r.length && lenB >= 6 && !ENDS_ITEM.test(r[b].word)) continue;
    if (![...itemA.slice(1), ...itemB.slice(1)].every((w) => /^(?:n|nr|ns|nt|nz|ng|j|b|vn|an)$/.test(w.tag))) continue;
    // An adjective repeated at the head of each phrase is a figure of emphasis, written both ways by the
    // congress reports (伟大斗争，伟大工程…… in 2017, with 顿号 in 2022): left alone.
    if (/^(?:v|vd|d|p|c|u|m|t|f|a)/.test(r[0].tag)) continue;
    // A one-character opener is a determiner (各, 每); where the dictionary calls it a noun it is a verb (学理论).
    if (opener.length === 1 && /^n/.test(r[0].tag)) continue;
    // The same words twice is a clause taking up the last one's words (……旧体制，旧体制的……), no series; and
    // no word of the items is one official prose writes as a verb (学理论，学法律; 利用空地，利用河畔).
    const words = [...itemA, ...itemB];
    if (itemA.map((w) => w.word).join("") === itemB.map((w) => w.word).join("")) continue;
    const usage = officialUsage();
    if (words.some((w) => VERB_BEFORE.some((x) => usage.pair(x, w.word) > 0) || VERB_AFTER.some((x) => usage.pair(w.word, x) > 0))) continue;
    const at = pieces[i].index - 1;
    out.push(finding(paragraph, "punctuation", "warning", at, at + 1, "并列的词语之间应用顿号，不用逗号", "、"));
  }
  return out;
}
const ENDS_ITEM = /^(?:的|等|等等|和|及|与|以及)$/;
/**
 * GB/T 15834-1995, the first national standard of punctuation, took effect in 1996; the reports before it list
 * parallel addressees and slogans with commas as their time did (一切共产党员，一切国家机关的工作人员, 1955).
 */
export const SERIES_BY_SHAPE_FROM = 1996;
