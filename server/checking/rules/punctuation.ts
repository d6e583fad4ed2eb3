import type { Finding } from "../types.ts";
import { punctuationIssues } from "../../text/punctuation.ts";
import { finding, type RuleContext } from "./types.ts";

/** GB/T 15834 punctuation: half-width marks in Chinese text, unmatched pairs, wrong ellipsis, 顿号 between quoted items. */
export function checkPunctuation(text: string, _ctx: RuleContext): Finding[] {
  return punctuationIssues(text).map((i) => finding(text, "punctuation", i.severity, i.start, i.end, i.message, i.suggestion));
}
