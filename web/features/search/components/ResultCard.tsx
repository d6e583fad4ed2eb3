import type { KeyboardEvent } from "react";
import { ROLE_LABELS } from "../../../../server/corpus/types.ts";
import { markShared } from "../../../lib/highlight.ts";
import type { Passage } from "../../../../server/store/types.ts";

function Marked({ text, query }: { text: string; query: string }) {
  return (
    <>
      {markShared(text, query, 2).map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}

interface Props {
  passage: Passage;
  index: number;
  selected: boolean;
  cardRef: (el: HTMLElement | null) => void;
  /** The words to mark where the passage shares them. */
  query: string;
  /** Already among the target section's sources. */
  attached: boolean;
  canAttach: boolean;
  /** The search is already limited to this passage's document. */
  filteredToIt: boolean;
  onSelect: () => void;
  onKeyDown: (e: KeyboardEvent<HTMLElement>) => void;
  onOpen: () => void;
  onCopy: () => void;
  onAttach: () => void;
  onOnlyThis: () => void;
}

/** One search result: where it comes from, its text with the query's words marked, and what can be done with it. */
export function ResultCard({ passage: p, index, selected, cardRef, query, attached, canAttach, filteredToIt, onSelect, onKeyDown, onOpen, onCopy, onAttach, onOnlyThis }: Props) {
  return (
    <article
      ref={cardRef}
      className={`result${selected ? " selected" : ""}`}
      tabIndex={selected ? 0 : -1}
      aria-label={`第 ${index + 1} 段，出自《${p.title}》`}
      onFocus={(e) => e.target === e.currentTarget && onSelect()}
      onClick={onSelect}
      onKeyDown={onKeyDown}
    >
      <header className="result-head">
        <span className="result-title">《{p.title}》</span>
        {p.year ? <span className="result-year">{p.year} 年</span> : null}
        <span className={`role role-${p.role}`}>{ROLE_LABELS[p.role] ?? p.role}</span>
        {p.tags.length ? <span className="tags">{p.tags.join("、")}</span> : null}
      </header>
      {p.headingPath.length ? <div className="source-path">{p.headingPath.join(" › ")}</div> : null}
      <p className="result-text"><Marked text={p.text} query={query} /></p>
      <div className="result-actions">
        <button type="button" className="small" onClick={onOpen} title="Enter">打开原文</button>
        <button type="button" className="small" onClick={onCopy} title="C">复制</button>
        <button type="button" className="small" onClick={onAttach} disabled={!canAttach} title="A">
          {attached ? "已在本节" : "添加到本节"}
        </button>
        {!filteredToIt ? <button type="button" className="small ghost" onClick={onOnlyThis} title="D">只看此文</button> : null}
      </div>
    </article>
  );
}
