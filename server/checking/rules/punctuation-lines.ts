import type { Finding } from "../types.ts";
import { tag } from "../../text/segment.ts";
import { finding } from "./types.ts";

/**
 * GB/T 15834-2011 clauses judged on a paragraph's shape (docs/punctuation.md, "Lines"), one function each:
 *
 * - a 顿号 and the conjunction 及 are not used together between the last two items of a series (A、B、及C
 *   → A、B及C; §4.5.3.1: the 顿号 marks the pause the conjunction already makes). Only 及: after a 顿号,
 *   和 and 与 open names (和平区, 和美) and parallel prepositional phrases (与A相适应、与B相协调), and
 *   以及 joins a longer last item, as official prose writes them (docs/punctuation.md).
 *
 * Not implemented: a heading alone on its line that ends in 。 — the national reports print their
 * （一） headings with a stop about as often as without, so it is no error there.
 */
export function lineClauses(paragraph: string): Finding[] {
  return enumerationConjunction(paragraph);
}

/** Conjunctions that join the last item of a series. */
const SERIES_CONJ = /^(?:及|及其)$/;

function enumerationConjunction(paragraph: string): Finding[] {
  const out: Finding[] = [];
  for (const m of paragraph.matchAll(/、(?=及)/g)) {
    // Two items at least before it (A、B、及C), or one item and the conjunction (A、及B): a series either way.
    const window = paragraph.slice(m.index + 1, m.index + 9);
    const first = tag(window)[0];
    if (!first || !SERIES_CONJ.test(first.word)) continue;
    // 和、与、及 listed as items themselves (关于“和”、“与”的用法): no word follows the conjunction.
    if (/^[^\p{Script=Han}]/u.test(window.slice(first.word.length))) continue;
    out.push(finding(paragraph, "punctuation", "warning", m.index, m.index + 1, `并列成分之间用了连词“${first.word}”，前面不再用顿号`, ""));
  }
  return out;
}
