import { useCallback, useEffect, useRef, useState } from "react";
import { ErrorNote } from "../../../components/ErrorNote.tsx";
import { deleteDocument, listDocuments, uploadDocuments, type CorpusSort, type DocumentPage, type ListParams, type UploadResult } from "../api/corpus.ts";
import { SUPPORTED_FORMATS, UPLOAD_ACCEPT } from "../../../../server/corpus/formats.ts";
import { errorText } from "../../../lib/errors.ts";
import { INGEST_STATUS_LABELS, summarizeResults } from "../../../../server/ingest/results.ts";

export const PAGE_SIZE = 50;

const SORTS: { value: CorpusSort; label: string }[] = [
  { value: "ingestedAt", label: "最近收录在前" },
  { value: "title", label: "按标题" },
  { value: "-year", label: "年度从新到旧" },
  { value: "year", label: "年度从旧到新" },
];

type Doc = DocumentPage["documents"][number];

interface Progress {
  done: number;
  total: number;
  current: string;
}

/**
 * The archive, one page at a time so a thousand documents stay quick: filter by title words, year
 * and level, sort, page through. Upload takes several files or a .zip and lists each file's outcome.
 */
export function CorpusList({ onOpen, onChanged }: { onOpen: (id: string) => void; /** after an upload or a deletion (the header's count) */ onChanged?: () => void }) {
  const [page, setPage] = useState<DocumentPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [words, setWords] = useState("");
  const [yearText, setYearText] = useState("");
  const [level, setLevel] = useState<ListParams["level"] | "">("");
  const [sort, setSort] = useState<CorpusSort>("ingestedAt");
  const [offset, setOffset] = useState(0);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [results, setResults] = useState<UploadResult[]>([]);
  const [dragging, setDragging] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const cancelRef = useRef({ cancelled: false });

  const yearValid = yearText.trim() === "" || /^\d{4}$/.test(yearText.trim());
  const params: ListParams = {
    offset,
    limit: PAGE_SIZE,
    sort,
    year: yearValid && yearText.trim() ? Number(yearText.trim()) : undefined,
    level: level || undefined,
    q: words,
  };
  const key = JSON.stringify(params);

  const refresh = useCallback(async (p: ListParams) => {
    try {
      const got = await listDocuments(p);
      setPage(got);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? `材料库列表载入失败：${e.message}` : String(e));
    }
  }, []);

  // Typing in the title box waits a moment so each keystroke does not send a request.
  useEffect(() => {
    const t = setTimeout(() => void refresh(JSON.parse(key) as ListParams), 200);
    return () => clearTimeout(t);
  }, [key, refresh]);

  useEffect(() => () => void (cancelRef.current.cancelled = true), []);

  // A deletion can empty the last page: step back to the page that now is last.
  useEffect(() => {
    if (page && page.documents.length === 0 && page.total > 0 && offset > 0) setOffset(Math.floor((page.total - 1) / PAGE_SIZE) * PAGE_SIZE);
  }, [page, offset]);

  const filter = (fn: () => void) => {
    fn();
    setOffset(0);
  };

  const upload = async (files: File[]) => {
    if (!files.length) return;
    setError(null);
    setResults([]);
    setProgress({ done: 0, total: files.length, current: files[0].name });
    cancelRef.current = { cancelled: false };
    await uploadDocuments(
      files,
      (got, done, total) => {
        setResults((r) => [...r, ...got]);
        setProgress({ done, total, current: files[done]?.name ?? "" });
      },
      cancelRef.current,
    );
    setProgress(null);
    await refresh(params);
    onChanged?.();
  };

  const remove = async (d: Doc) => {
    if (!window.confirm(`确定从材料库删除《${d.title}》？删除后不再参与检索和查重。`)) return;
    try {
      await deleteDocument(d.id);
      await refresh(params);
      onChanged?.();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const total = page?.total ?? 0;
  const filtered = Boolean(words.trim() || params.year || level);
  const pct = progress ? Math.round((progress.done / progress.total) * 100) : 0;

  return (
    <section
      className={`panel corpus-list${dragging ? " dropping" : ""}`}
      aria-label="材料库"
      onDragOver={(e) => {
        if (progress) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        if (!progress) void upload([...e.dataTransfer.files]);
      }}
    >
      <div className="block-head">
        <h2 className="panel-title">
          材料库（往年总结）
          {page ? <span className="hint list-total">{filtered ? `符合条件 ${total.toLocaleString("zh-CN")} 篇` : `共 ${total.toLocaleString("zh-CN")} 篇`}</span> : null}
        </h2>
        <span className="hint">可一次选多个文件或一个 .zip，也可把文件拖到这里</span>
        <button type="button" className="primary" onClick={() => fileRef.current?.click()} disabled={progress !== null}>上传材料</button>
        <input ref={fileRef} type="file" multiple accept={UPLOAD_ACCEPT} hidden aria-label="选择要上传的材料" onChange={(e) => {
          void upload([...(e.target.files ?? [])]);
          e.target.value = "";
        }} />
      </div>
      {progress ? (
        <div className="upload-progress">
          <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label="上传进度">
            <div className="bar" style={{ width: `${pct}%` }} />
            <span>{progress.done < progress.total ? `正在上传并入库第 ${progress.done + 1} / ${progress.total} 个：${progress.current}` : "全部处理完，正在刷新列表…"}</span>
          </div>
          {progress.total > 1 ? (
            <button type="button" className="small" onClick={() => (cancelRef.current.cancelled = true)}>停止（已传的保留）</button>
          ) : null}
        </div>
      ) : null}
      {results.length ? (
        <div className="upload-results" aria-label="上传结果">
          <p className="upload-summary" role="status">{progress ? "已处理：" : "上传完成："}{summarizeResults(results)}</p>
          <ul className="outcomes">
            {results.map((r, i) => (
              <li key={i} className={r.status}>
                <span className={`status-pill ${r.status}`}>{INGEST_STATUS_LABELS[r.status]}</span>
                <span className="outcome-name">{r.name}</span>
                {r.status === "ingested" && r.title ? <span className="hint">《{r.title}》</span> : null}
                {r.message ? <span className="outcome-message">{r.message}</span> : null}
              </li>
            ))}
          </ul>
          {!progress ? <button type="button" className="small ghost" onClick={() => setResults([])}>收起结果</button> : null}
        </div>
      ) : null}
      <ErrorNote message={error} onDismiss={() => setError(null)} />
      <div className="list-filters" role="search" aria-label="筛选材料">
        <input type="text" aria-label="按标题筛选" placeholder="标题或文件名中的词" value={words} onChange={(e) => filter(() => setWords(e.target.value))} />
        <input type="text" inputMode="numeric" className="year" aria-label="年度" placeholder="年度" value={yearText} aria-invalid={!yearValid} onChange={(e) => filter(() => setYearText(e.target.value))} />
        <select aria-label="层级" value={level} onChange={(e) => filter(() => setLevel(e.target.value as ListParams["level"] | ""))}>
          <option value="">全部层级</option>
          <option value="区">区</option>
          <option value="县">县</option>
          <option value="市">市</option>
        </select>
        <select aria-label="排序" value={sort} onChange={(e) => filter(() => setSort(e.target.value as CorpusSort))}>
          {SORTS.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
        </select>
      </div>
      {!yearValid ? <p className="hint warn-line">年度请填写四位数字，如 2023；此项暂未生效。</p> : null}
      {page === null ? (
        error ? null : <p className="hint">正在载入…</p>
      ) : total === 0 ? (
        filtered ? (
          <div className="empty small">
            <p>没有符合条件的材料。</p>
            <button type="button" className="small" onClick={() => filter(() => { setWords(""); setYearText(""); setLevel(""); })}>清除筛选</button>
          </div>
        ) : (
          <p className="hint">材料库为空。上传往年的工作总结（{SUPPORTED_FORMATS}，或打包成 .zip）后，起草时可参考其写法，检查时可查重。</p>
        )
      ) : (
        <>
          <table className="table">
            <thead>
              <tr><th>标题</th><th>年度</th><th>层级</th><th>段数</th><th>字数</th><th aria-label="操作" /></tr>
            </thead>
            <tbody>
              {page.documents.map((d) => (
                <tr key={d.id}>
                  <td><button type="button" className="link" onClick={() => onOpen(d.id)}>{d.title}</button><div className="hint">{d.sourceName}</div></td>
                  <td>{d.year ?? "—"}</td>
                  <td>{d.level ?? "—"}</td>
                  <td>{d.chunkCount}</td>
                  <td>{d.charCount.toLocaleString("zh-CN")}</td>
                  <td><button type="button" className="small danger" onClick={() => void remove(d)} aria-label={`删除《${d.title}》`}>删除</button></td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="pager" aria-label="翻页">
            <button type="button" className="small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>上一页</button>
            <span className="hint" role="status">
              第 {(offset + 1).toLocaleString("zh-CN")}–{Math.min(offset + PAGE_SIZE, total).toLocaleString("zh-CN")} 篇，共 {total.toLocaleString("zh-CN")} 篇
            </span>
            <button type="button" className="small" disabled={offset + PAGE_SIZE >= total} onClick={() => setOffset(offset + PAGE_SIZE)}>下一页</button>
          </nav>
        </>
      )}
    </section>
  );
}
