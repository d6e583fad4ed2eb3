import type { Finding } from "../types.ts";
import { classifyLine } from "../../corpus/clean.ts";
import { lineSpans, type Span } from "../../text/sentences.ts";
import { punctuationIssues } from "../../text/punctuation.ts";
import { PAIRS, unmatchedPairMarks } from "./pairs.ts";
import { paragraphClauses, titleStopIn } from "./punctuation-clauses.ts";
import { headingStops, lineClauses } from "./punctuation-lines.ts";
import { markClauses } from "./punctuation-marks.ts";
import { dunBeforeRunItem, itemRunMarks, missingMarkBeforeRunItem, paragraphEndStops } from "./punctuation-runs.ts";
import { framelessSeries, parallelOpeners } from "./punctuation-frameless.ts";
import { commaInSeries } from "./punctuation-series.ts";
import { dotInDayNames, transitionSentence } from "./punctuation-names.ts";
import { openFrameComma } from "./punctuation-frames.ts";
import { eachParagraph } from "./paragraphs.ts";
import { checkSpacing } from "./spacing.ts";
import { finding, type RuleContext } from "./types.ts";

/** A line of a web page the text was copied from (site chrome, ads): its own marks (分享:, 【字号：…】) are not the report's punctuation. */
export function isWebLine(line: string): boolean {
  const t = line.trim();
  if (t.length > 80) return false;
  const kind = classifyLine(t);
  return kind === "ad" || kind === "chrome" || kind === "paywall" || /^(?:您的位置|当前位置|来源|时间|发布时间)[:：]/.test(t);
}

/** The web-page lines of a text (see isWebLine), as a test on its line spans. */
export function webLines(text: string): (line: Span) => boolean {
  const chrome = new Set<number>();
  for (const l of lineSpans(text)) if (isWebLine(l.text)) chrome.add(l.start);
  return (line) => chrome.has(line.start);
}

/**
 * GB/T 15834-2011 punctuation (the clauses implemented: docs/punctuation.md): half-width marks in
 * Chinese text, unmatched pairs across a paragraph, wrong ellipsis, doubled marks, 顿号 between quoted
 * items, stray spaces, and the clause-level rules of punctuation-clauses.ts.
 */
export function checkPunctuation(text: string, ctx?: RuleContext): Finding[] {
  return [...eachParagraph(text, (p) => punctuationInParagraph(p, ctx?.year)), ...punctuationAcrossText(text)].sort((a, b) => a.start - b.start);
}

/**
 * GB/T 15834-2011 took effect on 1 June 2012. Its §4.5.3.5 (no 顿号 between items each in quotes or 书名号)
 * was new: the national reports before it print 》、《 and ”、“ as the usage of their time, so a report on
 * an earlier year is not held to it.
 */
export const QUOTED_SERIES_FROM = 2012;
const QUOTED_SERIES = "标有引号或书名号的并列成分之间通常不用顿号";

/**
 * The marks judged within one paragraph: all but the pairs that may close on another line, the title and
 * the spaces. `year`: the year the report reviews (undefined: today's rules).
 */
export function punctuationInParagraph(paragraph: string, year?: number): Finding[] {
  if (isWebLine(paragraph)) return [];
  const modern = year === undefined || year >= QUOTED_SERIES_FROM;
  const marks = punctuationIssues(paragraph)
    .filter((i) => !i.message.includes("不成对") && (modern || i.message !== QUOTED_SERIES))
    .map((i) => finding(paragraph, "punctuation", i.severity, i.start, i.end, i.message, i.suggestion));
  const found = [...marks, ...paragraphClauses(paragraph), ...lineClauses(paragraph), ...markClauses(paragraph), ...itemRunMarks(paragraph), ...commaInSeries(paragraph), ...dunBeforeRunItem(paragraph), ...missingMarkBeforeRunItem(paragraph),
    ...dotInDayNames(paragraph), ...transitionSentence(paragraph)];
  // A series in an open frame or without one may be one the other series rules already reported (公安，检察，
  // 法院等): once a mark.
  const at = new Set(found.map((f) => f.start));
  const framed = openFrameComma(paragraph).filter((f) => !at.has(f.start));
  for (const f of framed) at.add(f.start);
  for (const f of framelessSeries(paragraph)) if (!at.has(f.start)) (at.add(f.start), framed.push(f));
  return [...found, ...framed, ...parallelOpeners(paragraph, year).filter((f) => !at.has(f.start))];
}

const PAIR_NAMES: Record<string, string> = { "“": "引号", "《": "书名号", "（": "括号", "【": "方头括号", "‘": "单引号", "〔": "六角括号" };

/** The marks judged across the document: pairs left open across lines, the title's end, stray spaces. */
export function punctuationAcrossText(text: string): Finding[] {
  const web = webLines(text);
  const pairs: Finding[] = [];
  for (const at of unmatchedPairMarks(text, web)) {
    const pair = PAIRS.find(([o, c]) => text[at] === o || text[at] === c);
    if (!pair) continue;
    const [open, close] = pair;
    const name = PAIR_NAMES[open];
    const message = text[at] === open ? `${name}不成对：缺少后${name.replace("号", "")}“${close}”` : `${name}不成对：缺少前${name.replace("号", "")}“${open}”`;
    pairs.push(finding(text, "punctuation", "error", at, at + 1, message));
  }
  const lines = lineSpans(text).filter((l) => !web(l));
  return [...pairs, ...checkSpacing(text, web), ...titleStopIn(text, web), ...headingStops(text, lines), ...paragraphEndStops(text, lines)];
}
