import type { Dispatch } from "react";
import type { DraftEdit } from "../features/checking/api/check.ts";
import type { DraftAction } from "../features/drafting/draft-state.ts";

/**
 * Carry one suggestion taken on the check page into the writing session: the draft's title, a
 * section's heading or its body. The draft is the one copy, so the outline a regeneration starts
 * from takes the corrected title and headings with it.
 */
export function applyCheckEdit(edit: DraftEdit, dispatch: Dispatch<DraftAction>): void {
  if (edit.part === "title") dispatch({ type: "title", title: edit.value });
  else if (edit.part === "heading" && edit.sectionId) dispatch({ type: "heading", sectionId: edit.sectionId, heading: edit.value });
  else if (edit.sectionId) dispatch({ type: "edit", sectionId: edit.sectionId, text: edit.value });
}
