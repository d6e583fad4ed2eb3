/**
 * How a rewrite is held to the note's figures (a figure added or changed in value is refused; one a
 * shortening leaves out, a total worked out from the note's own, or the same value said more loosely
 * is shown), and how strictly each mode holds clauses without a counterpart.
 */
import { diffFigures, extractFigures, figureKey, type Figure } from "../numbers/index.ts";
import { hasItemMarker, stripEnumerator } from "../text/headings.ts";
import { parseChineseNumeral } from "../text/numerals.ts";
import { hasWord } from "../text/segment.ts";
import { readColloquialFigures } from "./figures.ts";
import type { RewriteMode } from "./types.ts";

/**
 * How strictly each mode holds clauses without a counterpart: polishing and restructuring neither add
 * a claim in a new clause nor drop one with a clause; expanding may add general lines, shortening may
 * drop clauses.
 */
export function claimOptions(mode: RewriteMode): { strictAdded: boolean; strictDropped: boolean } {
  return { strictAdded: mode !== "expand", strictDropped: mode !== "shorten" };
}

/**
 * Figures of the output that are not in the input, and input figures the output lost (multisets of
 * normalised values). A clerk's figures (七八个, 一千二, 三成) are read as the figures they are first.
 */
export function figureViolations(before: string, after: string): { added: Figure[]; missing: Figure[] } {
  return diffFigures(extractFigures(readColloquialFigures(withoutInlineNumbers(before))), extractFigures(readColloquialFigures(withoutInlineNumbers(after))));
}

// An item number written inside a line (……主要是几个：1.案件超期 2.财物管理不规范 3.……): after a colon, a mark or a
// space, before a Chinese character.
const INLINE_NUMBER = /(^|[\s：:，,；;。])([1-9]\d?)[.．、](?=[\u4e00-\u9fff])/g;

/**
 * The text with its inline item numbers blanked where they run 1, 2, … (a note's list numbered in the line):
 * they number the items, they count nothing, and a rewrite that sets the items as 一是/二是 or joins them with
 * 、 keeps every figure. A lone 2.万 or 3.5 is no run and stays.
 */
function withoutInlineNumbers(text: string): string {
  const found = [...text.matchAll(INLINE_NUMBER)].map((m) => Number(m[2]));
  if (!(found.includes(1) && found.includes(2))) return text;
  return text.replace(INLINE_NUMBER, (m, lead: string, n: string) => lead + " ".repeat(m.length - lead.length));
}

/** Measure words after which 一 counts one of something. */
const ONE_MEASURE = "个名起件次家位人户所处条项批辆台座张份场回趟遍把根块套";

/**
 * Whether a text says one of something: 一 or 1 before a measure word (一个, 1名, 一起), 个 standing for
 * 一个 after a verb (抓了个小偷, 有个老人), 某, 单, 一 before a noun as an article (一老人). 一半, 一是 and 个人
 * are not.
 */
function singularIn(text: string): boolean {
  for (const m of text.matchAll(/[一1１壹](?![是半些直致般切起来样同])|某|单(?=[个人独一])|个(?=[\u4e00-\u9fff])/g)) {
    const ch = m[0];
    const next = text[m.index + 1] ?? "";
    if (ch === "个") {
      const prev = text[m.index - 1] ?? "";
      if (/[\u4e00-\u9fff]/.test(prev) && !/[一二两三四五六七八九十几多每各某这那哪整半]/.test(prev) && !hasWord(ch + next)) return true;
      continue;
    }
    if (/[0-9]/.test(text[m.index - 1] ?? "") || /[0-9.]/.test(next)) continue;
    if (ch === "某" || ch === "单" || ONE_MEASURE.includes(next) || /[\u4e00-\u9fff]/.test(next)) return true;
  }
  return false;
}

/**
 * How a mode holds figures: none may be added or changed in value; a shortening may leave one out (a
 * detail dropped, shown to the writer), every other mode may not. The same value qualified another way
 * (四十来件 → 40件, 六十多 → 近60) is shown to the writer, not refused: the count is the one the note gives,
 * and only how loosely it is said differs.
 */
