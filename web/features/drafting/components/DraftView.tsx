import { headingLabels } from "../../../../server/text/headings.ts";
import type { DraftWarning, Outline } from "../../../../server/drafting/types.ts";
import { todayIso } from "../../../../server/text/dates.ts";
import type { DraftAction, DraftState } from "../draft-model.ts";
import { SectionCard, type SectionProposal } from "./SectionCard.tsx";
import { LineField } from "../../../components/LineField.tsx";

interface Props {
  state: DraftState;
  dispatch: (a: DraftAction) => void;
  outline: Outline | null;
  focusedId: string | null;
  onFocus: (id: string) => void;
  busy: string;
  onRegenerate: (id: string) => void;
  onCancel: () => void;
  /** Regenerated sections waiting for the writer's choice (they changed a fact's claim). */
  proposals?: Record<string, SectionProposal>;
  onKeepProposal?: (id: string) => void;
  onDropProposal?: (id: string) => void;
}

/** The draft, section by section, as it streams in and as the writer edits it. */
export function DraftView({ state, dispatch, outline, focusedId, onFocus, busy, onRegenerate, onCancel, proposals, onKeepProposal, onDropProposal }: Props) {
  const generating = state.phase === "generating";
  const sections = state.draft?.sections ?? [];
  const labels = headingLabels(sections);
  const bySection = new Map<string, DraftWarning[]>();
  const general: DraftWarning[] = [];
  for (const w of state.draft?.warnings ?? []) {
    if (w.sectionId && sections.some((s) => s.id === w.sectionId)) {
      bySection.set(w.sectionId, [...(bySection.get(w.sectionId) ?? []), w]);
    } else general.push(w);
  }
  const title = state.draft?.title ?? outline?.title ?? "";

  if (sections.length === 0) {
    return (
      <div className="empty">
        {generating ? <p>正在拟定提纲…</p> : outline ? (
          <>
            <p>提纲已拟定：可在左侧调整顺序、改标题、删节或把事实移到别的节，然后点击“生成初稿”（Ctrl+Enter）。</p>
            <p className="hint">共 {outline.sections.filter((s) => s.level === 2).length} 个工作小节、{outline.sections.reduce((n, s) => n + s.factIds.length, 0)} 条事实。</p>
          </>
        ) : (
          <>
            <p>在左侧填写事实材料，点击“提出提纲”，调整后点击“生成初稿”（Ctrl+Enter）。</p>
            <p className="hint">初稿按节生成，每节右侧显示参考的往年材料。</p>
          </>
        )}
        {state.error ? <p className="error-note" role="alert">{state.error}</p> : null}
      </div>
    );
  }

  return (
    <div className="draft" aria-busy={generating}>
      <div className="draft-top">
        {state.finished && !generating ? (
          <>
            <LineField className="draft-title" label="标题" value={title} onChange={(t) => dispatch({ type: "title", title: t })} />
            <label className="draft-date">
              成文日期
              <input type="date" value={state.draft?.date ?? todayIso()} onChange={(e) => e.target.value && dispatch({ type: "date", date: e.target.value })} />
            </label>
          </>
        ) : (
          <h2 className="draft-title">{title}</h2>
        )}
        {generating ? (
          <button type="button" className="small" onClick={onCancel}>停止生成</button>
        ) : null}
      </div>
      {state.error ? <p className="error-note" role="alert">{state.error}</p> : null}
      {state.notice ? <p className="notice" role="status">{state.notice}</p> : null}
      {general.length ? (
        <ul className="warnings general" aria-label="全文提示">
          {general.map((w, i) => <li key={i}>⚠ {w.message}</li>)}
        </ul>
      ) : null}
      {sections.map((s, i) => s.role === "title" ? null : (
        <SectionCard
          key={s.id}
          section={s}
          label={labels[i]}
          workLine={s.workLine}
          unit={state.draft?.unit ?? outline?.unit}
          warnings={bySection.get(s.id) ?? []}
          focused={focusedId === s.id}
          busy={busy === `section:${s.id}`}
          generating={generating}
          thinkingMs={state.thinking?.[s.id]}
          onFocus={() => onFocus(s.id)}
          onEdit={(text, typed) => dispatch({ type: "edit", sectionId: s.id, text, ...(typed ? { typedAt: Date.now() } : {}) })}
          onLock={(locked) => dispatch({ type: "lock", sectionId: s.id, locked })}
          onRegenerate={() => onRegenerate(s.id)}
          proposal={proposals?.[s.id] ?? null}
          onKeepProposal={() => onKeepProposal?.(s.id)}
          onDropProposal={() => onDropProposal?.(s.id)}
        />
      ))}
    </div>
  );
}
