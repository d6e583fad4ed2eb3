/**
 * Colloquial → 公文 wording: one list and one applier for the drafting engine's fact wording and the
 * offline rewrite, so a word has one formal form wherever the program rewrites it. Entries apply in
 * file order (a longer literal before a shorter one it contains, so 效果挺好 is read before 挺好), and
 * a match counts only where the segmentation puts a word boundary at both of its ends: 查了 → 排查了
 * rewrites 查了 but never the 查了 inside 排查了 or 检查了, and 很多 → 大量 never touches 很多次.
 */
import { z } from "zod";
import { cut } from "../text/segment.ts";
import { defineList } from "./define.ts";
import { regexPattern } from "./pattern.ts";

const pattern = regexPattern({ flags: "g", min: 1 });

const EntrySchema = z.union([
  z.object({ from: z.string().min(1), to: z.string(), only: z.enum(["drafting", "rewrite"]).optional() }).strict(),
  z.object({ pattern, to: z.string(), only: z.enum(["drafting", "rewrite"]).optional() }).strict(),
]);
type Entry = z.infer<typeof EntrySchema>;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A longer literal goes before any shorter literal it contains, whatever the file order. */
function ordered(entries: Entry[]): Entry[] {
  const out: Entry[] = [];
  for (const e of entries) {
    const at = "from" in e ? out.findIndex((o) => "from" in o && o.from !== e.from && e.from.includes(o.from)) : -1;
    if (at >= 0) out.splice(at, 0, e);
    else out.push(e);
  }
  return out;
}

export type WordingUse = "drafting" | "rewrite";

export interface WordingRule {
  re: RegExp;
  /** The replacement ($1… for the pattern's groups). */
  to: string;
  use: WordingUse | "both";
}

const WordingSchema = z
  .object({ entries: z.array(EntrySchema), dropTails: z.array(z.string().min(1)), dropWords: z.array(z.string().min(1)) })
  .transform((d) => ({
    rules: ordered(d.entries).map((e): WordingRule => ({ re: new RegExp("pattern" in e ? e.pattern : escapeRe(e.from), "g"), to: e.to, use: e.only ?? "both" })),
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

/** Offsets where the segmentation puts a word boundary (the start and end of every word). */
export function wordBoundaries(text: string): Set<number> {
  const out = new Set<number>([0]);
  let at = 0;
  for (const w of cut(text)) out.add((at += w.length));
  return out;
}

export interface WordingEdit {
  start: number;
  end: number;
  rep: string;
}

/** How a rule's edits are applied; the engines pass numbers/edits.ts applyEdits, which keeps every figure. */
export type ApplyEdits = (text: string, edits: WordingEdit[]) => string;

function applyPlain(text: string, edits: WordingEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.rep + out.slice(e.end);
  return out;
}

/** A character that may belong to a figure (digits, Chinese numerals, the point, %). */
const FIGURE_CHAR = /[0-9０-９.．%％零〇一二两三四五六七八九十百千万亿]/;

/**
 * Whether replacing text[start, end) by rep brings two figure characters together that the text kept apart
 * (3我觉得十五% → 3十五%): the figures would then read as one, so the edit is not made.
 */
function joinsFigures(text: string, start: number, end: number, rep: string): boolean {
  const fig = (ch: string | undefined) => ch !== undefined && FIGURE_CHAR.test(ch);
  const before = text[start - 1];
  const after = text[end];
  const first = rep === "" ? after : rep[0];
  const last = rep === "" ? before : rep[rep.length - 1];
  return (fig(before) && fig(first) && !fig(text[start])) || (fig(after) && fig(last) && !fig(text[end - 1]));
}

/**
 * The formal wording of `text` for one use: every rule of the list at word boundaries only, its edits
 * applied by `apply` (numbers/formal.ts passes the figure-keeping one). `list`: the office's (default: built-in).
 */
export function applyWording(text: string, use: WordingUse, list: Wording = loadWording(), apply: ApplyEdits = applyPlain): string {
  let out = text;
  for (const rule of list.rules) {
    if (rule.use !== "both" && rule.use !== use) continue;
    rule.re.lastIndex = 0;
    if (!rule.re.test(out)) continue;
    const bounds = wordBoundaries(out);
    const edits: WordingEdit[] = [];
    rule.re.lastIndex = 0;
    for (const m of out.matchAll(rule.re)) {
      const end = m.index + m[0].length;
      if (m[0] === "" || !bounds.has(m.index) || !bounds.has(end)) continue;
      const rep = rule.to.replace(/\$(\d)/g, (_, i: string) => m[Number(i)] ?? "");
      if (joinsFigures(out, m.index, end, rep)) continue;
      edits.push({ start: m.index, end, rep });
    }
    out = apply(out, edits);
  }
  return out;
}
