import type { Finding } from "../types.ts";
import { isHan } from "../../text/chars.ts";
import { tag } from "../../text/segment.ts";
import { lineSpans, type Span } from "../../text/sentences.ts";
import { finding } from "./types.ts";

/**
 * GB/T 15834-2011 clauses that need the sentence around a mark, one function each (the list with clause
 * numbers: docs/punctuation.md). Each stays silent where the text does not settle the question.
 * These are the clauses judged within one paragraph (all but the title's).
 */
export function paragraphClauses(paragraph: string): Finding[] {
  const l: Span = { start: 0, end: paragraph.length, text: paragraph };
  return [...colonAfterAnnouncement(paragraph, l), ...colonBeforeConjunction(paragraph, l), ...nestedColon(paragraph), ...declarativeQuestion(paragraph, l), ...commaBeforeConjunction(paragraph, l),
    ...commaBetweenNouns(paragraph, l), ...ellipsisWithDeng(paragraph, l), ...rangeMarks(paragraph), ...documentNumber(paragraph),
    ...newspaperTitle(paragraph)];
}

/**
 * GB/T 9704-2012 §7.2.4 (发文字号): the year of a document number is written in full and enclosed in
 * 六角括号 〔〕 (X司通〔2014〕12号); square brackets, 方头括号 or round brackets there, or a bracket missing,
 * are wrong.
 */
function documentNumber(paragraph: string): Finding[] {
  const out: Finding[] = [];
  for (const m of paragraph.matchAll(/(?<=\p{Script=Han})([\[【［(（]?)((?:19|20)[0-9]{2})([\]】］)）]?)([0-9]{1,4})号/gu)) {
    if (m[1] === "" && m[3] === "") continue;
    // （2014）12号 after a court's or a year's own bracket is a case number of its own form; only the document marks.
    if (m[1] === "（" && m[3] === "）" && !/[发字函办通令]$/.test(paragraph.slice(0, m.index))) continue;
    const fixed = `〔${m[2]}〕${m[4]}号`;
    out.push(finding(paragraph, "punctuation", "warning", m.index, m.index + m[0].length, `发文字号的年份用六角括号“〔〕”括入：应写“${fixed}”`, fixed));
  }
  return out;
}

/**
 * §4.12.3: the name of a newspaper or periodical takes 书名号 (《人民日报》). A name ending in 日报/晚报 outside
 * 《》 is reported, not the newspaper office (日报社), a source line of a web page (来源：X日报) or a credit
 * line (X日报记者 某某 摄).
 */
function newspaperTitle(paragraph: string): Finding[] {
  const out: Finding[] = [];
  for (const m of paragraph.matchAll(/\p{Script=Han}{2}(?:日报|晚报)(?![社》])/gu)) {
    const before = paragraph.slice(0, m.index);
    if (/《[^》]*$/.test(before) || /(?:来源|稿源|出处)[:：]?\s*$/.test(before)) continue;
    // A credit line (X日报记者 某某 摄, X日报客户端) or a source line of its own names the paper's staff or site.
    const after = paragraph.slice(m.index + m[0].length);
    if (/^\s*(?:全媒体|客户端|融媒|新闻|网|讯|App|APP|社)|^[^，。；]{0,10}?(?:记者|通讯员|摄)/.test(after) || paragraph.trim().length <= 8) continue;
    // The name may begin before the two characters shown (内蒙古日报): no replacement is offered.
    out.push(finding(paragraph, "punctuation", "warning", m.index, m.index + m[0].length, `报纸名称应加书名号（如“《${m[0]}》”）`));
  }
  return out;
}

/** The title clause: the document's first line that reads as a title ends without a stop. */
export function titleStopIn(text: string, skipLine: (line: Span) => boolean = () => false): Finding[] {
  return titleStop(text, lineSpans(text).filter((l) => !skipLine(l)));
}

/** The words that name a document's kind (文种) in its title. */
const DOC_KIND_LAST = /(?:总结|报告|计划|汇报|方案|要点|意见|通知|请示|规划|讲话|述职)[。；，：.;,:]$/;

/**
 * §4.1.3 (the stop ends a sentence) with GB/T 9704 title practice: a title is not a sentence and ends
 * without a stop, comma, semicolon or colon. The title is the first line of the text that names a
 * document kind and is short enough to be one.
 */
