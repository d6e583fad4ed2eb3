import { useRef, useState } from "react";
import { DOCUMENT_ACCEPT } from "../../../../server/corpus/formats.ts";
import type { Provenance } from "../../../../server/docx/audit.ts";
import { FACT_ROLES, type Candidate, type FactConflict, type FileResult } from "../../../../server/facts/types.ts";
import { ErrorNote } from "../../../components/ErrorNote.tsx";
import { Modal } from "../../../components/Modal.tsx";
import { fileProblem } from "../../../lib/files.ts";
import { extractFacts } from "../api/facts.ts";
import { byWorkLine, factsTextFor, move, provenanceOf, setUnit, settle, update } from "../candidates.ts";


interface Props {
  /** The facts box's current text: its 单位：/年度： lines are kept. */
  factsText: string;
  onUse: (factsText: string, provenance: Provenance) => void;
  disabled?: boolean;
}

/** 导入报送材料: the units' files → candidate facts by work line, ticked, edited and ordered by the writer. */
export function SubmissionsImport({ factsText, onUse, disabled }: Props) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number; file: string } | null>(null);
  const [files, setFiles] = useState<FileResult[]>([]);
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  const [conflicts, setConflicts] = useState<FactConflict[]>([]);
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const read = async (list: File[]) => {
    setError(null);
    const problems = list.map(fileProblem).filter((p): p is string => Boolean(p));
    const usable = list.filter((f) => !fileProblem(f));
    if (problems.length) setError(problems.join("；"));
    if (!usable.length) return;
    setBusy(true);
    setOpen(true);
    setFiles([]);
    setProgress({ done: 0, total: usable.length, file: "" });
    try {
      await extractFacts(usable, {}, (e) => {
        if (e.event === "progress") setProgress(e.data);
        else if (e.event === "file") setFiles((fs) => [...fs, e.data]);
        else if (e.event === "error") setError(e.data.message);
        else if (e.event === "done") {
          setFiles(e.data.files);
          setCandidates(e.data.candidates);
          setConflicts(e.data.conflicts);
        }
      });
    } catch (e) {
      setError(e instanceof Error ? `导入失败：${e.message}` : "导入失败");
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const chosen = candidates.filter((c) => c.chosen).length;
  const label = (id: string) => candidates.find((c) => c.id === id);

  return (
    <>
      <button type="button" className="ghost small" onClick={() => fileRef.current?.click()} disabled={disabled || busy}>
        导入报送材料
      </button>
      <input ref={fileRef} type="file" multiple accept={DOCUMENT_ACCEPT} hidden aria-label="导入报送材料" onChange={(e) => {
        const list = [...(e.target.files ?? [])];
        e.target.value = "";
        if (list.length) void read(list);
      }} />
      {open ? (
        <Modal title="导入报送材料" onClose={() => setOpen(false)} wide>
          <ErrorNote message={error} onDismiss={() => setError(null)} />
          {progress ? <p className="hint" role="status">正在读取 {progress.done}/{progress.total}{progress.file ? `：已读完《${progress.file}》` : ""}</p> : null}
          <ul className="submission-files" aria-label="报送单位">
            {files.map((f) => (
              <li key={f.file}>
                《{f.file}》
                {f.status === "read" ? (
                  <>
                    {" "}单位：
                    <input aria-label={`《${f.file}》的单位`} value={f.unit ?? ""} onChange={(e) => {
                      const unit = e.target.value;
                      setFiles((fs) => fs.map((x) => (x.file === f.file ? { ...x, unit } : x)));
                      setCandidates((cs) => setUnit(cs, f.file, unit));
                    }} />
                    <span className="hint">候选要点 {f.candidates} 条{f.refused ? `，模型所提 ${f.refused} 条未通过核对已舍去` : ""}</span>
                  </>
                ) : (
                  <span className="warn-line">未能读取：{f.message}</span>
                )}
              </li>
            ))}
          </ul>
          {conflicts.length ? (
            <section aria-label="数字冲突">
              <h3>数字冲突（请核实后选定一个，未选定的不写入）</h3>
              {conflicts.map((c) => (
                <p key={c.id} className="warn-line">
                  {c.measure}：
                  {c.entries.map((e) => (
                    <button key={e.candidateId} type="button" className={`small${label(e.candidateId)?.chosen ? " primary" : ""}`} onClick={() => setCandidates((cs) => settle(cs, c, e.candidateId))}>
                      {e.unit} {e.raw}
                    </button>
                  ))}
                </p>
              ))}
            </section>
          ) : null}
          {byWorkLine(candidates).map((g) => (
            <section key={g.id} aria-label={g.label}>
              <h3>{g.label}</h3>
              <ol className="candidates">
                {g.items.map((c) => (
                  <li key={c.id}>
                    <input type="checkbox" checked={c.chosen} aria-label="选用" onChange={(e) => setCandidates((cs) => update(cs, c.id, { chosen: e.target.checked }))} />
                    <select className="small" value={c.role} aria-label="类别" onChange={(e) => setCandidates((cs) => update(cs, c.id, { role: e.target.value as Candidate["role"] }))}>
                      {FACT_ROLES.map((r) => <option key={r}>{r}</option>)}
                    </select>
                    <input className="candidate-text" value={c.text} aria-label="要点" onChange={(e) => setCandidates((cs) => update(cs, c.id, { text: e.target.value }))} />
                    <span className="hint">{c.unit}{c.sources.length > 1 ? `（${c.sources.length} 个单位数字一致）` : ""}</span>
                    <button type="button" className="ghost small" aria-label="上移" onClick={() => setCandidates((cs) => move(cs, c.id, -1))}>↑</button>
                    <button type="button" className="ghost small" aria-label="下移" onClick={() => setCandidates((cs) => move(cs, c.id, 1))}>↓</button>
                    <button type="button" className="ghost small" onClick={() => setShown(shown === c.id ? null : c.id)}>{shown === c.id ? "收起来源" : "来源"}</button>
                    {shown === c.id ? (
                      <div className="candidate-sources">
                        {c.sources.map((s, k) => (
                          <blockquote key={k}>
                            <div className="hint">{s.unit}《{s.file}》{s.headingPath.length ? ` ${s.headingPath.join(" › ")}` : ""}</div>
                            {s.passage}
                          </blockquote>
                        ))}
                      </div>
                    ) : null}
                  </li>
                ))}
              </ol>
            </section>
          ))}
          {candidates.length ? (
            <button type="button" className="primary" disabled={chosen === 0} onClick={() => {
              onUse(factsTextFor(candidates, factsText), provenanceOf(candidates));
              setOpen(false);
            }}>
              使用所选 {chosen} 条要点
            </button>
          ) : null}
        </Modal>
      ) : null}
    </>
  );
}
