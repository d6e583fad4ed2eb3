/** The repetition rule's words: legitimate reduplications, typo doubles, redundant pairs (by pattern). */
import { z } from "zod";
import { defineList } from "./define.ts";
import { regexPattern } from "./pattern.ts";

const RepetitionSchema = z
  .object({
    legitDoubles: z.array(z.string()),
    doubleExceptions: z.array(z.string()),
    typoDoubles: z.array(z.string()),
    semanticDoubles: z.array(z.object({ pattern: regexPattern({ flags: "g" }), message: z.string(), suggestion: z.string().optional() })),
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
