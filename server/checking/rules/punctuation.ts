import type { Finding } from "../types.ts";
import { parseHeading } from "../../text/headings.ts";
import { lineSpans } from "../../text/sentences.ts";
import { punctuationIssues } from "../../text/punctuation.ts";
import { checkSpacing } from "./spacing.ts";
import { finding, type RuleContext } from "./types.ts";

const PAIRS: Array<[string, string]> = [["“", "”"], ["《", "》"], ["（", "）"], ["【", "】"], ["‘", "’"]];

/**
 * Offsets of pair marks left unmatched when a paragraph's hard-wrapped lines are read as one: text
 * copied from a PDF breaks lines mid-sentence (紧扣“讲政治、强基 / 础……创一流”), so a quote opened on
 * one line and closed on the next is paired. A line ends its paragraph when it ends a sentence (。！？；：
 * or a closing mark), is empty, or the next line is a heading.
 */
function unmatchedAcrossWraps(text: string): Set<number> {
  const lines = lineSpans(text);
  const unmatched = new Set<number>();
  let para: Array<{ start: number; text: string }> = [];
  const flush = () => {
    for (const [open, close] of PAIRS) {
      const stack: number[] = [];
      for (const l of para) {
        for (let i = 0; i < l.text.length; i++) {
          if (l.text[i] === open) stack.push(l.start + i);
          else if (l.text[i] === close) {
            if (stack.length > 0) stack.pop();
            else unmatched.add(l.start + i);
          }
        }
      }
      for (const i of stack) unmatched.add(i);
    }
    para = [];
  };
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k];
    para.push(l);
    const t = l.text.trim();
    const next = lines[k + 1];
    const ends = t === "" || /[。！？；：!?;:”’）)》】…]$/.test(t) || !next || next.text.trim() === "" || parseHeading(next.text, next.start) !== null;
    if (ends) flush();
  }
  flush();
  return unmatched;
}

/** GB/T 15834 punctuation: half-width marks in Chinese text, unmatched pairs, wrong ellipsis, 顿号 between quoted items; stray spaces. */
export function checkPunctuation(text: string, _ctx: RuleContext): Finding[] {
  let wrapped: Set<number> | null = null;
  const marks = punctuationIssues(text)
    .filter((i) => {
      if (!i.message.includes("不成对")) return true;
      wrapped ??= unmatchedAcrossWraps(text);
      return wrapped.has(i.start);
    })
    .map((i) => finding(text, "punctuation", i.severity, i.start, i.end, i.message, i.suggestion));
  return [...marks, ...checkSpacing(text)].sort((a, b) => a.start - b.start);
}
