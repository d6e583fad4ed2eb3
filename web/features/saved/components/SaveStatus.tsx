import type { AutosaveStatus } from "../api/use-autosave.ts";

interface Props {
  status: AutosaveStatus;
  dirty: boolean;
  /** The version on the server, when the draft has been saved at all. */
  version: number | null;
  onLoadLatest: () => void;
  onSaveAsCopy: () => void;
}

function time(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleTimeString("zh-CN", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** Where the draft stands with the server; on a conflict, the two ways out. */
export function SaveStatus({ status, dirty, version, onLoadLatest, onSaveAsCopy }: Props) {
  if (status.state === "conflict") {
    return (
      <div className="conflict" role="alert">
        <p>
          <strong>保存冲突：</strong>
          {status.message}
          {status.currentVersion ? `（服务器上为第 ${status.currentVersion} 版）` : ""}
          请选择：
        </p>
        <div className="row">
          <button type="button" onClick={onLoadLatest}>载入最新版本</button>
          <button type="button" onClick={onSaveAsCopy}>另存为副本</button>
        </div>
        <p className="hint">载入最新版本会放弃本窗口未保存的修改；另存为副本会把本窗口的内容保存为一份新稿件。</p>
      </div>
    );
  }
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
  }
  return <span className={`save-status ${status.state}`} role="status">{text}</span>;
}
