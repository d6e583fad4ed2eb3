import type { Finding } from "../types.ts";
import { lineSpans } from "../../text/sentences.ts";
import { OwnedLru } from "../lru.ts";

/**
 * Paragraph rules and their cache. Most rules judge a paragraph by itself (a doubled character, a comma
 * between nouns, 的/地/得); their findings for a paragraph depend on its text, the report year and period,
 * and the office's lists, nothing else. A re-check after an edit therefore re-runs them only on the
 * paragraphs that changed; the rules that read the whole document (numbering, pairs across lines,
 * repeated sentences, one form per kind …) run every time.
 */

/** A rule over one paragraph (a line of the text): offsets into the paragraph. */
export type ParagraphRule = (paragraph: string) => Finding[];

const shift = (f: Finding, by: number): Finding => ({ ...f, start: f.start + by, end: f.end + by });

/** Runs `rule` on each non-empty line of `text`; offsets into `text`. */
export function eachParagraph(text: string, rule: ParagraphRule): Finding[] {
  const out: Finding[] = [];
  for (const l of lineSpans(text)) {
    if (l.text.trim() === "") continue;
    for (const f of rule(l.text)) out.push(shift(f, l.start));
  }
  return out;
}

/** Paragraphs kept per owner (the office's lists in force); the oldest go first. */
const cache = new OwnedLru<Finding[]>(4000);

/** Cache statistics (tests and benches). */
export const paragraphCacheStats = cache.stats;

/**
 * eachParagraph with a cache: `owner` is the object the rules' data hangs on (a reload of the office's
 * lists makes a new one), `key` what else the rules read (the report year and period).
 */
export function eachParagraphCached(text: string, owner: object, key: string, rule: ParagraphRule): Finding[] {
  return eachParagraph(text, (p) => cache.get(owner, `${key}\u0000${p}`, () => rule(p)));
}
