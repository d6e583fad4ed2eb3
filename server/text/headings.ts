/**
 * The one home of the genre's heading numbering: the four levels 一、（一）1.（1）, the part headings above them
 * (第一部分/第一篇/第一章), and the list markers of facts and items. Every other module reads, writes and strips
 * markers through this file (a test fails when a heading-marker pattern appears elsewhere under server/).
 * No native code: the editor imports it too, so it shows the labels the server writes.
 *
 * The marker table has two forms per level:
 * - strict: written without spaces and with its level's separator (一、 （一） 1. （1）); the half-width
 *   brackets "(一)", "1、" and "1．", and a stray mark after a bracket "（一）、" are still this form, and the
 *   match reports that mark (`sep`) so the numbering check can flag it;
 * - lenient: what archived files also contain: spaces inside and after the marker ("（ 一 ）", "一 、"),
 *   and 一，/一. /一．as a first level.
 */
import { chineseOrdinal, parseOrdinal } from "./numerals.ts";
import { splitSentences } from "./sentences.ts";
import { foldTraditional } from "./traditional.ts";

export type MarkerLevel = 1 | 2 | 3 | 4;
export type MarkerForm = "strict" | "lenient";

/** A Chinese heading ordinal as written (一 … 九十九); parseOrdinal refuses the malformed ones (十十). */
const CN = "[一二三四五六七八九十]{1,3}";
const NUM = "\\d{1,2}";
const OPEN = "[（(]";
const CLOSE = "[）)]";
/** What may follow a bracketed marker in the lenient form and is reported after it in the strict one. */
const BRACKET_TAIL = "[、，,．.]";

interface MarkerRow {
  level: MarkerLevel;
  /** The form the house writes, for ordinal 1. */
  example: string;
  strict: RegExp;
  lenient: RegExp;
}

/**
 * The marker table, bracketed levels first. Group 1 is the ordinal, group 2 the separator or the mark after
 * the bracket. Order between rows never matters for a match: a bracketed row and a bare row cannot both match.
 */
export const MARKER_TABLE: readonly MarkerRow[] = [
  {
    level: 2,
    example: "（一）",
    strict: new RegExp(`^${OPEN}(${CN})${CLOSE}(${BRACKET_TAIL}?)`),
    lenient: new RegExp(`^${OPEN}\\s*(${CN})\\s*${CLOSE}\\s*(${BRACKET_TAIL}?)\\s*`),
  },
  {
    level: 4,
    example: "（1）",
    strict: new RegExp(`^${OPEN}(${NUM})${CLOSE}(${BRACKET_TAIL}?)`),
    lenient: new RegExp(`^${OPEN}\\s*(${NUM})\\s*${CLOSE}\\s*(${BRACKET_TAIL}?)\\s*`),
  },
  {
    level: 1,
    example: "一、",
    strict: new RegExp(`^(${CN})(、)`),
    lenient: new RegExp(`^(${CN})\\s*([、，,．.])\\s*`),
  },
  {
    level: 3,
    example: "1.",
    // Never a decimal (3.5) nor a version-like 1.2.
    strict: new RegExp(`^(${NUM})([.．、])(?!\\d)`),
    lenient: new RegExp(`^(${NUM})\\s*([.．、])(?![\\d.．])\\s*`),
  },
];

/** A heading marker at the start of a line. */
export interface MarkerMatch {
  level: MarkerLevel;
  ordinal: number;
  /** The marker as written, without the spaces after it ("（一）", "(一)、", "1、"). */
  marker: string;
  /** Characters the marker takes, spaces after it included in the lenient form. */
  length: number;
  /** The separator of 一、 and 1. ("、", "．" …), or the mark written after a bracket ("" when none). */
  sep: string;
}

/**
 * The marker a line starts with (no leading spaces skipped), in the given form and restricted to some levels;
 * null when there is none or its ordinal is no number (十十、, （0）).
 */
export function matchMarker(line: string, form: MarkerForm = "lenient", levels?: readonly MarkerLevel[]): MarkerMatch | null {
  for (const row of MARKER_TABLE) {
    if (levels && !levels.includes(row.level)) continue;
    const m = row[form].exec(line);
    if (!m) continue;
    const ordinal = parseOrdinal(m[1]);
    if (!Number.isFinite(ordinal) || ordinal === 0) return null;
    return { level: row.level, ordinal, marker: m[0].trimEnd(), length: m[0].length, sep: m[2] };
  }
  return null;
}

/** The marker the house writes for a level and ordinal: 一、 （一） 1. （1）. */
export function markerFor(level: MarkerLevel, n: number): string {
  if (level === 1) return `${chineseOrdinal(n)}、`;
  if (level === 2) return `（${chineseOrdinal(n)}）`;
  if (level === 3) return `${n}.`;
  return `（${n}）`;
}

/** A line without its heading marker and the spaces around it; the line trimmed of leading spaces when it has none. */
export function stripMarker(line: string, form: MarkerForm = "lenient", levels?: readonly MarkerLevel[]): string {
  const s = line.trimStart();
  const m = matchMarker(s, form, levels);
  return m ? s.slice(m.length).trimStart() : s;
}

/** Headings with their numbering derived from order and level: 一、… then （一）… restarting under each 一、. */
export function headingLabels(sections: ReadonlyArray<{ level: number; heading: string }>): string[] {
  let l1 = 0;
  let l2 = 0;
  return sections.map((s) => {
    if (s.level === 1) {
      l1++;
      l2 = 0;
      return `${markerFor(1, l1)}${s.heading}`;
    }
    if (s.level === 2) {
      l2++;
      return `${markerFor(2, l2)}${s.heading}`;
    }
    return s.heading;
  });
}

