import { useCallback, useEffect, useState } from "react";
import type { SavedDraftSummary } from "../../../../server/saves/types.ts";
import { ErrorNote } from "../../../components/ErrorNote.tsx";
import { deleteSavedDraft, listSavedDrafts } from "../api/saved.ts";
import { errorText } from "../../../lib/errors.ts";

/** Saved drafts to reopen or delete. */
export function SavedList({ onOpen, currentId }: { onOpen: (id: string) => void; currentId: string | null }) {
  const [drafts, setDrafts] = useState<SavedDraftSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    try {
      setDrafts(await listSavedDrafts());
    } catch (e) {
      setError(errorText(e));
    }
  }, []);
  useEffect(() => void refresh(), [refresh]);

  return (
    <section className="panel saved-list" aria-label="已保存的稿件">
      <h2 className="panel-title">已保存的稿件</h2>
      <ErrorNote message={error} onDismiss={() => setError(null)} />
      {drafts === null ? <p className="hint">正在载入…</p> : drafts.length === 0 ? <p className="hint">还没有保存的稿件。生成初稿后会自动保存。</p> : (
        <table className="table">
          <thead><tr><th>标题</th><th>版本</th><th>引擎</th><th>最后保存</th><th aria-label="操作" /></tr></thead>
          <tbody>
            {drafts.map((d) => (
              <tr key={d.id} className={d.id === currentId ? "current" : ""}>
                <td><button type="button" className="link" onClick={() => onOpen(d.id)}>{d.title}</button>{d.id === currentId ? <span className="pill">当前</span> : null}</td>
                <td>第 {d.version} 版</td>
                <td>{d.engine === "offline" ? "离线引擎" : "模型"}</td>
                <td>{new Date(d.updatedAt).toLocaleString("zh-CN")}</td>
                <td>
                  <button type="button" className="small danger" onClick={async () => {
                    if (!window.confirm(`确定删除稿件《${d.title}》？`)) return;
                    try {
                      await deleteSavedDraft(d.id);
                      await refresh();
                    } catch (e) {
                      setError(errorText(e));
                    }
                  }}>删除</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
