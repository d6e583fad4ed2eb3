import { useRef, useState } from "react";
import { DOCUMENT_ACCEPT } from "../../../../server/corpus/formats.ts";
import type { Derivation } from "../../../../server/drafting/provenance.ts";
import type { DraftInput, Fact, Outline } from "../../../../server/drafting/types.ts";
import { UNVERIFIED } from "../../../../server/facts/types.ts";
import { ErrorNote } from "../../../components/ErrorNote.tsx";
import { Modal } from "../../../components/Modal.tsx";
import { fileProblem } from "../../../lib/files.ts";
import { skeletonFor, type SkeletonResult } from "../api/facts.ts";

interface Props {
  factsText: string;
  /** The outline from last year's headings with this year's facts placed; the confirmed year-over-year figures; the
   * sentences of last year the writer confirmed keeping. */
  onAdopt: (input: DraftInput, outline: Outline, facts: Fact[], derivations: Derivation[], reused: string[]) => void;
  disabled?: boolean;
}

/** 以去年总结为底稿: last year's headings as the outline, its sentences as wording with every figure marked. */
export function SkeletonImport({ factsText, onAdopt, disabled }: Props) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<SkeletonResult | null>(null);
  const [confirmed, setConfirmed] = useState<Record<number, boolean>>({});
  const [kept, setKept] = useState<Record<number, boolean>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const read = async (file: File) => {
    setError(null);
    const problem = fileProblem(file);
    if (problem) return setError(problem);
    if (!factsText.trim()) return setError("请先在事实材料中写明单位、年度和今年的要点（或导入报送材料），再以去年总结为底稿");
    setBusy(true);
    try {
      setResult(await skeletonFor(file, factsText));
      setConfirmed({});
      setKept({});
    } catch (e) {
      setError(e instanceof Error ? `读取去年总结失败：${e.message}` : "读取去年总结失败");
    } finally {
      setBusy(false);
    }
  };

  const heading = (id: string) => result?.outline.sections.find((s) => s.id === id)?.heading ?? id;
  return (
    <>
      <button type="button" className="ghost small" onClick={() => fileRef.current?.click()} disabled={disabled || busy}>
        {busy ? "正在读取…" : "以去年总结为底稿"}
      </button>
      <input ref={fileRef} type="file" accept={DOCUMENT_ACCEPT} hidden aria-label="以去年总结为底稿" onChange={(e) => {
        const f = e.target.files?.[0];
        e.target.value = "";
        if (f) void read(f);
      }} />
      {error && !result ? <ErrorNote message={error} onDismiss={() => setError(null)} /> : null}
      {result ? (
        <Modal title="以去年总结为底稿" onClose={() => setResult(null)} wide>
          <ErrorNote message={error} onDismiss={() => setError(null)} />
          <p className="hint">
            沿用去年标题 {result.headings.carried}/{result.headings.total} 个；今年没有要点、需补充材料的小节 {result.needsMaterial.length} 个
            {result.needsMaterial.length ? `：${result.needsMaterial.map(heading).join("、")}` : ""}。
          </p>
          {result.derived.length ? (
            <section aria-label="同比推算">
              <h3>同比推算（确认后才可写入）</h3>
              {result.derived.map((d, i) => (
                <label key={i} className="warn-line" style={{ display: "block" }}>
                  <input type="checkbox" checked={Boolean(confirmed[i])} onChange={(e) => setConfirmed((c) => ({ ...c, [i]: e.target.checked }))} />
                  {d.measure}：今年 {d.thisYear}，去年 {d.lastYear}，{d.phrase}。算式：{d.formula}
                </label>
              ))}
            </section>
          ) : null}
          <section aria-label="去年措辞">
            <h3>去年措辞（数字、年份和有时效的提法已标出，须更新）</h3>
            {result.wording.map((w, i) => (
              <p key={i} className={w.status === "unverified" && !kept[i] ? "warn-line" : undefined}>
                <label className="hint">
                  <input type="checkbox" checked={Boolean(kept[i])} onChange={(e) => setKept((k) => ({ ...k, [i]: e.target.checked }))} />
                  确认沿用
                </label>
                <span className="hint">{heading(w.sectionId)}：</span>
                {w.status === "unverified" && !kept[i] ? `${UNVERIFIED}` : null}
                {w.marked}
              </p>
            ))}
          </section>
          <button type="button" className="primary" onClick={() => {
            const derivations = result.derived.flatMap((d, i) => (confirmed[i] ? [{ kind: "percent" as const, value: d.percent, formula: d.formula, confirmed: true }] : []));
            onAdopt(result.input, result.outline, result.facts, derivations, result.wording.flatMap((w, i) => (kept[i] ? [w.text] : [])));
            setResult(null);
          }}>
            采用去年标题作为提纲
          </button>
        </Modal>
      ) : null}
    </>
  );
}
