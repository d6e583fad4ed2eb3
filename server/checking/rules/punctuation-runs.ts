import type { Finding } from "../types.ts";
import { parseHeading } from "../../text/headings.ts";
import { hasWord, tag } from "../../text/segment.ts";
import type { Span } from "../../text/sentences.ts";
import { finding } from "./types.ts";

/**
 * GB/T 15834-2011 clauses on where a sentence ends (docs/punctuation.md, "Runs and ends"), one function each.
 */

const CN_NUM = "一二三四五六七八九十";
const ordinalOf = (s: string): number => {
  if (s === "十") return 10;
  if (s.length === 1) return CN_NUM.indexOf(s) + 1;
  if (s.length === 2 && s[0] === "十") return 10 + CN_NUM.indexOf(s[1]) + 1;
  return 0;
};

/** The sentence ends of a stretch at the depth of the sentence itself: a 。 inside quotes or brackets is the quotation's. */
function sentenceEndsOutsidePairs(s: string): number {
  let depth = 0;
  let ends = 0;
  for (const ch of s) {
    if ("“《（(【‘".includes(ch)) depth++;
    else if ("”》）)】’".includes(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && "。！？".includes(ch)) ends++;
  }
  return ends;
}

/** Is a pair mark left open at the end of a stretch (its last opening mark has no closing mark after it)? */
function openAtEnd(s: string): boolean {
  let open = -1;
  let close = -1;
  for (let i = 0; i < s.length; i++) {
    if ("“《（(【".includes(s[i])) open = i;
    else if ("”》）)】".includes(s[i])) close = i;
  }
  return open > close;
}

/**
 * §4.6.3.1 with §4.1.3, on the items of a run inside a paragraph (一是……二是……, （一）……（二）……): the semicolon
 * joins the parallel clauses of one sentence, so items that are sentences in their own right are closed by
 * the full stop. Where an item holds a sentence end of its own (二是普法宣传“面对面”。组织了……份；三是……),
 * the semicolon before the next item is reported with 。. And one run takes one mark: where three or more
 * items without sentences of their own are joined by ； and one of them by 。 (一是……；二是……。三是……；四是……),
 * that 。 is reported with ；. Official prose: see docs/punctuation.md.
 */
export function itemRunMarks(paragraph: string): Finding[] {
  const out: Finding[] = [];
  const marks: Array<{ at: number; end: number; n: number }> = [];
  for (const m of paragraph.matchAll(/(?<=^|[。；，：！？\s])(?:([一二三四五六七八九十]{1,2})是|（([一二三四五六七八九十]{1,2})）)(?=\p{Script=Han})/gu)) {
    marks.push({ at: m.index, end: m.index + m[0].length, n: ordinalOf(m[1] ?? m[2]) });
  }
  // Consecutive items of one run: each number one above the last.
  const joins: Array<{ boundary: number; mark: string; item: string }> = [];
  for (let k = 1; k < marks.length; k++) {
    if (marks[k].n !== marks[k - 1].n + 1 || marks[k].n < 2) continue;
    let b = marks[k].at - 1;
    while (b >= 0 && /\s/.test(paragraph[b])) b--;
    if (b < marks[k - 1].end) continue;
    joins.push({ boundary: b, mark: paragraph[b], item: paragraph.slice(marks[k - 1].end, b) });
  }
  for (const j of joins) {
    if (j.mark === "；" && sentenceEndsOutsidePairs(j.item) > 0) {
      out.push(finding(paragraph, "punctuation", "warning", j.boundary, j.boundary + 1, "前一项内部已用句号断句，各项之间应用句号，不用分号", "。"));
    }
  }
  const semis = joins.filter((j) => j.mark === "；").length;
  if (semis >= 2 && joins.every((j) => sentenceEndsOutsidePairs(j.item) === 0)) {
    for (const j of joins) {
      if (j.mark !== "。") continue;
      out.push(finding(paragraph, "punctuation", "warning", j.boundary, j.boundary + 1, "同一组并列的分项之间已用分号，这里也应用分号，不用句号", "；"));
    }
  }
  return out;
}

/**
 * §4.1.3: a statement ends with a full stop, and so does the last sentence of a paragraph. A paragraph of body
 * text (it already holds a sentence end, 。！？, before its last stretch) whose last stretch ends in a character or
 * a figure with no mark (……立案总数的81.1%⏎) lacks its stop. Only where the paragraph surely ends there: the
 * text ends, or a heading follows on the next line (a hard-wrapped line of a PDF goes on on the next line, and
 * a transcription may cut a paragraph in two at an empty line: seven such cuts in the national reports). Not a
 * heading, a title or a line of a web page (left out by the caller).
 */
export function paragraphEndStops(text: string, lines: Span[]): Finding[] {
  const out: Finding[] = [];
  // The last line with text: after it the text ends (found once, so the rule stays linear in the lines).
  let lastText = lines.length - 1;
  while (lastText >= 0 && lines[lastText].text.trim() === "") lastText--;
  // A title holds no sentence end, so the first line needs no exception.
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k];
    const t = l.text.trimEnd();
    if (t.trim().length < 20 || !/[\p{Script=Han}0-9%％]$/u.test(t)) continue;
    // A heading alone on its line ends with no mark; a run-in heading's paragraph ends as any other.
    const h = parseHeading(t.trimStart());
    if (h !== null && !h.runIn) continue;
    const next = lines[k + 1];
    // Where an empty line follows, a transcription may have cut one paragraph in two (……统一部署⏎⏎各地方……).
    const ends = k >= lastText || (next.text.trim() !== "" && parseHeading(next.text.trimStart()) !== null);
    if (!ends) continue;
    const lastEnd = Math.max(t.lastIndexOf("。"), t.lastIndexOf("！"), t.lastIndexOf("？"));
    if (lastEnd < 0 || sentenceEndsOutsidePairs(t.slice(0, lastEnd + 1)) === 0) continue;
    const tail = t.slice(lastEnd + 1);
    // The last stretch is a sentence: long enough, no pair left open in it.
    if ((tail.match(/\p{Script=Han}/gu)?.length ?? 0) < 6 || openAtEnd(tail)) continue;
    const at = l.start + t.length;
    out.push(finding(text, "punctuation", "warning", at - 1, at, "段落末尾缺少句号", `${t[t.length - 1]}。`));
  }
  return out;
}

