/**
 * The dated registry behind the 'outdated' check: party congresses and plenums, campaigns with their
 * dates, fixed formulations, formulations a congress replaced, and regulations replaced by others.
 * `<dataDir>/registry.json` extends it (see docs/office-lists.md); where each built-in entry comes
 * from is in its `source` and in docs/registry-sources.md.
 */
import { z } from "zod";
import { defineList } from "./define.ts";
import { regexPattern } from "./pattern.ts";

const DateStr = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/);

/** A regular expression the check compiles. */
const Pattern = regexPattern({ flags: "g" });

/** Where an entry's facts come from: the document, its date, where it was read. Optional for the office's own entries. */
const Source = z.string().min(4);

export const RegistrySchema = z.object({
  congresses: z.array(z.object({ term: z.number().int(), date: DateStr, source: Source.optional() })),
  plenums: z.array(z.object({ term: z.number().int(), plenum: z.number().int().min(1), date: DateStr, source: Source.optional() })),
  campaigns: z.array(z.object({
    name: z.string().min(2),
    aliases: z.array(z.string()).optional(),
    start: DateStr,
    end: DateStr,
    /** When it was first named, if before `start` (a congress report announces it): from then on it is not "not yet started". */
    announced: DateStr.optional(),
    replacement: z.string().optional(),
    source: Source.optional(),
  })),
  formulations: z.array(z.object({
    correct: z.string().min(2),
    /** A regex catching variants; a match that is not exactly `correct` is reported. Empty: none. */
    pattern: Pattern.default(""),
    /** A regex for matches of `pattern` that are another, correct term (…中国特色社会主义政法思想, said in 2018). */
    except: Pattern.default(""),
    wrong: z.array(z.string()).default([]),
    source: Source.optional(),
  })),
  /** Formulations replaced by a congress or a central decision: from `date` on, `old` is outdated and `new` is said. */
  replaced: z.array(z.object({
    old: z.string().min(2),
    new: z.string().min(2),
    date: DateStr,
    /** The meeting or document that made the change (shown to the writer). */
    by: z.string().min(2),
    /** A regex on the characters right after `old`: when it matches, `old` is part of another, still correct name (法制工作委员会). */
    notFollowedBy: Pattern.default(""),
    /** A regex on the characters right before `old` (中央综治委 is not 县综治委's date). */
    notPrecededBy: Pattern.default(""),
    /** An institution (renamed or merged) rather than a wording: the message says so. */
    institution: z.boolean().default(false),
    source: Source.optional(),
  })).default([]),
  /**
   * The party and state leaders with the offices they held and when (`to` absent: still in office).
   * Titles: 总书记, 国家主席 (written 主席 after the name), 总理, 委员长, 政协主席, 常委 (a member of the
   * Politburo Standing Committee, no title of address of its own).
   */
  leaders: z.array(z.object({
    name: z.string().min(2),
    offices: z.array(z.object({
      title: z.enum(["总书记", "国家主席", "总理", "委员长", "政协主席", "常委"]),
      from: DateStr,
      to: DateStr.optional(),
    })).min(1),
    source: Source.optional(),
  })).default([]),
  /** Full names of the state, the party and the central organs: a one-character slip in them is an error. */
  fullNames: z.array(z.object({
    name: z.string().min(4),
    /** Garbles that no sound or shape rule finds (中国人民共和国). */
    wrong: z.array(z.string()).default([]),
    source: Source.optional(),
  })).default([]),
  /**
   * Named planning periods (the five-year plans, 十四五) with their first and last month: a range of years written
   * beside the name must be the period's own (number-periods.ts).
   */
  periods: z.array(z.object({
    name: z.string().min(2),
    start: DateStr,
    end: DateStr,
    source: Source.optional(),
  })).default([]),
  /** Regulations and standards replaced by others: cited after `date` as in force, they are outdated. */
  regulations: z.array(z.object({
    /** The title as cited inside 书名号, or a standard's number. */
    title: z.string().min(2),
    /** A regex for the ways it is written (GB/T 9704—1999, GB 9704-1999); default: the title inside 《》. */
    pattern: Pattern.default(""),
    replacedBy: z.string().min(2),
    date: DateStr,
    source: Source.optional(),
  })).default([]),
});
export type Registry = z.infer<typeof RegistrySchema>;

const field = (e: unknown, name: string) => String((e as Record<string, unknown>)[name]);

/** The dated registry: the built-in one, extended (entry by entry) by `<dataDir>/registry.json`. */
export const loadRegistry = defineList({
  file: "registry.json",
  schema: RegistrySchema,
  keys: {
    congresses: (e) => field(e, "term"),
    plenums: (e) => `${field(e, "term")}.${field(e, "plenum")}`,
    campaigns: (e) => field(e, "name"),
    formulations: (e) => field(e, "correct"),
    replaced: (e) => field(e, "old"),
    regulations: (e) => field(e, "title"),
    leaders: (e) => field(e, "name"),
    fullNames: (e) => field(e, "name"),
    periods: (e) => field(e, "name"),
  },
});

/** "2025-10-20" or "2025-10" → a comparable number (yyyymmdd, missing day = 1). */
export function dateKey(d: string): number {
  const [y, m, day] = d.split("-").map(Number);
  return y * 10000 + m * 100 + (day || 1);
}
