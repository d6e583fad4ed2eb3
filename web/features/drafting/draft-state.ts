import type { Draft, DraftEvent, DraftSection, DraftWarning, Fact, Outline, SourceRef } from "../../../server/drafting/types.ts";
import { draftToMarkdown } from "../../../server/text/markdown.ts";
import { headingLabels } from "../../../server/text/headings.ts";
import { relabelSection } from "./outline-edit.ts";

/** Everything the writing page knows about the draft being written, built from stream events and edits. */
export interface DraftState {
  phase: "idle" | "generating" | "done" | "error";
  outline: Outline | null;
  facts: Fact[];
  engine: "offline" | "llm" | null;
  model?: string;
  sections: DraftSection[];
  warnings: DraftWarning[];
  /** The last complete draft from the server (or a loaded one); the base for saving. */
  draft: Draft | null;
  savedId: string | null;
  version: number | null;
  error: string | null;
  /** Local edits not yet saved. */
  dirty: boolean;
}

export const initialDraftState: DraftState = {
  phase: "idle",
  outline: null,
  facts: [],
  engine: null,
  sections: [],
  warnings: [],
  draft: null,
  savedId: null,
  version: null,
  error: null,
  dirty: false,
};

export type DraftAction =
  | { type: "start" }
  | { type: "event"; event: DraftEvent }
  | { type: "stream-failed"; message: string }
  /** The stream closed (or was stopped); if no `done` came, say so instead of waiting forever. */
  | { type: "stream-ended"; message: string }
  | { type: "edit"; sectionId: string; text: string }
  | { type: "lock"; sectionId: string; locked: boolean }
  | { type: "title"; title: string }
  /** A section's heading as shown, with its numbering marker ("（一）…"). */
  | { type: "heading"; sectionId: string; heading: string }
  | { type: "replace-section"; section: DraftSection; warnings?: DraftWarning[] }
  | { type: "load"; draft: Draft; savedId: string | null; version: number | null; dirty?: boolean }
  | { type: "saved"; savedId: string; version: number }
  | { type: "reset" };

function pendingSections(outline: Outline, previous: DraftSection[]): DraftSection[] {
  const labels = headingLabels(outline.sections);
  return outline.sections.map((s, i) => {
    const old = previous.find((p) => p.id === s.id);
    // A locked section is never regenerated: keep what the writer has.
    if (old?.locked) return { ...old, heading: labels[i] };
    return {
      id: s.id,
      role: s.role,
      heading: labels[i],
      level: s.level,
      text: "",
      factIds: s.factIds,
      sources: [],
      status: "pending" as const,
      locked: s.locked,
    };
  });
}

function updateSection(sections: DraftSection[], id: string, fn: (s: DraftSection) => DraftSection): DraftSection[] {
  return sections.map((s) => (s.id === id ? fn(s) : s));
}