/**
 * §4.5.3.1 with §4.6.3.1: the 顿号 joins words and short phrases, never clauses; the items of a run (一是……
 * 二是……) are clauses, so a 顿号 before the next item (一是加强领导、二是完善机制) stands where the semicolon
 * (or comma) belongs. Only after the item before it in the same sentence. Official prose: no 、 before 二是,
 * 三是 … in two million characters.
 */
export function dunBeforeRunItem(paragraph: string): Finding[] {
  const out: Finding[] = [];
  for (const m of paragraph.matchAll(/、(?=(十?[一二三四五六七八九十])是)/g)) {
    const n = ordinalOf(m[1]);
    if (n < 2) continue;
    const prev = n - 1 === 10 ? "十" : n - 1 > 10 ? `十${CN_NUM[n - 12]}` : CN_NUM[n - 2];
    const from = Math.max(...["。", "！", "？", "；", "\n"].map((c) => paragraph.lastIndexOf(c, m.index)));
    // The item before holds words of its own (一是、二是 names the markers, it runs no items).
    const item = paragraph.slice(from + 1, m.index).lastIndexOf(`${prev}是`);
    if (item < 0 || m.index - (from + 1 + item + prev.length + 1) < 2) continue;
    out.push(finding(paragraph, "punctuation", "warning", m.index, m.index + 1, `“${m[1]}是”引出的是分句，前面用分号，不用顿号`, "；"));
  }
  return out;
}

/**
 * §4.1.3 and §4.6.3.1 (a clause's end): each item of a run (一是……二是……) ends with its own mark, so an item
 * marker that follows a character with no mark between (完善机制二是强化督查) lost the ；, 。 or ， that ends
 * the item before it. Only where the item before stands earlier in the paragraph, and where the numeral opens
 * a word of its own by the segmenter and its dictionary (not 第二是, 十二是, 星期二是, 每周二是, 统一是). Official prose: the only such
 * sequences are 十二是…十五是 and 第二是.
 */
export function missingMarkBeforeRunItem(paragraph: string): Finding[] {
  const out: Finding[] = [];
  for (const m of paragraph.matchAll(/(\p{Script=Han})(?=([二三四五六七八九])是)/gu)) {
    if (/[第十]/.test(m[1]) || hasWord(m[1] + m[2]) || hasWord(paragraph.slice(Math.max(0, m.index - 1), m.index + 2))) continue;
    const prev = `${CN_NUM[CN_NUM.indexOf(m[2]) - 1]}是`;
    const item = paragraph.lastIndexOf(prev, m.index);
    const from = paragraph.lastIndexOf("\n", m.index);
    if (item < 0 || item < from || m.index - item < 4) continue;
    // The numeral starts a word of its own: cut the stretch around it and find a word boundary there.
    const start = Math.max(0, m.index - 3);
    let at = start;
    let boundary = false;
    for (const w of tag(paragraph.slice(start, m.index + 4), false)) {
      if (at === m.index + 1) boundary = true;
      at += w.word.length;
    }
    if (!boundary) continue;
    const at0 = m.index;
    out.push(finding(paragraph, "punctuation", "warning", at0, at0 + 1, `“${m[2]}是”前缺少标点：上一项末尾应加分号`, `${m[1]}；`));
  }
  return out;
}
