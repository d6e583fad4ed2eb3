import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { WORK_LINE_IDS } from "../../../../server/text/work-lines.ts";
import { ErrorNote } from "../../../components/ErrorNote.tsx";
import { copyText } from "../../../lib/clipboard.ts";
import { LEVELS, MORE_COUNT, RESULT_COUNT, ROLE_FILTERS, noFilters, yearRange, type Level, type RoleFilter } from "../api/search.ts";
import type { Passage } from "../../../../server/store/types.ts";
import type { SearchSession } from "../api/use-search.ts";
import { DocumentPicker } from "./DocumentPicker.tsx";
import { ResultCard } from "./ResultCard.tsx";


/** A draft section a passage can be attached to, as the shell describes it. */
export interface AttachSection {
  id: string;
  label: string;
  /** chunk ids already among its sources */
  chunkIds: string[];
}

interface Props {
  search: SearchSession;
  /** Sections of the draft being written; empty when there is none. */
  sections: AttachSection[];
  /** The section passages go to (the one focused on the writing page). */
  targetId: string | null;
  onTarget: (sectionId: string) => void;
  onAttach: (sectionId: string, passage: Passage) => void;
  onOpen: (passage: Passage) => void;
}

export const SHORTCUTS: [string, string][] = [
  ["Enter", "检索"],
  ["↓ / ↑", "在结果间移动"],
  ["Enter", "打开原文并定位"],
  ["C", "复制段落"],
  ["A", "添加到当前节"],
  ["D", "只看此文"],
  ["/ 或 Esc", "回到检索框"],
];

function toggle<T>(list: T[], v: T): T[] {
  return list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
}

