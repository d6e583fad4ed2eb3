import type { Dispatch, SetStateAction } from "react";
import type { Outline } from "../../server/drafting/types.ts";
import type { DraftEdit } from "../features/checking/api/check.ts";
import type { DraftAction } from "../features/drafting/draft-state.ts";
import { relabelSection } from "../features/drafting/outline-edit.ts";

/**
 * Carry one suggestion taken on the check page into the writing session: the draft's title, a
 * section's heading or its body, and the outline being edited, so the next generation starts from
 * the corrected title and headings.
 */
export function applyCheckEdit(edit: DraftEdit, dispatch: Dispatch<DraftAction>, setOutline: Dispatch<SetStateAction<Outline | null>>): void {
  if (edit.part === "title") {
    dispatch({ type: "title", title: edit.value });
    setOutline((o) => (o ? { ...o, title: edit.value } : o));
  } else if (edit.part === "heading" && edit.sectionId) {
    const id = edit.sectionId;
    dispatch({ type: "heading", sectionId: id, heading: edit.value });
    setOutline((o) => (o ? relabelSection(o, id, edit.value) : o));
  } else if (edit.sectionId) dispatch({ type: "edit", sectionId: edit.sectionId, text: edit.value });
}
