import { useEffect, useMemo, useRef } from "react";
import { ErrorNote } from "../../../components/ErrorNote.tsx";
import { segmentByRanges } from "../../../lib/highlight.ts";
import { locatePassage, useDocument, type PassageAt } from "../../../lib/document.ts";
import { ROLE_LABELS } from "../../../../server/corpus/types.ts";

const REMOVAL_LABELS: Record<string, string> = { ad: "广告", paywall: "付费提示", chrome: "网页杂项", "date-line": "日期行", counter: "计数", blank: "空行" };

interface Props {
  id: string;
  onBack: () => void;
  backLabel?: string;
  /** A passage to scroll to and mark (opened from a search result). */
  passage?: PassageAt;
}

/** One document: cleaned text with its detected headings and roles, and what cleaning removed. */
export function CorpusDocumentView({ id, onBack, backLabel = "← 返回列表", passage }: Props) {
  const { doc, error } = useDocument(id);
  const markRef = useRef<HTMLElement | null>(null);

  const text = doc?.cleanedText ?? "";
  const headings = doc?.structure.headings ?? [];
  const marked = useMemo(() => locatePassage(text, passage), [text, passage]);
  const segments = useMemo(() => segmentByRanges(text, marked ? [...headings, marked] : headings), [text, headings, marked]);
  const markIndex = headings.length;

  useEffect(() => {
    markRef.current?.scrollIntoView?.({ block: "center" });
  }, [marked]);

  // Esc goes back where the writer came from (the list or the search results), as the button says.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && !e.defaultPrevented) onBack();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onBack]);
  let firstMark = true;

  return (
    <div className="corpus-doc">
      <div className="block-head">
        <button type="button" className="ghost" onClick={onBack} title="Esc">{backLabel}</button>
        <h2 className="panel-title">{doc?.document.title ?? "文档"}</h2>
        {marked ? (
          <span className="hint">
            已定位到检索到的段落（黄色）
            <button type="button" className="link small" onClick={() => markRef.current?.scrollIntoView?.({ block: "center" })}>回到该段</button>
          </span>
        ) : null}
      </div>
      <ErrorNote message={error} />
      {doc && passage && !marked ? <p className="warn-line">这段文字在文档中已找不到（文档可能已重新入库），下面显示全文。</p> : null}
      {doc ? (
        <div className="doc-columns">
          <section className="panel doc-main" aria-label="清洗后的正文">
            <h3>清洗后的正文</h3>
            <div className="doc-text">
              {segments.map((s) => {
                const inPassage = s.covering.includes(markIndex);
                const headingIdx = s.covering.find((c) => c !== markIndex);
                let node = <>{s.text}</>;
                if (headingIdx !== undefined) {
                  const h = headings[headingIdx];
                  node = <strong className={`heading-mark h${h.level}`} title={h.level === 0 ? "部分标题（第X部分）" : `${h.level} 级标题${h.runIn ? "（段首标题）" : ""}`}>{s.text}</strong>;
                }
                if (!inPassage) return <span key={s.start}>{node}</span>;
                // The passage may be cut by a heading into several pieces; the first one is scrolled to.
                const ref = firstMark ? (el: HTMLElement | null) => void (markRef.current = el) : undefined;
                firstMark = false;
                return <mark key={s.start} ref={ref} className="passage" data-passage="">{node}</mark>;
              })}
            </div>
          </section>
          <aside className="panel doc-side" aria-label="结构与清洗">
            <h3>文档信息</h3>
            <dl className="meta">
              <dt>年度</dt><dd>{doc.document.year ?? "—"}</dd>
              <dt>层级</dt><dd>{doc.document.level ?? "—"}</dd>
              <dt>编码</dt><dd>{doc.encoding}</dd>
              <dt>段数</dt><dd>{doc.document.chunkCount}</dd>
              <dt>一是/二是</dt><dd>{doc.structure.enumerationRuns} 处</dd>
            </dl>
            <h3>识别的结构</h3>
            <ol className="structure">
              {doc.structure.sections.map((s, i) => (
                <li key={i}>
                  <span className={`role role-${s.role}`}>{ROLE_LABELS[s.role] ?? s.role}</span>
                  {s.headingPath.join(" › ") || "（无标题）"}
                  {s.tags.length ? <span className="tags">{s.tags.join("、")}</span> : null}
                </li>
              ))}
            </ol>
            <h3>清洗时删除（{doc.removed.length} 处）</h3>
            {doc.removed.length === 0 ? <p className="hint">无</p> : (
              <ul className="removed">
                {doc.removed.map((r, i) => (
                  <li key={i}><span className="pill">{REMOVAL_LABELS[r.kind] ?? r.kind}</span> 第 {r.line} 行：<span className="removed-text">{r.text}</span></li>
                ))}
              </ul>
            )}
          </aside>
        </div>
      ) : !error ? <p className="hint">正在载入…</p> : null}
    </div>
  );
}
