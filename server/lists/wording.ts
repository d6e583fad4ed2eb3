/**
 * Colloquial → 公文 wording: one list for the drafting engine's fact wording and the offline rewrite,
 * so a word has one formal form wherever the program rewrites it. How each of them applies it differs
 * (the rewrite in order, with regular expressions; the drafting engine longest first in one pass),
 * which is why the loader hands each its own view.
 */
import { z } from "zod";
import { defineList } from "./define.ts";
import { regexPattern } from "./pattern.ts";

const pattern = regexPattern({ flags: "g", min: 1 });

const EntrySchema = z.union([
  z.object({ from: z.string().min(1), to: z.string(), only: z.enum(["drafting", "rewrite"]).optional() }).strict(),
  // A regular expression needs the rewrite's in-order application; the drafting engine matches literal text only.
  z.object({ pattern, to: z.string(), only: z.literal("rewrite").optional() }).strict(),
]);

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const WordingSchema = z
  .object({ entries: z.array(EntrySchema), dropTails: z.array(z.string().min(1)), dropWords: z.array(z.string().min(1)) })
  .transform((d) => ({
    /** The offline rewrite's view: expressions applied in file order ($1… in `replacement` for groups). */
    rewrite: d.entries
      .filter((e) => e.only !== "drafting")
      .map((e) => ({ re: new RegExp("pattern" in e ? e.pattern : escapeRe(e.from), "g"), replacement: e.to })),
    /** The drafting engine's view: literal text → formal text. */
    replacements: d.entries.flatMap((e) => ("from" in e && e.only !== "rewrite" ? [[e.from, e.to] as [string, string]] : [])),
    dropTails: d.dropTails,
    dropWords: d.dropWords,
  }));
export type Wording = z.output<typeof WordingSchema>;

/** An entry is keyed by the text or expression it replaces; `{ "from": "…", "off": true }` switches one off. */
export const loadWording = defineList({
  file: "wording.json",
  schema: WordingSchema,
  keys: { entries: (e) => String((e as { from?: unknown; pattern?: unknown }).from ?? (e as { pattern?: unknown }).pattern) },
});
