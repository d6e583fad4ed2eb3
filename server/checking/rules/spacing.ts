import { parseHeading } from "../../text/headings.ts";
import type { Finding } from "../types.ts";
import { isHan } from "../../text/chars.ts";
import { lineSpans, type Span } from "../../text/sentences.ts";
import { finding } from "./types.ts";

const SPACE = /[ \u00a0\u3000]/;
// Chinese punctuation a space must not touch (quotes and brackets included).
const CN_MARKS = "，。、；：？！“”‘’（）《》【】〔〕…—";
const isDigit = (ch: string | undefined) => ch !== undefined && /[0-9０-９]/.test(ch);
/**
 * GB/T 15835-2011 writes a percentage with its sign against the figure (48.6%), and so does official prose
 * (2,458 figures with %, ‰ against them; the 18 with a space are one 1998 transcription that spaces out its
 * digits). A unit symbol (20 km) is not judged: GB 3101-1993 sets a space between a value and its unit symbol.
 */
const PERCENT = /[%％‰]/;

/**
 * A byline, signature or photo caption: the words after the line's last sentence end, short, without
 * clause punctuation, naming a role or a meeting (省长 某某, 本报记者 某某 摄, ——2026年1月…在…会议上 省长
 * 某某). Published documents set these with spaces, and a two-character name is often spaced out (龚 正).
 */
const ROLE = /长|主席|书记|主任|记者|通讯员|委员|代表|同志|摄|作者|编辑|撰稿|会议上|大会上|落款/;
function bylineTail(line: string, at: number): boolean {
  // Bounded both ways, so a long line with many spaces costs linear time.
  if (line.length - at > 41) return false;
  let from = at;
  while (from > 0 && at - from <= 41 && !"。！？；".includes(line[from - 1])) from--;
  const tail = line.slice(from).trim();
  return tail.length <= 40 && !/[，、；：“”《》]/.test(tail.replace(/^——/, "")) && ROLE.test(tail);
}

/**
 * Stray spaces (GB/T 15834 has no space in Chinese text; a typed space is a slip or a joined PDF line):
 * - one space between two Chinese characters (规范化 建设), or next to Chinese punctuation and quotes
 *   (“主动创稳” “动态创稳”, 。 因地制宜);
 * - one space between a Chinese character and an Arabic figure (全县 120 个村, 2025 年): Word sets the
 *   gap between Chinese and Latin text itself, a typed space doubles it;
 * - one space between a figure and its %, ‰ (100 %: PERCENT).
 * Not reported: indentation at the start of a line and spaces at its end (invisible in print), a space
 * beside Latin letters, runs of two or more (deliberate layout), titles spaced out letter by letter
 * (工 作 总 结), bylines and captions (省长 某某), parallel phrases of a slogan, title or heading set
 * apart by a space, and a line whose own digits are spaced out (1 9 9 8 年, an extraction artefact).
 */
export function checkSpacing(text: string, skipLine: (line: Span) => boolean = () => false): Finding[] {
  return asTypesetting(straySpaces(text, skipLine), text.length);
}

/**
 * Spaces strewn thinly through a long document are its typesetting, not a slip: a text exported from a
 * typeset page (Word's gap between Chinese and figures saved as a typed space, a PDF's line joins, a web
 * transcription that spaces out quoted terms) carries them here and there over tens of thousands of
 * characters. From TYPESET_AT such spaces on, at fewer than TYPESET_PER_1000 per 1,000 characters, each
 * is reported as a note (info) with the count, so the writer can remove them all at once; spaces packed
 * into a short text (a writer's own typing: 共 2 起, 在 镇) stay warnings, as do one or two anywhere.
 */
export const TYPESET_AT = 3;
export const TYPESET_PER_1000 = 2;
function asTypesetting(found: Finding[], chars: number): Finding[] {
  if (found.length < TYPESET_AT || (found.length * 1000) / chars >= TYPESET_PER_1000) return found;
  return found.map((f) => ({ ...f, severity: "info", message: `${f.message}（全文共${found.length}处同类空格，疑为排版所致，可统一删除）` }));
}

