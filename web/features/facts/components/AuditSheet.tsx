import { useState } from "react";
import { errorText } from "../../../lib/errors.ts";
import type { AuditEntry } from "../../../../server/docx/audit.ts";
import type { Derivation, Provenance } from "../../../../server/drafting/provenance.ts";
import type { Draft } from "../../../../server/drafting/types.ts";
import { ErrorNote } from "../../../components/ErrorNote.tsx";
import { Modal } from "../../../components/Modal.tsx";
import { auditSheet, exportAudit } from "../api/facts.ts";

const KIND: Record<AuditEntry["kind"], string> = { figure: "数字", date: "日期", initiative: "举措名称" };

interface Props {
  draft: Draft | null;
  provenance: Provenance;
  derivations?: Derivation[];
  onDownload: (blob: Blob, name: string) => void;
  disabled?: boolean;
}

/** 核稿单: every figure, date and named initiative of the draft with its fact and source, unsourced figures first in red. */
export function AuditSheet({ draft, provenance, derivations = [], onDownload, disabled }: Props) {
  const [rows, setRows] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const show = async () => {
    if (!draft) return;
    setError(null);
    try {
      setRows((await auditSheet(draft, provenance, derivations)).entries);
    } catch (e) {
      setError(errorText(e));
      setRows([]);
    }
  };
  const download = async () => {
    if (!draft) return;
    try {
      onDownload(await exportAudit(draft, provenance, derivations), `核稿单-${draft.title || "工作总结"}.docx`);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const unsourced = rows?.filter((r) => r.unsourced).length ?? 0;
  return (
    <>
      <button type="button" className="small" onClick={() => void show()} disabled={disabled || !draft}>核稿单</button>
      {rows ? (
        <Modal title="核稿单" onClose={() => setRows(null)} wide>
          <ErrorNote message={error} onDismiss={() => setError(null)} />
          <p className={unsourced ? "warn-line" : "hint"}>
            共 {rows.length} 处数字、日期和举措名称；无来源的数字 {unsourced} 处{unsourced ? "（红色，列在最前）" : ""}。
          </p>
          <button type="button" className="small" onClick={() => void download()}>导出核稿单 .docx</button>
          <table className="audit-sheet">
            <thead>
              <tr><th>类别</th><th>内容</th><th>所在句子</th><th>所依要点</th><th>来源</th></tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i} className={r.unsourced ? "unsourced" : undefined} style={r.unsourced ? { color: "var(--err)" } : undefined}>
                  <td>{KIND[r.kind]}</td>
                  <td>{r.text}</td>
                  <td>{r.sentence}</td>
                  <td>{r.fact?.text ?? "—"}</td>
                  <td>
                    {r.formula
                      ? `推算：${r.formula}（${r.confirmed ? "已确认" : "未确认"}）`
                      : r.unsourced
                      ? "无来源：请核实或删去"
                      : r.sources.length
                        ? r.sources.map((s, k) => (
                            <details key={k}>
                              <summary>{s.unit}《{s.file}》</summary>
                              {s.passage}
                            </details>
                          ))
                        : (r.origin ?? "要点中没有")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Modal>
      ) : null}
    </>
  );
}
