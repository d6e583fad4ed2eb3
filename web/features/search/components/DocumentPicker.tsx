import { useEffect, useState } from "react";
import { errorText } from "../../../lib/errors.ts";
import { findDocuments } from "../api/search.ts";

/** Picks one document by title words, for the 文档 filter. */
export function DocumentPicker({ onPick }: { onPick: (doc: { id: string; title: string }) => void }) {
  const [words, setWords] = useState("");
  const [found, setFound] = useState<Awaited<ReturnType<typeof findDocuments>> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!words.trim()) {
      setFound(null);
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      findDocuments(words.trim()).then(
        (d) => live && (setFound(d), setError(null)),
        (e) => live && setError(errorText(e)),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [words]);
  return (
    <div className="doc-picker">
      <input type="text" aria-label="按标题找文档" placeholder="输入标题中的词" value={words} onChange={(e) => setWords(e.target.value)} />
      {error ? <p className="hint error-text">{error}</p> : null}
      {found && found.length === 0 ? <p className="hint">没有标题含这些词的文档</p> : null}
      {found && found.length ? (
        <ul className="doc-suggestions" aria-label="匹配的文档">
          {found.map((d) => (
            <li key={d.id}>
              <button type="button" className="link" onClick={() => { onPick(d); setWords(""); }}>
                {d.title}
                {/* Offices keep near-identical titles; the file name tells them apart. */}
                <span className="hint doc-file">{d.sourceName}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** 素材库检索: find past passages by words and filters, read them in place, open, copy or attach them. */
