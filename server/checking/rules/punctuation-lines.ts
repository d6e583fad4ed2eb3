import type { Finding } from "../types.ts";
import { tag } from "../../text/segment.ts";
import { matchMarker } from "../../text/headings.ts";
import type { Span } from "../../text/sentences.ts";
import { finding } from "./types.ts";

/**
 * GB/T 15834-2011 clauses judged on a paragraph's shape (docs/punctuation.md, "Lines"), one function each:
 *
 * - a 顿号 and the conjunction 及 are not used together between the last two items of a series (A、B、及C
 *   → A、B及C; §4.5.3.1: the 顿号 marks the pause the conjunction already makes). Only 及: after a 顿号,
 *   和 and 与 open names (和平区, 和美) and parallel prepositional phrases (与A相适应、与B相协调), and
 *   以及 joins a longer last item, as official prose writes them (docs/punctuation.md).
 *
 * Not implemented: a heading alone on its line that ends in 。 — the national reports print their
 * （一） headings with a stop about as often as without, so it is no error there.
 */
export function lineClauses(paragraph: string): Finding[] {
  return [...enumerationConjunction(paragraph), ...sentenceOpensWithBing(paragraph), ...mixedSeriesInQuotes(paragraph), ...mixedQuotedSeries(paragraph),
    ...countsSeries(paragraph), ...adjacentPointMarks(paragraph)];
}

/**
 * GB/T 15834-2011 §3.1 and §4 (point marks): each point mark (。？！，、；：) marks one pause of its own kind, so two
 * different ones never stand side by side (，。 、。 ；。 。， ：，): one of them is a slip (a doubled mark of one kind
 * is text/punctuation.ts's). ？！ and ！？ (a question said with force) are allowed. A 顿号 before 等 is the same
 * slip: 等 closes the series after its last item (公安、检察、等部门 → 公安、检察等部门), not 等级, 等价 (words of
 * their own, by the segmenter). Official prose: no two different point marks side by side, no 、 before 等 as a word.
 */
function adjacentPointMarks(paragraph: string): Finding[] {
  const out: Finding[] = [];
  for (const m of paragraph.matchAll(/[。？！，、；：]{2}/g)) {
    const [a, b] = m[0];
    if (a === b || (/[？！]/.test(a) && /[？！]/.test(b))) continue;
    // A stop or a question closes; the mark after it is the one that does not belong, unless it is a stop.
    const at = b === "。" || b === "？" || b === "！" ? m.index : m.index + 1;
    out.push(finding(paragraph, "punctuation", "warning", at, at + 1, `“${a}${b}”两个点号连用，应删去“${paragraph[at]}”`, ""));
  }
  for (const m of paragraph.matchAll(/(?<=\p{Script=Han}[”》）]?)、(?=等)/gu)) {
    const first = tag(paragraph.slice(m.index + 1, m.index + 7), false)[0];
    if (!first || (first.word !== "等" && first.word !== "等等")) continue;
    out.push(finding(paragraph, "punctuation", "warning", m.index, m.index + 1, "“等”紧接在最后一项之后，前面不用顿号", ""));
  }
  return out;
}

const COUNT = "[0-9]+(?:\\.[0-9]+)?[万亿]?[个件名起家户处所项条批篇份场座辆台套册张支位种例宗]";
/**
 * §4.5.3.1 for counted items: a list of what a place or a body holds, each a figure, a measure word and a
 * noun (辖23个行政村，2个居委会), is one series of words and takes the 顿号 (辖23个行政村、2个居委会). Only
 * where the items are nouns by the segmenter and the second stands alone between marks; a clause with its own
 * verb (1334万人参保，641万人领取养老金) is no item. Official prose: none since the 1950s' lists.
 */
function countsSeries(paragraph: string): Finding[] {
  const out: Finding[] = [];
  const re = new RegExp(`${COUNT}(\\p{Script=Han}{1,6})，${COUNT}(\\p{Script=Han}{1,6})(?=[，。；、]|$)`, "gu");
  for (const m of paragraph.matchAll(re)) {
    // Nouns, abbreviations (居委会) and bound nouns (村); no verb, adverb, preposition, particle or person's name.
    const nouns = [m[1], m[2]].every((w) => tag(w, false).every((t) => t.tag === "vn" || (!/^(?:v|d|p|c|u|m|r|nr)/.test(t.tag))));
    if (!nouns) continue;
    const at = m.index + m[0].indexOf("，");
    out.push(finding(paragraph, "punctuation", "warning", at, at + 1, "并列的数量短语之间应用顿号，不用逗号", "、"));
  }
  return out;
}

/**
 * §4.5.3.5 within one series: items each in quotes (or each in 书名号) set side by side usually take no 顿号
 * between them, and one series takes one form throughout. A series of three or more such items that joins
 * some with nothing and some with a 顿号 (“一个认识”“三大体系”、“九点进步”) has its 顿号 reported: the
 * series itself shows the form the writer chose. A series that keeps the 顿号 throughout is a note only
 * (text/punctuation.ts): published official prose still prints it often. Official prose since 2012: no
 * series mixes the two forms.
 */
function mixedQuotedSeries(paragraph: string): Finding[] {
  const out: Finding[] = [];
  for (const [open, close] of [["“", "”"], ["《", "》"]]) {
    const item = `${open}[^${open}${close}\n]{1,30}${close}`;
    for (const m of paragraph.matchAll(new RegExp(`${item}(?:、?${item}){2,}`, "g"))) {
      const joins = [...m[0].matchAll(new RegExp(`${close}(、?)${open}`, "g"))];
      if (!joins.some((j) => j[1] === "") || !joins.some((j) => j[1] === "、")) continue;
      for (const j of joins) {
        if (j[1] !== "、") continue;
        const at = m.index + j.index + 1;
        out.push(finding(paragraph, "punctuation", "warning", at, at + 1, `同一组并列的${open === "“" ? "引号" : "书名号"}成分之间有的用顿号、有的不用，应统一，通常不用顿号`, ""));
      }
    }
  }
  return out;
}

