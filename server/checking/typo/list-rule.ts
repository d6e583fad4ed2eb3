import type { Finding } from "../types.ts";
import type { TypoList } from "../../lists/typos.ts";
import { BY_LIST, BY_NAME, BY_QUOTE, BY_SUFFIX, BY_TERM } from "./names.ts";


const CONTEXT = 12;
const OPEN_QUOTE = /^[“‘「『"']$/;
const CLOSE_QUOTE = /^[”’」』"']$/;

/**
 * The office's list (server/lists/typos.ts) applied: each written form in its context, skipping protected
 * characters. `year`: the report's year; an entry whose standard came later (`since`) does not apply.
 */
export function checkTypoList(text: string, list: TypoList, mask?: Uint8Array, year?: number, older?: Uint8Array): Finding[] {
  const out: Finding[] = [];
  const taken = new Uint8Array(text.length);
  for (const e of list.entries) {
    // The form was the standard of the report's time: left alone, by the statistical rules too (`older`).
    if (year !== undefined && e.since !== undefined && year < e.since) {
      if (older) for (let at = text.indexOf(e.wrong); at >= 0; at = text.indexOf(e.wrong, at + 1)) older.fill(1, at, at + e.wrong.length);
      continue;
    }
    for (let at = text.indexOf(e.wrong); at >= 0; at = text.indexOf(e.wrong, at + 1)) {
      const end = at + e.wrong.length;
      // A listed form is wrong in a place's or unit's name too (检查院), where the tagger reads part of it as
      // a name (变本加利), and in a quoted term (“糊涂帐”, “布署行动”): only titles in 《》, a form quoted alone and
      // what is no Han text protect it.
      if (taken.subarray(at, end).some((x) => x) || (mask && mask.subarray(at, end).some((x) => x !== 0 && x !== BY_SUFFIX && x !== BY_NAME && x !== BY_LIST && x !== BY_TERM && x !== BY_QUOTE))) continue;
      // The form quoted alone is mentioned, not used (“变本加利”的说法): the writer names the wrong form itself.
      if (mask && mask[at] === BY_QUOTE && OPEN_QUOTE.test(text[at - 1] ?? "") && CLOSE_QUOTE.test(text[end] ?? "")) continue;
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
