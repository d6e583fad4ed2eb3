import type { Finding } from "../types.ts";
import { tag } from "../../text/segment.ts";
import { finding } from "./types.ts";

/**
 * GB/T 15834-2011 §4.5.3.1 with §4.4.3.1 (docs/punctuation.md, "Series"): the 顿号 joins the parallel words and
 * short phrases of one constituent; the comma joins clauses. A series whose items are joined by 顿号 is one
 * constituent, so a comma between two of its items (以维护社会稳定，促进经济发展、保障司法公正为重心; 主要领导负责抓、
 * 分管领导具体抓，相关部门配合抓的局面) is a 顿号 written as a comma. The items are known by their shape, not by
 * their words: the same length, opening with the same kind of word by the segmenter, with the series closed
 * by what makes it one constituent (的 + the noun it modifies, 为 of 以……为, 等, 共 + a count). Judged per
 * sentence stretch (between 。；：！？), linear in it.
 */
export function commaInSeries(paragraph: string): Finding[] {
  const out: Finding[] = [];
  for (const m of paragraph.matchAll(/[^。；：！？\n]+/g)) {
    const s = m[0];
    if (!s.includes("、") || !s.includes("，")) continue;
    for (let c = s.indexOf("，"); c >= 0; c = s.indexOf("，", c + 1)) {
      const at = seriesComma(s, c);
      if (at) out.push(finding(paragraph, "punctuation", "warning", m.index + c, m.index + c + 1, "同一组并列的词语已用顿号隔开，这里也应用顿号，不用逗号", "、"));
    }
  }
  return out;
}

const HAN_ITEM = /^\p{Script=Han}{2,10}$/u;
const CLOSER = /^(?:的\p{Script=Han}|为\p{Script=Han}|等|共[0-9一二三四五六七八九十两几]|、)/u;

/** The coarse kind of an item's first word: verbal or nominal (the segmenter's tags). */
function kindOf(item: string): string {
  const first = tag(item, false)[0];
  if (!first) return "";
  if (/^(?:v|vn|vd|l|i)$/.test(first.tag)) return "v";
  if (/^(?:n|nr|ns|nt|nz|nrt|nrfg|b|a|an|r|m)$/.test(first.tag) || first.tag.startsWith("n")) return "n";
  return first.tag;
}

/**
 * Is the comma at `c` of the stretch `s` inside a series of 顿号-joined items? Two shapes: A，B、C… (the comma
 * before the run) and …A、B，C (the comma after it); the series then closes (CLOSER).
 */
function seriesComma(s: string, c: number): boolean {
  const left = s.slice(s.lastIndexOf("，", c - 1) + 1, c);
  const nextComma = s.indexOf("，", c + 1);
  const right = s.slice(c + 1, nextComma < 0 ? s.length : nextComma);
  let items: string[];
  let tail: string;
  let n: number;
  if (right.includes("、") && !left.includes("、")) {
    // A，B、C…: B and the items after it are whole; A is the end of the left piece, as long as B.
    const r = right.split("、");
    n = r[0].length;
    const last = r[r.length - 1];
    if (!HAN_ITEM.test(r[0]) || last.length < n || left.length < n || !governsAlone(left.slice(0, -n))) return false;
    items = [left.slice(-n), ...r.slice(0, -1), last.slice(0, n)];
    tail = last.slice(n);
  } else if (left.includes("、") && !right.includes("、")) {
    // …A、B，C: C is the start of the right piece, as long as B.
    const l = left.split("、");
    n = l[l.length - 1].length;
    if (l[0].length < n || right.length < n || !governsAlone(l[0].slice(0, -n))) return false;
    items = [l[0].slice(-n), ...l.slice(1), right.slice(0, n)];
    tail = right.slice(n);
  } else return false;
  if (items.length < 3 || !items.every((x) => x.length === n && HAN_ITEM.test(x))) return false;
  if (!CLOSER.test(tail)) return false;
  // Before 的 the last item is a predicate the 的 turns into a modifier (配合抓的局面); a noun there (尊重群众的
  // 首创精神) makes 的 a possessive inside a clause of its own, and so may a verb whose object runs on past 的
  // (增进人民福祉，完成时代赋予的……任务): before 的 the items must also end alike (负责抓、具体抓、配合抓).
  const sameEnd = items.every((x) => x[n - 1] === items[0][n - 1]);
  if (tail[0] === "的") {
    const words = tag(items[items.length - 1], false);
    if (!sameEnd || !/^v/.test(words[words.length - 1]?.tag ?? "")) return false;
  }
  // An enumerator (第六，科学、文教、卫生等) counts the sentence; it is no item of the series.
  if (/^(?:第|其)[一二三四五六七八九十]|^[一二三四五六七八九十]是$/.test(items[0])) return false;
  // Parallel items open with the same kind of word, or end with the same word.
  return new Set(items.map(kindOf)).size === 1 || sameEnd;
}

/**
 * The series' first item is bounded: nothing stands before it in its piece, or one word that governs the
 * series (以, 对, 形成); a longer stretch makes the item's start a guess.
 */
function governsAlone(before: string): boolean {
  if (before === "") return true;
  if (before.length > 2) return false; // (a cost guard: one word of one or two characters)
  const words = tag(before, false);
  return words.length === 1 && /^(?:p|v)$/.test(words[0].tag);
}
