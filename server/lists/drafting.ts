/** The drafting engine's lists: phrase bank, guidance by date, fact wording, extra work-line keywords. */
import { z } from "zod";
import { defineList } from "./define.ts";

const LinePhrasesSchema = z.object({ short: z.string().min(1), leads: z.array(z.string()).min(1), closings: z.array(z.string()).min(1) });

const PhraseBankSchema = z.object({
  /** Per work line (WORK_LINES ids). */
  lines: z.record(z.string(), LinePhrasesSchema),
  connectives: z.array(z.string()),
  problemsIntro: z.string(),
  problemsClosing: z.string(),
  problemsMissing: z.string(),
  plansIntro: z.string(),
  plansClosing: z.string(),
  plansMissing: z.string(),
  opening: z.string(),
  closing: z.string(),
});
export type PhraseBank = z.output<typeof PhraseBankSchema>;

/** Stock connective phrasing of the offline engine. */
export const loadPhraseBank = defineList({ file: "drafting-phrases.json", schema: PhraseBankSchema });

const GuidanceSchema = z
  .object({ entries: z.array(z.object({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), thought: z.string().min(2) })).min(1) })
  // Looked up by "latest from ≤ period end": kept in date order whatever order an office file adds rows in.
  .transform((d) => [...d.entries].sort((a, b) => a.from.localeCompare(b.from)));

/** The guiding thought of an opening by date (the congress and plenums in force). */
export const loadGuidance = defineList({
  file: "drafting-guidance.json",
  schema: GuidanceSchema,
  keys: { entries: (e) => String((e as { from?: unknown }).from) },
});

const WordingSchema = z.object({
  replacements: z.array(z.tuple([z.string().min(1), z.string()])),
  dropTails: z.array(z.string()),
  dropWords: z.array(z.string()),
});
export type Wording = z.output<typeof WordingSchema>;

/** Colloquial → 公文 wording of fact text. A replacement is keyed by what it replaces; `{"from": …, "off": true}` switches one off. */
export const loadWording = defineList({
  file: "drafting-wording.json",
  schema: WordingSchema,
  keys: { replacements: (e) => String(Array.isArray(e) ? e[0] : (e as { from?: unknown }).from) },
});

const WorkLineKeywordsSchema = z.object({ keywords: z.record(z.string(), z.array(z.string())) }).transform((d) => d.keywords);

/** Extra first-pass keywords that assign input facts to work lines, per WORK_LINES id. */
export const loadWorkLineKeywords = defineList({ file: "drafting-work-line-keywords.json", schema: WorkLineKeywordsSchema });
