import { useMemo } from "react";
import { FINDING_KIND_LABELS, severityRank, type Finding } from "../../../../server/checking/types.ts";
import { segmentByRanges } from "../../../lib/highlight.ts";

/** The checked text with findings highlighted inline; each mark is a button that selects its finding. */
export function FindingsText({ text, findings, active, onSelect }: { text: string; findings: Finding[]; active: number | null; onSelect: (i: number) => void }) {
  const segments = useMemo(() => segmentByRanges(text, findings), [text, findings]);
  return (
    <div className="checked-text" aria-label="检查文本">
      {segments.map((seg) => {
        if (seg.covering.length === 0) return <span key={seg.start}>{seg.text}</span>;
        // The most severe covering finding decides the colour.
        const top = seg.covering.reduce((a, b) => (severityRank(findings[b].severity) < severityRank(findings[a].severity) ? b : a));
        const f = findings[top];
        return (
          <mark
            key={seg.start}
            data-finding={top}
            className={`finding sev-${f.severity} kind-${f.kind}${seg.covering.includes(active ?? -1) ? " active" : ""}`}
            title={`${FINDING_KIND_LABELS[f.kind]}：${f.message}`}
            onClick={() => onSelect(top)}
          >
            {seg.text}
          </mark>
        );
      })}
    </div>
  );
}
