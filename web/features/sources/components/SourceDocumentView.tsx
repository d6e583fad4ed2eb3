import { useEffect, useRef, useState } from "react";
import type { SourceRef } from "../../../../server/drafting/types.ts";
import { Modal } from "../../../components/Modal.tsx";
import { getSourceDocument, type SourceDocument } from "../api/document.ts";
import { errorText } from "../../../lib/errors.ts";

/** The whole source document, scrolled to the passage, which is highlighted by its offsets. */
export function SourceDocumentView({ source, onClose }: { source: SourceRef; onClose: () => void }) {
  const [doc, setDoc] = useState<SourceDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  const markRef = useRef<HTMLElement>(null);

  useEffect(() => {
    let live = true;
    getSourceDocument(source.docId).then(
      (d) => live && setDoc(d),
      (e) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [source.docId]);

  useEffect(() => {
    markRef.current?.scrollIntoView?.({ block: "center" });
  }, [doc]);

  const text = doc?.cleanedText ?? "";
  // Offsets are into the cleaned text; if the document changed since, fall back to finding the passage.
  let start = source.start;
  let end = source.end;
  if (text && text.slice(start, end) !== source.text) {
    const at = text.indexOf(source.text);
    if (at >= 0) {
      start = at;
      end = at + source.text.length;
    }
  }

  return (
    <Modal title={`原文：${source.title}`} onClose={onClose} wide>
      {error ? <p className="error-note" role="alert">{error}</p> : null}
      {!doc && !error ? <p className="hint">正在载入…</p> : null}
      {doc ? (
        <div className="doc-text">
          {text.slice(0, start)}
          <mark ref={markRef} className="passage">{text.slice(start, end)}</mark>
          {text.slice(end)}
        </div>
      ) : null}
    </Modal>
  );
}
