import { z } from "zod";
import { PassageSpanSchema } from "../corpus/types.ts";

export const FINDING_KINDS = [
  "typo", "grammar", "reuse", "stale", "outdated", "placeholder", "punctuation", "numbering", "arithmetic", "repetition",
  "number", "consistency",
] as const;
export const FindingKindSchema = z.enum(FINDING_KINDS);
export type FindingKind = z.infer<typeof FindingKindSchema>;

/** The one label of each kind, for the editor and the CLI (Chinese UI text). */
export const FINDING_KIND_LABELS: Record<FindingKind, string> = {
  typo: "错别字",
  grammar: "语病",
  reuse: "雷同",
  stale: "旧文改数",
  outdated: "过时表述",
  placeholder: "模板残留",
  punctuation: "标点",
  numbering: "序号",
  arithmetic: "计算",
  repetition: "重复",
  number: "数字用法",
  consistency: "前后不一",
};

export const SEVERITIES = ["error", "warning", "info"] as const;
/** The one label of each severity, most severe first (the editor sorts and colours by this order). */
export const SEVERITY_LABELS: Record<(typeof SEVERITIES)[number], string> = { error: "错误", warning: "警告", info: "提示" };
/** A severity's rank: 0 for the most severe. */
export const severityRank = (s: (typeof SEVERITIES)[number]): number => SEVERITIES.indexOf(s);

export const FindingSourceSchema = PassageSpanSchema;

export const FindingSchema = z.object({
  kind: FindingKindSchema,
  severity: z.enum(SEVERITIES),
  start: z.number().int(), // offsets into the checked text
  end: z.number().int(),
  text: z.string(), // the checked text's slice [start, end)
  message: z.string(), // Chinese
  suggestion: z.string().optional(), // replacement for [start, end) when one is certain
  stock: z.boolean().optional(), // reuse only
  source: FindingSourceSchema.optional(), // reuse / stale
  /** Which engine found it: absent for the built-in rules; the model's name for the model pass. */
  engine: z.string().optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

/** Why the model pass dropped an item the model proposed (checking/model-pass.ts). */
export const RejectReasonSchema = z.enum(["not_verbatim", "ambiguous", "length_changed", "figure_touched", "not_han", "no_change", "too_wide", "protected", "unknown_type", "malformed"]);
export type RejectReason = z.infer<typeof RejectReasonSchema>;

export const CheckResultSchema = z.object({
  year: z.number().int(),
  /** The year was neither given nor named in the text: only today's (campaigns and bodies were then not judged by it). */
  yearAssumed: z.boolean().optional(),
  findings: z.array(FindingSchema),
  stats: z.record(z.string(), z.number()),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

/** What the reuse index holds of one document: enough to tell whether the store has a newer version. */
export interface IndexedVersion {
  title: string;
  contentHash: string;
  chars: number;
}

/**
 * Fingerprints of the archive for reuse detection, derived from the corpus store (a cache that can
 * always be rebuilt from it). Kept current by the corpus hooks; composition reconciles it with the
 * store at start (server/derived.ts), so checking never depends on the store.
 */
export interface ReuseIndex {
  addDocument(doc: { id: string; title: string; contentHash: string; cleanedText: string; chunks: import("../corpus/types.ts").Chunk[] }): Promise<void>;
  removeDocument(id: string): Promise<void>;
  documentIds(): string[];
  indexed(id: string): IndexedVersion | undefined;
  stats(): { documents: number; fingerprints: number };
  /** Reuse and stale findings for a text (implemented by the fingerprint index in reuse-index.ts). */
  match?(text: string, opts?: { excludeDocIds?: string[] }): { reuse: Finding[]; stale: Finding[] };
}
