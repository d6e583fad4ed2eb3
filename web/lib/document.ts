import { useEffect, useState } from "react";
import { client } from "./api.ts";
import { errorText } from "./errors.ts";

/** GET /api/corpus/:id — one archive document: summary, cleaned text, structure, what cleaning removed, chunks. */
export async function getDocument(id: string) {
  const res = await client.api.corpus[":id"].$get({ param: { id: encodeURIComponent(id) } });
  return res.json();
}

export type ArchiveDocument = Awaited<ReturnType<typeof getDocument>>;

/** A document as it loads: null until it arrives; `error` in the writer's words when it cannot. */
export function useDocument(id: string): { doc: ArchiveDocument | null; error: string | null } {
  const [doc, setDoc] = useState<ArchiveDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setDoc(null);
    setError(null);
    getDocument(id).then(
      (d) => live && setDoc(d),
      (e) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [id]);
  return { doc, error };
}

/** Where a passage lies in the cleaned text, and its text when known (to find it again if offsets moved). */
export interface PassageAt {
  start: number;
  end: number;
  text?: string;
}

/**
 * The passage's range in `text`: the offsets when they still hold, else where its text is found, else
 * none (the document was ingested again since). Both the search's and the draft's sources open a
 * document at a passage through this.
 */
export function locatePassage(text: string, at: PassageAt | undefined): { start: number; end: number } | null {
  if (!at || !text) return null;
  if (at.text === undefined ? at.end > at.start && at.end <= text.length : text.slice(at.start, at.end) === at.text) return { start: at.start, end: at.end };
  if (at.text) {
    const i = text.indexOf(at.text);
    if (i >= 0) return { start: i, end: i + at.text.length };
  }
  return null;
}
