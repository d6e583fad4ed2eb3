import { assertFileUsable } from "../../../lib/files.ts";
import { useMemo, useRef, useState } from "react";
import type { Finding, FindingKind } from "../../../../server/checking/types.ts";
import { conflictingSuggestions, mergeModelFindings } from "../../../../server/checking/model-findings.ts";
import { ErrorNote } from "../../../components/ErrorNote.tsx";
import { segmentByRanges } from "../../../lib/highlight.ts";
import {
  KIND_LABELS,
  SEVERITY_LABELS,
  applySuggestion,
  checkFile,
  checkText,
  checkWithModel,
  sortFindings,
  suggestionInDraft,
  type DraftEdit,
  type DraftText,
} from "../api/check.ts";
import { DOCUMENT_ACCEPT } from "../../../../server/corpus/formats.ts";

export type { DraftEdit, DraftText };

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

/** The checked text with findings highlighted inline; each mark is a button that selects its finding. */
export function FindingsText({ text, findings, active, onSelect }: { text: string; findings: Finding[]; active: number | null; onSelect: (i: number) => void }) {
  const segments = useMemo(() => segmentByRanges(text, findings), [text, findings]);
  return (
    <div className="checked-text" aria-label="检查文本">
      {segments.map((seg) => {
        if (seg.covering.length === 0) return <span key={seg.start}>{seg.text}</span>;
        // The most severe covering finding decides the colour.
        const top = seg.covering.reduce((a, b) => (rank(findings[b]) < rank(findings[a]) ? b : a));
        const f = findings[top];
        return (
          <mark
            key={seg.start}
            data-finding={top}
            className={`finding sev-${f.severity} kind-${f.kind}${seg.covering.includes(active ?? -1) ? " active" : ""}`}
            title={`${KIND_LABELS[f.kind]}：${f.message}`}
            onClick={() => onSelect(top)}
          >
            {seg.text}
          </mark>
        );
      })}
    </div>
  );
}

function rank(f: Finding): number {
  return f.severity === "error" ? 0 : f.severity === "warning" ? 1 : 2;
}

/**
 * Rounds of 全部采用建议 at most: take every suggestion, check again, and take what the new check suggests (a heading
 * renumbered makes its next sibling's number wrong, and only the next check says so: one round per sibling).
 */
const APPLY_ALL_ROUNDS = 12;

