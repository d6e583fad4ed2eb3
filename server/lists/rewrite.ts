/** The offline rewrite's colloquial → formal lexicon: regular expressions applied in order. */
import { z } from "zod";
import { defineList } from "./define.ts";

const pattern = z.string().refine((p) => {
  try {
    new RegExp(p, "g");
    return true;
  } catch {
    return false;
  }
}, "不是有效的正则表达式");

const RewriteLexiconSchema = z
  .object({ entries: z.array(z.object({ pattern, replacement: z.string() })) })
  .transform((d) => d.entries.map((e) => ({ re: new RegExp(e.pattern, "g"), replacement: e.replacement })));

export const loadRewriteLexicon = defineList({
  file: "rewrite-lexicon.json",
  schema: RewriteLexiconSchema,
  keys: { entries: (e) => String((e as { pattern?: unknown }).pattern) },
});
