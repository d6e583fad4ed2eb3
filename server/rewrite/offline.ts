import { loadWording, type Wording } from "../lists/wording.ts";
import { isHan } from "../text/chars.ts";
import { punctuationIssues } from "../text/punctuation.ts";
import { hasItemMarker, stripEnumerator, stripItemMarker } from "../text/headings.ts";
import { chineseOrdinal } from "../text/numerals.ts";
import { extractFigures, figureKey } from "../numbers/index.ts";

/** Colloquial → formal wording from the wording list (first-person singular dropped). `list`: the office's (default: built-in). */
export function applyLexicon(text: string, list: Wording = loadWording()): string {
  let out = text;
  for (const e of list.rewrite) {
    const edits: Edit[] = [];
    for (const m of out.matchAll(e.re)) {
      const rep = e.replacement.replace(/\$(\d)/g, (_, i: string) => m[Number(i)] ?? "");
      edits.push({ start: m.index, end: m.index + m[0].length, rep });
    }
    out = applyEdits(out, edits);
  }
  return out;
}

export interface Edit {
  start: number;
  end: number;
  rep: string;
}

const WINDOW = 24;
const figureKeys = (s: string) => extractFigures(s).map(figureKey).sort().join("|");

/**
 * Apply non-overlapping edits, each only if the figures around it (±24 characters, the most
 * extractFigures looks at) read the same before and after. A wording change must never glue two
 * numbers, give a bare numeral a unit, or break a list marker: this makes that a property of every
 * single edit instead of a list of special cases.
 */
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

const NUMERAL = /[0-9０-９.．零〇一二两三四五六七八九十百千万亿]/;

/** Apply the punctuation check's certain fixes: half-width marks in Chinese text, ellipses, 顿号 between quoted items. */
export function fixPunctuation(text: string): string {
  const fixes = punctuationIssues(text).filter((f) => f.suggestion !== undefined).sort((a, b) => b.start - a.start);
  const edits: Edit[] = [];
  let lastStart = Infinity;
  for (const f of fixes) {
    if (f.end > lastStart) continue; // overlapping fixes: keep the later one
    edits.push({ start: f.start, end: f.end, rep: f.suggestion! });
    lastStart = f.start;
  }
  return applyEdits(text, edits);
}

/**
 * GB/T 15835 number forms that keep every value: full-width digits to half-width, "3千" → "3000",
 * "百分之十五" → "15%". Two-digit years are left alone (their value would change; the checker flags them).
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
  edits.sort((a, b) => a.start - b.start);
  const kept: Edit[] = [];
  for (const e of edits) if (!kept.length || e.start >= kept[kept.length - 1].end) kept.push(e);
  return applyEdits(text, kept);
}

/** Lines that read as a list (two or more items with markers or bullets), without their markers; null otherwise. */
export function listItems(text: string): string[] | null {
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  if (lines.length < 2 || !lines.every(hasItemMarker)) return null;
  return lines.map((l) => stripItemMarker(l).trim());
}

/** Items into one paragraph "一是……；二是……；三是……。"; plain sentences become the items when there is no list. */
export function enumerate(text: string): string {
  let items = listItems(text);
  if (!items) {
    // Sentences become the items. A list marker may only be dropped where it opened a line: "3、"
    // in the middle of a line is a figure, not a marker.
    items = [];
    for (const line of text.split("\n")) {
      const sentences = line.split(/(?<=[。！？；])/).map((x) => x.trim()).filter(Boolean);
      sentences.forEach((x, i) => items!.push(i === 0 ? stripItemMarker(x) : x));
    }
    items = items.filter(Boolean);
    if (items.length < 2) return text;
  }
  const body = items
    .map((it) => it.replace(/[。；;，,！!？?\s]+$/u, "")).map(stripEnumerator)
    .filter(Boolean)
    .map((it, i) => `${chineseOrdinal(i + 1)}是${it}`)
    .join("；");
  return `${body}。`;
}

/** The offline polish: lexicon, punctuation, number forms. */
export function polishOffline(text: string, list?: Wording): string {
  return fixNumberForms(fixPunctuation(applyLexicon(text, list)));
}

/** True when the text has Chinese in it (the offline rules only make sense for Chinese text). */
export function hasChinese(text: string): boolean {
  for (const ch of text) if (isHan(ch)) return true;
  return false;
}