/**
 * §4.5.3.1 within one quoted series: a slogan or formula in quotes made of three or more items of the same
 * length (“部门联勤、警种联动、警校联合”) is one series and takes one mark throughout; where its items are
 * joined by 顿号 and a comma slips in before the last one (A、B，C), the comma is reported. A slogan of two
 * halves set apart by a comma (“稳定东部，发展西部”) and pairs of pairs (“人口多、土地少，小生产、大市场”)
 * are left alone.
 */
function mixedSeriesInQuotes(paragraph: string): Finding[] {
  const out: Finding[] = [];
  for (const m of paragraph.matchAll(/“([^“”\n]{8,60})”/g)) {
    const inner = m[1];
    if (!inner.includes("、") || !inner.includes("，")) continue;
    const items = inner.split(/[、，]/);
    if (items.length < 3 || !items.every((x) => /^\p{Script=Han}{2,6}$/u.test(x) && x.length === items[0].length)) continue;
    // Pairs of pairs (“人口多、土地少，小生产、大市场”) alternate the marks on purpose: only a comma before
    // the last item of a run of 顿号 (A、B，C) is the slip.
    const marks = inner.replace(/[^、，]/g, "");
    if (!/^、+，$/.test(marks)) continue;
    const at = m.index + 1 + inner.lastIndexOf("，");
    out.push(finding(paragraph, "punctuation", "warning", at, at + 1, "引号内同一组并列的词语已用顿号隔开，这里也应用顿号", "、"));
  }
  return out;
}

/**
 * §4.1.3 with the grammar of 并: 并 joins a second predicate to the first inside one sentence (核查线索，
 * 并及时处置), so a sentence cannot open with it; 。并 + a verb is a comma cut into a stop. (并不, 并非, 并且
 * and 并未 open sentences as adverbs or a conjunction of their own. Published official prose: no 。并 + verb
 * in two million characters.)
 */
function sentenceOpensWithBing(paragraph: string): Finding[] {
  const out: Finding[] = [];
  for (const m of paragraph.matchAll(/。并(?![且非不没无未列存重举行肩])(?=\p{Script=Han})/gu)) {
    out.push(finding(paragraph, "punctuation", "warning", m.index, m.index + 1, "“并”连接同一主语的后续动作，不能开头成句，前面应用逗号", "，"));
  }
  return out;
}

/**
 * GB/T 9704 headings with §4.1.3: a first-level heading (一、) standing alone on its line ends with no mark;
 * a stop or a colon there (一、强化组织领导。) is reported. Not where the next line is another item of the
 * same level, or the line before is such an item ending in a mark: that is a numbered list of sentences
 * (一、……；二、……。), which ends its items as sentences.
 * Published official prose: 340 such headings without a mark, 0 with a colon, 5 with a stop or semicolon,
 * all five numbered sentences of 15 or more characters (a heading is a short title: at most 14 characters
 * after the number are read as one). Lower levels ((一), 1.) are left alone: the national reports end their
 * (一) headings with a stop about as often as not.
 */
export function headingStops(text: string, lines: Span[]): Finding[] {
  const out: Finding[] = [];
  const body = lines.filter((l) => l.text.trim() !== "");
  const first = (x: Span | undefined) => (x ? matchMarker(x.text.trimStart(), "lenient", [1]) : null);
  // An item of a numbered list of sentences: a first-level number and a line that ends in a mark.
  const item = (x: Span | undefined) => first(x) !== null && /[。；;]\s*$/.test(x!.text);
  for (const [k, l] of body.entries()) {
    const line = l.text.trimEnd();
    const h = first(l);
    if (!h || !/[。：:]$/.test(line)) continue;
    const lead = l.text.length - l.text.trimStart().length;
    const words = line.slice(lead + h.length, -1);
    // A heading is a short title: a numbered line of over 14 characters ending in a stop is a numbered sentence.
    if (words.length < 2 || /[。；！？：:]/.test(words) || (words.match(/\p{Script=Han}/gu)?.length ?? 0) > 14) continue;
    if (!body[k + 1] || first(body[k + 1]) !== null || item(body[k - 1])) continue;
    const at = l.start + line.length - 1;
    out.push(finding(text, "punctuation", "warning", at, at + 1, `单独成行的一级标题末尾不加“${line[line.length - 1]}”`, ""));
  }
  return out;
}

/** Conjunctions that join the last item of a series. */
const SERIES_CONJ = /^(?:及|及其)$/;

function enumerationConjunction(paragraph: string): Finding[] {
  const out: Finding[] = [];
  for (const m of paragraph.matchAll(/、(?=及)/g)) {
    // Two items at least before it (A、B、及C), or one item and the conjunction (A、及B): a series either way.
    const window = paragraph.slice(m.index + 1, m.index + 9);
    const first = tag(window)[0];
    if (!first || !SERIES_CONJ.test(first.word)) continue;
    // 和、与、及 listed as items themselves (关于“和”、“与”的用法): no word follows the conjunction.
    if (/^[^\p{Script=Han}]/u.test(window.slice(first.word.length))) continue;
    out.push(finding(paragraph, "punctuation", "warning", m.index, m.index + 1, `并列成分之间用了连词“${first.word}”，前面不再用顿号`, ""));
  }
  return out;
}
