/**
 * The offline rewrite: the one formal-wording layer the drafting engine uses too. Wording from the
 * office's list at word boundaries (lists/wording.ts), the check's own punctuation fixes
 * (text/punctuation.ts), GB/T 15835 number forms (numbers/edits.ts), and 一是/二是 (text/enumerate.ts).
 */
import { loadWording, type Wording } from "../lists/wording.ts";
import { fixNumberForms, fixPunctuation, formalWording } from "../numbers/index.ts";
import { isHan } from "../text/chars.ts";
import { enumerateText } from "../text/enumerate.ts";


/** Colloquial → formal wording from the wording list (first-person singular dropped). `list`: the office's (default: built-in). */
export function applyLexicon(text: string, list: Wording = loadWording()): string {
  return formalWording(text, "rewrite", list);
}

/** Items into one paragraph "一是……；二是……；三是……。"; plain sentences become the items when there is no list. */
export function enumerate(text: string): string {
  return enumerateText(text).text;
}

/** The offline polish: wording, punctuation, number forms. */
export function polishOffline(text: string, list?: Wording): string {
  return fixNumberForms(fixPunctuation(applyLexicon(text, list)));
}

/** True when the text has Chinese in it (the offline rules only make sense for Chinese text). */
export function hasChinese(text: string): boolean {
  for (const ch of text) if (isHan(ch)) return true;
  return false;
}
