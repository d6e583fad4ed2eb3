import { useEffect, useMemo, useState } from "react";
import { ErrorNote } from "../../../components/ErrorNote.tsx";
import { segmentByRanges } from "../../../lib/highlight.ts";
import { getDocument, type CorpusDocument } from "../api/corpus.ts";

const ROLE_LABELS: Record<string, string> = { title: "标题", opening: "开头", work: "主要工作", problems: "存在问题", plans: "下一步打算", closing: "结尾" };
const REMOVAL_LABELS: Record<string, string> = { ad: "广告", paywall: "付费提示", chrome: "网页杂项", "date-line": "日期行", counter: "计数", blank: "空行" };

/** One document: cleaned text with its detected headings and roles, and what cleaning removed. */
export function CorpusDocumentView({ id, onBack }: { id: string; onBack: () => void }) {
  const [doc, setDoc] = useState<CorpusDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    getDocument(id).then((d) => live && setDoc(d), (e) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [id]);

  const text = doc?.cleanedText ?? "";
  const headings = doc?.structure.headings ?? [];
  const segments = useMemo(() => segmentByRanges(text, headings), [text, headings]);

  return (
    <div className="corpus-doc">
      <div className="block-head">
        <button type="button" className="ghost" onClick={onBack}>← 返回列表</button>
        <h2 className="panel-title">{doc?.document.title ?? "文档"}</h2>
      </div>
      <ErrorNote message={error} />
      {doc ? (
        <div className="doc-columns">
          <section className="panel doc-main" aria-label="清洗后的正文">
            <h3>清洗后的正文</h3>
            <div className="doc-text">
              {segments.map((s) => {
                if (!s.covering.length) return <span key={s.start}>{s.text}</span>;
                const h = headings[s.covering[0]];
                return <strong key={s.start} className={`heading-mark h${h.level}`} title={h.level === 0 ? "部分标题（第X部分）" : `${h.level} 级标题${h.runIn ? "（段首标题）" : ""}`}>{s.text}</strong>;
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
