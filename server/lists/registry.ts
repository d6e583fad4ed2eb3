/**
 * The dated registry behind the 'outdated' check: party congresses and plenums, campaigns with their
 * dates, and fixed formulations. `<dataDir>/registry.json` extends it (see docs/office-lists.md).
 */
import { z } from "zod";
import { defineList } from "./define.ts";

const DateStr = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/);

export const RegistrySchema = z.object({
  congresses: z.array(z.object({ term: z.number().int(), date: DateStr })),
  plenums: z.array(z.object({ term: z.number().int(), plenum: z.number().int().min(1), date: DateStr })),
  campaigns: z.array(z.object({
    name: z.string().min(2),
    aliases: z.array(z.string()).optional(),
    start: DateStr,
    end: DateStr,
    replacement: z.string().optional(),
  })),
  formulations: z.array(z.object({
    correct: z.string().min(2),
    /** A regex catching variants; a match that is not exactly `correct` is reported. Empty: none. */
    pattern: z.string().default(""),
    wrong: z.array(z.string()).default([]),
  })),
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
  },
});

/** "2025-10-20" or "2025-10" → a comparable number (yyyymmdd, missing day = 1). */
export function dateKey(d: string): number {
  const [y, m, day] = d.split("-").map(Number);
  return y * 10000 + m * 100 + (day || 1);
}