/** Check the current draft or a pasted/uploaded document; list, highlight and fix findings. */
export function Checker({ draft, onApplyToDraft, onUndoDraft, model, autoModel = false }: Props) {
  const [input, setInput] = useState("");
  const [checked, setChecked] = useState<{ text: string; findings: Finding[]; year: number; fromDraft: DraftText | null } | null>(null);
  const [active, setActive] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [kindFilter, setKindFilter] = useState<FindingKind | "">("");
  // What the last 全部采用建议 changed, with the text before it, so it can be taken back in one click.
  const [batch, setBatch] = useState<{ changes: { from: string; to: string }[]; before: NonNullable<typeof checked> } | null>(null);
  const [modelRun, setModelRun] = useState<{ done: number; total: number; finished: boolean; note: string | null; thinkingMs?: number } | null>(null);
  const modelAbort = useRef<AbortController | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const textRef = useRef<HTMLDivElement>(null);

  const run = async (text: string, fromDraft: DraftText | null, year?: number) => {
    setBusy(true);
    setError(null);
    try {
      const r = await checkText(text, year);
      stopModel();
      setChecked({ text, findings: r.findings, year: r.year, fromDraft });
      setActive(null);
      if (model && autoModel) void runModel(text);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
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
      setChecked({ text, findings: r.findings, year: r.year, fromDraft: null });
      setActive(null);
      if (model && autoModel) void runModel(text);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const stopModel = () => {
    modelAbort.current?.abort();
    modelAbort.current = null;
    setModelRun(null);
  };

  // The model proofreads the checked text; its findings join the list as each chunk is done, but only
  // while the text is still the one it read (a suggestion taken meanwhile would move the offsets).
  const runModel = async (text?: string) => {
    const sent = text ?? checked?.text;
    if (sent === undefined) return;
    stopModel();
    const ac = new AbortController();
    modelAbort.current = ac;
    setModelRun({ done: 0, total: 0, finished: false, note: null });
    const note = (s: string) => setModelRun((m) => (m ? { ...m, note: m.note ? `${m.note}\n${s}` : s } : m));
    try {
      await checkWithModel(sent, (e) => {
        if (e.event === "thinking") setModelRun((m) => (m ? { ...m, thinkingMs: e.data.elapsedMs } : m));
        else if (e.event === "progress") {
          setModelRun((m) => (m ? { ...m, done: e.data.done, total: e.data.total, thinkingMs: undefined } : m));
          setChecked((c) => {
            if (!c || c.text !== sent) return c;
            const added = mergeModelFindings(c.findings, e.data.findings);
            return added.length ? { ...c, findings: [...c.findings, ...added].sort((a, b) => a.start - b.start || a.end - b.end) } : c;
          });
        } else if (e.event === "warning") note(e.data.message);
        else if (e.event === "error") note(e.data.message);
        else if (e.event === "done") setModelRun((m) => (m ? { ...m, finished: true } : m));
      }, ac.signal);
    } catch (e) {
      if (!ac.signal.aborted) note(e instanceof Error ? e.message : String(e));
    } finally {
      setModelRun((m) => (m ? { ...m, finished: true } : m));
    }
  };

  const select = (i: number) => {
    setActive(i);
    const el = textRef.current?.querySelector<HTMLElement>(`[data-finding="${i}"]`);
    el?.scrollIntoView?.({ block: "center", behavior: "smooth" });
  };

  type Checked = NonNullable<typeof checked>;

  // One suggestion into the checked text and, for a draft, into the part of the draft it falls in;
  // null (nothing changed) when it cannot be written back to the draft.
  const applyOne = (c: Checked, f: Finding, edits: DraftEdit[]): Checked | null => {
    let fromDraft = c.fromDraft;
    if (fromDraft) {
      const mapped = suggestionInDraft(fromDraft, f);
      if (!mapped) return null;
      edits.push(mapped.edit);
      fromDraft = mapped.draft;
    }
    const r = applySuggestion(c.text, c.findings, f);
    return { ...c, text: r.text, findings: r.findings, fromDraft };
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
      const again = await checkText(sent.text, sent.year);
      const kept = mergeModelFindings(again.findings, sent.findings.filter((f) => f.engine));
      setChecked((c) => (c === sent ? { ...sent, findings: [...again.findings, ...kept].sort((a, b) => a.start - b.start || a.end - b.end) } : c));
    } catch (e) {
      setError(`重新检查未完成：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  // Last to first: a replacement never moves the findings before it, so each keeps its offsets.
  const applyRound = (from: Checked, edits: DraftEdit[], changes: { from: string; to: string }[]) => {
    let next = from;
    let applied = 0;
    let skipped = 0;
    // Where a rule and the model propose different fixes for the same words, the writer chooses.
    const undecided = conflictingSuggestions(from.findings);
    const order = from.findings.filter((f) => f.suggestion != null && !undecided.has(f)).sort((a, b) => b.start - a.start || b.end - a.end);
    for (const f of order) {
      if (!next.findings.includes(f)) continue; // overlapped a suggestion already taken
      const after = applyOne(next, f, edits);
      if (after) {
        next = after;
        applied += 1;
        changes.push({ from: f.text, to: f.suggestion! });
      } else skipped += 1;
    }
    return { next, applied, skipped };
  };

  // Take every suggestion, check the result again and take what that check suggests (a heading renumbered
  // makes the next sibling's number wrong, and the next check says so), until nothing more can be fixed.
  // The whole run is one change to the draft, and one click takes it back.
  const applyAll = async () => {
    if (!checked) return;
    const before = checked;
    const edits: DraftEdit[] = [];
    const changes: { from: string; to: string }[] = [];
    let next: Checked = checked;
    let skipped = 0;
    let failed: string | null = null;
    setBusy(true);
    try {
      for (let round = 0; round < APPLY_ALL_ROUNDS; round++) {
        const r = applyRound(next, edits, changes);
        next = r.next;
        skipped = r.skipped;
        if (r.applied === 0) break;
        const again = await checkText(next.text, next.year);
        // The model's findings (shifted by the edits) stay: a re-check runs the rules only.
        const kept = mergeModelFindings(again.findings, next.findings.filter((f) => f.engine));
        next = { ...next, findings: [...again.findings, ...kept].sort((a, b) => a.start - b.start || a.end - b.end) };
        if (!again.findings.some((f) => f.suggestion != null)) break;
      }
    } catch (e) {
      // What was taken before the re-check failed stays taken (and can be undone); the list is the last one checked.
      failed = `重新检查未完成：${e instanceof Error ? e.message : String(e)}`;
    } finally {
      setBusy(false);
    }
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
  const activeFinding = active != null ? findings[active] : null;
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
          <div className="model-pass row wrap" aria-live="polite">
            <button type="button" disabled={busy || (modelRun != null && !modelRun.finished)} onClick={() => void runModel()} title="规则检查之后，再请模型找错别字和语病；只保留能在原文中核实的结果">
              {modelRun && !modelRun.finished ? `模型复核中 ${modelRun.done}/${modelRun.total || "…"} 段` : `模型复核（${model}）`}
            </button>
            {modelRun && !modelRun.finished && modelRun.thinkingMs !== undefined ? (
              <span className="pill thinking" role="status">模型思考中…（{Math.round(modelRun.thinkingMs / 1000)} 秒）</span>
            ) : null}
            {modelRun && !modelRun.finished ? <button type="button" className="small" onClick={stopModel}>停止</button> : null}
            {modelRun?.finished ? <span className="hint">模型复核完成，新增 {findings.filter((f) => f.engine).length} 处</span> : null}
            {modelRun?.note ? <p className="hint warn" role="status">{modelRun.note}</p> : null}
          </div>
        ) : null}
        {checked ? (
          <div className="finding-summary">
            <p>
              按 {checked.year} 年度检查，共 {findings.length} 处：
            </p>
            <div className="kind-filter" role="group" aria-label="按类型筛选">
              <button type="button" className={`chip${kindFilter === "" ? " on" : ""}`} onClick={() => setKindFilter("")}>全部 {findings.length}</button>
              {[...counts].map(([k, n]) => (
                <button type="button" key={k} className={`chip${kindFilter === k ? " on" : ""}`} onClick={() => setKindFilter(k)}>
                  {KIND_LABELS[k]} {n}
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
        {activeFinding?.kind === "reuse" || activeFinding?.kind === "stale" ? (
          <div className="side-by-side" aria-label="对照">
            <div>
              <h3>本文</h3>
              <p>{activeFinding.text}</p>
            </div>
            <div>
              <h3>往年材料{activeFinding.source ? `：${activeFinding.source.title}` : ""}</h3>
              {activeFinding.source?.headingPath.length ? <p className="source-path">{activeFinding.source.headingPath.join(" › ")}</p> : null}
              <p>{activeFinding.source?.text ?? "（无来源）"}</p>
            </div>
          </div>
        ) : null}
        <ul className="findings">
          {shown.map((f) => {
            const i = findings.indexOf(f);
            return (
              <li key={`${f.kind}-${f.start}-${f.end}-${i}`} className={`finding-item sev-${f.severity}${active === i ? " active" : ""}`}>
                <button type="button" className="finding-jump" onClick={() => select(i)}>
                  <span className={`badge sev-${f.severity}`}>{SEVERITY_LABELS[f.severity]}</span>
                  <span className="kind">{KIND_LABELS[f.kind]}{f.kind === "reuse" ? (f.stock ? "·套话" : "·具体内容") : ""}</span>
                  {f.engine ? <span className="engine-tag" title={`由模型 ${f.engine} 发现，已核对原文`}>模型</span> : null}
                  <span className="msg">{f.message}</span>
                  <q className="excerpt">{f.text.length > 40 ? `${f.text.slice(0, 40)}…` : f.text}</q>
                </button>
                {f.suggestion != null ? (
                  <button type="button" className="small" onClick={() => apply(f)}>
                    采用建议：{f.suggestion === "" ? "删除" : `“${f.suggestion.length > 16 ? `${f.suggestion.slice(0, 16)}…` : f.suggestion}”`}
                  </button>
                ) : null}
                {undecided.has(f) ? <span className="hint" role="note">规则与模型的建议不同，请选择其一</span> : null}
                {f.engine && f.suggestion == null && f.kind === "typo" ? <span className="hint" role="note">请核对，不自动修改</span> : null}
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
