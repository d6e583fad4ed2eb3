import { assertFileUsable } from "../../../lib/files.ts";
import { useRef, useState } from "react";
import { FINDING_KIND_LABELS, type Finding, type FindingKind } from "../../../../server/checking/types.ts";
import { conflictingSuggestions, mergeModelFindings } from "../../../../server/checking/model-findings.ts";
import { ErrorNote } from "../../../components/ErrorNote.tsx";
import { FindingList } from "./FindingList.tsx";
import { FindingsText } from "./FindingsText.tsx";
import { ModelPassBar } from "./ModelPassBar.tsx";
import { useModelPass } from "../api/use-model-pass.ts";
import { checkFile, checkText, sortFindings, type DraftEdit, type DraftText } from "../api/check.ts";
import { applyAllSuggestions, applyOne, sortByPlace, withRecheck, type Change, type Checked } from "../suggestions.ts";
import { DOCUMENT_ACCEPT } from "../../../../server/corpus/formats.ts";
import { errorText } from "../../../lib/errors.ts";


interface Props {
  /** The current draft as plain text, when there is one. */
  draft: DraftText | null;
  /** Write an applied suggestion back into the draft: the title, a section's heading or its body. */
  /** Suggestions taken, written back to the draft as one undo step. */
  onApplyToDraft?: (edits: DraftEdit[]) => void;
  /** Takes back the last step of the draft's history (the batch applied by 全部采用建议). */
  onUndoDraft?: () => void;
  /** The configured model's name, when there is one: offers 模型复核 after the rules. */
  model?: string | null;
  /** Run 模型复核 by itself after every rules check (the server's CHECK_MODEL, on by default with a model). */
  autoModel?: boolean;
}

const CROSSES_PARTS = "这条建议跨越了标题与正文的分界，无法自动写回初稿，请到起草页手动修改。";

