import { draftOutline } from "../../../server/drafting/draft.ts";
import type { Draft, Outline } from "../../../server/drafting/types.ts";
import { applyAction } from "./draft-edits.ts";
import { UNDO_DEPTH, type DraftAction, type DraftState } from "./draft-model.ts";

/** Keystrokes in one section closer together than this are one undo step. */
const TYPING_PAUSE_MS = 1500;

/** Changes the writer can take back: each pushes the draft as it was. */
const UNDOABLE = new Set<DraftAction["type"]>(["edit", "lock", "title", "date", "heading", "outline", "replace-section", "attach-source", "detach-source", "batch", "start"]);

/**
 * The writing page's reducer: every change to the draft (typing, a rewrite taken, a suggestion or all of them,
 * a regenerated section, locking, outline edits, attached passages, a new generation) is one undo step;
 * keystrokes in one section are grouped until a pause.
 */
export function draftReducer(state: DraftState, action: DraftAction): DraftState {
  if (action.type === "undo" || action.type === "redo") {
    const [from, to] = action.type === "undo" ? [state.past, state.future] : [state.future, state.past];
    if (state.phase === "generating" || !state.draft || from.length === 0) return state;
    const draft = from[from.length - 1];
    const rest = from.slice(0, -1);
    const other = [...to, state.draft].slice(-UNDO_DEPTH);
    return {
      ...state,
      draft,
      dirty: true,
      typing: null,
      ...(action.type === "undo" ? { past: rest, future: other } : { past: other, future: rest }),
    };
  }
  const next = applyAction(state, action);
  if (action.type === "load" || action.type === "reset") return next;
  if (!UNDOABLE.has(action.type) || next.draft === state.draft || !state.draft) return next;
  const typing = action.type === "edit" && action.typedAt !== undefined ? { sectionId: action.sectionId, at: action.typedAt } : null;
  const sameRun = typing && state.typing && state.typing.sectionId === typing.sectionId && typing.at - state.typing.at < TYPING_PAUSE_MS;
  if (sameRun) return { ...next, typing };
  return { ...next, past: [...state.past, state.draft].slice(-UNDO_DEPTH), future: [], typing };
}

/** Whether undo or redo has a step to take. */
export function canUndo(state: DraftState): boolean {
  return state.phase !== "generating" && state.past.length > 0;
}
export function canRedo(state: DraftState): boolean {
  return state.phase !== "generating" && state.future.length > 0;
}

/** The Draft to save or export: the page's draft once a whole one has arrived, else nothing. */
export function currentDraft(state: DraftState): Draft | null {
  return state.finished ? state.draft : null;
}

/** The outline of the page's draft as it stands (what a regeneration starts from). */
export function currentOutline(state: DraftState): Outline | null {
  return state.draft && draftOutline(state.draft);
}

