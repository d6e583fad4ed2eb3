import { useEffect, useRef, type KeyboardEvent } from "react";
import type { Fact, Outline } from "../../../../server/drafting/types.ts";
import { LineField } from "../../../components/LineField.tsx";
import { headingLabels } from "../../../../server/text/headings.ts";
import { canMove, dropSection, factTargets, moveFact, moveSection, renameSection } from "../outline-edit.ts";

interface Props {
  outline: Outline;
  facts: Fact[];
  onChange: (o: Outline) => void;
  onGenerate: () => void;
  generating: boolean;
  stale: boolean;
}

/** A heading's text: wraps and grows, one line (see LineField). */
function HeadingField({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return <LineField className="rename" label={label} value={value} onChange={onChange} />;
}

/** The proposed outline, editable before writing: reorder (buttons or Alt+↑/↓), rename, drop, move facts. */
export function OutlineEditor({ outline, facts, onChange, onGenerate, generating, stale }: Props) {
  const labels = headingLabels(outline.sections);
  const listRef = useRef<HTMLOListElement>(null);
  const headRef = useRef<HTMLElement>(null);

  // A freshly proposed outline sits below the facts box: bring it into view once. Only on mount, as
  // the outline of a written draft takes every edit of its title.
  useEffect(() => {
    headRef.current?.scrollIntoView?.({ block: "start", behavior: "smooth" });
  }, []);
  const factById = new Map(facts.map((f) => [f.id, f]));

  const move = (id: string, dir: -1 | 1) => {
    onChange(moveSection(outline, id, dir));
    // Keep keyboard focus on the row that moved.
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>(`[data-row="${id}"]`)?.focus());
  };

  const onRowKey = (e: KeyboardEvent<HTMLLIElement>, id: string) => {
    if (!e.altKey || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
    e.preventDefault();
    move(id, e.key === "ArrowUp" ? -1 : 1);
  };

  return (
    <section className="panel-block" aria-labelledby="outline-title" ref={headRef}>
      <div className="block-head">
        <h2 id="outline-title">提纲</h2>
        <span className="hint">Alt+↑/↓ 调整顺序</span>
      </div>
      {stale ? <p className="warn-line">事实材料已修改，生成时将重新拟定提纲。</p> : null}
      <p className="outline-title-line">{outline.title}</p>
      <ol className="outline" ref={listRef}>
        {outline.sections.map((s, i) => {
          if (s.role === "title") return null;
          const editable = s.level > 0 || s.role === "opening" || s.role === "closing";
          return (
            <li
              key={s.id}
              data-row={s.id}
              tabIndex={0}
              className={`outline-row level-${s.level}`}
              onKeyDown={(e) => onRowKey(e, s.id)}
              aria-label={labels[i] || (s.role === "opening" ? "开头段" : s.role === "closing" ? "结尾" : s.heading)}
            >
              <div className="outline-line">
                {s.level > 0 ? (
                  <>
                    <span className="ordinal">{labels[i].slice(0, labels[i].length - s.heading.length)}</span>
                    <HeadingField label={`标题：${labels[i]}`} value={s.heading} onChange={(v) => onChange(renameSection(outline, s.id, v))} />
                  </>
                ) : (
                  <span className="muted">{s.role === "opening" ? "开头段" : s.role === "closing" ? "结尾" : s.heading}</span>
                )}
              </div>
              {s.level === 2 ? (
                <div className="outline-meta">
                  <span className="hint">{s.factIds.length} 条事实</span>
                  <span className="row-actions">
                    <button type="button" className="icon" aria-label="上移" title="上移（Alt+↑）" disabled={!canMove(outline, i, -1)} onClick={() => move(s.id, -1)}>↑</button>
                    <button type="button" className="icon" aria-label="下移" title="下移（Alt+↓）" disabled={!canMove(outline, i, 1)} onClick={() => move(s.id, 1)}>↓</button>
                    <button
                      type="button"
                      className="icon danger"
                      aria-label="删除此节"
                      title="删除此节"
                      onClick={() => {
                        if (s.factIds.length === 0 || window.confirm(`删除“${s.heading}”？其中 ${s.factIds.length} 条事实将不写入初稿。`)) {
                          onChange(dropSection(outline, s.id));
                        }
                      }}
                    >
                      ✕
                    </button>
                  </span>
                </div>
              ) : null}
              {editable && s.factIds.length > 0 ? (
                <ul className="facts-in-section">
                  {s.factIds.map((fid) => {
                    const f = factById.get(fid);
                    const targets = factTargets(outline, fid, f?.kind ?? "fact");
                    return (
                      <li key={fid}>
                        <span className="fact-text" title={f?.text}>{f?.text ?? fid}</span>
                        {targets.length > 0 ? (
                          <select
                            aria-label={`移动事实：${f?.text ?? fid}`}
                            value=""
                            onChange={(e) => e.target.value && onChange(moveFact(outline, fid, e.target.value))}
                          >
                            <option value="">移到…</option>
                            {targets.map((t) => (
                              <option key={t.id} value={t.id}>
                                {labels[outline.sections.indexOf(t)] || t.heading}
                              </option>
                            ))}
                          </select>
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ol>
      <button type="button" className="primary generate" onClick={onGenerate} disabled={generating} title="Ctrl+Enter">
        {generating ? "正在生成…" : "生成初稿"}
      </button>
    </section>
  );
}