function titleStop(text: string, lines: Span[]): Finding[] {
  const first = lines.find((l) => l.text.trim() !== "");
  if (!first) return [];
  const t = first.text.trimEnd();
  // The document kind is the title's last word: 工作总结。 is a title with a stop, 总结如下。 a sentence.
  if (t.trim().length > 50 || !DOC_KIND_LAST.test(t) || /[，。；：]/.test(t.slice(0, -1))) return [];
  const last = t[t.length - 1];
  if (!"。；，：.;,:".includes(last)) return [];
  const at = first.start + t.length - 1;
  return [finding(text, "punctuation", "warning", at, at + 1, "标题末尾不加标点", "")];
}

/**
 * §4.7.3.1: a colon follows words that announce what comes next. 如下 always announces (总结如下、安排如下),
 * so 如下。 takes a colon.
 */
function colonAfterAnnouncement(text: string, l: Span): Finding[] {
  const out: Finding[] = [];
  // A comma after 如下 that goes on with another clause (总结如下，并制定明年计划。) leaves the colon to the
  // sentence's end; only a comma that ends the paragraph stands where the colon belongs.
  for (const m of l.text.matchAll(/如下([。；]|，(?=\s*$))/g)) {
    const at = l.start + m.index + 2;
    out.push(finding(text, "punctuation", "warning", at, at + 1, `“如下”提示下文，其后应用冒号，不用“${m[1]}”`, "："));
  }
  return out;
}

/**
 * §4.7.3.1 with Annex B (冒号的套用): a colon announces what follows to the end of its sentence, so one sentence
 * takes one colon: a second colon inside the reach of the first (主要做法：一是：加强领导) is reported. Not a
 * colon that opens a quotation (指出：“…”), nor one inside quotes or brackets, nor the labels of a form line
 * (联系人：某某，电话：…: both labels of four characters or fewer). Official prose: none.
 */
function nestedColon(p: string): Finding[] {
  const out: Finding[] = [];
  for (const s of p.matchAll(/[^。！？；\n]+/g)) {
    const colons: number[] = [];
    let depth = 0;
    for (let i = 0; i < s[0].length; i++) {
      const ch = s[0][i];
      if ("“《（(【‘".includes(ch)) depth++;
      else if ("”》）)】’".includes(ch)) {
        // A closing mark with no opening one in the sentence: what came before stood inside a pair opened earlier.
        if (depth === 0) colons.length = 0;
        depth = Math.max(0, depth - 1);
      } else if (ch === "：" && depth === 0 && !/^[“‘《]/.test(s[0].slice(i + 1))) colons.push(i);
    }
    if (colons.length < 2) continue;
    const label = (at: number) => at - Math.max(s[0].lastIndexOf("，", at), s[0].lastIndexOf("、", at), -1) - 1;
    if (/\s/.test(s[0].slice(colons[0], colons[1])) || (label(colons[0]) <= 4 && label(colons[1]) <= 4)) continue;
    const at = s.index + colons[1];
    out.push(finding(p, "punctuation", "warning", at, at + 1, "一个句子内不套用冒号：前面已有冒号提示下文"));
  }
  return out;
}

/**
 * §4.7.3.1 the other way round: the colon announces what follows (a list, a quotation, an explanation). A
 * colon right before a conjunction of contrast or consequence (满意的：但是, 完成了任务：因此) announces nothing:
 * the sentence ended there, or goes on after a comma. Official prose: none in two million characters.
 */
function colonBeforeConjunction(text: string, l: Span): Finding[] {
  const out: Finding[] = [];
  for (const m of l.text.matchAll(/(?<=\p{Script=Han})：(?=但|然而|可是|不过|因此|所以|因而)/gu)) {
    // The conjunction as a word of its own (not 但凡 "whenever", 所以然), by the segmenter.
    const first = tag(l.text.slice(m.index + 1, m.index + 9), false)[0]?.word ?? "";
    if (!/^(?:但是|但|然而|可是|不过|因此|所以|因而)$/.test(first)) continue;
    const at = l.start + m.index;
    out.push(finding(text, "punctuation", "warning", at, at + 1, "冒号用于提示下文，转折或因果连词前不用冒号：此处应为句号或逗号", "。"));
  }
  return out;
}

