/**
 * The shape of a changed claim, shared by the server and the editor (no native code here, so the
 * browser bundle can import it).
 */
import { z } from "zod";

export const CLAIM_KINDS = ["status", "negation", "modality", "scope", "approval", "name", "outcome"] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export const CLAIM_KIND_LABELS: Record<ClaimKind, string> = {
  status: "进度状态",
  negation: "肯定否定",
  modality: "语气要求",
  scope: "范围程度",
  approval: "审批决定",
  name: "名称",
  outcome: "成效评价",
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
});
export type ClaimChange = z.infer<typeof ClaimChangeSchema>;
