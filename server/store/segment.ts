import { cutForSearch } from "../text/segment.ts";
import { foldTraditional } from "../text/traditional.ts";

/**
 * Chinese word segmentation for full-text search. LanceDB's default tokenizer splits on whitespace
 * and punctuation, so an unsegmented Chinese sentence is one giant token and nothing matches; we
 * store jieba's segmentation space-joined and index it with the `whitespace` tokenizer, and segment
 * queries the same way. Search mode (`cutForSearch`) also emits the parts of long words
 * (专项斗争 → 专项 斗争 专项斗争), so a query using a shorter word still finds the passage.
 */
// Keep tokens that contain a letter, digit or CJK character; punctuation and spaces carry nothing.
const MEANINGFUL = /[\p{L}\p{N}]/u;

/**
 * Segment text into search tokens (lower-cased, punctuation dropped). Traditional characters of the
 * genre's vocabulary are folded to Simplified first, so a Simplified query finds a Big5 report (and
 * jieba, whose dictionary is Simplified, cuts it into words); Simplified text is unchanged by the fold.
 */
export function segment(text: string): string[] {
  const out: string[] = [];
  for (const t of cutForSearch(foldTraditional(text.normalize("NFKC")), true)) {
    const w = t.trim().toLowerCase();
    if (w && MEANINGFUL.test(w)) out.push(w);
  }
  return out;
}

/** Segmented text as stored in the `tokens` column and sent as an FTS query. */
export function segmentJoined(text: string): string {
  return segment(text).join(" ");
}