// ——— List items: a fact or an item of a list, with a bullet, a circled number or a marker of any level ———

const BULLET = "[-–—•·●▪◦*+]";
const CIRCLED = "[\\u2460-\\u2473]";
const ITEM_MARKER = new RegExp(
  `^\\s*(?:${BULLET}\\s*|${CIRCLED}\\s*|\\d{1,3}\\s*(?:[.．](?!\\d)|[、)）])\\s*|${OPEN}\\s*\\d{1,3}\\s*[)）]\\s*|${CN}\\s*[、.．]\\s*|${OPEN}\\s*${CN}\\s*[)）]\\s*)`,
);

/** Whether a line opens with a list marker: a bullet, ①, 1. 1、 1) （1） 一、 一. （一）. */
export const hasItemMarker = (line: string): boolean => ITEM_MARKER.test(line);

/** A line without its list marker (see hasItemMarker). */
export const stripItemMarker = (line: string): string => line.replace(ITEM_MARKER, "");

/** A marker a pasted paragraph may already carry, so a restored Word number is not written twice (①… included). */
export const hasTypedNumber = (line: string): boolean => matchMarker(line, "lenient") !== null || new RegExp(`^${CIRCLED}`).test(line);

// ——— 一是、二是: an enumeration inside a paragraph ———

const ENUMERATOR = new RegExp(`^\\s*${CN}是`);

/** A clause without its leading 一是/二是. */
export const stripEnumerator = (s: string): string => s.replace(ENUMERATOR, "");

// ——— Heading lines of a report ———

// Part headings above 一、: "第一部分 2024年工作总结", "第二篇 存在的问题", "第三章 工作打算". Some 工作总结 (and the
// 总结+计划 combined reports) are cut into parts, each with its own 一、 run. A part heading stands alone
// on its line; it never runs into a paragraph.
const PART_RE = new RegExp(`^第\\s*(${CN}|\\d{1,2})\\s*(部分|篇|章)[\\s\u3000]*[、．.：:—-]*[\\s\u3000]*`);
/** Rank in the heading stack: a 部分 contains 篇 contains 章 contains 一、 (level 1). */
const PART_RANK: Record<string, number> = { 部分: -0.3, 篇: -0.2, 章: -0.1 };
/** Longest text after a part marker; a longer line is a sentence that happens to start with 第一部分. */
export const MAX_PART_TEXT = 30;
// What follows a part marker in a sentence rather than a title: "第一部分是……", "第二部分的内容……".
// Only checked when nothing separates marker and text: "第一部分 为民办实事" is a heading.
const PART_SENTENCE_NEXT = /^(?:的|是|为|共|已|将|由|和|与|及|即|包括|分为|分别|主要是|主要包括|内容)/;

/** Whether a line starts like a heading: a strict marker of any level, or a part marker (第一部分, 第2章). */
export const startsLikeHeading = (line: string): boolean => matchMarker(line, "strict") !== null || PART_RE.test(line);

/** A heading line of a report. Offsets are into the (cleaned) text the line comes from. */
export interface HeadingLine {
  /** 0: 第一部分/第一篇/第一章, 1: 一、 2: （一） 3: 1. 4: （1） */
  level: number;
  ordinal: number;
  /** The marker as written, e.g. "（一）" or "(一)" or "1、". */
  marker: string;
  /** Heading text without marker and without run-in body. */
  text: string;
  /** The heading runs into its paragraph ("……。正文"). */
  runIn: boolean;
  start: number;
  end: number;
  /** Offset where the body of a run-in heading begins; = line end otherwise. */
  bodyStart: number;
}

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

/**
 * Parse a line as a heading (a part heading, or a lenient marker of the four levels followed by text), with a
 * run-in heading split from its body; `lineStart` is its offset in the text. Null when it is not one.
 */
export function parseHeading(line: string, lineStart = 0): HeadingLine | null {
  const part = parsePartHeading(line, lineStart);
  if (part) return part;
  const m = matchMarker(line, "lenient");
  if (!m) return null;
  const { level, ordinal, marker } = m;
  const restAt = m.length;
  const rest = line.slice(restAt);
  if (!/[\p{L}\p{N}]/u.test(rest)) return null;
  const first = splitSentences(rest, { limit: 1 })[0];
  const firstEnd = first ? first.end : rest.length;
  // Strip the sentence's end punctuation from the heading text ("3.扎实开展……学习教育。").
  let textEnd = firstEnd;
  while (textEnd > 0 && /[。！？!?；;：:\s]/.test(rest[textEnd - 1])) textEnd--;
  const runIn = firstEnd < rest.length && rest.slice(firstEnd).trim() !== "";
  const headingText = rest.slice(0, textEnd);
  if (headingText.length > MAX_HEADING_SENTENCE) {
    // A marker followed by a long sentence: the heading is its first clause ("三、优化服务区委政法委以……，").
    const clause = /[，,；;：:]/.exec(rest);
    const cut = clause && clause.index <= MAX_CLAUSE ? clause.index : Math.min(MAX_CLAUSE, headingText.length);
    // The whole sentence is body: nothing of it is heading only.
    return { level, ordinal, marker, text: rest.slice(0, cut), runIn: true, start: lineStart, end: lineStart + restAt + cut, bodyStart: lineStart + restAt };
  }
  const bodyStart = runIn ? lineStart + restAt + firstEnd : lineStart + line.length;
  return { level, ordinal, marker, text: headingText, runIn, start: lineStart, end: lineStart + restAt + textEnd, bodyStart };
}
