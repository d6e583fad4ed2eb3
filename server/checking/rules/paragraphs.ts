import type { Finding } from "../types.ts";
import { lineSpans } from "../../text/sentences.ts";

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
const CACHE_SIZE = 4000;
const caches = new WeakMap<object, Map<string, Finding[]>>();

/** Cache statistics (tests and benches). */
export const paragraphCacheStats = { hits: 0, misses: 0 };

/**
 * eachParagraph with a cache: `owner` is the object the rules' data hangs on (a reload of the office's
 * lists makes a new one), `key` what else the rules read (the report year and period).
 */
export function eachParagraphCached(text: string, owner: object, key: string, rule: ParagraphRule): Finding[] {
  let cache = caches.get(owner);
  if (!cache) caches.set(owner, (cache = new Map()));
  return eachParagraph(text, (p) => {
    const k = `${key}\u0000${p}`;
    const hit = cache.get(k);
    if (hit) {
      paragraphCacheStats.hits++;
      cache.delete(k);
      cache.set(k, hit);
      return hit;
    }
    paragraphCacheStats.misses++;
    const found = rule(p);
    cache.set(k, found);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return found;
  });
}
