import { headingLabels } from "../../../server/text/headings.ts";
import { draftOutline, stripHeadingMarker } from "../../../server/drafting/draft.ts";
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
/** Keystrokes in one section closer together than this are one undo step. */
const TYPING_PAUSE_MS = 1500;

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

function pendingSections(outline: Outline, previous: DraftSection[]): DraftSection[] {
  return outline.sections.map((s) => {
    const old = previous.find((p) => p.id === s.id);
    // A locked section is never regenerated: keep what the writer has, in its new place.
    if (old?.locked) return { ...old, ...s, locked: true };
    // Passages the writer attached stay; the ones drafting found are found again.
    return { ...s, text: "", sources: old ? old.sources.filter((x) => x.attached) : [], status: "pending" as const };
  });
}

/** Sources found for a section, followed by those the writer attached that the new ones do not have. */
function withAttached(found: SourceRef[], previous: SourceRef[]): SourceRef[] {
  const have = new Set(found.map((s) => s.chunkId));
  return [...found, ...previous.filter((s) => s.attached && !have.has(s.chunkId))];
}

/** Whether the section already has the passage among its sources (attaching it again changes nothing). */
export function hasSource(section: DraftSection, chunkId: string): boolean {
  return section.sources.some((s) => s.chunkId === chunkId);
}

function updateSection(sections: DraftSection[], id: string, fn: (s: DraftSection) => DraftSection): DraftSection[] {
  return sections.map((s) => (s.id === id ? fn(s) : s));
}

/** The state with its draft changed by `fn`; nothing happens before there is a draft. */
function withDraft(state: DraftState, fn: (d: Draft) => Draft, dirty = state.dirty): DraftState {
  return state.draft ? { ...state, dirty, draft: fn(state.draft) } : state;
}

function withSections(state: DraftState, fn: (sections: DraftSection[]) => DraftSection[], dirty = state.dirty): DraftState {
  return withDraft(state, (d) => ({ ...d, sections: fn(d.sections) }), dirty);
}

/** The section's model has started writing (or finished): it is no longer thinking. */
function doneThinking(state: DraftState, sectionId: string): DraftState {
  if (!state.thinking || !(sectionId in state.thinking)) return state;
  const { [sectionId]: _, ...rest } = state.thinking;
  return { ...state, thinking: rest };
}

/** Apply one server event of POST /api/drafts; every event name is handled here and only here. */
function applyEvent(state: DraftState, ev: DraftEvent): DraftState {
  switch (ev.event) {
    case "outline": {
      const { outline, facts, engine, model } = ev.data;
      const draft: Draft = {
        title: outline.title,
        unit: outline.unit,
        year: outline.year,
        period: outline.period,
        engine,
        ...(model ? { model } : {}),
        facts,
        sections: pendingSections(outline, state.draft?.sections ?? []),
        warnings: [],
        stats: state.draft?.stats ?? {},
        createdAt: state.draft?.createdAt ?? new Date().toISOString(),
      };
      return { ...state, draft };
    }
    case "sources":
      return withSections(state, (ss) => updateSection(ss, ev.data.sectionId, (s) => ({ ...s, sources: withAttached(ev.data.sources, s.sources) })));
    case "thinking": {
      const { sectionId, elapsedMs, retract } = ev.data;
      const next = { ...state, thinking: { ...state.thinking, [sectionId]: elapsedMs } };
      // What was streamed so far was thought after all: it is taken off the page.
      return retract ? withSections(next, (ss) => updateSection(ss, sectionId, (s) => (s.locked ? s : { ...s, text: "" }))) : next;
    }
    case "delta":
      state = doneThinking(state, ev.data.sectionId);
      return withSections(state, (ss) => updateSection(ss, ev.data.sectionId, (s) => (s.locked ? s : { ...s, text: s.text + ev.data.text })));
    case "section": {
      const incoming = ev.data.section;
      state = doneThinking(state, incoming.id);
      return withSections(state, (ss) =>
        ss.some((s) => s.id === incoming.id) ? updateSection(ss, incoming.id, (s) => (s.locked ? s : { ...incoming, sources: withAttached(incoming.sources, s.sources), locked: s.locked })) : [...ss, incoming],
      );
    }
    case "warning":
      return withDraft(state, (d) => ({ ...d, warnings: [...d.warnings, ev.data] }));
    case "done": {
      const draft = ev.data.draft;
      const local = new Map((state.draft?.sections ?? []).map((s) => [s.id, s]));
      const sections = draft.sections.map((s) => {
        const mine = local.get(s.id);
        return mine?.locked ? mine : { ...s, sources: withAttached(s.sources, mine?.sources ?? []), locked: mine?.locked ?? s.locked };
      });
      return {
        ...state,
        phase: "done",
        draft: { ...draft, sections },
        finished: true,
        savedId: ev.data.savedId ?? state.savedId,
        version: ev.data.version ?? state.version,
        // Locked text the server did not have still needs saving.
        dirty: draft.sections.some((s) => {
          const mine = local.get(s.id);
          return Boolean(mine?.locked) && mine!.text !== s.text;
        }),
      };
    }
    case "error":
      if (ev.data.sectionId) {
        const { sectionId, message } = ev.data;
        return withSections(state, (ss) => updateSection(ss, sectionId, (s) => ({ ...s, status: "error", error: message })));
      }
      return { ...state, phase: "error", error: ev.data.message };
  }
}

