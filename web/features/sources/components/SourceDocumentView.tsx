import { useEffect, useMemo, useRef } from "react";
import type { SourceRef } from "../../../../server/drafting/types.ts";
import { Modal } from "../../../components/Modal.tsx";
import { locatePassage, useDocument } from "../../../lib/document.ts";

/** The whole source document, scrolled to the passage, which is highlighted by its offsets (or found by its text). */
export function SourceDocumentView({ source, onClose }: { source: SourceRef; onClose: () => void }) {
  const { doc, error } = useDocument(source.docId);
  const markRef = useRef<HTMLElement>(null);
  const text = doc?.cleanedText ?? "";
  const at = useMemo(() => locatePassage(text, source) ?? { start: source.start, end: source.end }, [text, source]);

  useEffect(() => {
    markRef.current?.scrollIntoView?.({ block: "center" });
  }, [doc]);

  return (
    <Modal title={`原文：${source.title}`} onClose={onClose} wide>
      {error ? <p className="error-note" role="alert">{error}</p> : null}
      {!doc && !error ? <p className="hint">正在载入…</p> : null}
      {doc ? (
        <div className="doc-text">
          {text.slice(0, at.start)}
          <mark ref={markRef} className="passage">{text.slice(at.start, at.end)}</mark>
          {text.slice(at.end)}
        </div>
      ) : null}
    </Modal>
  );
}
