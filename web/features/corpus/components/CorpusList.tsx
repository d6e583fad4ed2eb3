import { useCallback, useEffect, useRef, useState } from "react";
import type { DocumentSummary, IngestOutcome } from "../../../../server/store/types.ts";
import { ErrorNote } from "../../../components/ErrorNote.tsx";
import { deleteDocument, listDocuments, uploadDocuments } from "../api/corpus.ts";

const STATUS: Record<IngestOutcome["status"], string> = { added: "已加入", replaced: "已更新", unchanged: "未变化", rejected: "未收录" };

/** The archive: documents with year and chunk counts, upload with progress, delete after confirming. */
export function CorpusList({ onOpen }: { onOpen: (id: string) => void }) {
  const [docs, setDocs] = useState<DocumentSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [outcomes, setOutcomes] = useState<IngestOutcome[]>([]);
  const fileRef = useRef<HTMLInputElement>(null);

  const refresh = useCallback(async () => {
    try {
      setDocs(await listDocuments());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);
  useEffect(() => void refresh(), [refresh]);

  const upload = async (files: File[]) => {
    if (!files.length) return;
    setError(null);
    setOutcomes([]);
    setProgress(0);
    try {
      setOutcomes(await uploadDocuments(files, setProgress));
      await refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setProgress(null);
    }
  };

  const remove = async (d: DocumentSummary) => {
    if (!window.confirm(`确定从材料库删除《${d.title}》？删除后不再参与检索和查重。`)) return;
    try {
      await deleteDocument(d.id);
      await refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section className="panel corpus-list" aria-label="材料库">
      <div className="block-head">
        <h2 className="panel-title">材料库（往年总结）</h2>
        <button type="button" className="primary" onClick={() => fileRef.current?.click()} disabled={progress !== null}>上传材料</button>
        <input ref={fileRef} type="file" multiple accept=".txt,.md,.docx" hidden aria-label="选择要上传的材料" onChange={(e) => {
          void upload([...(e.target.files ?? [])]);
          e.target.value = "";
        }} />
      </div>
      {progress !== null ? (
        <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress * 100)} aria-label="上传进度">
          <div className="bar" style={{ width: `${Math.round(progress * 100)}%` }} />
          <span>{progress < 1 ? `上传中 ${Math.round(progress * 100)}%` : "上传完成，正在入库…"}</span>
        </div>
      ) : null}
      {outcomes.length ? (
        <ul className="outcomes">
          {outcomes.map((o, i) => (
            <li key={i} className={o.status}>
              {o.sourceName}：{STATUS[o.status]}
              {o.status === "rejected" ? `（${o.message}）` : `，${o.chunks} 段`}
            </li>
          ))}
        </ul>
      ) : null}
      <ErrorNote message={error} onDismiss={() => setError(null)} />
      {docs === null ? <p className="hint">正在载入…</p> : docs.length === 0 ? <p className="hint">材料库为空。上传往年的工作总结（.txt、.md、.docx）后，起草时可参考其写法，检查时可查重。</p> : (
        <table className="table">
          <thead>
            <tr><th>标题</th><th>年度</th><th>层级</th><th>段数</th><th>字数</th><th aria-label="操作" /></tr>
          </thead>
          <tbody>
            {docs.map((d) => (
              <tr key={d.id}>
                <td><button type="button" className="link" onClick={() => onOpen(d.id)}>{d.title}</button><div className="hint">{d.sourceName}</div></td>
                <td>{d.year ?? "—"}</td>
                <td>{d.level ?? "—"}</td>
                <td>{d.chunkCount}</td>
                <td>{d.charCount.toLocaleString("zh-CN")}</td>
                <td><button type="button" className="small danger" onClick={() => void remove(d)}>删除</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
