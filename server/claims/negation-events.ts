/**
 * Negations matched to the events they negate: whether the other text speaks of a negated event, states
 * it without its negation, or names as a problem what one side says is lacking.
 */
import { tag } from "../text/segment.ts";
import { isContentChar } from "./align.ts";
import type { Clause } from "./clauses.ts";
import { DEFINITE_NEGATION, negationScopes } from "./markers.ts";
import { cut } from "../text/segment.ts";

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
  return clauses.some((c) => negationScopes(c.text).some((scope) => evidence(scope.slice(0, 3)).some((ch) => other.includes(ch))));
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

/**
 * The predicates the definite negations of a clause negate: the first word after the negation (不认补偿
 * 标准: 认, not the 补偿标准 it takes), both halves of a verb split by it (找不到: 找, 到), or for a negation
 * that ends its clause the word before it (留不住: 留).
 */
export function negatedPredicates(text: string): string[] {
  const out: string[] = [];
  const BREAK = /[、，,；;。：:（(“”]/u;
  for (const m of text.matchAll(/还没有|还没|尚未|未能|没有|[不没未无]/g)) {
    if (!DEFINITE_NEGATION.test(m[0])) continue;
    const at = m.index ?? 0;
    const after = text.slice(at + m[0].length).split(BREAK)[0];
    const before = text.slice(0, at).split(BREAK).pop() ?? "";
    const next = after ? cut(after)[0] ?? "" : "";
    if (next) out.push(next);
    // 找不到, 留不住, 跟不上: the verb before a 不 or 没 that sits inside the verb.
    if (/^[不没]/.test(m[0]) && before && /^[到住上下了完动起来成着出见]/.test(after)) out.push(before[before.length - 1]);
    if (!next && before) out.push(cut(before).pop() ?? "");
  }
  return out.filter(Boolean);
}

/**
 * The other text speaks of what a definite negation of `clauses` negates: a content character of a negated
 * predicate (没发现 → 发现, 还没发出去 → 已发放). The thing the predicate takes is not enough: 不认补偿标准 →
 * 对补偿标准有异议 keeps the objection in other words.
 */
export function negatedPredicateIn(clauses: Clause[], other: string): boolean {
  return clauses.some((c) => {
    const ps = negatedPredicates(c.text);
    // A light verb (搞, 出, 去, 有) or none found says too little of the event: what it takes decides, as before.
    if (ps.length === 0 || ps.some((p) => LIGHT.test(p))) return negatedEventIn([c], other);
    return ps.some((p) => evidence(p).some((ch) => other.includes(ch)));
  });
}

/**
 * The content characters that show the same event: a light verb that opens the words (出事, 有人) is no
 * evidence where content follows it (没出事 and 排查出 share only 出); 发现 keeps its 发, as nothing follows.
 */
function evidence(words: string): string[] {
  const rest = words.length >= 2 && LIGHT.test(words[0]) ? [...words.slice(1)].filter(isContentChar) : [];
  return rest.length ? rest : [...words].filter(isContentChar);
}

const LIGHT = /^(?:[搞弄出去来做干有整办上下发到住见成完好起了得过让给把被是在]|一般)$/;
