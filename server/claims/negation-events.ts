/**
 * Negations matched to the events they negate: whether the other text speaks of a negated event, states
 * it without its negation, or names as a problem what one side says is lacking.
 */
import { tag } from "../text/segment.ts";
import { isContentChar } from "./align.ts";
import type { Clause } from "./clauses.ts";
import { negationScopes } from "./markers.ts";

const NEGATED_VERB = /(?:不|没有|没|未|尚未|还没有|还没|从未|拒不)([\u4e00-\u9fff]{2})/g;
const DONE_VERB = /(?:已经|已|业已)([\u4e00-\u9fff]{2})/g;

/**
 * A verb the original negates that the rewrite says is done (当事人一直不签字 → 当事人已签字确认): the
 * polarity changed even where the count of negations stayed the same.
 */
export function negatedThenDone(before: string, after: string): { before: string; after: string } | null {
  const negated = new Map([...before.matchAll(NEGATED_VERB)].map((m) => [m[1], m[0]]));
  for (const m of after.matchAll(DONE_VERB)) {
    const was = negated.get(m[1]);
    if (was) return { before: was, after: m[0] };
  }
  return null;
}

/** The other text speaks of something a negation of `clauses` negates: a content character of its first three. */
export function negatedEventIn(clauses: Clause[], other: string): boolean {
  return clauses.some((c) => negationScopes(c.text).some((scope) => [...scope.slice(0, 3)].some((ch) => isContentChar(ch) && other.includes(ch))));
}

/** An event a definite negation of `from` negates that `to` states, two characters of it in a row, with no negation over it. */
export function eventUnnegated(from: Clause[], to: Clause[]): boolean {
  const toText = to.map((c) => c.text).join("，");
  const negatedInTo = to.flatMap((c) => negationScopes(c.text)).join("|");
  return from.some((c) => negationScopes(c.text, true).some((scope) => {
    const pair = [...scope.slice(0, 3)].filter(isContentChar).join("").slice(0, 2);
    return pair.length === 2 && toText.includes(pair) && !negatedInTo.includes(pair);
  }));
}

const LACKED = /(?:没有|没|缺乏|缺少|缺)([\u4e00-\u9fff]{2})/g;

/** How often `text` names as a problem (信号问题, 人手不足) something `other` says is lacking (没信号, 缺人手). */
export function namedLacks(other: string, text: string): number {
  let n = 0;
  for (const m of other.matchAll(LACKED)) {
    const thing = m[1];
    // What is lacking is a thing (信号, 人手), not an act (没发现问题 → 发现问题 drops the negation).
    if (/^v/.test(tag(thing, false)[0]?.tag ?? "")) continue;
    if (new RegExp(`${thing}(?:问题|困难|较差|缺失)`).test(text)) n++;
  }
  return n;
}
