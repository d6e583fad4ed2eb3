import type { Finding } from "../types.ts";
import type { RepetitionList } from "../../lists/repetition.ts";
import type { Registry } from "../../lists/registry.ts";

/** What a rule may know beyond the text: the report year and the office's editable data. */
export interface RuleContext {
  year: number;
  /** Last day of the reporting period as yyyymmdd (default: 31 December of `year`). */
  periodEnd?: number;
  registry: Registry;
  /** The repetition rule's words (default: the built-in list). */
  repetition?: RepetitionList;
}

/** A check rule: pure, offsets into `text`. */
export type Rule = (text: string, ctx: RuleContext) => Finding[];

/** Build a finding whose `text` is the slice it points at. */
export function finding(
  text: string,
  kind: Finding["kind"],
  severity: Finding["severity"],
  start: number,
  end: number,
  message: string,
  suggestion?: string,
): Finding {
  const f: Finding = { kind, severity, start, end, text: text.slice(start, end), message };
  if (suggestion !== undefined) f.suggestion = suggestion;
  return f;
}
