import { CLAIM_KIND_LABELS, type ClaimChange } from "../../../../server/claims/types.ts";

/** The clause with the words that carry the claim marked, so the writer sees at once what moved. */
function Clause({ text, word }: { text: string; word: string }) {
  const at = word ? text.indexOf(word) : -1;
  if (at < 0) return <>“{text}”</>;
  return (
    <>
      “{text.slice(0, at)}
      <mark>{word}</mark>
      {text.slice(at + word.length)}”
    </>
  );
}

/** The message without the label it may start with (“进度状态由…” under 进度状态 reads “进度状态：由…”). */
function withoutLabel(message: string, label: string): string {
  return message.startsWith(label) && message.length > label.length ? message.slice(label.length) : message;
}

/**
 * Which claims changed, each with the clause before and after. `beforeLabel` says what the first
 * side is: the original of a rewrite (原文) or the fact a section was written from (要点).
 */
export function ClaimChanges({ claims, beforeLabel, afterLabel }: { claims: ClaimChange[]; beforeLabel: string; afterLabel: string }) {
  if (claims.length === 0) return null;
  return (
    <ul className="claims" aria-label="说法改变">
      {claims.map((c, i) => (
        <li key={i}>
          <strong>{CLAIM_KIND_LABELS[c.kind]}</strong>：{withoutLabel(c.message, CLAIM_KIND_LABELS[c.kind])}
          <dl>
            <dt>{beforeLabel}</dt>
            <dd>{c.beforeText ? <Clause text={c.beforeText} word={c.before} /> : "（没有）"}</dd>
            <dt>{afterLabel}</dt>
            <dd>{c.afterText ? <Clause text={c.afterText} word={c.after} /> : "（删去）"}</dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}

/**
 * What the writer should still look at beside an accepted rewrite (请核对): each flag beside the sentence
 * of the rewrite it concerns (or the original's, for something left out), the words marked. The rewrite
 * can still be accepted.
 */
export function ClaimFlags({ flags }: { flags: ClaimChange[] }) {
  if (flags.length === 0) return null;
  return (
    <ul className="claims flags" aria-label="请核对">
      {flags.map((c, i) => (
        <li key={i}>
          <strong>请核对</strong>：{c.afterText ? <Clause text={c.afterText} word={c.after} /> : <>原文<Clause text={c.beforeText} word={c.before} /></>}
          <span className="hint">（{CLAIM_KIND_LABELS[c.kind]}：{withoutLabel(c.message, CLAIM_KIND_LABELS[c.kind])}{c.afterText && c.beforeText ? `；原文“${c.beforeText}”` : ""}）</span>
        </li>
      ))}
    </ul>
  );
}