/** Words and patterns that make a sentence a question (or a rhetorical one). */
const QUESTION = /吗|呢|么|麽|什么|怎么|怎样|如何|为什么|为何|何以|何在|哪|那里|谁|几|多少|是否|能否|可否|难道|岂|还是|何|呀|(\p{Script=Han})不\1|(\p{Script=Han})没\2/u;

/**
 * §4.3.3.1 / §4.1.3: the question mark ends a question; a statement ends with a stop. A sentence that
 * ends in ？ after a Chinese character but has no interrogative word or A-不-A form is a statement.
 */
function declarativeQuestion(text: string, l: Span): Finding[] {
  const out: Finding[] = [];
  let from = 0;
  const s = l.text;
  for (let i = 0; i < s.length; i++) {
    if ("。！；".includes(s[i])) from = i + 1;
    if (s[i] !== "？") continue;
    const sentence = s.slice(from, i);
    from = i + 1;
    if (!isHan(s[i - 1]) || sentence.length < 4 || QUESTION.test(sentence)) continue;
    out.push(finding(text, "punctuation", "warning", l.start + i, l.start + i + 1, "陈述句末尾应用句号，不用问号", "。"));
  }
  return out;
}

/**
 * §4.5.3.1 and §4.4.3.1: the 顿号 joins parallel words and phrases; clauses are joined by the comma.
 * A conjunction that opens a clause (并、但、从而、同时 …) cannot follow a 顿号 (核查线索、并及时处置 →
 * 核查线索，并及时处置), unless it is itself one item of the list (关、停、并、转).
 */
const CLAUSE_CONJ = /、(并且|而且|从而|进而|因此|所以|但是|然而|同时|以便|以免|并|但|却)(?=\p{Script=Han}{2})(?!\p{Script=Han}?、)/gu;
function commaBeforeConjunction(text: string, l: Span): Finding[] {
  const out: Finding[] = [];
  for (const m of l.text.matchAll(CLAUSE_CONJ)) {
    // 并 or 但 as one item of a run of single characters (关、停、并、转): no clause.
    if (m[1].length === 1 && /^、/.test(l.text.slice(m.index + 2, m.index + 3))) continue;
    if (m[1].length === 1 && /(?:^|、)\p{Script=Han}$/u.test(l.text.slice(Math.max(0, m.index - 2), m.index))) continue;
    // Modifiers of one noun joined by 顿号 (长期的、复杂的、但是一定要胜利的斗争; 持积极态度、并起带头作用的人): the
    // conjunction opens no clause when its phrase ends in 的 and a short noun before the clause mark.
    if (/^[^，。；：！？]*的\p{Script=Han}{1,4}(?=[，。；：！？]|$)/u.test(l.text.slice(m.index + 1 + m[1].length))) continue;
    const at = l.start + m.index;
    out.push(finding(text, "punctuation", "warning", at, at + 1, `“${m[1]}”引出分句，前面应用逗号，不用顿号`, "，"));
  }
  return out;
}

const NOUN_TAG = /^(?:n|nr|ns|nt|nz|nrt|nrfg)$/;
/**
 * §4.5.3.1: parallel words in a series take the 顿号. Three or more short items (two to four
 * characters, each made only of nouns by the segmenter) joined by commas and closed by 等/和/及/以及
 * or a further noun phrase are a series of words, not of clauses (公安，检察，法院等 → 公安、检察、法院等).
 */
