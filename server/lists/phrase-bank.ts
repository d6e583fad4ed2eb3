/** The drafting engine's own list: its stock phrasing (its fact wording is lists/wording.ts, shared with the rewrite). */
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
  /** A work line the writer gave no facts: after one general line of its stock phrasing. */
  workMissing: z.string(),
  opening: z.string(),
  closing: z.string(),
});
export type PhraseBank = z.output<typeof PhraseBankSchema>;

/** Stock connective phrasing of the offline engine. */
export const loadPhraseBank = defineList({ file: "drafting-phrases.json", schema: PhraseBankSchema });
