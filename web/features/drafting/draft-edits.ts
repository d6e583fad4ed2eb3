import { headingLabels } from "../../../server/text/headings.ts";
import { stripHeadingMarker } from "../../../server/drafting/draft.ts";
import type { DraftSection, Outline } from "../../../server/drafting/types.ts";
import { applyEvent } from "./draft-events.ts";
import { hasSource, initialDraftState, STOPPED_SECTION, updateSection, withAttached, withDraft, withSections, type DraftAction, type DraftState } from "./draft-model.ts";

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

/** One change applied to the state (undo and redo are draftReducer's). */
export function applyAction(state: DraftState, action: DraftAction): DraftState {
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

