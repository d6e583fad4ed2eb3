import type { ModelRun } from "../api/use-model-pass.ts";

interface Props {
  model: string;
  run: ModelRun | null;
  busy: boolean;
  /** Findings of the model now in the list. */
  added: number;
  onRun: () => void;
  onStop: () => void;
}

/** The 模型复核 button and where the pass stands: chunks done, the model thinking, the end, its notes. */
export function ModelPassBar({ model, run, busy, added, onRun, onStop }: Props) {
  const running = run != null && !run.finished;
  return (
    <div className="model-pass row wrap" aria-live="polite">
      <button type="button" disabled={busy || running} onClick={onRun} title="规则检查之后，再请模型找错别字和语病；只保留能在原文中核实的结果">
        {running ? `模型复核中 ${run.done}/${run.total || "…"} 段` : `模型复核（${model}）`}
      </button>
      {running && run.thinkingMs !== undefined ? (
        <span className="pill thinking" role="status">模型思考中…（{Math.round(run.thinkingMs / 1000)} 秒）</span>
      ) : null}
      {running ? <button type="button" className="small" onClick={onStop}>停止</button> : null}
      {run?.finished ? <span className="hint">模型复核完成，新增 {added} 处</span> : null}
      {run?.finished && run.dropped ? <span className="hint" title="模型提出但在原文中无法核实（原文不符、改动数字等）的内容不显示">另有 {run.dropped} 条未通过核对，已略去</span> : null}
      {run?.note ? <p className="hint warn" role="status">{run.note}</p> : null}
    </div>
  );
}
