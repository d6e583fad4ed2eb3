/**
 * The formal-wording layer both engines use (the drafting engine's fact wording and the offline
 * rewrite): the office's wording list at word boundaries (lists/wording.ts), every edit kept only if
 * it leaves the figures around it as they were (edits.ts).
 */
import { applyWording, type WordingUse } from "../lists/wording.ts";
import { applyEdits } from "./edits.ts";

/** `text` in formal wording for one use, figures unchanged. `dataDir`: whose wording list. */
export function formalWording(text: string, use: WordingUse, dataDir?: string | null): string {
  return applyWording(text, use, dataDir, applyEdits);
}
