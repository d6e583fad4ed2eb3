/**
 * Chinese sentence segmentation with exact offsets. Drafting, checking and chunking all rely on it, so
 * it never changes the text: it only reports spans, and `text.slice(start, end)` is the sentence.
 * Two cuts: `splitSentences` (quote-aware, for drafting and chunking) and `sentenceSpans` (the check
 * rules' and reuse index's clause cut, which also ends at ；); their results differ, so both stay.
 */

export interface SentenceSpan {
  start: number;
  end: number;
}

export interface SplitOptions {
  /** Also end a sentence at ；/; (clauses). Chunking uses this as a fallback for very long sentences. */
  semicolons?: boolean;
  /** Stop after this many sentences (the first ones are the same as without it). */
  limit?: number;
}

const END = new Set(["。", "！", "？", "!", "?"]);
const SEMI = new Set(["；", ";"]);
// Closing marks that belong to the sentence they follow: 他说：“好。” — the ” stays with 好。
const CLOSERS = new Set(["”", "’", "」", "』", "）", ")", "》", "】", "\"", "'"]);
const OPENERS: Record<string, string> = { "“": "”", "（": "）", "(": ")", "《": "》", "「": "」", "『": "』", "【": "】" };
const CLOSE_OF = new Set(Object.values(OPENERS));
// An unbalanced quote must not swallow the rest of a document: past this length inside a quote we
// split anyway.
const MAX_QUOTED = 150;

function isSpace(ch: string): boolean {
  return ch === " " || ch === "\t" || ch === "\u3000" || ch === "\u00a0" || ch === "\r" || ch === "\n";
}

/** Split text into sentences at Chinese sentence ends (。！？ and line breaks), closing quotes kept with their sentence. */
export function splitSentences(text: string, options: SplitOptions = {}): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    // Skip whitespace between sentences; spans never start with it.
    while (i < n && isSpace(text[i])) i++;
    if (i >= n) break;
    const start = i;
    let depth = 0;
    let inQuote = false;
    let end = -1;
    while (i < n) {
      const ch = text[i];
      if (ch === "\n") {
        end = i;
        break;
      }
      if (ch === "“" && inQuote) {
        // “……“ is a common typo for “……”: a second opening quote closes the first.
        inQuote = false;
        depth--;
      } else if (OPENERS[ch]) {
        depth++;
        if (ch === "“") inQuote = true;
      } else if (CLOSE_OF.has(ch) && depth > 0) {
        depth--;
        if (ch === "”") inQuote = false;
      }
      const isEnd = END.has(ch) || (options.semicolons === true && SEMI.has(ch)) || (ch === "…" && text[i + 1] === "…");
      if (isEnd && (depth === 0 || i - start > MAX_QUOTED || closesAfter(text, i))) {
        let j = ch === "…" ? i + 2 : i + 1;
        // Runs like "！？" or "。。" end together.
        while (j < n && (END.has(text[j]) || (options.semicolons === true && SEMI.has(text[j])))) j++;
        while (j < n && CLOSERS.has(text[j])) j++;
        end = j;
        break;
      }
      i++;
    }
    if (end < 0) end = n;
    // Trim trailing whitespace from the span (a line that ends with spaces).
    let e = end;
    while (e > start && isSpace(text[e - 1])) e--;
    if (e > start && spans.push({ start, end: e }) === options.limit) break;
    i = end;
  }
  return spans;
}

/** True when the sentence end at i is followed (directly) by a closing quote/bracket: “……。” ends there. */
function closesAfter(text: string, i: number): boolean {
  const next = text[i + 1];
  return next !== undefined && CLOSERS.has(next);
}

export interface Span {
  start: number;
  end: number;
  text: string;
}

/**
 * Sentences with offsets: split after 。！？； and their half-width forms and at line breaks,
 * keeping closing quotes/brackets with the sentence. Whitespace-only pieces are dropped.
 */
export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) spans.push({ start: s, end: e, text: text.slice(s, e) });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\n") {
      push(i + 1);
    } else if ("。！？；!?;".includes(ch)) {
      let j = i + 1;
      while (j < text.length && "”’」）)》".includes(text[j])) j++;
      push(j);
      i = j - 1;
    }
  }
  push(text.length);
  return spans;
}

/** Lines with offsets (without the newline). */
export function lineSpans(text: string): Span[] {
  const out: Span[] = [];
  let s = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === "\n") {
      const raw = text.slice(s, i).replace(/\r$/, "");
      out.push({ start: s, end: s + raw.length, text: raw });
      s = i + 1;
    }
  }
  return out;
}
