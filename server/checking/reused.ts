/**
 * Sentences of last year's summary the writer kept on purpose (以去年总结为底稿, 确认沿用). The stale check would call
 * each of them 疑似沿用旧稿, and an unchanged copy a reuse: for a kept sentence those findings are dropped, and instead
 * the sentence is checked for what reuse on purpose must still do, which is to carry this year's figures. A kept sentence
 * is recognised by its wording with the figures masked, as the stale check recognises a copy.
 */
import { normalise } from "../text/normalise.ts";
import { sentenceSpans } from "../text/sentences.ts";
import { maskFigures } from "./fingerprint.ts";
import type { CheckResult, Finding } from "./types.ts";

/** Findings of a text with the writer's kept sentences settled: no stale or reuse finding on them, a warning where a kept sentence still has last year's figures. */
export function settleReused(text: string, findings: Finding[], reused: string[]): Finding[] {
  if (!reused.length) return findings;
  const kept = new Map<string, string[]>();
  for (const r of reused) {
    const { masked, figures } = maskFigures(normalise(r).text);
    kept.set(masked, figures);
  }
  const spans: Array<{ start: number; end: number }> = [];
  const added: Finding[] = [];
  for (const s of sentenceSpans(text)) {
    const { masked, figures } = maskFigures(normalise(s.text).text);
    const old = kept.get(masked);
    if (!old) continue;
    spans.push(s);
    const same = figures.filter((f, i) => old[i] === f);
    if (same.length) {
      added.push({
        kind: "stale", severity: "warning", start: s.start, end: s.end, text: s.text,
        message: `这句沿用了去年的表述（已确认沿用），但数字${same.map((f) => `“${f}”`).join("、")}仍是去年的，请改为今年的数字`,
      });
    }
  }
  const onKept = (f: Finding) => (f.kind === "stale" || f.kind === "reuse") && spans.some((s) => s.start <= f.start && f.end <= s.end);
  return [...findings.filter((f) => !onKept(f)), ...added].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** A check result with the kept sentences settled, its counts by kind and severity following the findings. */
export function settleReusedResult(text: string, result: CheckResult, reused: string[] = []): CheckResult {
  if (!reused.length) return result;
  const findings = settleReused(text, result.findings, reused);
  const stats: Record<string, number> = { ...result.stats, total: findings.length };
  for (const f of result.findings) {
    stats[f.kind] = (stats[f.kind] ?? 1) - 1;
    stats[f.severity] = (stats[f.severity] ?? 1) - 1;
  }
  for (const f of findings) {
    stats[f.kind] = (stats[f.kind] ?? 0) + 1;
    stats[f.severity] = (stats[f.severity] ?? 0) + 1;
  }
  return { ...result, findings, stats };
}
