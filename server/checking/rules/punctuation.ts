import type { Finding } from "../types.ts";
import { classifyLine } from "../../corpus/clean.ts";
import { lineSpans, type Span } from "../../text/sentences.ts";
import { punctuationIssues } from "../../text/punctuation.ts";
import { unmatchedPairMarks } from "./pairs.ts";
import { checkPunctuationClauses } from "./punctuation-clauses.ts";
import { checkSpacing } from "./spacing.ts";
import { finding, type RuleContext } from "./types.ts";

/**
 * Lines of a web page the text was copied from (site chrome, ads): the placeholder rule reports each such
 * block once; their own marks (分享:, 【字号：…】) are not the report's punctuation.
 */
export function webLines(text: string): (line: Span) => boolean {
  const chrome = new Set<number>();
  for (const l of lineSpans(text)) {
    const t = l.text.trim();
    if (t.length > 80) continue;
    const kind = classifyLine(t);
    if (kind === "ad" || kind === "chrome" || kind === "paywall" || /^(?:您的位置|当前位置|来源|时间|发布时间)[:：]/.test(t)) chrome.add(l.start);
  }
  return (line) => chrome.has(line.start);
}

/**
 * GB/T 15834-2011 punctuation (the clauses implemented: docs/punctuation.md): half-width marks in
 * Chinese text, unmatched pairs across a paragraph, wrong ellipsis, doubled marks, 顿号 between quoted
 * items, stray spaces, and the clause-level rules of punctuation-clauses.ts.
 */
export function checkPunctuation(text: string, _ctx: RuleContext): Finding[] {
  const web = webLines(text);
  const lines = lineSpans(text);
  const inWeb = (at: number) => {
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid].start <= at) lo = mid;
      else hi = mid - 1;
    }
    return web(lines[lo]);
  };
  let unmatched: Set<number> | null = null;
  const marks = punctuationIssues(text)
    .filter((i) => {
      if (inWeb(i.start)) return false;
      if (!i.message.includes("不成对")) return true;
      unmatched ??= unmatchedPairMarks(text, web);
      return unmatched.has(i.start);
    })
    .map((i) => finding(text, "punctuation", i.severity, i.start, i.end, i.message, i.suggestion));
  return [...marks, ...checkSpacing(text, web), ...checkPunctuationClauses(text, web)].sort((a, b) => a.start - b.start);
}