/** Check the current draft or a pasted/uploaded document; list, highlight and fix findings. */
export function Checker({ draft, onApplyToDraft, onUndoDraft, model, autoModel = false }: Props) {
  const [input, setInput] = useState("");
  const [checked, setChecked] = useState<Checked | null>(null);
  const [active, setActive] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [kindFilter, setKindFilter] = useState<FindingKind | "">("");
  // What the last 全部采用建议 changed, with the text before it, so it can be taken back in one click.
  const [batch, setBatch] = useState<{ changes: Change[]; before: Checked } | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const textRef = useRef<HTMLDivElement>(null);

  const run = async (text: string, fromDraft: DraftText | null, year?: number) => {
    setBusy(true);
    setError(null);
    try {
      const r = await checkText(text, year, fromDraft?.reused);
      stopModel();
      setChecked({ text, findings: r.findings, year: r.year, yearAssumed: r.yearAssumed, fromDraft });
      setActive(null);
      if (model && autoModel) void runModel(text);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const runFile = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      assertFileUsable(file);
      const r = await checkFile(file);
      // The server reads the file (UTF-8, GB18030 or Big5) and answers with the text its offsets refer to.
      const text = r.text ?? "";
      setInput(text);
      stopModel();
      setChecked({ text, findings: r.findings, year: r.year, yearAssumed: r.yearAssumed, fromDraft: null });
      setActive(null);
      if (model && autoModel) void runModel(text);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  // The model's findings join the list only while the text is still the one it read (a suggestion taken
  // meanwhile would move the offsets).
  const { modelRun, runModel, stopModel } = useModelPass((sent, found) =>
    setChecked((c) => {
      if (!c || c.text !== sent) return c;
      const added = mergeModelFindings(c.findings, found);
      return added.length ? { ...c, findings: sortByPlace([...c.findings, ...added]) } : c;
    }),
  );

  const select = (i: number) => {
    setActive(i);
    const el = textRef.current?.querySelector<HTMLElement>(`[data-finding="${i}"]`);
    el?.scrollIntoView?.({ block: "center", behavior: "smooth" });
  };

  const commit = (next: Checked, edits: DraftEdit[]) => {
    if (next.fromDraft) {
      if (edits.length) onApplyToDraft?.(edits);
    } else setInput(next.text);
    setChecked(next);
    setActive(null);
    setBatch(null);
  };

  const apply = (f: Finding) => {
    if (!checked) return;
    const edits: DraftEdit[] = [];
    const next = applyOne(checked, f, edits);
    if (!next) {
      setError(CROSSES_PARTS);
      return;
    }
    commit(next, edits);
    // A heading's number is right or wrong only against its siblings: once one is renumbered, the check's verdict
    // on the ones after it is stale (一、二、四、 after 三→二). Check again so the list says what is left.
    if (f.kind === "numbering") void recheck(next);
  };

  const recheck = async (sent: Checked) => {
    setBusy(true);
    try {
      // A year that was only assumed is assumed again, not sent as the writer's.
      const again = await checkText(sent.text, sent.yearAssumed ? undefined : sent.year, sent.fromDraft?.reused);
      setChecked((c) => (c === sent ? withRecheck(sent, again.findings) : c));
    } catch (e) {
      setError(`重新检查未完成：${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  };

  // Every suggestion, in rounds with a re-check between: the whole run is one change to the draft, and one click takes it back.
  const applyAll = async () => {
    if (!checked) return;
    const before = checked;
    setBusy(true);
    const { next, edits, changes, skipped, failed } = await applyAllSuggestions(checked, (text, year) => checkText(text, checked.yearAssumed ? undefined : year, checked.fromDraft?.reused)).finally(() => setBusy(false));
    commit(next, edits);
    const skippedNote = skipped ? `有 ${skipped} 条建议跨越了标题与正文的分界，未自动采用，请到起草页手动修改。` : null;
    setError([failed, skippedNote].filter(Boolean).join("\n") || null);
    if (changes.length) setBatch({ changes, before });
  };

  const undoBatch = () => {
    if (!batch) return;
    if (batch.before.fromDraft) onUndoDraft?.();
    else setInput(batch.before.text);
    setChecked(batch.before);
    setBatch(null);
  };

  const findings = checked?.findings ?? [];
  const sorted = sortFindings(findings);
  const counts = new Map<FindingKind, number>();
  for (const f of findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  const shown = sorted.filter((f) => !kindFilter || f.kind === kindFilter);
  const undecided = conflictingSuggestions(findings);
  const withSuggestion = findings.filter((f) => f.suggestion != null && !undecided.has(f)).length;

  return (
    <div className="checker">
      <section className="check-input panel" aria-label="待检查文本">
        <h2 className="panel-title">检查对象</h2>
        <div className="row wrap">
          <button type="button" className="primary" disabled={!draft || busy} onClick={() => draft && run(draft.text, draft, draft.year)}>
            检查当前初稿
          </button>
          <button type="button" disabled={busy} onClick={() => fileRef.current?.click()}>上传文档</button>
          <input ref={fileRef} type="file" accept={DOCUMENT_ACCEPT} hidden aria-label="上传待检查文档" onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void runFile(f);
            e.target.value = "";
          }} />
        </div>
        <textarea className="paste" aria-label="粘贴待检查文本" placeholder="或在此粘贴要检查的文本…" value={input} onChange={(e) => setInput(e.target.value)} />
        <button type="button" disabled={!input.trim() || busy} onClick={() => run(input, null)}>{busy ? "检查中…" : "检查粘贴的文本"}</button>
        <ErrorNote message={error} onDismiss={() => setError(null)} />
        {checked && model ? (
          <ModelPassBar model={model} run={modelRun} busy={busy} added={findings.filter((f) => f.engine).length} onRun={() => void runModel(checked.text)} onStop={stopModel} />
        ) : null}
        {checked ? (
          <div className="finding-summary">
            <p>
              按 {checked.year} 年度检查{checked.yearAssumed ? "（文中未写明年份，专项工作和机构名称未按年份核对）" : ""}，共 {findings.length} 处：
            </p>
            <div className="kind-filter" role="group" aria-label="按类型筛选">
              <button type="button" className={`chip${kindFilter === "" ? " on" : ""}`} onClick={() => setKindFilter("")}>全部 {findings.length}</button>
              {[...counts].map(([k, n]) => (
                <button type="button" key={k} className={`chip${kindFilter === k ? " on" : ""}`} onClick={() => setKindFilter(k)}>
                  {FINDING_KIND_LABELS[k]} {n}
                </button>
              ))}
            </div>
          </div>
        ) : null}
      </section>

      <section className="check-text panel" aria-label="检查结果正文" ref={textRef}>
        {checked ? (
          <FindingsText text={checked.text} findings={findings} active={active} onSelect={select} />
        ) : (
          <div className="empty small"><p>检查结果将在此处以高亮显示。</p></div>
        )}
      </section>

      <section className="check-list panel" aria-label="问题列表">
        <div className="block-head">
          <h2 className="panel-title">问题列表</h2>
          {withSuggestion > 0 ? (
            <button type="button" className="small" onClick={() => void applyAll()} disabled={busy} title="依次采用所有带修改建议的问题，再检查一遍，直到没有可自动修改的问题">
              全部采用建议（{withSuggestion}）
            </button>
          ) : null}
        </div>
        {batch ? (
          <p className="ok-note batch-note" role="status">
            已采用 {batch.changes.length} 条建议并重新检查。
            <button type="button" className="small" onClick={undoBatch}>撤销这批修改</button>
          </p>
        ) : null}
        {batch ? (
          <ul className="batch-changes" aria-label="本批修改">
            {batch.changes.map((c, i) => (
              <li key={i}><del>{c.from.replace(/\n/g, "↵") || "（空）"}</del> → <ins>{c.to.replace(/\n/g, "↵") || "（删除）"}</ins></li>
            ))}
          </ul>
        ) : null}
        {checked && findings.length === 0 ? <p className="ok-note">未发现问题。</p> : null}
        <FindingList findings={findings} shown={shown} active={active} undecided={undecided} onSelect={select} onApply={apply} />
      </section>
    </div>
  );
}
