/**
 * Edits that keep every figure: the one way the wording and punctuation fixers change text. Each edit
 * is applied only if the figures around it (±24 characters, the most extractFigures looks at) read
 * the same before and after (value and approximation alike), so a wording change can never glue two numbers, give a bare numeral a
 * unit, or break a list marker: a property of every single edit instead of a list of special cases.
 */
import { punctuationFixes } from "../text/punctuation.ts";
import { extractFigures, meaningKey } from "./extract.ts";

export interface Edit {
  start: number;
  end: number;
  rep: string;
}

const WINDOW = 24;
const figureKeys = (s: string) => extractFigures(s).map(meaningKey).sort().join("|");

/** Apply non-overlapping edits, each only if it leaves the figures around it as they were. */
export function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    if (out.slice(e.start, e.end) === e.rep) continue;
    const cand = out.slice(0, e.start) + e.rep + out.slice(e.end);
    const lo = Math.max(0, e.start - WINDOW);
    const before = out.slice(lo, Math.min(out.length, e.end + WINDOW));
    const after = cand.slice(lo, Math.min(cand.length, e.start + e.rep.length + WINDOW));
    if (figureKeys(before) === figureKeys(after)) out = cand;
  }
  return out;
}

/** The first of any overlapping edits, in order of start. */
export function nonOverlapping(edits: Edit[]): Edit[] {
  const kept: Edit[] = [];
  for (const e of [...edits].sort((a, b) => a.start - b.start || b.end - a.end)) if (!kept.length || e.start >= kept[kept.length - 1].end) kept.push(e);
  return kept;
}

/**
 * GB/T 15835 number forms that keep every value: full-width digits to half-width, "1,280件" → "1280件",
 * "3千" → "3000", "百分之十五" → "15%". Two-digit years are left alone (their value would change; the
 * checker flags them).
 */
export function fixNumberForms(text: string): string {
  const edits: Edit[] = [];
  for (const m of text.matchAll(/[０-９]+/g)) {
    edits.push({ start: m.index, end: m.index + m[0].length, rep: m[0].replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)) });
  }
  text = applyEdits(text, edits);
  edits.length = 0;
  // Thousands separators in Chinese running text: "1,280件" → "1280件" (公文 writes none; value kept).
  for (const m of text.matchAll(/(?<![0-9.,，])[1-9]\d{0,2}(?:,\d{3})+(?![0-9]|[.．]\d|,\d)(?=[\u3400-\u9fff%％])/g)) {
    edits.push({ start: m.index, end: m.index + m[0].length, rep: m[0].replace(/,/g, "") });
  }
  text = applyEdits(text, edits);
  edits.length = 0;
  for (const m of text.matchAll(/(?<![0-9０-９.．]|[0-9０-９][,，])([1-9])千(?![米克瓦万亿0-9０-９.．])/g)) {
    edits.push({ start: m.index, end: m.index + m[0].length, rep: `${m[1]}000` });
  }
  const CN: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  for (const m of text.matchAll(/(?<![0-9０-９.．零〇一二两三四五六七八九十百千万亿之])百分之([一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九]|一百)(?![点.．零〇一二两三四五六七八九十百千万亿0-9０-９])/g)) {
    const n = m[1];
    const v = n === "一百" ? 100 : n.includes("十") ? (n.startsWith("十") ? 1 : CN[n[0]]) * 10 + (n.endsWith("十") ? 0 : CN[n[n.length - 1]]) : CN[n];
    if (Number.isFinite(v)) edits.push({ start: m.index, end: m.index + m[0].length, rep: `${v}%` });
  }
  // Edits of different rules may overlap (３千): keep the first of any overlapping pair.
  return applyEdits(text, nonOverlapping(edits));
}

/**
 * The one punctuation fixer of the drafting engine and the offline rewrite: every certain fix of the
 * punctuation check (text/punctuation.ts punctuationFixes), each kept only if it leaves the figures
 * around it as they were, until none is left (twice at most: a fixed mark may free a space).
 */
export function fixPunctuation(text: string): string {
  let t = text;
  for (let round = 0; round < 2; round++) {
    const next = applyEdits(t, punctuationFixes(t));
    if (next === t) break;
    t = next;
  }
  return t;
}
