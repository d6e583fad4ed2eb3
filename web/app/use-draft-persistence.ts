import { useCallback, useEffect, useMemo, useRef } from "react";
import type { DraftSession } from "../features/drafting/api/use-draft-session.ts";
import type { Draft } from "../../server/drafting/types.ts";
import type { LegacyDraft } from "../../server/saves/legacy-draft.ts";
import { isLegacyDraft, migrateLegacyDraft } from "../../server/saves/migrate.ts";
import { currentDraft } from "../features/drafting/draft-state.ts";
import { getSavedDraft } from "../features/saved/api/saved.ts";
import { useAutosave } from "../features/saved/api/use-autosave.ts";

const CURRENT_KEY = "zongjie.currentDraft";
const UNSAVED_KEY = "zongjie.unsaved";

/** Edits not yet on the server, kept locally so a reload inside the autosave delay loses nothing. */
interface UnsavedCopy {
  savedId: string;
  version: number;
  draft: Draft;
}

/** The local copy, upgraded when an editor from before the draft kept one copy of each fact wrote it. */
export function readUnsaved(): UnsavedCopy | null {
  try {
    const raw = localStorage.getItem(UNSAVED_KEY);
    if (!raw) return null;
    const copy = JSON.parse(raw) as { savedId: string; version: number; draft: unknown };
    const draft = isLegacyDraft(copy.draft) ? migrateLegacyDraft(copy.draft as LegacyDraft) : (copy.draft as Draft);
    return { ...copy, draft };
  } catch {
    return null;
  }
}

function urlDraftId(): string | null {
  return new URLSearchParams(window.location.search).get("d");
}

/**
 * Ties the writing session to the server's saved drafts: the current draft id lives in the URL
 * (?d=…) and localStorage so a reload reopens it; edits autosave; Ctrl+S saves at once.
 */
export function useDraftPersistence(session: DraftSession, setError: (m: string | null) => void) {
  const { state, dispatch, loadDraft } = session;
  const draft = useMemo(() => currentDraft(state), [state]);
  const loadedRef = useRef<string | null>(null);

  const open = useCallback(async (id: string) => {
    loadedRef.current = id;
    try {
      const saved = await getSavedDraft(id);
      // A local copy holds edits made just before a reload: keep them, on the version they were based
      // on. If another window saved since, the next save is a conflict and the writer chooses.
      const local = readUnsaved();
      if (local && local.savedId === saved.id && local.version <= saved.version) {
        loadDraft(local.draft, saved.id, local.version, true);
      } else {
        loadDraft(saved.draft, saved.id, saved.version);
      }
    } catch (e) {
      setError(e instanceof Error ? `无法打开稿件：${e.message}` : "无法打开稿件");
      try {
        if (localStorage.getItem(CURRENT_KEY) === id) localStorage.removeItem(CURRENT_KEY);
      } catch { /* ignore */ }
    }
  }, [loadDraft, setError]);

  // On start: open the draft named in the URL, else the last one (the saved list calls `open` itself).
  useEffect(() => {
    let id = urlDraftId();
    if (!id) {
      try {
        id = localStorage.getItem(CURRENT_KEY);
      } catch { /* ignore */ }
    }
    if (id && id !== loadedRef.current) void open(id);
  }, [open]);

  // Keep URL and localStorage pointing at the draft being edited.
  useEffect(() => {
    const id = state.savedId;
    if (!id) return;
    loadedRef.current = id;
    try {
      localStorage.setItem(CURRENT_KEY, id);
    } catch { /* ignore */ }
    if (urlDraftId() !== id) {
      const u = new URL(window.location.href);
      u.searchParams.set("d", id);
      window.history.replaceState(null, "", u.pathname + u.search);
    }
  }, [state.savedId]);

  useEffect(() => {
    try {
      if (state.dirty && draft && state.savedId && state.version != null) {
        localStorage.setItem(UNSAVED_KEY, JSON.stringify({ savedId: state.savedId, version: state.version, draft } satisfies UnsavedCopy));
      } else if (!state.dirty && state.savedId) {
        // Only once a draft is loaded or saved: at start the copy is still waiting to be read.
        localStorage.removeItem(UNSAVED_KEY);
      }
    } catch {
      /* storage full: the autosave still runs */
    }
  }, [draft, state.dirty, state.savedId, state.version]);

  const autosave = useAutosave({
    draft: state.phase === "generating" ? null : draft,
    savedId: state.savedId,
    version: state.version,
    dirty: state.dirty || (Boolean(draft) && state.phase === "done" && !state.savedId),
    onSaved: (id, version) => dispatch({ type: "saved", savedId: id, version }),
    onLoad: (d, id, version) => loadDraft(d, id, version),
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
        e.preventDefault();
        void autosave.saveNow();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [autosave.saveNow]);

  /** Forget the current draft (a new summary). */
  const forget = useCallback(() => {
    loadedRef.current = null;
    try {
      localStorage.removeItem(CURRENT_KEY);
    } catch { /* ignore */ }
    window.history.replaceState(null, "", window.location.pathname);
  }, []);

  return { autosave, forget, open };
}