/** The heading to store for a label as shown: without the marker the draft derives for that place. */
function bareHeading(sections: DraftSection[], id: string, label: string): string {
  const i = sections.findIndex((s) => s.id === id);
  const shown = headingLabels(sections)[i];
  const marker = shown.slice(0, shown.length - sections[i].heading.length);
  // A label whose marker is not the derived one still loses it: numbering follows order, never the text.
  return marker && label.startsWith(marker) ? label.slice(marker.length) : stripHeadingMarker(label);
}

/** The draft's sections rearranged to an edited outline: each keeps what was written for it. */
function followOutline(sections: DraftSection[], outline: Outline): DraftSection[] {
  const byId = new Map(sections.map((s) => [s.id, s]));
  return outline.sections.map((o) => {
    const old = byId.get(o.id);
    return old ? { ...old, ...o, locked: old.locked } : { ...o, text: "", sources: [], status: "pending" as const };
  });
}

function applyAction(state: DraftState, action: DraftAction): DraftState {
  switch (action.type) {
    case "batch":
      return action.actions.reduce(applyAction, state);
    case "undo":
    case "redo":
      return state; // handled by draftReducer
    case "start":
      return { ...withDraft(state, (d) => ({ ...d, warnings: [] })), phase: "generating", error: null, notice: null };
    case "event":
      return applyEvent(state, action.event);
    case "stream-failed":
      return { ...state, phase: "error", error: action.message };
    case "stopped": {
      if (state.phase !== "generating") return state;
      const stopped = withSections(state, (ss) => ss.map((s) => (s.status === "pending" && !s.locked ? { ...s, status: "error", error: STOPPED_SECTION } : s)));
      const written = stopped.draft?.sections.some((s) => s.text.trim()) ?? false;
      return {
        ...stopped,
        phase: "done",
        finished: written,
        dirty: written,
        notice: written ? "已停止生成。写好的各节保留；未写完的节导出时标为【待补】，也可单独重新生成。" : "已停止生成。",
      };
    }
    case "stream-ended":
      if (state.phase !== "generating") return state;
      return {
        ...withSections(state, (ss) => ss.map((s) => (s.status === "pending" && !s.locked ? { ...s, status: "error", error: "未生成完" } : s))),
        phase: "error",
        error: action.message,
      };
    case "edit":
      return withDraft(
        state,
        (d) => ({
          ...d,
          sections: updateSection(d.sections, action.sectionId, (s) => ({ ...s, text: action.text })),
          // Offsets of a warning no longer hold once its section is edited.
          warnings: d.warnings.map((w) => (w.sectionId === action.sectionId ? { ...w, start: undefined, end: undefined } : w)),
        }),
        true,
      );
    case "date":
      if (!state.finished) return state;
      return withDraft(state, (d) => ({ ...d, date: action.date }), true);
    case "title":
      if (!state.finished) return state;
      return withDraft(state, (d) => ({ ...d, title: action.title }), true);
    case "heading": {
      const sections = state.draft?.sections ?? [];
      if (!sections.some((s) => s.id === action.sectionId)) return state;
      const heading = bareHeading(sections, action.sectionId, action.heading);
      return withSections(state, (ss) => updateSection(ss, action.sectionId, (s) => ({ ...s, heading })), true);
    }
    case "outline":
      return withDraft(
        state,
        (d) => {
          const sections = followOutline(d.sections, action.outline);
          const kept = new Set(sections.map((s) => s.id));
          // A dropped section's warnings go with it.
          return { ...d, title: action.outline.title, sections, warnings: d.warnings.filter((w) => !w.sectionId || kept.has(w.sectionId)) };
        },
        true,
      );
    case "lock":
      return withSections(state, (ss) => updateSection(ss, action.sectionId, (s) => ({ ...s, locked: action.locked })), true);
    case "replace-section": {
      const id = action.section.id;
      return withDraft(
        state,
        (d) => ({
          ...d,
          sections: updateSection(d.sections, id, (s) => ({ ...action.section, sources: withAttached(action.section.sources, s.sources), locked: s.locked })),
          warnings: [...d.warnings.filter((w) => w.sectionId !== id), ...(action.warnings ?? [])],
        }),
        true,
      );
    }
    case "attach-source": {
      const target = state.draft?.sections.find((s) => s.id === action.sectionId);
      if (!target || hasSource(target, action.source.chunkId)) return state;
      return withSections(state, (ss) => updateSection(ss, action.sectionId, (s) => ({ ...s, sources: [...s.sources, { ...action.source, attached: true }] })), true);
    }
    case "detach-source": {
      const target = state.draft?.sections.find((s) => s.id === action.sectionId);
      if (!target || !hasSource(target, action.chunkId)) return state;
      return withSections(state, (ss) => updateSection(ss, action.sectionId, (s) => ({ ...s, sources: s.sources.filter((x) => x.chunkId !== action.chunkId) })), true);
    }
    case "load":
      return {
        ...initialDraftState,
        phase: "done",
        draft: action.draft,
        finished: true,
        savedId: action.savedId,
        version: action.version,
        dirty: Boolean(action.dirty),
      };
    case "saved":
      return { ...state, savedId: action.savedId, version: action.version, dirty: false };
    case "reset":
      return initialDraftState;
    case "notice":
      return { ...state, notice: action.message };
  }
}

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

/** One part of the draft's plain text: the title, a section's heading line or a section's body. */
export interface DraftTextRange {
  part: "title" | "heading" | "text";
  /** null for the title. */
  sectionId: string | null;
  start: number;
  end: number;
}

/**
 * Plain text of the draft (title, then each section's numbered heading line and body) with where every part
 * lies in it, in text order, so a check finding anywhere maps back to the part it is in.
 */
export function draftPlainText(title: string, sections: DraftSection[]): { text: string; ranges: DraftTextRange[] } {
  const ranges: DraftTextRange[] = [];
  let text = "";
  if (title) {
    ranges.push({ part: "title", sectionId: null, start: 0, end: title.length });
    text = `${title}\n`;
  }
  const labels = headingLabels(sections);
  for (const [i, s] of sections.entries()) {
    if (s.role === "title") continue;
    if (s.heading && s.level > 0) {
      ranges.push({ part: "heading", sectionId: s.id, start: text.length, end: text.length + labels[i].length });
      text += `${labels[i]}\n`;
    }
    const start = text.length;
    text += s.text;
    ranges.push({ part: "text", sectionId: s.id, start, end: text.length });
    if (s.text) text += "\n";
  }
  return { text, ranges };
}

export type { SourceRef };
