/**
 * The shape of a changed claim, shared by the server and the editor (no native code here, so the
 * browser bundle can import it).
 */
import { z } from "zod";

export const CLAIM_KINDS = ["status", "negation", "modality", "scope", "approval", "name", "outcome", "cause", "time"] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export const CLAIM_KIND_LABELS: Record<ClaimKind, string> = {
  status: "进度状态",
  negation: "肯定否定",
  modality: "语气要求",
  scope: "范围程度",
  approval: "审批决定",
  name: "名称",
  outcome: "成效评价",
  cause: "原因说明",
  time: "时间",
};

/** One claim that differs: what it was, what it became, and the clauses it sits in. */
export const ClaimChangeSchema = z.object({
  kind: z.enum(CLAIM_KINDS),
  /** The wording that expressed the claim before and after; "" when there was none. */
  before: z.string(),
  after: z.string(),
  /** The clause of the original (or the fact) and of the new text. */
  beforeText: z.string(),
  afterText: z.string(),
  message: z.string(),
  /**
   * Weaker evidence (a status said with or without 正在, a plan marker added to a future, a count of
   * negations that keeps the polarity, a detail a shortening dropped): shown to the writer beside an
   * accepted rewrite, never a refusal. Absent for a changed claim, which is refused.
   */
  weak: z.boolean().optional(),
});
export type ClaimChange = z.infer<typeof ClaimChangeSchema>;

/** The changes that refuse a rewrite: every change that is not a flag for the writer. */
export function refusing<T extends { weak?: boolean }>(changes: T[]): T[] {
  return changes.filter((c) => !c.weak);
}
