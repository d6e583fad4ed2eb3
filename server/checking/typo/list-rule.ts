import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { AppError } from "../../errors.ts";
import type { Finding } from "../types.ts";

/**
 * The office's list of frequent misspellings and confused words (server/lists/typos.json, extended
 * by `typos.json` in the data folder). A written form that is never right (布署) needs no context;
 * a pair where both forms are words (截止/截至) carries the context in which the listed form is wrong.
 */
export const TypoEntrySchema = z.object({
  wrong: z.string().min(2, "错误写法至少两个字").regex(/^[^\d０-９]+$/, "错误写法不能含数字"),
  right: z.string().min(1),
  /** Regular expressions tested on the text right after / right before the written form. */
  followedBy: z.string().optional(),
  notFollowedBy: z.string().optional(),
  precededBy: z.string().optional(),
  notPrecededBy: z.string().optional(),
  severity: z.enum(["error", "warning", "info"]).default("warning"),
  note: z.string().optional(),
  /** false switches a built-in entry off (from the data folder's file). */
  enabled: z.boolean().default(true),
});
export type TypoEntry = z.infer<typeof TypoEntrySchema>;

export const TypoListSchema = z.object({ entries: z.array(TypoEntrySchema) });
export type TypoList = z.infer<typeof TypoListSchema>;

// `{date}` in a condition stands for a point in time (2025年, 2025年6月底, 6月30日, 目前, 年底).
const DATE = "(?:[0-9０-９〇零一二三四五六七八九十]{1,4}(?:年|月|日|号)|目前|当前|现在|今年|本年|本月|年底|年末|月底|上半年|今日)";
const CONTEXT = 12;

interface CompiledEntry extends TypoEntry {
  followed?: RegExp;
  notFollowed?: RegExp;
  preceded?: RegExp;
  notPreceded?: RegExp;
}

function compile(pattern: string | undefined, where: "after" | "before", wrong: string): RegExp | undefined {
  if (!pattern) return undefined;
  const source = pattern.replaceAll("{date}", DATE);
  try {
    return new RegExp(where === "after" ? `^(?:${source})` : `(?:${source})$`, "u");
  } catch (e) {
    throw new AppError("internal:typo_list", `错别字表中“${wrong}”的条件不是有效的正则表达式：${pattern}`, { cause: e });
  }
}

/** Built-in list merged with the office's: an office entry replaces the built-in one of the same written form. */
export function mergeTypoLists(base: TypoList, extra: TypoList | null): TypoList {
  if (!extra) return base;
  const byWrong = new Map(base.entries.map((e) => [e.wrong, e]));
  for (const e of extra.entries) byWrong.set(e.wrong, e);
  return { entries: [...byWrong.values()] };
}

const BUILT_IN = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "lists", "typos.json");

function readList(file: string): TypoList | null {
  if (!fs.existsSync(file)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new AppError("internal:typo_list", `错别字表 ${file} 不是有效的 JSON：${(e as Error).message}`, { cause: e });
  }
  const parsed = TypoListSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("internal:typo_list", `错别字表 ${file} 第 ${issue.path.join(".")} 项有误：${issue.message}`);
  }
  return parsed.data;
}

const cache = new Map<string, { mtime: number; list: CompiledTypoList }>();

export interface CompiledTypoList {
  entries: CompiledEntry[];
}

export function compileTypoList(list: TypoList): CompiledTypoList {
  return {
    entries: list.entries
      .filter((e) => e.enabled)
      .map((e) => ({
        ...e,
        followed: compile(e.followedBy, "after", e.wrong),
        notFollowed: compile(e.notFollowedBy, "after", e.wrong),
        preceded: compile(e.precededBy, "before", e.wrong),
        notPreceded: compile(e.notPrecededBy, "before", e.wrong),
      }))
      // Longer written forms first, so 截止到目前 is judged before a shorter entry inside it.
      .sort((a, b) => b.wrong.length - a.wrong.length),
  };
}

/** The built-in list, extended by `<dataDir>/typos.json` when present (re-read when it changes). */
export function loadTypoList(dataDir?: string | null): CompiledTypoList {
  const extraFile = dataDir ? path.join(dataDir, "typos.json") : null;
  const mtime = extraFile && fs.existsSync(extraFile) ? fs.statSync(extraFile).mtimeMs : 0;
  const key = extraFile ?? "";
  const hit = cache.get(key);
  if (hit && hit.mtime === mtime) return hit.list;
  const base = readList(BUILT_IN) ?? { entries: [] };
  const list = compileTypoList(mergeTypoLists(base, extraFile ? readList(extraFile) : null));
  cache.set(key, { mtime, list });
  return list;
}

/** Findings of the list: each written form in its context, skipping protected characters. */
export function checkTypoList(text: string, list: CompiledTypoList, mask?: Uint8Array): Finding[] {
  const out: Finding[] = [];
  const taken = new Uint8Array(text.length);
  for (const e of list.entries) {
    for (let at = text.indexOf(e.wrong); at >= 0; at = text.indexOf(e.wrong, at + 1)) {
      const end = at + e.wrong.length;
      if (taken.subarray(at, end).some((x) => x) || (mask && mask.subarray(at, end).some((x) => x))) continue;
      const after = text.slice(end, end + CONTEXT);
      const before = text.slice(Math.max(0, at - CONTEXT), at);
      if (e.followed && !e.followed.test(after)) continue;
      if (e.notFollowed && e.notFollowed.test(after)) continue;
      if (e.preceded && !e.preceded.test(before)) continue;
      if (e.notPreceded && e.notPreceded.test(before)) continue;
      taken.fill(1, at, end);
      const message = e.note ? `“${e.wrong}”应为“${e.right}”：${e.note}` : `“${e.wrong}”应为“${e.right}”`;
      out.push({ kind: "typo", severity: e.severity, start: at, end, text: e.wrong, message, suggestion: e.right });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
