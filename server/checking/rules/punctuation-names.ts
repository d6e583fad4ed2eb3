import type { Finding } from "../types.ts";
import { tag } from "../../text/segment.ts";
import { finding } from "./types.ts";

/**
 * GB/T 15834-2011 §4.15 (间隔号): in the name of a day or an event written with its month and day, the 间隔号
 * separates the month from the day (“12·4”国家宪法日, 3·15消费者权益日, “5·12”汶川地震). A written M.D (or M-D,
 * M．D) there is a decimal point or a hyphen where the 间隔号 belongs. A figure is such a name when it is a
 * month and a day that exist, stands alone (no figure or dot either side: not a dotted date or a version),
 * and is the name of something: it stands alone in quotes, or what follows it is the name of a day or an
 * event, a noun phrase ending in 日/节 (a day) or in 活动, 行动, 案, 事件, 事故, 期间, 当天 (an event), and
 * not a measure (a unit, 万/亿, 个, 倍, %, …): 3.5万元, 1.8篇, 12.4公里 stay decimals. A figure followed by
 * 日 or 号 itself (3.15日) is a date slip of another kind, not a name. Official prose: see docs/punctuation.md.
 */
export function dotInDayNames(paragraph: string): Finding[] {
  const out: Finding[] = [];
  for (const m of paragraph.matchAll(/(?<![0-9０-９.．·\-－—A-Za-z])(1[0-2]|[1-9])([.．\-－])([1-9]|[12][0-9]|3[01])(?![0-9０-９.．%％‰·\-－A-Za-z])/g)) {
    const month = Number(m[1]);
    const day = Number(m[3]);
    if (day > DAYS[month - 1]) continue;
    const end = m.index + m[0].length;
    // In quotes (“12.4”, also with the quotes turned the wrong way: ”12.4“) the figure is a name by itself.
    const quoted = /[“”]/.test(paragraph[m.index - 1] ?? "") && /[“”]/.test(paragraph[end] ?? "");
    const after = paragraph.slice(quoted ? end + 1 : end, end + 17);
    // A hyphen in quotes may join the figures of a coined term (“2-4”即四级体系): only the dot is a name alone.
    if (!namesDay(after, quoted && /[.．]/.test(m[2]))) continue;
    const fixed = `${m[1]}·${m[3]}`;
    out.push(finding(paragraph, "punctuation", "warning", m.index, end, `节日、纪念日或事件名称中的月日之间用间隔号：应写“${fixed}”`, fixed));
  }
  return out;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** What follows a figure as its measure: a unit, a multiplier, a count word, a share (the figure is a quantity). */
const MEASURE = /^(?:[万亿千百十元角分个件起人名户次倍年月日号天周时秒岁项条篇份场家所座辆台套册张支位种例宗批处米克吨亩斤升度层级届轮笔只头株]|期(?!间)|公[里斤顷]|平方|立方|千[米克瓦]|余|多|左右|以上|以下|成|折)/;
/** The head of a day's or an event's name. */
const DAY_HEAD = /^\p{Script=Han}+[日节]$/u;
const EVENT_HEAD = /^(?:活动|行动|专项行动|案|专案|案件|事件|事故|期间|当天|前后|宣传周|宣传月)$/;

/**
 * The words after the figure name a day or an event: they do not open with a measure, and the first
 * stretch of Han characters holds, within its first five words, a day's head (…日, …节: not 日 alone) or
 * an event's head. In quotes the figure is a name already; it must only not be counted.
 */
function namesDay(after: string, quoted: boolean): boolean {
  const run = /^\p{Script=Han}*/u.exec(after)?.[0] ?? "";
  if (run === "") return quoted;
  if (MEASURE.test(run)) return false;
  if (quoted) return true;
  const words = tag(run, false).slice(0, 5);
  for (const [k, w] of words.entries()) {
    if (w.word === "的" || /^[ucpr]/.test(w.tag)) return false;
    if (DAY_HEAD.test(w.word) || EVENT_HEAD.test(w.word)) return true;
    // The segmenter splits some days' names before 日 (宪法|日, 志愿者服务|日): 日 after a noun is the head.
    if (k > 0 && w.word === "日") return true;
  }
  return false;
}

/** Words that open an adverbial of basis (根据…, 对照…): it may govern the sentence of 现将. */
const BASIS = /^(?:根据|按照|依据|依照|遵照|对照|参照|鉴于)$/;
/** …and of purpose, at a sentence's head (为进一步……，现将); inside a sentence 为 opens a clause (为……提供了保障). */
const PURPOSE = /^(?:为|为了|为此)$/;

/**
 * The genre's transition sentence (docs/genre.md): the opening of a 总结 ends with a sentence of its own that
 * turns to the body, 现将……(总结|报告|汇报)如下, and a closing 特此报告 stands alone. Both are sentences, so the
 * mark before 现将 or 特此 is 。 (GB/T 15834 §4.1.3: a statement ends with a full stop), not a comma joining
 * them to the clause before (各项工作取得新成效，现将有关情况总结如下). Not where the sentence, or the clause just
 * before 现将, opens with an adverbial of basis or purpose (根据……通知，对照……要点，现将……报告如下; 为……，现将……):
 * that adverbial may belong to the 现将 sentence (inside a sentence 为 opens a clause: 为……提供了保障，现将 is reported). Official prose (government reports) has no 现将……如下.
 */
export function transitionSentence(paragraph: string): Finding[] {
  const out: Finding[] = [];
  for (const m of paragraph.matchAll(/，(?=现将[^。！？；\n]{1,60}?如下|特此(?:报告|汇报|说明)[。！]?\s*$)/g)) {
    const sentence = paragraph.slice(0, m.index).split(/[。！？；：\n]/).pop() ?? "";
    const clauses = sentence.split("，");
    const opener = (c: string) => tag(c.slice(0, 4), false)[0]?.word ?? "";
    if (BASIS.test(opener(clauses[0])) || PURPOSE.test(opener(clauses[0])) || BASIS.test(opener(clauses[clauses.length - 1]))) continue;
    if (sentence.trim().length < 4) continue;
    out.push(finding(paragraph, "punctuation", "warning", m.index, m.index + 1, `“${paragraph.slice(m.index + 1, m.index + 3)}”引出的过渡句应另起一句，前面用句号`, "。"));
  }
  return out;
}
