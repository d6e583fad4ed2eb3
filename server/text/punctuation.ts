/**
 * Punctuation of Chinese text by GB/T 15834: what is wrong where, and the certain fix when there is one.
 * The check reports these as findings; the offline rewrite applies the fixes.
 */
import { isCnPunct, isHan } from "./chars.ts";
import { lineSpans } from "./sentences.ts";

export interface PunctuationIssue {
  severity: "error" | "warning" | "info";
  start: number;
  end: number;
  message: string;
  /** The replacement for text[start, end) when the fix is certain ("" deletes). */
  suggestion?: string;
}

const FULL: Record<string, string> = { ",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。" };
const PAIRS: Array<[string, string, string]> = [["“", "”", "引号"], ["《", "》", "书名号"], ["（", "）", "括号"], ["【", "】", "方头括号"], ["‘", "’", "单引号"], ["〔", "〕", "六角括号"]];

const cnSide = (ch: string | undefined) => isHan(ch) || isCnPunct(ch);

/** GB/T 15834 punctuation: half-width marks in Chinese text, unmatched pairs, wrong ellipsis, 顿号 between quoted items. */
export function punctuationIssues(text: string): PunctuationIssue[] {
  const out: PunctuationIssue[] = [];
  const issue = (severity: PunctuationIssue["severity"], start: number, end: number, message: string, suggestion?: string): PunctuationIssue =>
    suggestion === undefined ? { severity, start, end, message } : { severity, start, end, message, suggestion };
  for (const line of lineSpans(text)) {
    const s = line.text;
    const base = line.start;
    // Half-width marks touching Chinese text.
    for (let i = 0; i < s.length; i++) {
      const ch = s[i];
      if (!(ch in FULL) && ch !== '"') continue;
      let p = i - 1;
      while (p >= 0 && s[p] === " ") p--;
      let n = i + 1;
      while (n < s.length && s[n] === " ") n++;
      const prev = s[p];
      const next = s[n];
      if (ch === ".") {
        // Only a sentence-final full stop after Chinese; "1." and "3.5" are numbering and decimals.
        if (isHan(prev) && (next === undefined || isHan(next)) && s[i + 1] !== ".") {
          out.push(issue("warning", base + i, base + i + 1, "中文句末应使用全角句号“。”", "。"));
        }
        continue;
      }
      if (ch === '"') {
        if (cnSide(prev) || cnSide(next)) {
          const before = s.slice(0, i).split('"').length - 1;
          const q = before % 2 === 0 ? "“" : "”";
          out.push(issue("warning", base + i, base + i + 1, `中文中应使用全角引号“${q}”`, q));
        }
        continue;
      }
      if (/[0-9]/.test(prev ?? "") && /[0-9]/.test(next ?? "") && ch !== "(" && ch !== ")") continue; // 1,000 / 10:30
      const chinese = ch === "(" ? cnSide(next) || isHan(prev) : ch === ")" ? cnSide(prev) || isHan(next) : cnSide(prev) || isHan(next);
      if (chinese) {
        out.push(issue("warning", base + i, base + i + 1, `中文中应使用全角标点“${FULL[ch]}”`, FULL[ch]));
      }
    }
    // Unmatched pairs, within one paragraph.
    for (const [open, close, name] of PAIRS) {
      const stack: number[] = [];
      for (let i = 0; i < s.length; i++) {
        if (s[i] === open) stack.push(i);
        else if (s[i] === close) {
          if (stack.length > 0) stack.pop();
          else out.push(issue("error", base + i, base + i + 1, `${name}不成对：缺少前${name.replace("号", "")}“${open}”`));
        }
      }
      for (const i of stack) out.push(issue("error", base + i, base + i + 1, `${name}不成对：缺少后${name.replace("号", "")}“${close}”`));
    }
  }
  // Ellipsis: "...", "。。。", a single "…" or three of them.
  for (const m of text.matchAll(/\.{3,}|。{3,}|…+|·{3,}/g)) {
    if (m[0] === "……") continue;
    out.push(issue("warning", m.index, m.index + m[0].length, "省略号应为“……”", "……"));
  }
  for (const m of text.matchAll(/。{2}(?!。)/g)) {
    if (text[m.index - 1] === "。") continue;
    out.push(issue("warning", m.index, m.index + 2, "句号重复", "。"));
  }
  for (const m of text.matchAll(/([，；、：])\1+/g)) {
    out.push(issue("warning", m.index, m.index + m[0].length, `标点“${m[1]}”重复`, m[1]));
  }
  // No 顿号 between items that are each in quotes or 书名号 (§4.5.3.5 says "usually"). Measured on published
  // official prose: between quoted items it is kept about as often as not (”、“ 223 times against ”“ 159 in
  // two million characters), so there it is a note; between titles it is almost never printed (》、《 7 times
  // against 》《 10, and once in the 553,502 characters of the 2026 provincial reports), so there it is a warning.
  for (const m of text.matchAll(/[”》]、[“《]/g)) {
    const titles = text[m.index] === "》" && text[m.index + 2] === "《";
    out.push(issue(titles ? "warning" : "info", m.index + 1, m.index + 2, "标有引号或书名号的并列成分之间通常不用顿号", ""));
  }
  return out.sort((a, b) => a.start - b.start);
}

export interface PunctuationFix {
  start: number;
  end: number;
  rep: string;
}

const CN_MARKS = "，。、；：？！“”‘’（）《》【】〔〕…—";
const cnOrMark = (ch: string | undefined) => isHan(ch) || (ch !== undefined && CN_MARKS.includes(ch));

/**
 * The certain fixes of the punctuation check (the suggestions of punctuationIssues), and a single
 * space between two Chinese characters or beside Chinese punctuation dropped, as the check's spacing
 * rule reports it. Overlapping fixes keep the later one. The one punctuation fixer of the drafting
 * engine and the offline rewrite: what they write is what the check accepts.
 */
export function punctuationFixes(text: string): PunctuationFix[] {
  const fixes = punctuationIssues(text).filter((f) => f.suggestion !== undefined).sort((a, b) => b.start - a.start);
  const out: PunctuationFix[] = [];
  let lastStart = Infinity;
  for (const f of fixes) {
    if (f.end > lastStart) continue;
    out.push({ start: f.start, end: f.end, rep: f.suggestion! });
    lastStart = f.start;
  }
  // A space beside Chinese punctuation, or between Chinese text and a figure (培训 3 次): 公文 writes none.
  const digit = (ch: string | undefined) => ch !== undefined && /[0-9%％]/.test(ch);
  const mark = (ch: string | undefined) => ch !== undefined && CN_MARKS.includes(ch);
  for (const m of text.matchAll(/(?<=\S)[ \u00a0\u3000](?=\S)/g)) {
    const p = text[m.index - 1];
    const n = text[m.index + 1];
    const stray = (cnOrMark(p) && cnOrMark(n)) || mark(p) || mark(n) || (isHan(p) && digit(n)) || (digit(p) && isHan(n));
    if (stray && !out.some((f) => f.start <= m.index && m.index < f.end)) out.push({ start: m.index, end: m.index + 1, rep: "" });
  }
  return out.sort((a, b) => a.start - b.start);
}