export function figureJudgement(before: string, after: string, mode: RewriteMode): { refusal: { added: Figure[]; missing: Figure[] }; dropped: Figure[]; derived: Figure[]; requalified: Figure[] } {
  const v = figureViolations(before, after);
  // A total worked out from the original's own figures (三个乡镇各两次 → 共6次) changes none of them: shown, not refused.
  const source = extractFigures(readColloquialFigures(withoutInlineNumbers(before)));
  const derived = v.added.filter((f) => derivedFrom(f, source));
  const requalified: Figure[] = [];
  const missing = [...v.missing];
  // A count of one (一个没来 → 1人未到场, 抓了个 → 1名) is said in too many ways to hold on its own: shown,
  // where the note says one of something at all. A note with no singular in it (没有发生…) gains a count of one
  // only by a new claim (发生…1起): refused like any other added figure.
  const one = (f: Figure) => f.kind === "number" && f.value === 1 && !f.approx;
  const saysOne = singularIn(before);
  let parties = (after.match(/双方/g) ?? []).length;
  // More than half (过半, 一半以上, 一大半) is the share "most" names (大部分, 多数): one range, said either way.
  let mostBefore = (before.match(MOST) ?? []).length;
  // A lead clause's count of the items after it (主要开展了三项工作：一是……三是……) counts the list, not the work.
  const leadAfter = new Set(itemCounts(readColloquialFigures(after)));
  const leadBefore = new Set(itemCounts(readColloquialFigures(before)));
  const listCount = (f: Figure, starts: Set<number>) => f.kind === "number" && !f.approx && starts.has(f.start);
  let added = v.added.filter((f) => {
    if (derived.includes(f)) return false;
    if (listCount(f, leadAfter)) {
      derived.push(f);
      return false;
    }
    if (overHalf(f) && mostBefore-- > 0) {
      requalified.push(f);
      return false;
    }
    // 双方 is read as 两家 so that it matches a note's 两家 or 两边; with nothing to match, it names the parties, no count.
    if ((one(f) && saysOne) || (f.value === 2 && f.unit === "家" && parties-- > 0)) {
      requalified.push(f);
      return false;
    }
    const k = missing.findIndex((m) => figureKey(m) === figureKey(f));
    if (k < 0) return true;
    missing.splice(k, 1);
    requalified.push(f);
    return false;
  });
  // A figure said again (尚余4件……剩余4件中): the note's value repeated where the rewrite refers back to it.
  // Only where nothing of the note is lost, so no value was put in place of another.
  const afterFigures = extractFigures(readColloquialFigures(withoutInlineNumbers(after)));
  const repeated = (f: Figure) => source.some((s) => figureKey(s) === figureKey(f)) && afterFigures.filter((x) => figureKey(x) === figureKey(f)).length >= 2;
  if (added.length && missing.length === 0 && added.every(repeated)) {
    derived.push(...added);
    added = [];
  }
  for (const f of missing.filter(one)) missing.splice(missing.indexOf(f), 1) && requalified.push(f);
  for (const f of missing.filter((x) => listCount(x, leadBefore))) missing.splice(missing.indexOf(f), 1) && requalified.push(f);
  let mostAfter = (after.match(MOST) ?? []).length;
  for (const f of missing.filter((x) => overHalf(x) && mostAfter-- > 0)) missing.splice(missing.indexOf(f), 1) && requalified.push(f);
  if (mode !== "shorten" || added.length > 0) return { refusal: { added, missing }, dropped: [], derived, requalified };
  return { refusal: { added, missing: [] }, dropped: missing, derived, requalified };
}

/**
 * Where a lead clause counts the items that follow it (主要开展了三项工作：一是……；二是……；三是……, 问题主要有
 * 两个：……；……。): the offsets of those counts, when the count is the number of items (by their 一是/（一）/1.
 * markers, else by the ；parts of the sentence).
 */
function itemCounts(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/([两三四五六七八九十]|[2-9])(?:项|个方面|个|件|点|条|方面)[\u4e00-\u9fff]{0,6}[：:]/g)) {
    const n = /\d/.test(m[1]) ? Number(m[1]) : parseChineseNumeral(m[1]);
    const rest = text.slice(m.index + m[0].length).split("\n")[0];
    // An item opens with its marker (the figure reading masks 一是 as 某是).
    const markers = rest.split(/[。；;，\s]/).filter((p) => stripEnumerator(p) !== p || hasItemMarker(p) || /^某+是/.test(p)).length;
    const parts = rest.split("。")[0].split(/[；;]/).filter((x) => x.trim()).length;
    if (n === (markers >= 2 ? markers : parts)) out.push(m.index);
  }
  return out;
}

/** Words for "most": a share over half said without a figure (少数 and 半数 are not among them). */
const MOST = /绝大多数|绝大部分|大多数|大部分|(?<![少半])多数|大多(?=[是为数])/g;
const overHalf = (f: Figure) => f.kind === "percent" && f.value === 50 && /^(?:以上|超过|超|逾|多|余)$/.test(f.approx ?? "");

/** An exact count that is the sum or the product of two exact counts of the original, or the sum of them all. */
function derivedFrom(f: Figure, source: Figure[]): boolean {
  if (f.kind !== "number" || f.approx) return false;
  const counts = source.filter((s) => s.kind === "number" && !s.approx).map((s) => s.value);
  if (counts.length >= 2 && counts.reduce((a, b) => a + b, 0) === f.value) return true;
  return counts.some((a, i) => counts.some((b, j) => i !== j && (a + b === f.value || a * b === f.value)));
}
