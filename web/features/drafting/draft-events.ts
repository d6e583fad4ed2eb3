import type { Draft, DraftEvent, DraftSection, Outline } from "../../../server/drafting/types.ts";
import { updateSection, withAttached, withDraft, withSections, type DraftState } from "./draft-model.ts";

function pendingSections(outline: Outline, previous: DraftSection[]): DraftSection[] {
  return outline.sections.map((s) => {
    const old = previous.find((p) => p.id === s.id);
    // A locked section is never regenerated: keep what the writer has, in its new place.
    if (old?.locked) return { ...old, ...s, locked: true };
    // Passages the writer attached stay; the ones drafting found are found again.
    return { ...s, text: "", sources: old ? old.sources.filter((x) => x.attached) : [], status: "pending" as const };
  });
}

/** The section's model has started writing (or finished): it is no longer thinking. */
function doneThinking(state: DraftState, sectionId: string): DraftState {
  if (!state.thinking || !(sectionId in state.thinking)) return state;
  const { [sectionId]: _, ...rest } = state.thinking;
  return { ...state, thinking: rest };
}

/** Apply one server event of POST /api/drafts; every event name is handled here and only here. */
export function applyEvent(state: DraftState, ev: DraftEvent): DraftState {
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

