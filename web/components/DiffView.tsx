export interface DiffChange {
  op: "equal" | "insert" | "delete";
  text: string;
}

/** Inline diff: deletions struck through in red, insertions underlined in green. */
export function DiffView({ changes }: { changes: DiffChange[] }) {
  return (
    <div className="diff" aria-label="改写差异">
      {changes.map((c, i) =>
        c.op === "equal" ? (
          <span key={i}>{c.text}</span>
        ) : c.op === "insert" ? (
          <ins key={i}>{c.text}</ins>
        ) : (
          <del key={i}>{c.text}</del>
        ),
      )}
    </div>
  );
}
