/**
 * The formal-wording layer both engines use (the drafting engine's fact wording and the offline
 * rewrite): the office's wording list at word boundaries (lists/wording.ts), every edit kept only if
 * it leaves the figures around it as they were (edits.ts).
 */
import { applyWording, loadWording, type Wording, type WordingUse } from "../lists/wording.ts";
import { applyEdits } from "./edits.ts";

/** `text` in formal wording for one use, figures unchanged. `list`: the office's wording (default: built-in). */
export function formalWording(text: string, use: WordingUse, list: Wording = loadWording()): string {
  return applyWording(text, use, list, applyEdits);
}
