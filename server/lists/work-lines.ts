/**
 * Keywords that assign text to a work line: the weighted lexicon behind every work-line tag, and the
 * extra keywords input facts are also scored with. The work lines themselves (ids, order, labels) are
 * the genre's and stay in text/work-lines.ts; the words are the office's to extend.
 */
import { z } from "zod";
import { WORK_LINE_IDS } from "../text/work-lines.ts";
import { defineList } from "./define.ts";

const line = z.string().refine((id) => WORK_LINE_IDS.includes(id), { message: `不是已有的工作条线（应为 ${WORK_LINE_IDS.join("、")} 之一）` });

export interface Keyword {
  word: string;
  weight: number;
}

const WorkLineListSchema = z
  .object({
    keywords: z.array(z.object({ line, word: z.string().min(1), weight: z.number().positive().optional() }).strict()),
    factKeywords: z.array(z.object({ line, word: z.string().min(1) }).strict()),
  })
  .transform((d) => {
    const lexicon = new Map<string, Keyword[]>(WORK_LINE_IDS.map((id) => [id, []]));
    for (const k of d.keywords) lexicon.get(k.line)!.push({ word: k.word, weight: k.weight ?? (k.word.length <= 1 ? 0.5 : 1.5) });
    // Longest first, so a long keyword claims its characters before its substrings do.
    for (const list of lexicon.values()) list.sort((a, b) => b.word.length - a.word.length || a.word.localeCompare(b.word));
    const factKeywords = new Map<string, string[]>();
    for (const k of d.factKeywords) factKeywords.set(k.line, [...(factKeywords.get(k.line) ?? []), k.word]);
    return { lexicon, factKeywords };
  });
export type WorkLineList = z.output<typeof WorkLineListSchema>;

const key = (e: unknown) => `${String((e as { line?: unknown }).line)}/${String((e as { word?: unknown }).word)}`;

/** Work-line keywords, per line id; an entry is keyed by its line and word. */
export const loadWorkLineList = defineList({
  file: "work-lines.json",
  schema: WorkLineListSchema,
  keys: { keywords: key, factKeywords: key },
});