function straySpaces(text: string, skipLine: (line: Span) => boolean): Finding[] {
  const out: Finding[] = [];
  const lines = lineSpans(text);
  const titleAt = lines.findIndex((l) => l.text.trim() !== "");
  for (const [n, line] of lines.entries()) {
    if (skipLine(line)) continue;
    const k = n - titleAt;
    const s = line.text;
    const body = s.replace(/^[ \u00a0\u3000\t]+/, "");
    const lead = s.length - body.length;
    // A title spaced out letter by letter (工 作 总 结), or a name on a line of its own (李　强).
    if (/^(?:\p{Script=Han}[ \u3000]){1,}\p{Script=Han}$/u.test(body.trim())) continue;
    let spacedDigits: boolean | null = null;
    for (let i = lead; i < s.length; i++) {
      if (!SPACE.test(s[i])) continue;
      const prev = s[i - 1];
      const next = s[i + 1];
      if (prev === undefined || next === undefined || SPACE.test(prev) || SPACE.test(next) || next === "\t") continue;
      const cnPrev = isHan(prev) || CN_MARKS.includes(prev);
      const cnNext = isHan(next) || CN_MARKS.includes(next);
      const hanDigit = (isHan(prev) && isDigit(next)) || (isDigit(prev) && isHan(next));
      const percent = isDigit(prev) && PERCENT.test(next);
      if (!(cnPrev && cnNext) && !hanDigit && !percent) continue;
      if (bylineTail(s, i)) continue;
      if (hanDigit || percent) {
        spacedDigits ??= /[0-9０-９][ \u3000][0-9０-９．.]/.test(s);
        if (spacedDigits || inCode(s, i)) continue;
        out.push(finding(text, "punctuation", "warning", line.start + i, line.start + i + 1, percent ? "数字与百分号之间不空格" : "汉字与数字之间有多余空格", ""));
        continue;
      }
      // Two parallel phrases of a slogan or a title are set apart by a space (“化解矛盾风险 维护社会稳定”,
      // 凝心聚力 砥砺前行): in quotes, 书名号, the title or a heading, that space is the writer's choice.
      if (isHan(prev) && isHan(next) && phraseSeparator(s, i, k === 0 || isHeadingLine(body))) continue;
      const msg = isHan(prev) && isHan(next) ? "汉字之间有多余空格" : "中文标点前后有多余空格";
      out.push(finding(text, "punctuation", "warning", line.start + i, line.start + i + 1, msg, ""));
    }
  }
  return out;
}

const isHeadingLine = (line: string) => parseHeading(line) !== null;

/** The figure beside the space belongs to a Latin code (GB/T 15834, 5G, A-3): its own spacing rules. */
function inCode(line: string, at: number): boolean {
  if (isDigit(line[at - 1])) {
    let j = at - 1;
    while (j >= 0 && /[0-9０-９.．]/.test(line[j])) j--;
    if (line[j] === " ") j--;
    return j >= 0 && /[A-Za-z/\-_]/.test(line[j]);
  }
  let j = at + 1;
  while (j < line.length && /[0-9０-９.．]/.test(line[j])) j++;
  return j < line.length && /[A-Za-z/\-_]/.test(line[j]);
}

/**
 * A space between two parallel phrases: runs of four or more Chinese characters each side inside quotes
 * or 书名号 or anywhere in a title or heading line, or runs of equal length (三字 三字) inside quotes.
 */
function phraseSeparator(line: string, at: number, titleOrHeading: boolean): boolean {
  // Four characters each side are enough to decide, so a long line costs no more than a short one.
  const leftRun = /\p{Script=Han}{1,4}$/u.exec(line.slice(Math.max(0, at - 4), at))?.[0].length ?? 0;
  const rightRun = /^\p{Script=Han}{1,4}/u.exec(line.slice(at + 1, at + 5))?.[0].length ?? 0;
  const long = leftRun === 4 && rightRun === 4;
  if (long && titleOrHeading) return true;
  // Inside quotes or 书名号: the nearest opening mark before the space has no closing mark after it.
  const from = Math.max(0, at - 120);
  const window = line.slice(from, at);
  const open = (o: string, c: string) => {
    const i = window.lastIndexOf(o);
    return i >= 0 && !window.includes(c, i);
  };
  const quoted = open("“", "”") || open("《", "》");
  if (!quoted) return false;
  if (long) return true;
  // “进窗口 走流程”: two phrases of three characters, each the whole of its side of the quote.
  const inner = /([\p{Script=Han}]+)$/u.exec(window)?.[1] ?? "";
  const after = /^([\p{Script=Han}]+)/u.exec(line.slice(at + 1, at + 40))?.[1] ?? "";
  const closes = /^[”》]/.test(line.slice(at + 1 + after.length, at + 2 + after.length));
  const opens = /[“《]$/.test(window.slice(0, window.length - inner.length));
  return inner.length >= 3 && inner.length === after.length && opens && closes;
}
