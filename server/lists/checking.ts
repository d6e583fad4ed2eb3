/** The check's own lists besides the registry: stock formulations and the repetition rule's words. */
import { z } from "zod";
import { normalise } from "../text/normalise.ts";
import { defineList, defineTextList } from "./define.ts";
import { RegexPatternSchema } from "./registry.ts";

/**
 * Standard formulations (套话) that are never "copied content", in normalised form. Shorter than four
 * characters after normalising, a line would match everywhere, so it is dropped.
 */
export const loadStockPhrases = defineTextList({
  file: "stock-phrases.txt",
  entry: (line) => {
    const n = normalise(line).text;
    return n.length >= 4 ? n : "";
  },
});

const RepetitionSchema = z
  .object({
    legitDoubles: z.array(z.string()),
    doubleExceptions: z.array(z.string()),
    typoDoubles: z.array(z.string()),
    semanticDoubles: z.array(z.object({ pattern: RegexPatternSchema, message: z.string(), suggestion: z.string().optional() })),
  })
  .transform((d) => ({
    ...d,
    legit: new Set(d.legitDoubles),
    typo: new Set(d.typoDoubles),
    semantic: d.semanticDoubles.map((s) => ({ re: new RegExp(s.pattern, "g"), message: s.message, suggestion: s.suggestion })),
  }));
export type RepetitionList = z.output<typeof RepetitionSchema>;

/** Words of the repetition rule: legitimate reduplications, typo doubles, redundant pairs (by pattern). */
export const loadRepetition = defineList({
  file: "repetition.json",
  schema: RepetitionSchema,
  keys: { semanticDoubles: (e) => String((e as { pattern?: unknown }).pattern) },
});
