/**
 * The options and traced changes shared by the comparison's parts (compare.ts, group-changes.ts, unpaired.ts).
 */
import type { ClaimChange } from "./types.ts";

/** A change with the rule that found it (for the bench's reason table; stripped from what callers get). */
export type TracedChange = ClaimChange & { rule?: string };

export interface CompareOptions {
  /** Receives every change found, each with the rule that found it (the bench's reason table). */
  trace?: (changes: TracedChange[]) => void;
  /** The status "planned" is implied by the section (a plans section), so a dropped 计划/将 changes nothing. */
  impliedPlan?: boolean;
  /**
   * A clause of the new text about nothing in the original may not state a claim of its own (已全部补齐,
   * 尚未, 全面): polishing invents no claim. Off for expanding, which adds general lines.
   */
  strictAdded?: boolean;
  /** A clause of the original with no counterpart may not take a plan, a "not yet" or a negation with it. Off for shortening. */
  strictDropped?: boolean;
  /** The writing unit: its own name and its superiors' say who writes, not where the work was (places.ts). */
  unit?: string;
}

