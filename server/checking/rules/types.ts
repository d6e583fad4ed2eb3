import type { Finding } from "../types.ts";
import type { RepetitionList } from "../../lists/repetition.ts";
import type { Registry } from "../../lists/registry.ts";
import type { CollocationList } from "../../lists/collocations.ts";

/** What a rule may know beyond the text: the report year and the office's editable data. */
export interface RuleContext {
  year: number;
  /**
   * True when `year` is no one's: neither given by the writer nor named by the title or an opening 2021年，, only today's. Then a
   * campaign or an institution the text speaks of as current dates the text (it is of that campaign's or that
   * body's time) and is not reported as ended or renamed; the wording rules still judge it by `year`.
   */
  yearAssumed?: boolean;
  /** Last day of the reporting period as yyyymmdd (default: 31 December of `year`). */
  periodEnd?: number;
  registry: Registry;
  /** The repetition rule's words (default: the built-in list). */
  repetition?: RepetitionList;
  /** The collocation rule's redundant pairs and verb–object mismatches (default: none; checkText loads the office's). */
  collocations?: CollocationList;
  /** Words attested before the adverbial 地 in official prose, with counts (the function-word rule's evidence; default: none). */
  adverbials?: ReadonlyMap<string, number>;
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
