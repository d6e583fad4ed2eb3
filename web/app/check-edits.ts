import type { Dispatch } from "react";
import type { DraftEdit } from "../features/checking/api/check.ts";
import type { DraftAction } from "../features/drafting/draft-model.ts";

/**
 * Carry the suggestions taken on the check page into the writing session: the draft's title, a
 * section's heading or its body. The draft is the one copy, so the outline a regeneration starts
 * from takes the corrected title and headings with it.
 */
export function applyCheckEdits(edits: DraftEdit[], dispatch: Dispatch<DraftAction>): void {
  const actions = edits.flatMap((edit): DraftAction[] => {
    if (edit.part === "title") return [{ type: "title", title: edit.value }];
    if (edit.part === "heading" && edit.sectionId) return [{ type: "heading", sectionId: edit.sectionId, heading: edit.value }];
    if (edit.sectionId) return [{ type: "edit", sectionId: edit.sectionId, text: edit.value }];
    return [];
  });
  // One suggestion or all of them: one step for undo.
  if (actions.length) dispatch({ type: "batch", actions });
}
