import { useRef } from "react";
import { DOCUMENT_ACCEPT } from "../../../../server/corpus/formats.ts";

interface Props {
  text: string;
  onChange: (t: string) => void;
  onOutline: () => void;
  onImport: (f: File) => void;
  busy: boolean;
}

const PLACEHOLDER = `单位：XX区委政法委
年度：2025

- 全年排查化解矛盾纠纷6200件，调解成功6150件
- 新建网格员队伍，配备专职网格员320名
问题：基层基础工作仍有薄弱环节
计划：深化平安建设`;

/** The writer's facts: typed or pasted with the header lines, or read from a .txt/.docx. */
export function FactsPanel({ text, onChange, onOutline, onImport, busy }: Props) {
  const fileRef = useRef<HTMLInputElement>(null);
  return (
    <section className="panel-block" aria-labelledby="facts-title">
      <div className="block-head">
        <h2 id="facts-title">事实材料</h2>
        <button type="button" className="ghost small" onClick={() => fileRef.current?.click()} disabled={busy}>
          导入文件
        </button>
        <input
          ref={fileRef}
          type="file"
          accept={DOCUMENT_ACCEPT}
          hidden
          aria-label="导入事实文件"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) onImport(f);
            e.target.value = "";
          }}
        />
      </div>
      <p className="hint">首行可写“单位：”“年度：”；每行一条事实，“问题：”开头为存在问题，“计划：”开头为下一步打算。</p>
      <textarea
        className="facts"
        aria-label="事实材料"
        value={text}
        placeholder={PLACEHOLDER}
        onChange={(e) => onChange(e.target.value)}
        spellCheck={false}
      />
      <button type="button" onClick={onOutline} disabled={busy || !text.trim()}>
        {busy ? "正在分析…" : "提出提纲"}
      </button>
    </section>
  );
}
