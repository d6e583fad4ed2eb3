/** Pure pieces of the model pass that the editor shares (no model, no figures). */
import type { Finding } from "./types.ts";

const overlaps = (a: Finding, b: Finding) => a.start < b.end && b.start < a.end;

/** The text of [from, to) after taking `f`'s suggestion (null: it has none). */
function resultOver(text: (s: number, e: number) => string, f: Finding, from: number, to: number): string | null {
  if (f.suggestion == null) return null;
  return text(from, f.start) + f.suggestion + text(f.end, to);
}

/**
 * Model findings that add something to the rules' list. One that says what a rule already says is
 * dropped: same kind over the same words with no suggestion, or a suggestion that leaves the words
 * as the rule's does. Where the two disagree (a rule and the model propose different fixes for the
 * same words) both stay, so the writer chooses; a rule's wrong suggestion no longer hides the
 * model's right one.
 */
export function mergeModelFindings(rules: Finding[], model: Finding[]): Finding[] {
  return model.filter((m) => {
    for (const r of rules) {
      if (!overlaps(r, m)) continue;
      if (m.suggestion == null && (r.kind === m.kind || r.kind === "typo")) return false;
      const from = Math.min(r.start, m.start);
      const to = Math.max(r.end, m.end);
      // Both slices come from the same checked text, so the union's words are known from either.
      const words = (s: number, e: number) => (s >= r.start && e <= r.end ? r.text.slice(s - r.start, e - r.start) : s >= m.start && e <= m.end ? m.text.slice(s - m.start, e - m.start) : "\u0000");
      const a = resultOver(words, r, from, to);
      const b = resultOver(words, m, from, to);
      if (a !== null && a === b && !a.includes("\u0000")) return false;
    }
    return true;
  });
}

/**
 * Findings that propose different fixes for overlapping words: “take all suggestions” leaves them
 * for the writer to choose between. Returns the set of such findings.
 */
export function conflictingSuggestions(findings: Finding[]): Set<Finding> {
  const out = new Set<Finding>();
  const withFix = findings.filter((f) => f.suggestion != null);
  for (let i = 0; i < withFix.length; i++) {
    for (let j = i + 1; j < withFix.length; j++) {
      const a = withFix[i];
      const b = withFix[j];
      if (!overlaps(a, b) || Boolean(a.engine) === Boolean(b.engine)) continue;
      if (a.start === b.start && a.end === b.end && a.suggestion === b.suggestion) continue;
      out.add(a);
      out.add(b);
    }
  }
  return out;
}
