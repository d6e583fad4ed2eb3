/**
 * Text placed on pages (PDF, OFD) back into paragraphs. A page layout breaks lines wherever the width
 * runs out; a report's structure lives in its paragraphs and headings. Lines are rebuilt from positioned
 * runs, running headers, footers and page numbers are dropped, and consecutive lines are joined unless
 * the layout shows a paragraph break: the previous line stopped short of the right edge, this line is
 * indented (or centred), the font size changes, the gap above it is wider than the line pitch, or it
 * opens with a heading number after a finished sentence.
 */
import { startsLikeHeading } from "../text/headings.ts";

export interface TextRun {
  text: string;
  /** Left edge and baseline, in page units, y growing downwards from the top of the page. */
  x: number;
  y: number;
  width: number;
  /** Font size in page units. */
  size: number;
}

export interface LayoutPage {
  width: number;
  height: number;
  runs: TextRun[];
}

interface Line {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  page: number;
}

const CJK = "\u2e80-\u2fff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’";
const SPACE_NEXT_TO_CJK = new RegExp(`(?<=[${CJK}]) +| +(?=[${CJK}])`, "g");

/** Page numbers as offices print them: "— 3 —", "- 3 -", "第3页", "第 3 页 共 9 页", "3/9", "Page 3". */
const PAGE_NUMBER = /^(?:[-—–－‒―·•\s]*\d{1,4}[-—–－‒―·•\s]*|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*[/／]\s*\d{1,4}|(?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页)$/i;
const BULLET = /^[•●▪■◆◇○◦·‣⁃]\s*/;
const SENTENCE_END = /[。！？；：!?;:”’）)]$/;

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function mode(xs: number[], bucket: number): number {
  const counts = new Map<number, number>();
  for (const x of xs) {
    const k = Math.round(x / bucket);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = -1;
  for (const [k, c] of counts) if (c > bestCount || (c === bestCount && k < best)) [best, bestCount] = [k, c];
  return best * bucket;
}

/** Group a page's runs into lines by baseline, left to right within a line. */
function pageLines(page: LayoutPage, pageIndex: number): Line[] {
  const runs = page.runs.filter((r) => r.text !== "" && r.size > 0).sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: TextRun[][] = [];
  for (const r of runs) {
    const g = groups.at(-1);
    if (g && Math.abs(g[0].y - r.y) < 0.5 * Math.min(g[0].size, r.size)) g.push(r);
    else groups.push([r]);
  }
  const lines: Line[] = [];
  for (const g of groups) {
    g.sort((a, b) => a.x - b.x);
    let text = "";
    let end = -Infinity;
    for (const r of g) {
      if (text && r.x - end > 0.3 * r.size && !text.endsWith(" ") && !r.text.startsWith(" ")) text += " ";
      text += r.text;
      end = Math.max(end, r.x + r.width);
    }
    // Layout engines space CJK from Latin letters and digits (autospace); the writer typed no space there.
    text = text.replace(SPACE_NEXT_TO_CJK, "").replace(/\s+/g, " ").trim();
    // A bullet is the list's decoration, as in Word (the .docx reader leaves bullets out too).
    text = text.replace(BULLET, "");
    if (!text) continue;
    const visible = g.filter((r) => r.text.trim() !== "");
    lines.push({
      text,
      x0: Math.min(...visible.map((r) => r.x)),
      x1: Math.max(...visible.map((r) => r.x + r.width)),
      y: g[0].y,
      // Weighted by characters: a list label is often drawn smaller than the text it numbers.
      size: median(visible.flatMap((r) => Array.from({ length: Math.min(200, [...r.text.trim()].length) }, () => r.size))),
      page: pageIndex,
    });
  }
  return lines;
}

const keyOf = (text: string) => text.replace(/\d+/g, "#").replace(/\s/g, "");

/**
 * Running headers and footers: in the top or bottom margin band of the page, and either a page number,
 * or the same text (digits aside) on at least half of the pages (and on two or more), or set smaller
 * than the body and standing apart from it (what tells a header on a one-page document).
 */
function dropMarginals(pages: LayoutPage[], perPage: Line[][]): Line[][] {
  const bodySize = mode(perPage.flat().map((l) => l.size), 0.5);
  const apart = (l: Line, lines: Line[]) => {
    const i = lines.indexOf(l);
    const neighbour = i === 0 ? lines[1] : i === lines.length - 1 ? lines[i - 1] : undefined;
    return l.size < 0.8 * bodySize && (!neighbour || Math.abs(neighbour.y - l.y) > 2 * bodySize);
  };
  const band = (line: Line) => {
    const h = pages[line.page].height;
    return line.y < h * 0.15 || line.y > h * 0.85;
  };
  const candidates = (lines: Line[]) => [...lines.slice(0, 2), ...lines.slice(-2)].filter(band);
  const pagesWithKey = new Map<string, Set<number>>();
  perPage.forEach((lines, p) => {
    for (const l of candidates(lines)) {
      const k = keyOf(l.text);
      if (!pagesWithKey.has(k)) pagesWithKey.set(k, new Set());
      pagesWithKey.get(k)!.add(p);
    }
  });
  const needed = Math.max(2, Math.ceil(pages.length / 2));
  return perPage.map((lines) => {
    const drop = new Set(
      candidates(lines).filter((l) => PAGE_NUMBER.test(l.text) || (pagesWithKey.get(keyOf(l.text))?.size ?? 0) >= needed || apart(l, lines)),
    );
    return lines.filter((l) => !drop.has(l));
  });
}

const OPENING = /^[“‘《〈「『（(【〔[]/u;
const NO_LINE_START = /^[，。、；：？！）」』”’》〉】〕…—,.;:?!)\]]/u;
const LATIN_PIECE = /^(?:[“"‘'(（[]*[A-Za-z0-9+\-_.%/:@#&]+[”"’')）\]]*)+/;

/**
 * The width of what a line break could not have split off the start of a line: a Latin word or number
 * (about 0.6 em a character), quoted Latin words run together, or a Chinese character with an opening bracket before it or a closing
 * punctuation mark after it (neither may be left at a line's edge).
 */
function firstPieceWidth(line: Line): number {
  const chars = [...line.text];
  const latin = LATIN_PIECE.exec(line.text)?.[0];
  let width = 0;
  let taken = 0;
  if (latin && /[A-Za-z0-9]/.test(latin)) {
    // Quotes and brackets around it are set full width in Chinese text.
    for (const ch of latin) width += /[“”‘’（）]/.test(ch) ? 1 : 0.6;
    taken = [...latin].length;
  } else {
    taken = OPENING.test(chars[0] ?? "") ? 2 : 1;
    width = taken;
  }
  if (NO_LINE_START.test(chars[taken] ?? "")) width += 1;
  return width * line.size;
}

/** Paragraphs, one per line of the result, from the pages' positioned text. */
export function layoutText(pages: LayoutPage[]): string {
  const perPage = dropMarginals(pages, pages.map(pageLines));
  const lines = perPage.flat();
  if (lines.length === 0) return "";
  const bodySize = mode(lines.map((l) => l.size), 0.5);
  const left = mode(lines.filter((l) => Math.abs(l.size - bodySize) < 0.15 * bodySize).map((l) => l.x0), bodySize / 4);
  // The right margin: where full body lines end (justified ones end exactly there). A short report may
  // have few full lines, so the margin mirrored from the left one stands in, capped by the longest line.
  const ends = lines.filter((l) => Math.abs(l.size - bodySize) < 0.15 * bodySize).map((l) => l.x1).sort((a, b) => a - b);
  const p90 = ends[Math.floor(0.9 * (ends.length - 1))] ?? 0;
  const right = Math.max(p90, Math.min(ends.at(-1) ?? 0, pages[0].width - left));
  const pitch = median(
    perPage.flatMap((ls) => ls.slice(1).map((l, i) => l.y - ls[i].y)).filter((d) => d > 0.5 * bodySize && d < 3 * bodySize),
  ) || bodySize * 1.5;
  const centred = (l: Line) => l.x0 > left + l.size && Math.abs((l.x0 + l.x1) / 2 - (left + right) / 2) < l.size;

  // A line that stops short ends its paragraph only if the next line's first unbreakable piece would
  // have fitted in the room left: ragged lines stop early where a Latin word or "《x" had to move down.
  const endsShort = (l: Line, next: Line) => right - l.x1 > firstPieceWidth(next) + 0.25 * l.size;
  const paragraphs: string[] = [];
  // A paragraph is gathered as a list of its lines and joined once: testing the end of a string grown
  // line by line flattens it every time, which made a 2,000-page PDF of one long paragraph quadratic.
  let cur: string[] = [lines[0].text];
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1];
    const line = lines[i];
    const sizeChanged = Math.abs(line.size - prev.size) > 0.15 * bodySize;
    // A title larger than the body, wrapped: its last line is centred under a line of the same size.
    const wrappedTitle = centred(line) && !sizeChanged && prev.size > bodySize * 1.1 && !SENTENCE_END.test(prev.text) && line.y - prev.y < 2 * prev.size;
    const breakHere =
      !wrappedTitle &&
      (endsShort(prev, line) ||
        line.x0 > left + 0.8 * line.size ||
        sizeChanged ||
        (line.page === prev.page && line.y - prev.y > 1.6 * pitch) ||
        (startsLikeHeading(line.text) && SENTENCE_END.test(prev.text)));
    if (breakHere) {
      paragraphs.push(cur.join(""));
      cur = [line.text];
    } else {
      cur.push(/[A-Za-z]$/.test(prev.text) && /^[A-Za-z]/.test(line.text) ? " " + line.text : line.text);
    }
  }
  paragraphs.push(cur.join(""));
  return paragraphs.join("\n");
}
