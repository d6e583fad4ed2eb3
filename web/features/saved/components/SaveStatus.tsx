import type { AutosaveStatus } from "../api/use-autosave.ts";

interface Props {
  status: AutosaveStatus;
  dirty: boolean;
  /** The version on the server, when the draft has been saved at all. */
  version: number | null;
}

function time(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleTimeString("zh-CN", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** Where the draft stands with the server, in a few words for the header. */
export function SaveStatus({ status, dirty, version }: Props) {
  let text = "";
  switch (status.state) {
    case "idle":
      text = dirty ? "有未保存的修改" : version ? `已保存（第 ${version} 版）` : "尚未保存";
      break;
    case "saving":
      text = "正在保存…";
      break;
    case "saved":
      text = dirty ? "有未保存的修改" : `已保存（第 ${status.version} 版，${time(status.at)}）`;
      break;
    case "error":
      text = `保存失败：${status.message}`;
      break;
    case "conflict":
      text = "保存冲突，尚未保存";
      break;
  }
  return <span className={`save-status ${status.state}`} role="status">{text}</span>;
}

/** A stale save: what happened and the two ways out, as a bar under the header. */
export function ConflictBanner({ status, onLoadLatest, onSaveAsCopy }: { status: AutosaveStatus; onLoadLatest: () => void; onSaveAsCopy: () => void }) {
  if (status.state !== "conflict") return null;
  return (
    <div className="conflict-bar" role="alert">
      <p>
        <strong>保存冲突：</strong>
        {status.message}
        {status.currentVersion ? `（服务器上为第 ${status.currentVersion} 版）` : ""}
      </p>
      <button type="button" className="primary small" onClick={onLoadLatest}>载入最新版本</button>
      <button type="button" className="small" onClick={onSaveAsCopy}>另存为副本</button>
      <span className="hint">载入最新版本会放弃本窗口未保存的修改；另存为副本会把本窗口的内容保存为一份新稿件。</span>
    </div>
  );
}
