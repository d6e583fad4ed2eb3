/**
 * What the writing page knows about the draft (DraftState), the changes it takes (DraftAction), and the
 * small state changes every part of the reducer builds on. The reducer is split by job: stream events
 * (draft-events.ts), the writer's changes (draft-edits.ts), undo and the selectors (draft-state.ts); the
 * draft's plain text for the checker is draft-text.ts.
 */
import type { Draft, DraftEvent, DraftSection, DraftWarning, Outline, SourceRef } from "../../../server/drafting/types.ts";

/** Everything the writing page knows about the draft being written, built from stream events and edits. */
export interface DraftState {
  phase: "idle" | "generating" | "done" | "error";
  /**
   * The draft, the one copy the page keeps: it starts from the stream's outline, takes each streamed
   * section, becomes the server's draft on done, and then takes the writer's edits. Its outline,
   * numbered headings and Markdown are derived from it (server/drafting/draft.ts).
   */
  draft: Draft | null;
  /** A whole draft has arrived (done) or been loaded; before that the draft is never saved, exported or retitled. */
  finished: boolean;
  savedId: string | null;
  version: number | null;
  error: string | null;
  /** A state to tell the writer that is not an error (generation stopped). */
  notice: string | null;
  /** Local edits not yet saved. */
  dirty: boolean;
  /** Sections whose model is thinking before it writes: how long it has thought, in ms (no thought text ever arrives). */
  thinking?: Record<string, number>;
  /** Undo and redo: earlier and later drafts, newest last (kept across autosave, not across reload). */
  past: Draft[];
  future: Draft[];
  /** The section being typed into and when, so a run of keystrokes is one undo step. */
  typing: { sectionId: string; at: number } | null;
}

/** The mark of a section that generation never finished because the writer stopped it. */
export const STOPPED_SECTION = "已停止，未写完";

/** How many steps undo keeps. */
export const UNDO_DEPTH = 100;

export const initialDraftState: DraftState = {
  phase: "idle",
  draft: null,
  finished: false,
  savedId: null,
  version: null,
  error: null,
  notice: null,
  dirty: false,
  past: [],
  future: [],
  typing: null,
};

export type DraftAction =
  | { type: "start" }
  | { type: "event"; event: DraftEvent }
  | { type: "stream-failed"; message: string }
  /** The stream closed; if no `done` came, say so instead of waiting forever. */
  | { type: "stream-ended"; message: string }
  /** The writer stopped generation: what was written stays, and the draft can be saved and exported. */
  | { type: "stopped" }
  /** Something to tell the writer that is no error (a regeneration that could not differ); null clears it. */
  | { type: "notice"; message: string | null }
  /** `typedAt`: a keystroke (runs of them are one undo step); absent for a whole change (a suggestion, a rewrite). */
  | { type: "edit"; sectionId: string; text: string; typedAt?: number }
  | { type: "lock"; sectionId: string; locked: boolean }
  | { type: "title"; title: string }
  /** The 成文日期 printed in the 落款 (ISO yyyy-mm-dd). */
  | { type: "date"; date: string }
  /** A section's heading as shown, with its numbering marker ("（一）…"). */
  | { type: "heading"; sectionId: string; heading: string }
  /** The outline edited after the draft was written: order, headings, dropped sections, facts moved. */
  | { type: "outline"; outline: Outline }
  | { type: "replace-section"; section: DraftSection; warnings?: DraftWarning[] }
  /** A passage the writer picked on the search page, added to a section's sources. */
  | { type: "attach-source"; sectionId: string; source: SourceRef }
  | { type: "detach-source"; sectionId: string; chunkId: string }
  | { type: "load"; draft: Draft; savedId: string | null; version: number | null; dirty?: boolean }
  | { type: "saved"; savedId: string; version: number }
  | { type: "reset" }
  /** Several changes as one undo step (take all suggestions). */
  | { type: "batch"; actions: DraftAction[] }
  | { type: "undo" }
  | { type: "redo" };

/** Sources found for a section, followed by those the writer attached that the new ones do not have. */
export function withAttached(found: SourceRef[], previous: SourceRef[]): SourceRef[] {
  const have = new Set(found.map((s) => s.chunkId));
  return [...found, ...previous.filter((s) => s.attached && !have.has(s.chunkId))];
}

/** Whether the section already has the passage among its sources (attaching it again changes nothing). */
export function hasSource(section: DraftSection, chunkId: string): boolean {
  return section.sources.some((s) => s.chunkId === chunkId);
}

export function updateSection(sections: DraftSection[], id: string, fn: (s: DraftSection) => DraftSection): DraftSection[] {
  return sections.map((s) => (s.id === id ? fn(s) : s));
}

/** The state with its draft changed by `fn`; nothing happens before there is a draft. */
export function withDraft(state: DraftState, fn: (d: Draft) => Draft, dirty = state.dirty): DraftState {
  return state.draft ? { ...state, dirty, draft: fn(state.draft) } : state;
}

export function withSections(state: DraftState, fn: (sections: DraftSection[]) => DraftSection[], dirty = state.dirty): DraftState {
  return withDraft(state, (d) => ({ ...d, sections: fn(d.sections) }), dirty);
}

