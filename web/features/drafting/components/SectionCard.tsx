import { diffChars } from "diff";
import { forwardRef, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState } from "react";
import type { DraftSection, DraftWarning } from "../../../../server/drafting/types.ts";
import { DiffView, type DiffChange } from "../../../components/DiffView.tsx";
import { rewriteText, type RewriteMode, type RewriteResult } from "../api/drafting.ts";
import { ClaimChanges, ClaimFlags } from "./ClaimChanges.tsx";
import { FLAG_WARNING } from "../../../../server/rewrite/types.ts";
import { STOPPED_SECTION } from "../draft-model.ts";
import { errorText } from "../../../lib/errors.ts";

const changesOf = (before: string, after: string): DiffChange[] =>
  diffChars(before, after).map((c) => ({ op: c.added ? "insert" : c.removed ? "delete" : "equal", text: c.value }));

/** A regenerated version of the section held back because it changed what a fact claims. */
export interface SectionProposal {
  section: DraftSection;
  warnings: DraftWarning[];
}

const MODES: { mode: RewriteMode; label: string }[] = [
  { mode: "polish", label: "润色" },
  { mode: "expand", label: "扩写" },
  { mode: "shorten", label: "缩写" },
  { mode: "enumerate", label: "一是二是" },
];

interface Props {
  section: DraftSection;
  /** The heading as shown, with its numbering ("（一）…"), which follows from the section's place in the draft. */
  label?: string;
  workLine: string | null;
  /** The writing unit: it and its superiors may appear in a rewrite without counting as new names. */
  unit?: string;
  warnings: DraftWarning[];
  focused: boolean;
  busy: boolean;
  generating: boolean;
  /** The model has been thinking this long (ms) before writing this section; absent: not thinking. */
  thinkingMs?: number;
  onFocus: () => void;
  /** `typed`: a keystroke in the section's text (grouped into one undo step), not a whole change. */
  onEdit: (text: string, typed?: boolean) => void;
  onLock: (locked: boolean) => void;
  onRegenerate: () => void;
  /** A regenerated version waiting for the writer's choice, with the claims it changed. */
  proposal?: SectionProposal | null;
  onKeepProposal?: () => void;
  onDropProposal?: () => void;
}

export interface SectionCardHandle {
  /** Focus the text and select [start, end) (a warning's spot). */
  select(start?: number, end?: number): void;
}

