import { useState } from "react";
import type { DraftSection, SourceRef } from "../../../../server/drafting/types.ts";
import { markShared } from "../../../lib/highlight.ts";
import { SourceDocumentView } from "./SourceDocumentView.tsx";

interface Props {
  section: DraftSection | null;
  /** The section's heading as shown, with its numbering ("（一）…"). */
  label: string;
  /** Words to match against: the section heading, its facts and its text. */
  query: string;
  /** Take a passage the writer attached back out of the section. */
  onDetach?: (chunkId: string) => void;
}

function Marked({ text, query }: { text: string; query: string }) {
  return (
    <>
      {markShared(text, query, 3).map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}

/** The past passages the focused section drew on, with the words they share highlighted. */
export function SourcesPanel({ section, label, query, onDetach }: Props) {
  const [open, setOpen] = useState<SourceRef | null>(null);
  if (!section) {
    return (
      <div className="empty small">
        <p>点击初稿中的某一节，这里显示它参考的往年材料。</p>
      </div>
    );
  }
  // The writer's own picks come first: they were chosen on purpose, the rest were found for them.
  const sources = [...section.sources.filter((s) => s.attached), ...section.sources.filter((s) => !s.attached)];
  const title = label || (section.role === "opening" ? "开头段" : section.role === "closing" ? "结尾" : "本节");
  return (
    <section className="sources" aria-label="参考材料">
      <h2 className="panel-title">参考材料 · {title}</h2>
      {section.sources.length === 0 ? (
        <p className="hint">{section.status === "pending" ? "正在检索…" : "本节没有引用往年材料。可在“素材库检索”页找到合适的段落，添加到本节。"}</p>
      ) : (
        <ol className="source-list">
          {sources.map((s) => (
            <li key={s.chunkId} className="source">
              <div className="source-title">{s.title}{s.attached ? <span className="pill" title="从素材库检索页添加">手动添加</span> : null}</div>
              {s.headingPath.length ? <div className="source-path">{s.headingPath.join(" › ")}</div> : null}
              <p className="source-text"><Marked text={s.text} query={query} /></p>
              <div className="row">
                <button type="button" className="link" onClick={() => setOpen(s)}>查看原文</button>
                {s.attached && onDetach ? <button type="button" className="link" onClick={() => onDetach(s.chunkId)}>移出本节</button> : null}
              </div>
            </li>
          ))}
        </ol>
      )}
      {open ? <SourceDocumentView source={open} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}
