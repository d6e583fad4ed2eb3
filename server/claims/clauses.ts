/**
 * A text's clauses for claim comparison: sentences (and their ；parts) cut at commas and colons, with
 * 一是/（一）/1. markers and item titles removed, each with what it claims and what it is about.
 */
import { stripEnumerator, stripMarker } from "../text/headings.ts";
import { tag } from "../text/segment.ts";
import { splitSentences } from "../text/sentences.ts";
import { contentOf, type Content } from "./align.ts";
import { clauseClaims, type ClauseClaims } from "./markers.ts";

export interface Clause {
  text: string;
  claims: ClauseClaims;
  /** What the clause is about (figures, content characters), to pair it with its counterpart. */
  content: Content;
}

const OPEN = "“《（(‘「";
const CLOSE = "”》）)’」";

/** Pieces of a sentence between its commas and colons, never inside quotes or 书名号. */
function commaPieces(sentence: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < sentence.length; i++) {
    const ch = sentence[i];
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch) && depth > 0) depth--;
    else if (depth === 0 && "，,：:".includes(ch)) {
      out.push(sentence.slice(from, i));
      from = i + 1;
    }
  }
  out.push(sentence.slice(from));
  return out;
}

/**
 * A title of an item (一是化解进度。二是完成情况。): a numbered sentence of a few characters with no
 * comma and no figure that ends in a noun or makes no claim (and no scope, modality or approval at
 * all), followed by a sentence of the same item. It names what the item is about; the sentences
 * after it say what happened.
 */
function isItemTitle(sentence: string): boolean {
  const t = sentence.trim();
  const body = stripMarker(stripEnumerator(t)).replace(/[。！？!?；;：:]+$/u, "");
  if (body === t.replace(/[。！？!?；;：:]+$/u, "") || body.length === 0 || body.length > 10) return false;
  if (/[，,、\d０-９]/.test(body)) return false;
  const c = clauseClaims(body);
  if (c.modality.length + c.scope.length + c.approvals.length > 0) return false;
  const words = tag(body, false);
  return /^(n|vn)/.test(words[words.length - 1]?.tag ?? "") || c.statuses.length + c.negations === 0;
}

/** Clauses: sentences (and their ；parts) cut at commas and colons, with 一是/（一）/1. markers and item titles removed. */
export function splitClauses(text: string): Clause[] {
  const sentences = splitSentences(text, { semicolons: true }).map((span) => text.slice(span.start, span.end));
  // A title is followed by the item's own text, which carries no marker of its own.
  const body = (k: number) => k < sentences.length && stripEnumerator(sentences[k].trim()) === sentences[k].trim();
  return sentences
    .filter((sentence, k) => !(isItemTitle(sentence) && body(k + 1)))
    .flatMap(commaPieces)
    .map((c) => stripMarker(stripEnumerator(c.replace(/[。！？!?；;…]+$/u, ""))).trim())
    .filter((c) => /[\u4e00-\u9fff]/.test(c))
    .map((text) => ({ text, claims: clauseClaims(text), content: contentOf(text) }));
}
