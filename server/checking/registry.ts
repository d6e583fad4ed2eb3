import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { AppError } from "../errors.ts";

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

const BUILTIN = path.join(path.dirname(fileURLToPath(import.meta.url)), "registry.json");

function readRegistry(file: string): Partial<Registry> {
  try {
    const raw = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    return RegistrySchema.partial().parse(raw);
  } catch (e) {
    throw new AppError("internal:registry", `过时表述登记表无法读取：${file}（${(e as Error).message.slice(0, 200)}）`, { cause: e });
  }
}

let builtin: Registry | null = null;

/** The dated registry: the built-in one, with lists from `<dataDir>/registry.json` replacing it when present. */
export function loadRegistry(dataDir?: string): Registry {
  builtin ??= RegistrySchema.parse(readRegistry(BUILTIN));
  if (!dataDir) return builtin;
  const file = path.join(dataDir, "registry.json");
  if (!existsSync(file)) return builtin;
  return { ...builtin, ...readRegistry(file) } as Registry;
}

/** "2025-10-20" or "2025-10" → a comparable number (yyyymmdd, missing day = 1). */
export function dateKey(d: string): number {
  const [y, m, day] = d.split("-").map(Number);
  return y * 10000 + m * 100 + (day || 1);
}
