import { severityRank, type CheckResult, type Finding } from "../../../../server/checking/types.ts";
import { client } from "../../../lib/api.ts";
import { readEvents } from "../../../lib/events.ts";
import { ModelCheckEventSchema, type ModelCheckEvent } from "../../../../server/routes/check-events.ts";


/** POST /api/check with text; `reused`: sentences of last year the writer kept on purpose (not stale, figures to update). */
export async function checkText(text: string, year?: number, reused?: string[]): Promise<CheckResult> {
  const res = await client.api.check.$post({ json: { text, ...(year ? { year } : {}), ...(reused?.length ? { reused } : {}) } });
  return res.json();
}

/** POST /api/check with an uploaded document; the answer carries the text the offsets refer to. */
export async function checkFile(file: File, year?: number): Promise<CheckResult & { text?: string }> {
  const res = await client.api.check.$post({ form: year ? { file, year: String(year) } : { file } });
  return res.json();
}

/** POST /api/check/model — the configured model proofreads the text; events arrive as each chunk is done. */
export async function checkWithModel(text: string, onEvent: (e: ModelCheckEvent) => void, signal?: AbortSignal): Promise<void> {
  const res = await client.api.check.model.$post({ json: { text } }, { init: { signal } });
  await readEvents(res, ModelCheckEventSchema, onEvent, signal);
}


/** Findings sorted for the list: by severity, then position. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.slice().sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.start - b.start);
}

/**
 * Apply one finding's suggestion: replace its span, shift the findings after it, drop those that
 * overlapped it (their offsets no longer describe the text).
 */
export function applySuggestion(text: string, findings: Finding[], finding: Finding): { text: string; findings: Finding[] } {
  if (finding.suggestion == null) return { text, findings };
  const { start, end } = finding;
  const next = text.slice(0, start) + finding.suggestion + text.slice(end);
  const delta = finding.suggestion.length - (end - start);
  const out: Finding[] = [];
  for (const f of findings) {
    if (f === finding) continue;
    if (f.end <= start) out.push(f);
    else if (f.start >= end) out.push({ ...f, start: f.start + delta, end: f.end + delta });
    // overlapping: dropped
  }
  return { text: next, findings: out };
}

/** One part of a checked draft's text (title, a heading line, a section body), as the drafting feature lays it out. */
export interface DraftTextRange {
  part: "title" | "heading" | "text";
  sectionId: string | null;
  start: number;
  end: number;
}

/** A draft as checked: its plain text and where each part lies in it, in text order. */
export interface DraftText {
  text: string;
  ranges: DraftTextRange[];
  year?: number;
  /** Sentences of last year's summary the writer kept on purpose (the draft's `reused`). */
  reused?: string[];
}

/** What an applied suggestion changes in the draft: one part's whole new value. */
export interface DraftEdit {
  part: DraftTextRange["part"];
  sectionId: string | null;
  value: string;
}

/**
 * Where a finding's suggestion lands in the draft: the new value of the one part (title, heading or
 * body) that holds it, and the parts' shifted offsets. null when it cannot be written back as one
 * part: the finding crosses a line between parts, or it would put a line break into a title or heading.
 */
export function suggestionInDraft(draft: DraftText, finding: Finding): { edit: DraftEdit; draft: DraftText } | null {
  if (finding.suggestion == null) return null;
  const { start, end, suggestion } = finding;
  const at = draft.ranges.findIndex((r) => r.start <= start && end <= r.end);
  if (at < 0) return null;
  const range = draft.ranges[at];
  if (range.part !== "text" && /[\r\n]/.test(suggestion)) return null;
  const text = draft.text.slice(0, start) + suggestion + draft.text.slice(end);
  const delta = suggestion.length - (end - start);
  // By index, not by offset: an empty body and the heading after it share a start.
  const ranges = draft.ranges.map((r, i) =>
    i < at ? r : i === at ? { ...r, end: r.end + delta } : { ...r, start: r.start + delta, end: r.end + delta },
  );
  return {
    edit: { part: range.part, sectionId: range.sectionId, value: text.slice(range.start, range.end + delta) },
    draft: { ...draft, text, ranges },
  };
}
