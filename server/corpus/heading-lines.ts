/**
 * Heading lines of a report: part headings (第一部分/第一篇/第一章, level 0) and the four heading levels
 * (一、（一）1.（1）and the variants real files use), with run-in headings split from their body.
 * Offsets are into the cleaned text the line comes from.
 */
import { parseOrdinal } from "../text/numerals.ts";
import { splitSentences } from "../text/sentences.ts";
import { foldTraditional } from "../text/traditional.ts";
import type { Heading } from "./types.ts";

const CN_NUM = "[一二三四五六七八九十]{1,3}";
// Markers at the start of a line, per level. Variants seen in real files: half-width brackets "(一)",
// "1、" and "1．", a stray 顿号 after a bracketed marker "（一）、".
const MARKERS: Array<{ level: 1 | 2 | 3 | 4; re: RegExp }> = [
  { level: 2, re: new RegExp(`^[（(]\\s*(${CN_NUM})\\s*[）)]\\s*[、，,．.]?\\s*`) },
  { level: 4, re: /^[（(]\s*(\d{1,2})\s*[）)]\s*[、，,．.]?\s*/ },
  { level: 1, re: new RegExp(`^(${CN_NUM})\\s*[、，,．.]\\s*`) },
  { level: 3, re: /^(\d{1,2})\s*[.．、](?![\d.．])\s*/ },
];

// Part headings above 一、: "第一部分 2024年工作总结", "第二篇 存在的问题", "第三章 工作打算". Some 工作总结 (and the
// 总结+计划 combined reports) are cut into parts, each with its own 一、 run. A part heading stands alone
// on its line; it never runs into a paragraph.
const PART_RE = new RegExp(`^第\\s*(${CN_NUM}|\\d{1,2})\\s*(部分|篇|章)[\\s\u3000]*[、．.：:—-]*[\\s\u3000]*`);
/** Rank in the heading stack: a 部分 contains 篇 contains 章 contains 一、 (level 1). */
const PART_RANK: Record<string, number> = { 部分: -0.3, 篇: -0.2, 章: -0.1 };
/** Longest text after a part marker; a longer line is a sentence that happens to start with 第一部分. */
export const MAX_PART_TEXT = 30;
// What follows a part marker in a sentence rather than a title: "第一部分是……", "第二部分的内容……".
// Only checked when nothing separates marker and text: "第一部分 为民办实事" is a heading.
const PART_SENTENCE_NEXT = /^(?:的|是|为|共|已|将|由|和|与|及|即|包括|分为|分别|主要是|主要包括|内容)/;

/** Parse a line as a part heading (第一部分/第一篇/第一章 …, level 0); null when it is not one. */
export function parsePartHeading(line: string, lineStart = 0): HeadingLine | null {
  const m = PART_RE.exec(line);
  if (!m) return null;
  const ordinal = parseOrdinal(m[1]);
  if (!Number.isFinite(ordinal) || ordinal === 0) return null;
  const rest = line.slice(m[0].length);
  const text = rest.trimEnd();
  // A part heading is a title: short, no sentence punctuation, not continued like a sentence.
  if (text.length > MAX_PART_TEXT || /[。！？!?；;，,]/.test(text)) return null;
  const marker = `第${m[1]}${m[2]}`;
  const separated = m[0].length > marker.length;
  // With nothing between marker and text, a sentence or a longer word may follow ("第一部分为……", "第一章节").
  if (!separated && (PART_SENTENCE_NEXT.test(foldTraditional(text)) || /^[节回条款项節條項]/.test(text))) return null;
  const end = lineStart + line.trimEnd().length;
  return { level: 0, ordinal, marker, text, runIn: false, start: lineStart, end, bodyStart: lineStart + line.length };
}

/** Stack rank of a heading: parts rank above 一、 (and among themselves 部分 > 篇 > 章); others by level. */
export function headingRank(h: HeadingLine): number {
  if (h.level !== 0) return h.level;
  return PART_RANK[h.marker.replace(/^第.*?(部分|篇|章)$/, "$1")] ?? 0;
}

/** Longest heading text we accept as a sentence of its own; longer first sentences are body text. */
const MAX_HEADING_SENTENCE = 60;
const MAX_CLAUSE = 30;

export interface HeadingLine extends Heading {
  /** Offset (in the cleaned text) where the body of a run-in heading begins; = line end otherwise. */
  bodyStart: number;
}

/** Parse a line as a heading; `lineStart` is its offset in the cleaned text. Null when it is not one. */
export function parseHeadingLine(line: string, lineStart = 0): HeadingLine | null {
  const part = parsePartHeading(line, lineStart);
  if (part) return part;
  for (const { level, re } of MARKERS) {
    const m = re.exec(line);
    if (!m) continue;
    const ordinal = parseOrdinal(m[1]);
    if (!Number.isFinite(ordinal) || ordinal === 0) return null;
    const marker = m[0].trimEnd();
    const restAt = m[0].length;
    const rest = line.slice(restAt);
    if (!/[\p{L}\p{N}]/u.test(rest)) return null;
    const first = splitSentences(rest)[0];
    const firstEnd = first ? first.end : rest.length;
    // Strip the sentence's end punctuation from the heading text ("3.扎实开展……学习教育。").
    let textEnd = firstEnd;
    while (textEnd > 0 && /[。！？!?；;：:\s]/.test(rest[textEnd - 1])) textEnd--;
    const runIn = firstEnd < rest.length && rest.slice(firstEnd).trim() !== "";
    let headingText = rest.slice(0, textEnd);
    let bodyStart = lineStart + restAt + firstEnd;
    if (headingText.length > MAX_HEADING_SENTENCE) {
      // A marker followed by a long sentence: the heading is its first clause ("三、优化服务区委政法委以……，").
      const clause = /[，,；;：:]/.exec(rest);
      const cut = clause && clause.index <= MAX_CLAUSE ? clause.index : Math.min(MAX_CLAUSE, headingText.length);
      headingText = rest.slice(0, cut);
      bodyStart = lineStart + restAt; // the whole sentence is body: nothing of it is heading only
      return { level, ordinal, marker, text: headingText, runIn: true, start: lineStart, end: lineStart + restAt + cut, bodyStart };
    }
    if (!runIn) bodyStart = lineStart + line.length;
    return { level, ordinal, marker, text: headingText, runIn, start: lineStart, end: lineStart + restAt + textEnd, bodyStart };
  }
  return null;
}
