import { assertFileUsable } from "../../lib/files.ts";
import { headingLabels } from "../../../server/text/headings.ts";
import { useEffect, useRef, useState } from "react";
import type { Derivation, Provenance } from "../../../server/drafting/provenance.ts";
import { ErrorNote } from "../../components/ErrorNote.tsx";
import { exportDocx, importDraftText } from "../../features/drafting/api/drafting.ts";
import type { DraftSession } from "../../features/drafting/api/use-draft-session.ts";
import { DraftView } from "../../features/drafting/components/DraftView.tsx";
import { FactsPanel } from "../../features/drafting/components/FactsPanel.tsx";
import { OutlineEditor } from "../../features/drafting/components/OutlineEditor.tsx";
import { paragraphsToDraft } from "../../features/drafting/draft-import.ts";
import { canRedo, canUndo, currentDraft } from "../../features/drafting/draft-state.ts";
import { SourcesPanel } from "../../features/sources/components/SourcesPanel.tsx";
import { exportAudit } from "../../features/facts/api/facts.ts";
import { AuditSheet } from "../../features/facts/components/AuditSheet.tsx";
import { SkeletonImport } from "../../features/facts/components/SkeletonImport.tsx";
import { SubmissionsImport } from "../../features/facts/components/SubmissionsImport.tsx";
import { DOCUMENT_ACCEPT } from "../../../server/corpus/formats.ts";
import { errorText } from "../../lib/errors.ts";

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Writing: facts and outline on the left, the draft in the centre, the focused section's sources on the right. */
export function WritePage({ session, onNew, focusedId, onFocusSection: setFocusedId }: { session: DraftSession; onNew: () => void; focusedId: string | null; onFocusSection: (id: string | null) => void }) {
  const { state, dispatch, outline, outlineFacts, busy, error, setError } = session;
  const sections = state.draft?.sections ?? [];
  const importRef = useRef<HTMLInputElement>(null);
  const generating = state.phase === "generating";
  // Where each fact imported from the units' submissions came from, for the audit sheet (核稿单).
  const [provenance, setProvenance] = useState<Provenance>([]);
  const [withAudit, setWithAudit] = useState(false);
  // Year-over-year figures the writer confirmed (以去年总结为底稿): the audit sheet shows their formulas.
  const [derivations, setDerivations] = useState<Derivation[]>([]);
  // Last year's sentences the writer confirmed keeping (以去年总结为底稿).
  const [reused, setReused] = useState<string[]>([]);
  // The trail goes with the draft when it is written and is saved with it; a reopened draft brings its own.
  const trail = {
    provenance: provenance.length ? provenance : (state.draft?.provenance ?? []),
    derivations: derivations.length ? derivations : (state.draft?.derivations ?? []),
    reused: reused.length ? reused : (state.draft?.reused ?? []),
  };

  // Writing again replaces every section that is not locked: ask first when there is text to lose.
  const generate = () => {
    const unlockedText = sections.some((s) => !s.locked && s.text.trim());
    if (unlockedText && !window.confirm("重新生成初稿将覆盖未锁定各节的内容（已锁定的节保留）。继续吗？")) return;
    void session.generate(trail);
  };

  // Ctrl+Enter writes the draft from anywhere on the page; Ctrl+Z and Ctrl+Shift+Z (or Ctrl+Y) undo and redo
  // the draft's own history, in a section's text too, so a taken suggestion or rewrite can be undone there.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && !e.altKey && (key === "z" || key === "y") && state.draft && !(e.target instanceof Element && e.target.closest("textarea.facts"))) {
        const redo = key === "y" || (key === "z" && e.shiftKey);
        if (redo ? canRedo(state) : canUndo(state)) {
          e.preventDefault();
          dispatch({ type: redo ? "redo" : "undo" });
        }
        return;
      }
      if (mod && e.key === "Enter") {
        e.preventDefault();
        if (!generating && (outline || session.factsText.trim())) generate();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  // Follow the stream: the section being written is the one whose sources are shown.
  useEffect(() => {
    if (!generating) return;
    const writing = sections.find((s) => s.status === "pending" && s.text) ?? null;
    if (writing && writing.id !== focusedId) setFocusedId(writing.id);
  }, [generating, sections, focusedId]);

  const focused = sections.find((s) => s.id === focusedId) ?? sections.find((s) => s.sources.length > 0) ?? null;
  const focusedLabel = focused ? headingLabels(sections)[sections.indexOf(focused)] : "";
  const facts = state.draft?.facts.length ? state.draft.facts : outlineFacts;
  const query = focused
    ? [focusedLabel, ...focused.factIds.map((id) => facts.find((f) => f.id === id)?.text ?? ""), focused.text].join("\n")
    : "";

  const doExport = async () => {
    const d = currentDraft(state);
    if (!d) return;
    try {
      download(await exportDocx(d), `${d.title || "工作总结"}.docx`);
      if (withAudit) download(await exportAudit(d, trail.provenance, trail.derivations), `核稿单-${d.title || "工作总结"}.docx`);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const doImport = async (file: File) => {
    try {
      assertFileUsable(file);
      const { text } = await importDraftText(file);
      if (!text.trim()) throw new Error("文件为空：没有读到文字");
      const draft = paragraphsToDraft(text.split(/\r?\n/));
      onNew();
      // An imported draft has no saved id yet: the autosave creates it on the server.
      session.loadDraft(draft, null, null);
    } catch (e) {
      setError(e instanceof Error ? `导入失败：${e.message}` : "导入失败");
    }
  };

  return (
    <div className="write">
      <aside className="col left" aria-label="事实与提纲">
        <SubmissionsImport factsText={session.factsText} disabled={generating} onUse={(text, p) => {
          session.setFactsText(text);
          setProvenance(p);
        }} />
        <SkeletonImport factsText={session.factsText} disabled={generating} onAdopt={(input, o, f, d, kept) => {
          session.adoptPlan(input, o, f);
          setDerivations(d);
          setReused(kept);
        }} />
        <FactsPanel text={session.factsText} onChange={session.setFactsText} onOutline={() => void session.makeOutline()} onImport={(f) => void session.importFactsFile(f)} busy={busy === "outline" || busy === "parse"} />
        {outline ? (
          <OutlineEditor outline={outline} facts={outlineFacts} onChange={session.setOutline} onGenerate={generate} generating={generating} stale={session.outlineStale} />
        ) : session.factsText.trim() ? (
          <button type="button" className="primary block" onClick={generate} disabled={generating} title="Ctrl+Enter">
            {generating ? "正在生成…" : "直接生成初稿"}
          </button>
        ) : null}
      </aside>
      <section className="col centre" aria-label="初稿">
        <div className="toolbar" role="toolbar" aria-label="稿件操作">
          <button type="button" className="small" onClick={onNew} disabled={generating}>新建</button>
          <button type="button" className="small" onClick={() => importRef.current?.click()} disabled={generating}>导入 .docx 稿件</button>
          <input ref={importRef} type="file" accept={DOCUMENT_ACCEPT} hidden aria-label="导入 .docx 稿件" onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void doImport(f);
            e.target.value = "";
          }} />
          <button type="button" className="small" onClick={() => dispatch({ type: "undo" })} disabled={!canUndo(state)} title="撤销（Ctrl+Z）">撤销</button>
          <button type="button" className="small" onClick={() => dispatch({ type: "redo" })} disabled={!canRedo(state)} title="重做（Ctrl+Shift+Z）">重做</button>
          <button type="button" className="small" onClick={() => void doExport()} disabled={!state.finished || generating}>导出 .docx</button>
          <label className="hint"><input type="checkbox" checked={withAudit} onChange={(e) => setWithAudit(e.target.checked)} />同时导出核稿单</label>
          <AuditSheet draft={currentDraft(state)} provenance={trail.provenance} derivations={trail.derivations} onDownload={download} disabled={!state.finished || generating} />
          {state.draft ? <span className="hint engine-of-draft">本稿：{state.draft.engine === "llm" ? `模型 ${state.draft.model ?? ""}` : "离线引擎"}</span> : null}
        </div>
        <ErrorNote message={error} onDismiss={() => setError(null)} />
        <DraftView
          state={state}
          dispatch={dispatch}
          outline={outline}
          focusedId={focused?.id ?? null}
          onFocus={setFocusedId}
          busy={busy}
          onRegenerate={(id) => void session.regenerate(id)}
          proposals={session.proposals}
          onKeepProposal={session.keepProposal}
          onDropProposal={session.dropProposal}
          onCancel={session.cancel}
        />
      </section>
      <aside className="col right" aria-label="参考材料">
        <SourcesPanel section={focused} label={focusedLabel} query={query} onDetach={focused ? (chunkId) => dispatch({ type: "detach-source", sectionId: focused.id, chunkId }) : undefined} />
      </aside>
    </div>
  );
}
