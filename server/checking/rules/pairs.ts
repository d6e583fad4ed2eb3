import { parseHeading } from "../../text/headings.ts";
import { lineSpans, type Span } from "../../text/sentences.ts";

/** The paired marks of GB/T 15834-2011 (§4.8 引号, §4.9 括号, §4.12 书名号). */
export const PAIRS: Array<[string, string]> = [["“", "”"], ["《", "》"], ["（", "）"], ["【", "】"], ["‘", "’"], ["〔", "〕"]];

/** How far apart (in characters) two leftover marks may be and still be read as one pair broken by a line break. */
const PAIR_REACH = 600;

/**
 * Offsets of pair marks that are really unmatched, judged across the document rather than line by line:
 *
 * - a paragraph's hard-wrapped lines are read as one (text copied from a PDF breaks lines mid-sentence:
 *   紧扣“讲政治、强基 / 础……创一流”); a line ends its paragraph when it ends a sentence (。！？；：
 *   or a closing mark), is empty, or the next line is a heading;
 * - a mark left open in one paragraph and the nearest mark left closing after it (no other open one of
 *   its kind in between, at most PAIR_REACH characters on) are one pair split by a line break, as
 *   extraction leaves a quotation (说：“⏎…⏎”) or a long title (《⏎…纲要（草案）⏎》);
 * - §4.8.3.? practice for a quotation of several paragraphs: each paragraph opens with “ and only the
 *   last one closes it, so an opening quote whose next paragraph starts with “ is not left open;
 * - ’ right before two digits is the apostrophe of an abbreviated year (’99), not a closing quote;
 * - a doubled angle mark (》》更多, 点击进入《《) is an arrow of a web page's link, not a 书名号: it is
 *   neither an opening nor a closing mark.
 */
export function unmatchedPairMarks(text: string, skipLine: (line: Span) => boolean = () => false): Set<number> {
  const lines = lineSpans(text);
  const leftover = new Map<string, { opens: number[]; closes: number[] }>();
  for (const [o] of PAIRS) leftover.set(o, { opens: [], closes: [] });
  let para: Span[] = [];
  const flush = () => {
    for (const [open, close] of PAIRS) {
      const stack: number[] = [];
      const bin = leftover.get(open)!;
      for (const l of para) {
        for (let i = 0; i < l.text.length; i++) {
          const ch = l.text[i];
          if ((ch === "《" || ch === "》") && (l.text[i - 1] === ch || l.text[i + 1] === ch)) continue;
          if (ch === open) stack.push(l.start + i);
          else if (ch === close) {
            if (close === "’" && /^\d{2}/.test(l.text.slice(i + 1, i + 3))) continue;
            if (stack.length > 0) stack.pop();
            else bin.closes.push(l.start + i);
          }
        }
      }
      bin.opens.push(...stack);
    }
    para = [];
  };
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k];
    if (skipLine(l)) {
      flush();
      continue;
    }
    para.push(l);
    const t = l.text.trim();
    const next = lines[k + 1];
    const ends = t === "" || /[。！？；：!?;:”’）)》】…]$/.test(t) || !next || next.text.trim() === "" || parseHeading(next.text, next.start) !== null;
    if (ends) flush();
  }
  flush();

  const unmatched = new Set<number>();
  for (const [open] of PAIRS) {
    const { opens, closes } = leftover.get(open)!;
    const marks = [...opens.map((at) => ({ at, open: true })), ...closes.map((at) => ({ at, open: false }))].sort((a, b) => a.at - b.at);
    const stack: number[] = [];
    for (const m of marks) {
      if (m.open) stack.push(m.at);
      else if (stack.length > 0 && m.at - stack[stack.length - 1] <= PAIR_REACH) stack.pop();
      else unmatched.add(m.at);
    }
    for (const at of stack) {
      if (open === "“" && nextParagraphOpens(text, at, open)) continue;
      unmatched.add(at);
    }
  }
  return unmatched;
}

/** Does the paragraph after the one holding `at` start with the same opening mark (a quotation running on)? */
function nextParagraphOpens(text: string, at: number, open: string): boolean {
  const nl = text.indexOf("\n", at);
  if (nl < 0) return false;
  const rest = text.slice(nl + 1, nl + 200).replace(/^[\s\u3000]+/, "");
  return rest.startsWith(open);
}