/** Apply one server event of POST /api/drafts; every event name is handled here and only here. */
function applyEvent(state: DraftState, ev: DraftEvent): DraftState {
  switch (ev.event) {
    case "outline":
      return {
        ...state,
        outline: ev.data.outline,
        facts: ev.data.facts,
        engine: ev.data.engine,
        model: ev.data.model,
        sections: pendingSections(ev.data.outline, state.sections),
      };
    case "sources":
      return { ...state, sections: updateSection(state.sections, ev.data.sectionId, (s) => ({ ...s, sources: ev.data.sources })) };
    case "delta":
      return {
        ...state,
        sections: updateSection(state.sections, ev.data.sectionId, (s) => (s.locked ? s : { ...s, text: s.text + ev.data.text })),
      };
    case "section": {
      const incoming = ev.data.section;
      const exists = state.sections.some((s) => s.id === incoming.id);
      const sections = exists
        ? updateSection(state.sections, incoming.id, (s) => (s.locked ? s : { ...incoming, locked: s.locked }))
        : [...state.sections, incoming];
      return { ...state, sections };
    }
    case "warning":
      return { ...state, warnings: [...state.warnings, ev.data] };
    case "done": {
      const draft = ev.data.draft;
      const local = new Map(state.sections.map((s) => [s.id, s]));
      const sections = draft.sections.map((s) => {
        const mine = local.get(s.id);
        return mine?.locked ? mine : { ...s, locked: mine?.locked ?? s.locked };
      });
      return {
        ...state,
        phase: "done",
        draft: { ...draft, sections },
        outline: draft.outline,
        facts: draft.facts,
        engine: draft.engine,
        model: draft.model,
        sections,
        warnings: draft.warnings,
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
        return {
          ...state,
          sections: updateSection(state.sections, ev.data.sectionId, (s) => ({ ...s, status: "error", error: ev.data.message })),
        };
      }
      return { ...state, phase: "error", error: ev.data.message };
  }
}

export function draftReducer(state: DraftState, action: DraftAction): DraftState {
  switch (action.type) {
    case "start":
      return { ...state, phase: "generating", error: null, warnings: [] };
    case "event":
      return applyEvent(state, action.event);
    case "stream-failed":
      return { ...state, phase: "error", error: action.message };
    case "stream-ended":
      if (state.phase !== "generating") return state;
      return {
        ...state,
        phase: "error",
        error: action.message,
        sections: state.sections.map((s) => (s.status === "pending" && !s.locked ? { ...s, status: "error", error: "未生成完" } : s)),
      };
    case "edit":
      return {
        ...state,
        dirty: true,
        sections: updateSection(state.sections, action.sectionId, (s) => ({ ...s, text: action.text })),
        // Offsets of a warning no longer hold once its section is edited.
        warnings: state.warnings.map((w) => (w.sectionId === action.sectionId ? { ...w, start: undefined, end: undefined } : w)),
      };
    case "title":
      if (!state.draft) return state;
      return {
        ...state,
        dirty: true,
        draft: { ...state.draft, title: action.title, outline: { ...state.draft.outline, title: action.title } },
        outline: state.outline && { ...state.outline, title: action.title },
      };
    case "heading": {
      if (!state.sections.some((s) => s.id === action.sectionId)) return state;
      // The outline keeps the heading too: a later regeneration must not bring the old wording back.
      const relabel = (o: Outline) => relabelSection(o, action.sectionId, action.heading);
      return {
        ...state,
        dirty: true,
        sections: updateSection(state.sections, action.sectionId, (s) => ({ ...s, heading: action.heading })),
        outline: state.outline && relabel(state.outline),
        draft: state.draft && { ...state.draft, outline: relabel(state.draft.outline) },
      };
    }
    case "lock":
      return { ...state, dirty: true, sections: updateSection(state.sections, action.sectionId, (s) => ({ ...s, locked: action.locked })) };
    case "replace-section": {
      const id = action.section.id;
      return {
        ...state,
        dirty: true,
        sections: updateSection(state.sections, id, (s) => ({ ...action.section, locked: s.locked })),
        warnings: [...state.warnings.filter((w) => w.sectionId !== id), ...(action.warnings ?? [])],
      };
    }
    case "load":
      return {
        ...initialDraftState,
        phase: "done",
        draft: action.draft,
        outline: action.draft.outline,
        facts: action.draft.facts,
        engine: action.draft.engine,
        model: action.draft.model,
        sections: action.draft.sections,
        warnings: action.draft.warnings,
        savedId: action.savedId,
        version: action.version,
        dirty: Boolean(action.dirty),
      };
    case "saved":
      return { ...state, savedId: action.savedId, version: action.version, dirty: false };
    case "reset":
      return initialDraftState;
  }
}

/** The Draft to save or export: the server's last draft with the writer's sections and warnings. */
export function currentDraft(state: DraftState): Draft | null {
  if (!state.draft) return null;
  const title = state.draft.title;
  return {
    ...state.draft,
    sections: state.sections,
    warnings: state.warnings,
    markdown: draftToMarkdown(title, state.sections),
  };
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
 * Plain text of the draft (title, then each section's heading line and body) with where every part
 * lies in it, in text order, so a check finding anywhere maps back to the part it is in.
 */
export function draftPlainText(title: string, sections: DraftSection[]): { text: string; ranges: DraftTextRange[] } {
  const ranges: DraftTextRange[] = [];
  let text = "";
  if (title) {
    ranges.push({ part: "title", sectionId: null, start: 0, end: title.length });
    text = `${title}\n`;
  }
  for (const s of sections) {
    if (s.role === "title") continue;
    if (s.heading && s.level > 0) {
      ranges.push({ part: "heading", sectionId: s.id, start: text.length, end: text.length + s.heading.length });
      text += `${s.heading}\n`;
    }
    const start = text.length;
    text += s.text;
    ranges.push({ part: "text", sectionId: s.id, start, end: text.length });
    if (s.text) text += "\n";
  }
  return { text, ranges };
}

export type { SourceRef };
