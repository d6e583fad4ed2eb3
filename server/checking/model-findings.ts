/** Pure pieces of the model pass that the editor shares (no model, no figures). */
import type { Finding } from "./types.ts";

/** Model findings that add something: a typo span the rules did not already flag is kept; same for 语病. */
export function mergeModelFindings(rules: Finding[], model: Finding[]): Finding[] {
  const overlaps = (a: Finding, b: Finding) => a.start < b.end && b.start < a.end;
  return model.filter((m) => !rules.some((r) => (r.kind === m.kind || r.kind === "typo") && overlaps(r, m)));
}
