import { FINDING_KIND_LABELS, SEVERITY_LABELS, type Finding } from "../../../../server/checking/types.ts";

interface Props {
  /** Every finding of the check (indexes refer to this list). */
  findings: Finding[];
  /** The ones shown, in the order shown (sorted, filtered by kind). */
  shown: Finding[];
  active: number | null;
  /** Findings where a rule and the model propose different fixes: the writer chooses. */
  undecided: Set<Finding>;
  onSelect: (i: number) => void;
  onApply: (f: Finding) => void;
}

/** The list of findings: the passage a reuse finding matched beside the checked words, then one row per finding with its fix. */
export function FindingList({ findings, shown, active, undecided, onSelect, onApply }: Props) {
  const activeFinding = active != null ? findings[active] : null;
  return (
    <>
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
              <button type="button" className="finding-jump" onClick={() => onSelect(i)}>
                <span className={`badge sev-${f.severity}`}>{SEVERITY_LABELS[f.severity]}</span>
                <span className="kind">{FINDING_KIND_LABELS[f.kind]}{f.kind === "reuse" ? (f.stock ? "·套话" : "·具体内容") : ""}</span>
                {f.engine ? <span className="engine-tag" title={`由模型 ${f.engine} 发现，已核对原文`}>模型</span> : null}
                <span className="msg">{f.message}</span>
                <q className="excerpt">{f.text.length > 40 ? `${f.text.slice(0, 40)}…` : f.text}</q>
              </button>
              {f.suggestion != null ? (
                <button type="button" className="small" onClick={() => onApply(f)}>
                  采用建议：{f.suggestion === "" ? "删除" : `“${f.suggestion.length > 16 ? `${f.suggestion.slice(0, 16)}…` : f.suggestion}”`}
                </button>
              ) : null}
              {undecided.has(f) ? <span className="hint" role="note">规则与模型的建议不同，请选择其一</span> : null}
              {f.engine && f.suggestion == null && f.kind === "typo" ? <span className="hint" role="note">请核对，不自动修改</span> : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}
