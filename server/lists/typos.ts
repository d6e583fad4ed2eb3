import { z } from "zod";
import { defineList } from "./define.ts";
import { regexPattern } from "./pattern.ts";

/**
 * Frequent misspellings and confused words of 公文 (the typo check's list). A written form that is
 * never right (布署) needs no context; a pair where both forms are words (截止/截至) says in which
 * context the written form is wrong. Conditions are regular expressions tested on the text right
 * after / right before the written form; `{date}` stands for a point in time (2025年, 6月底, 目前).
 */
const DATE = "(?:[0-9０-９〇零一二三四五六七八九十]{1,4}(?:年|月|日|号)|目前|当前|现在|今年|本年|本月|年底|年末|月底|上半年|今日)";

const Condition = regexPattern({ flags: "u", expand: (p) => p.replaceAll("{date}", DATE) }).optional();

export const TypoEntrySchema = z.object({
  wrong: z.string().min(1, "请写出错误写法").regex(/^[^\d０-９]+$/, "错误写法不能含数字"),
  right: z.string().min(1, "请写出正确写法"),
  followedBy: Condition,
  notFollowedBy: Condition,
  precededBy: Condition,
  notPrecededBy: Condition,
  severity: z.enum(["error", "warning", "info"]).default("warning"),
  note: z.string().optional(),
  /** The first report year the right form is the standard for (账 for 帐 from 2002): an older report is judged by its own time's wording. */
  since: z.number().int().optional(),
});
export type TypoEntry = z.infer<typeof TypoEntrySchema>;

export interface CompiledTypoEntry extends TypoEntry {
  followed?: RegExp;
  notFollowed?: RegExp;
  preceded?: RegExp;
  notPreceded?: RegExp;
}

function compile(pattern: string | undefined, where: "after" | "before"): RegExp | undefined {
  if (!pattern) return undefined;
  const source = pattern.replaceAll("{date}", DATE);
  return new RegExp(where === "after" ? `^(?:${source})` : `(?:${source})$`, "u");
}

/** One written character is wrong only in a context (帐 → 账 outside 帐篷, 蚊帐): it needs a condition. */
const hasCondition = (e: TypoEntry) => e.wrong.length > 1 || Boolean(e.followedBy || e.notFollowedBy || e.precededBy || e.notPrecededBy);

export const TypoListSchema = z.object({ entries: z.array(TypoEntrySchema.refine(hasCondition, "一个字的错误写法须写明前后条件")) }).transform((list) => ({
  entries: list.entries
    .map((e): CompiledTypoEntry => ({
      ...e,
      followed: compile(e.followedBy, "after"),
      notFollowed: compile(e.notFollowedBy, "after"),
      preceded: compile(e.precededBy, "before"),
      notPreceded: compile(e.notPrecededBy, "before"),
    }))
    // Longer written forms first, so a longer entry is judged before a shorter one inside it.
    .sort((a, b) => b.wrong.length - a.wrong.length),
}));
export type TypoList = z.output<typeof TypoListSchema>;

/** server/lists/typos.json extended by the data folder's typos.json (an entry is keyed by its written form). */
export const loadTypoList = defineList({
  file: "typos.json",
  schema: TypoListSchema,
  keys: { entries: (e) => String((e as { wrong?: unknown }).wrong) },
});
