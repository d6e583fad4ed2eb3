import { useCallback, useEffect, useRef, useState } from "react";
import type { Draft } from "../../../../server/drafting/types.ts";
import { ApiError } from "../../../lib/api.ts";
import { createSavedDraft, getSavedDraft, saveDraft } from "./saved.ts";
import { errorText } from "../../../lib/errors.ts";

export type AutosaveStatus =
  | { state: "idle" }
  | { state: "saving" }
  | { state: "saved"; at: string; version: number }
  | { state: "error"; message: string }
  | { state: "conflict"; message: string; currentVersion?: number };

interface Options {
  draft: Draft | null;
  savedId: string | null;
  version: number | null;
  dirty: boolean;
  /** After a save: the id (new for a first save or a copy) and the version now on the server. */
  onSaved: (id: string, version: number) => void;
  /** "载入最新版本": the newer version from the server replaces the local one. */
  onLoad: (draft: Draft, id: string, version: number) => void;
  delayMs?: number;
}

/**
 * Debounced autosave with optimistic versions: every PUT carries the version it was based on, and a
 * 409 from another tab's newer save stops autosaving until the writer chooses what to do.
 */
export function useAutosave({ draft, savedId, version, dirty, onSaved, onLoad, delayMs = 1200 }: Options) {
  const [status, setStatus] = useState<AutosaveStatus>({ state: "idle" });
  const latest = useRef({ draft, savedId, version, onSaved, onLoad });
  latest.current = { draft, savedId, version, onSaved, onLoad };
  const inFlight = useRef(false);
  /** A save was asked for while another was in flight: run it when that one ends. */
  const again = useRef(false);
  const conflict = status.state === "conflict";

  const saveNow = useCallback(async (): Promise<void> => {
    const { draft: d, savedId: id, version: v } = latest.current;
    if (!d) return;
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    setStatus({ state: "saving" });
    try {
      const ack = id && v != null ? await saveDraft(id, v, d) : await createSavedDraft(d);
      // Another draft opened or imported meanwhile is not the one saved: it must not take this id.
      if (latest.current.draft?.createdAt !== d.createdAt) return;
      latest.current.onSaved(ack.id, ack.version);
      setStatus({ state: "saved", at: ack.updatedAt, version: ack.version });
    } catch (e) {
      if (e instanceof ApiError && e.code === "conflict:draft_version") {
        setStatus({
          state: "conflict",
          message: "另一个窗口已保存较新的版本，本窗口的修改尚未保存。",
          currentVersion: typeof e.details?.currentVersion === "number" ? e.details.currentVersion : undefined,
        });
      } else {
        setStatus({ state: "error", message: errorText(e, "保存失败") });
      }
    } finally {
      inFlight.current = false;
      if (again.current) {
        again.current = false;
        void saveNow();
      }
    }
  }, []);

  useEffect(() => {
    if (!dirty || !draft || conflict) return;
    const t = setTimeout(() => void saveNow(), delayMs);
    return () => clearTimeout(t);
  }, [draft, dirty, conflict, delayMs, saveNow]);

  /** Replace the local draft with the newer one on the server. */
  const loadLatest = useCallback(async () => {
    const id = latest.current.savedId;
    if (!id) return;
    try {
      const saved = await getSavedDraft(id);
      latest.current.onLoad(saved.draft, saved.id, saved.version);
      setStatus({ state: "saved", at: saved.updatedAt, version: saved.version });
    } catch (e) {
      setStatus({ state: "error", message: errorText(e, "载入失败") });
    }
  }, []);

  /** Keep the local draft as a new saved draft, leaving the other window's version alone. */
  const saveAsCopy = useCallback(async () => {
    const d = latest.current.draft;
    if (!d) return;
    try {
      const ack = await createSavedDraft({ ...d, title: d.title.endsWith("（副本）") ? d.title : `${d.title}（副本）` });
      latest.current.onSaved(ack.id, ack.version);
      setStatus({ state: "saved", at: ack.updatedAt, version: ack.version });
    } catch (e) {
      setStatus({ state: "error", message: errorText(e, "另存失败") });
    }
  }, []);

  return { status, saveNow, loadLatest, saveAsCopy };
}
