/**
 * Redundant pairs and verb–object mismatches (语病: 成分赘余, 搭配不当), the collocation rule's list.
 * `<dataDir>/collocations.json` extends it (docs/office-lists.md); each entry carries its own
 * context condition, so that a correct phrase that looks alike (免费赠送, 加大投入力度) stays silent.
 */
import { z } from "zod";
import { defineList, defineTextList } from "./define.ts";
import { regexPattern } from "./pattern.ts";

const RegexPatternSchema = regexPattern({ flags: "g" });

const Redundant = z.object({
  /** A regular expression over one clause: the two parts and what may stand between them. */
  pattern: RegexPatternSchema,
  message: z.string().min(2),
  /** Replacement for the whole match, when one is certain. */
  suggestion: z.string().optional(),
  /** A regular expression on the match itself: when it matches, the phrase is correct. */
  except: RegexPatternSchema.default(""),
});

const Mismatch = z.object({
  /** Verbs (jieba words) that cannot take the objects below. */
  verbs: z.array(z.string().min(1)).min(1),
  /** Head nouns of the object they are wrongly given (jieba words). */
  objects: z.array(z.string().min(1)).min(1),
  /** The verb that goes with these objects (same length as the verbs, or several joined by 、). */
  right: z.string().min(1),
  /** The most characters between the verb and the head noun. */
  window: z.number().int().min(1).max(30).default(12),
});

const CollocationSchema = z
  .object({
    redundant: z.array(Redundant).default([]),
    mismatches: z.array(Mismatch).default([]),
  })
  .transform((d) => ({
    ...d,
    compiledRedundant: d.redundant.map((r) => ({ ...r, re: new RegExp(r.pattern, "g"), exceptRe: r.except ? new RegExp(r.except) : null })),
  }));
export type CollocationList = z.output<typeof CollocationSchema>;

export const loadCollocations = defineList({
  file: "collocations.json",
  schema: CollocationSchema,
  keys: {
    redundant: (e) => String((e as { pattern?: unknown }).pattern),
    mismatches: (e) => `${String((e as { verbs?: unknown[] }).verbs?.join("/"))}→${String((e as { objects?: unknown[] }).objects?.join("/"))}`,
  },
});

/**
 * Words attested before the adverbial 地 in official prose (counts derived from
 * the official-prose collection, see docs/function-words.md): "X地" there is an adverbial, not a slip for 的.
 */
export const loadAdverbials = defineTextList({ file: "adverbials.txt", entry: (line) => line.trim().replace(/\s+/g, " ") });

const adverbialSets = new Map<string[], ReadonlyMap<string, number>>();
/**
 * The adverbials as word → count (one map per loaded list, so a check does not rebuild it). A line of
 * the office's file without a count counts as attested often (100).
 */
export function loadAdverbialSet(dataDir?: string | null): ReadonlyMap<string, number> {
  const list = loadAdverbials(dataDir);
  let map = adverbialSets.get(list);
  if (!map) {
    map = new Map();
    for (const line of list) {
      const [word, count] = line.split(" ");
      if (word) (map as Map<string, number>).set(word, Math.max(map.get(word) ?? 0, Number(count) || 100));
    }
    adverbialSets.set(list, map);
  }
  return map;
}