export function SearchPage({ search, sections, targetId, onTarget, onAttach, onOpen }: Props) {
  const { state, setQuery, select, run, setFilters, more } = search;
  const { filters, results, selected } = state;
  const queryRef = useRef<HTMLInputElement>(null);
  const itemRefs = useRef<(HTMLElement | null)[]>([]);
  const [notice, setNotice] = useState("");
  const target = sections.find((s) => s.id === targetId) ?? null;
  const highlightWith = state.asked?.q ?? "";

  useEffect(() => {
    queryRef.current?.focus();
  }, []);

  // "/" brings the cursor back to the query box from anywhere on the page but a text field.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      const typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);
      if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        queryRef.current?.focus();
        queryRef.current?.select();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const say = (text: string) => {
    setNotice(text);
    window.setTimeout(() => setNotice((n) => (n === text ? "" : n)), 4000);
  };

  const moveTo = (i: number) => {
    if (!results?.length) return;
    const n = Math.max(0, Math.min(results.length - 1, i));
    select(n);
    itemRefs.current[n]?.focus();
  };

  const copy = async (p: Passage) => {
    say((await copyText(p.text)) ? `已复制《${p.title}》中的这一段（${p.text.length} 字）` : "浏览器不允许复制：请选中段落文字后按 Ctrl+C");
  };

  const attach = (p: Passage) => {
    if (!sections.length) {
      say("还没有初稿：先在“起草”页生成或导入初稿，再把段落添加到某一节。");
      return;
    }
    if (!target) {
      say("请先在上方“添加到”中选定一节。");
      return;
    }
    if (target.chunkIds.includes(p.id)) {
      say(`这一段已在“${target.label}”的参考材料中。`);
      return;
    }
    onAttach(target.id, p);
    say(`已添加到“${target.label}”的参考材料`);
  };

  // A year being typed is not sent until it has four digits (or is cleared).
  const setYear = (which: "yearFrom" | "yearTo", value: string) => setFilters({ ...filters, [which]: value }, /^\s*(\d{4})?\s*$/.test(value));

  const onlyThis = (p: Passage) => setFilters({ ...filters, doc: { id: p.docId, title: p.title } });

  const onResultKey = (e: KeyboardEvent<HTMLElement>, i: number, p: Passage) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const onItem = e.target === e.currentTarget;
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        moveTo(i + 1);
        return;
      case "ArrowUp":
        e.preventDefault();
        if (i === 0) queryRef.current?.focus();
        else moveTo(i - 1);
        return;
      case "Home":
        e.preventDefault();
        moveTo(0);
        return;
      case "End":
        e.preventDefault();
        moveTo((results?.length ?? 1) - 1);
        return;
      case "Escape":
        e.preventDefault();
        queryRef.current?.focus();
        return;
    }
    if (!onItem) return; // a button inside the result handles its own Enter and Space
    const key = e.key.toLowerCase();
    if (e.key === "Enter") onOpen(p);
    else if (key === "c") void copy(p);
    else if (key === "a") attach(p);
    else if (key === "d") onlyThis(p);
    else return;
    e.preventDefault();
  };

  const filtered = JSON.stringify(filters) !== JSON.stringify(noFilters);
  const yearsBad = typeof yearRange(filters) === "string";

  return (
    <div className="search-page">
      <div className="search-bar" role="search" aria-label="素材库检索">
        <h2 className="panel-title">素材库检索</h2>
        <div className="search-box">
          <input
            ref={queryRef}
            type="search"
            className="query"
            aria-label="检索内容"
            placeholder="输入要找的词句，如：矛盾纠纷多元化解、扫黑除恶线索核查"
            value={state.query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                void run(state.query, filters);
              } else if (e.key === "ArrowDown" && results?.length) {
                e.preventDefault();
                moveTo(selected);
              }
            }}
          />
          <button type="button" className="primary" onClick={() => void run(state.query, filters)} disabled={state.status === "loading"}>
            {state.status === "loading" ? "检索中…" : "检索"}
          </button>
        </div>
        <p className="shortcuts" aria-label="快捷键">
          {SHORTCUTS.map(([k, what], i) => (
            <span key={i}><kbd>{k}</kbd> {what}</span>
          ))}
        </p>
      </div>
      <div className="search-body">
        <aside className="panel search-filters" aria-label="筛选">
          <div className="filter-head">
            <h3>筛选</h3>
            {filtered ? <button type="button" className="link small" onClick={() => setFilters(noFilters)}>清除全部</button> : null}
          </div>
          <fieldset>
            <legend>年度</legend>
            <div className="row">
              <input type="text" inputMode="numeric" className="year" aria-label="起始年度" placeholder="从" aria-invalid={yearsBad} value={filters.yearFrom} onChange={(e) => setYear("yearFrom", e.target.value)} />
              <span>至</span>
              <input type="text" inputMode="numeric" className="year" aria-label="截止年度" placeholder="至" aria-invalid={yearsBad} value={filters.yearTo} onChange={(e) => setYear("yearTo", e.target.value)} />
            </div>
          </fieldset>
          <fieldset>
            <legend>层级</legend>
            <div className="kind-filter">
              {LEVELS.map((l: Level) => (
                <button key={l} type="button" className={`chip${filters.levels.includes(l) ? " on" : ""}`} aria-pressed={filters.levels.includes(l)} onClick={() => setFilters({ ...filters, levels: toggle(filters.levels, l) })}>
                  {l}级
                </button>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>内容</legend>
            <div className="kind-filter">
              {ROLE_FILTERS.map((r) => (
                <button key={r.role} type="button" className={`chip${filters.roles.includes(r.role) ? " on" : ""}`} aria-pressed={filters.roles.includes(r.role)} onClick={() => setFilters({ ...filters, roles: toggle<RoleFilter>(filters.roles, r.role) })}>
                  {r.label}
                </button>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>工作条线</legend>
            <select aria-label="工作条线" value={filters.workLine} onChange={(e) => setFilters({ ...filters, workLine: e.target.value })}>
              <option value="">全部条线</option>
              {WORK_LINE_IDS.map((w) => <option key={w} value={w}>{w}</option>)}
            </select>
          </fieldset>
          <fieldset>
            <legend>文档</legend>
            {filters.doc ? (
              <div className="doc-chip">
                <span>《{filters.doc.title}》</span>
                <button type="button" className="ghost small" aria-label={`不再只看《${filters.doc.title}》`} onClick={() => setFilters({ ...filters, doc: null })}>×</button>
              </div>
            ) : (
              <DocumentPicker onPick={(doc) => setFilters({ ...filters, doc })} />
            )}
          </fieldset>
        </aside>
        <section className="search-results" aria-label="检索结果">
          <div className="attach-bar">
            {sections.length ? (
              <label className="row">
                <span>添加到：</span>
                <select aria-label="添加到初稿的哪一节" value={target?.id ?? ""} onChange={(e) => onTarget(e.target.value)}>
                  {!target ? <option value="">（选择一节）</option> : null}
                  {sections.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
                </select>
              </label>
            ) : (
              <span className="hint">还没有初稿：在“起草”页生成或导入初稿后，可把段落添加到某一节作参考。</span>
            )}
            <span className="notice" role="status" aria-live="polite">{notice}</span>
          </div>
          <ErrorNote message={state.error} />
          {state.status === "idle" && !results ? (
            <div className="empty">
              <p>在上方输入要找的词句，按 Enter 检索往年总结中的段落。</p>
              <p className="hint">可按年度、层级、内容（成效 / 问题 / 打算）、工作条线或某一篇文档筛选；结果中与检索词相同的字词会标出。</p>
            </div>
          ) : null}
          {results && results.length === 0 && state.status !== "loading" ? (
            <div className="empty">
              <p>没有找到与“{state.asked?.q}”相符的段落。</p>
              <p className="hint">{filtered ? "试试放宽筛选条件（或点左侧“清除全部”），或换个说法。" : "试试换个说法、用更短的词，或先在“材料库”上传往年总结。"}</p>
            </div>
          ) : null}
          {results && results.length && !state.matched ? (
            <div className="empty no-match" role="status">
              <p>未找到相关段落：材料库中没有与“{state.asked?.q}”相符的内容。</p>
              <p className="hint">下面是材料库中最接近的几段，仅供参考。{filtered ? "也可放宽筛选条件再试。" : "可换个说法再试。"}</p>
            </div>
          ) : null}
          {results && results.length ? (
            <>
              {state.matched ? (
                <p className="hint result-count">
                  {state.status === "loading" ? "正在更新…" : `找到 ${results.length} 段`}
                  {results.length >= (state.asked?.k ?? RESULT_COUNT) ? `（只列最相关的 ${results.length} 段，可加筛选缩小范围）` : ""}
                </p>
              ) : (
                <h3 className="nearby-title">相近内容{state.status === "loading" ? "（正在更新…）" : `（${results.length} 段）`}</h3>
              )}
              <ol className="result-list">
                {results.map((p, i) => (
                  <li key={p.id}>
                    <ResultCard
                      passage={p}
                      index={i}
                      selected={i === selected}
                      cardRef={(el) => void (itemRefs.current[i] = el)}
                      query={highlightWith}
                      attached={Boolean(target?.chunkIds.includes(p.id))}
                      canAttach={sections.length > 0}
                      filteredToIt={filters.doc?.id === p.docId}
                      onSelect={() => i !== selected && select(i)}
                      onKeyDown={(e) => onResultKey(e, i, p)}
                      onOpen={() => onOpen(p)}
                      onCopy={() => void copy(p)}
                      onAttach={() => attach(p)}
                      onOnlyThis={() => onlyThis(p)}
                    />
                  </li>
                ))}
              </ol>
              {state.matched && state.asked && state.asked.k < MORE_COUNT && results.length >= state.asked.k ? (
                <button type="button" className="block more" onClick={more} disabled={state.status === "loading"}>显示更多（至多 {MORE_COUNT} 段）</button>
              ) : null}
            </>
          ) : null}
        </section>
      </div>
    </div>
  );
}