function commaBetweenNouns(text: string, l: Span): Finding[] {
  const out: Finding[] = [];
  // Linear: the line's comma-separated pieces, each read once; a run is at most eight items.
  const pieces: Array<{ start: number; text: string }> = [];
  let from = 0;
  for (let i = 0; i <= l.text.length; i++) {
    if (i === l.text.length || l.text[i] === "，") {
      pieces.push({ start: from, text: l.text.slice(from, i) });
      from = i + 1;
    }
  }
  const ITEM = /^\p{Script=Han}{2,4}$/u;
  const isNoun = (item: string) => {
    const words = tag(item, false);
    // one verbal noun or verb standing alone (检察, 综治, 信访) names a field as a noun does
    return words.length > 0 && (words.every((w) => NOUN_TAG.test(w.tag)) || (words.length === 1 && /^vn?$/.test(words[0].tag)));
  };
  // The first item may close a longer piece after a preposition or verb (坚持以|信访，司法，综治和…).
  const headOf = (piece: string): string => {
    const tail = piece.split(/[。；：、（“]/).pop() ?? "";
    if (ITEM.test(tail) || tail.length > 40) return tail;
    const words = tag(tail, false);
    const lastWord = words[words.length - 1];
    const before = words[words.length - 2];
    return lastWord && before && ITEM.test(lastWord.word) && /^(?:p|v)$/.test(before.tag) ? lastWord.word : tail;
  };
  let k = 0;
  while (k < pieces.length - 2) {
    // the first item: the piece after its last boundary mark
    // A run needs short items after the first one: only then is the first one read (tagging is the cost).
    if (!ITEM.test(pieces[k + 1].text)) {
      k++;
      continue;
    }
    const head = headOf(pieces[k].text);
    if (!ITEM.test(head)) {
      k++;
      continue;
    }
    let e = k + 1;
    while (e < pieces.length && e - k < 8 && ITEM.test(pieces[e].text)) e++;
    // the last item runs on into 等/和/及 or a closing noun (部门, 单位 …)
    const last = e < pieces.length ? /^(\p{Script=Han}{2,4}?)(?=等|和|及|以及|、?(?:部门|单位|领域|方面|行业))/u.exec(pieces[e].text) : null;
    if (!last || e - k < 2) {
      k = Math.max(k + 1, e);
      continue;
    }
    const items = [head, ...pieces.slice(k + 1, e).map((p) => p.text), last[1]];
    if (items.every(isNoun) && items.some((item) => tag(item, false).every((w) => NOUN_TAG.test(w.tag)))) {
      for (let c = k + 1; c <= e; c++) {
        const at = l.start + pieces[c].start - 1;
        out.push(finding(text, "punctuation", "warning", at, at + 1, "并列的词语之间应用顿号，不用逗号", "、"));
      }
    }
    k = e + 1;
  }
  return out;
}

/** §4.11.3: the ellipsis already says "and so on"; it is not followed by 等 or 等等. */
function ellipsisWithDeng(text: string, l: Span): Finding[] {
  const out: Finding[] = [];
  for (const m of l.text.matchAll(/(……|…)(等等|等)(?!\p{Script=Han}{0,1}[级次])/gu)) {
    const at = l.start + m.index + m[1].length;
    out.push(finding(text, "punctuation", "warning", at, at + m[2].length, "省略号与“等”“等等”不同时使用", ""));
  }
  return out;
}

/** Units that make a number a time (时间) rather than a value (数值). */
const TIME_UNIT = /^(?:年|月|日|号|时|点|世纪|年代)/;
/**
 * §4.13.3.2 and §4.13.3.3: a range of time or place takes the 一字线 “—” (2021—2025年, 1—6月); a range
 * of values takes the 浪纹线 “～” (3～5名, 10%～20%). A 破折号 “——” is never a range mark. Hyphen
 * ranges (1-6月) are the number-form rule's.
 */
function rangeMarks(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(/(?<![0-9A-Za-z.．\-－:：])([0-9]{1,4}(?:\.[0-9]+)?[%％]?)(——|—|～|~|〜)([0-9]{1,4}(?:\.[0-9]+)?)(?![0-9.．\-－:：])/g)) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 3);
    const a = Number(m[1].replace(/[%％]/, ""));
    const b = Number(m[3]);
    if (!(b > a)) continue;
    const yearish = /^\d{4}$/.test(m[1]) && /^\d{4}$/.test(m[3]);
    const time = yearish || TIME_UNIT.test(after);
    // A value range needs its unit right after it; a bare pair of numbers may be anything (a code, a score).
    const value = !time && /^(?:[%％]|\p{Script=Han})/u.test(after);
    if (!time && !value) continue;
    const want = time ? "—" : "～";
    if (m[2] === want || (!time && m[2] === "~")) continue;
    const at = m.index + m[1].length;
    // A value range joined by the 一字线 is what most published reports print (2—3家, 5%—5.5%): a note.
    // The 破折号 as a range mark, and the 浪纹线 for a time range, are errors of the mark itself.
    const severity = !time && m[2] === "—" ? "info" : "warning";
    out.push(finding(text, "punctuation", severity, at, at + m[2].length,
      time ? "时间范围用一字线“—”连接" : "数值范围用浪纹线“～”连接", want));
  }
  return out;
}