/** One section of the draft: editable text, its warnings, and regenerate / rewrite / lock. */
export const SectionCard = forwardRef<SectionCardHandle, Props>(function SectionCard(
  { section, label, workLine, unit, warnings, focused, busy, generating, thinkingMs, onFocus, onEdit, onLock, onRegenerate, proposal, onKeepProposal, onDropProposal },
  ref,
) {
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const [rewrite, setRewrite] = useState<RewriteResult | null>(null);
  // The flags of an accepted rewrite are shown one by one beside their sentences, not again as a warning.
  const shownWarnings = (rewrite?.warnings ?? []).filter((w) => !(rewrite?.flags?.length && w.startsWith(FLAG_WARNING)));
  const [rewriting, setRewriting] = useState(false);
  const [rewriteError, setRewriteError] = useState<string | null>(null);
  const rewriteRef = useRef<HTMLDivElement>(null);

  const proposalRef = useRef<HTMLDivElement>(null);

  // A rewrite suggestion or a held-back regeneration appears below the text: bring it into view.
  useEffect(() => {
    if (rewrite) rewriteRef.current?.scrollIntoView?.({ block: "nearest" });
  }, [rewrite]);
  useEffect(() => {
    if (proposal) proposalRef.current?.scrollIntoView?.({ block: "nearest" });
  }, [proposal]);

  useImperativeHandle(ref, () => ({
    select(start?: number, end?: number) {
      const el = areaRef.current;
      if (!el) return;
      el.focus();
      if (start != null) el.setSelectionRange(start, end ?? start);
      el.scrollIntoView?.({ block: "center" });
    },
  }));

  // The textarea grows with its text so the draft reads like a document, not a stack of scroll boxes.
  useLayoutEffect(() => {
    const el = areaRef.current;
    if (!el) return;
    const fit = () => {
      el.style.height = "auto";
      el.style.height = `${Math.max(el.scrollHeight, 64)}px`;
    };
    fit();
    // A narrower window wraps more lines: refit then too.
    window.addEventListener("resize", fit);
    return () => window.removeEventListener("resize", fit);
  }, [section.text]);

  const runRewrite = async (mode: RewriteMode) => {
    setRewriteError(null);
    setRewriting(true);
    try {
      setRewrite(await rewriteText(section.text, mode, section.role, workLine, unit));
    } catch (e) {
      setRewriteError(errorText(e));
    } finally {
      setRewriting(false);
    }
  };

  const title = (label ?? section.heading) || (section.role === "opening" ? "开头段" : section.role === "closing" ? "结尾" : "");
  const pending = section.status === "pending";

  // "一、主要工作及成效" with nothing of its own under it is only a heading over its （一）…（十）.
  if (section.level === 1 && section.role === "work" && !section.text.trim() && section.factIds.length === 0) {
    return (
      <article className="section-card level-1 container" aria-label={title} data-section={section.id}>
        <header className="section-head"><h3>{title}</h3></header>
      </article>
    );
  }

  return (
    <article
      className={`section-card level-${section.level}${focused ? " focused" : ""}${section.locked ? " locked" : ""}`}
      aria-label={title || "段落"}
      data-section={section.id}
    >
      <header className="section-head">
        <h3 className={section.heading ? "" : "muted"}>{title}</h3>
        <div className="section-actions">
          {pending && generating && thinkingMs !== undefined ? (
            <span className="pill thinking" role="status">模型思考中…（{Math.round(thinkingMs / 1000)} 秒）</span>
          ) : pending && generating ? <span className="pill">生成中…</span> : null}
          <button type="button" className="small" onClick={onRegenerate} disabled={section.locked || busy || generating} title={section.locked ? "已锁定，不会重新生成" : "重新生成此节"}>
            {busy ? "生成中…" : "重新生成"}
          </button>
          <select
            aria-label="改写方式"
            className="small"
            value=""
            disabled={rewriting || !section.text.trim() || generating}
            onChange={(e) => e.target.value && void runRewrite(e.target.value as RewriteMode)}
          >
            <option value="">{rewriting ? "改写中…" : "改写…"}</option>
            {MODES.map((m) => (
              <option key={m.mode} value={m.mode}>{m.label}</option>
            ))}
          </select>
          <button type="button" className="small" aria-pressed={Boolean(section.locked)} onClick={() => onLock(!section.locked)} title="锁定后此节不会被重新生成">
            {section.locked ? "已锁定" : "锁定"}
          </button>
        </div>
      </header>
      {section.status === "error" && section.error === STOPPED_SECTION ? (
        <p className="hint warn-line" role="status">本节未写完（已停止生成）：{section.text.trim() ? "已写出的部分保留，导出时其后标【待补】；" : "导出时标为【待补】，"}可点“重新生成”补写。</p>
      ) : section.status === "error" ? <p className="error-note" role="alert">本节生成失败：{section.error ?? "未知原因"}</p> : null}
      <textarea
        ref={areaRef}
        className="section-text"
        aria-label={`正文：${title || "段落"}`}
        value={section.text}
        placeholder={pending ? "等待生成…" : ""}
        onFocus={onFocus}
        onChange={(e) => onEdit(e.target.value, true)}
        readOnly={pending && generating}
      />
      {rewriteError ? <p className="error-note" role="alert">{rewriteError}</p> : null}
      {proposal ? (
        <div className="rewrite" role="region" aria-label="重新生成的新稿" ref={proposalRef}>
          <div className="rewrite-head">
            <strong>新稿与要点的说法不符，尚未替换</strong>
          </div>
          <ClaimChanges claims={proposal.warnings.flatMap((w) => (w.claim ? [w.claim] : []))} beforeLabel="要点" afterLabel="新稿" />
          <DiffView changes={changesOf(section.text, proposal.section.text)} />
          <div className="row">
            <button type="button" className="small primary" onClick={onDropProposal}>保留原稿</button>
            <button type="button" className="small" onClick={onKeepProposal}>采用新稿</button>
          </div>
        </div>
      ) : null}
      {rewrite ? (
        <div className="rewrite" role="region" aria-label="改写建议" ref={rewriteRef}>
          <div className="rewrite-head">
            <strong>{rewrite.refused ? "改写未采用" : "改写建议"}（{MODES.find((m) => m.mode === rewrite.mode)?.label ?? rewrite.mode}）</strong>
            <span className="hint">{rewrite.engine === "offline" ? "离线引擎" : "模型"}</span>
          </div>
          {shownWarnings.length ? (
            <ul className="warnings">
              {shownWarnings.map((w, i) => <li key={i}>{w}</li>)}
            </ul>
          ) : null}
          <ClaimChanges claims={rewrite.claims ?? []} beforeLabel="原文" afterLabel="改写" />
          {rewrite.refused ? null : <ClaimFlags flags={rewrite.flags ?? []} />}
          {rewrite.refused && rewrite.proposal !== undefined ? (
            <>
              <DiffView changes={changesOf(section.text, rewrite.proposal)} />
              <div className="row">
                <button type="button" className="primary small" onClick={() => setRewrite(null)}>保留原文</button>
                <button
                  type="button"
                  className="small"
                  onClick={() => {
                    onEdit(rewrite.proposal!);
                    setRewrite(null);
                  }}
                >
                  仍采用改写
                </button>
              </div>
            </>
          ) : (
            <>
              <DiffView changes={rewrite.changes} />
              <div className="row">
                <button
                  type="button"
                  className="primary small"
                  disabled={rewrite.text === section.text}
                  onClick={() => {
                    onEdit(rewrite.text);
                    setRewrite(null);
                  }}
                >
                  接受
                </button>
                <button type="button" className="small" onClick={() => setRewrite(null)}>放弃</button>
              </div>
            </>
          )}
        </div>
      ) : null}
      {warnings.length ? (
        <ul className="warnings" aria-label="核对提示">
          {warnings.map((w, i) => (
            <li key={i}>
              <button
                type="button"
                className="link"
                onClick={() => {
                  onFocus();
                  const el = areaRef.current;
                  if (!el) return;
                  el.focus();
                  if (w.start != null) el.setSelectionRange(w.start, w.end ?? w.start);
                }}
              >
                ⚠ {w.message}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
});
