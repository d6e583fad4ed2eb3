/**
 * What an uploaded document is, before it joins the archive as a 范文: a report (工作总结, 报告, the prose the
 * archive serves), or something a writer may upload by mistake, each recognised by a rule of its own on the
 * document's lines:
 * - a facts list (what the 起草 page takes): most lines are items of a list (“- …”, “1. …”, “问题：…”) or header
 *   lines (单位：/年度：), short and without a closing 。, with no paragraphs of prose;
 * - a blank template: blanks to fill in (20XX年, ____, （此处填写…）, 【待补】) throughout the text;
 * - not a report at all: little Chinese text, or a long text with none of the words any work report uses.
 * Pure, one pass over the text; ingest calls it once per document.
 */

import { hasItemMarker, stripItemMarker } from "../text/headings.ts";

export type DocumentKind = { kind: "report" } | { kind: "facts" | "template" | "other"; reason: string };

/** A header line of a facts list (list items are told by the heading home's item marker). */
const HEADER = /^(?:单位|年度|年份|时限|时间|期间|主要工作|工作要点|事实|要点|问题|存在问题|计划|下一步|打算)[:：]/;
/**
 * A blank left to fill in: an unfilled year (20XX年), a line to write on (____), an editor's note (（此处填写…）,
 * 【待补】), an empty 〔 〕. A lone X or XX is not counted: archives published on the web mask names and figures
 * with them (xx区, X件), and such a report is still a report.
 */
const BLANK = /(?:19|20|二〇)[XxＸ×]{1,2}(?=年)|_{3,}|＿{2,}|[（(【\[][^（）()【】\[\]\n]{0,20}?(?:此处|填写|填入|待补|待填|自行修改|自行填|视情况增删)[^（）()【】\[\]\n]{0,20}[）)】\]]|〔\s*〕/g;
/** Words any work report, summary or 政府工作报告 uses; a long text with none of them is something else. */
const REPORT_WORDS = /工作|开展|推进|加强|落实|深化|坚持|完善|健全|全年|今年|下一步|存在的?问题|成效|总结|会议|同志|改革|发展|建设|治理|服务/g;

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/g;

export function documentKind(text: string): DocumentKind {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const han = text.match(HAN)?.length ?? 0;
  const visible = text.replace(/\s/g, "").length;
  if (visible >= 200 && han / visible < 0.3) {
    return { kind: "other", reason: "不是中文文稿：文字中汉字不足三成，不能作为范文收录" };
  }

  // A facts list: items and header lines, short, not sentences of prose.
  const prose = lines.filter((l) => (l.match(HAN)?.length ?? 0) >= 60 && /[。！？；]$/.test(l) && !hasItemMarker(l));
  // A report's own section headings (一、主要工作, （一）矛盾纠纷化解。…) are no list items: a heading is a short
  // phrase with no figure, alone on its line or run into its paragraph after a 。.
  const sectionHeading = (l: string) => {
    const words = stripItemMarker(l);
    if (words === l) return false;
    const head = words.split("。")[0];
    return head.length <= 15 && !/[0-9０-９]/.test(head) && (head === words || words.length > head.length + 1);
  };
  const items = lines.filter((l) => HEADER.test(l) || (hasItemMarker(l) && l.length <= 120 && !sectionHeading(l)));
  if (items.length >= 5 && items.length >= lines.length * 0.6 && prose.length <= Math.max(1, lines.length * 0.1)) {
    return { kind: "facts", reason: `这是一份要点清单（${items.length} 行条目，没有成段的文字），不是往年总结：请在“起草”页导入它来写初稿` };
  }

  // A blank template: blanks throughout, at least one per 300 characters and at least four.
  const blanks = text.match(BLANK)?.length ?? 0;
  if (blanks >= 4 && blanks * 300 >= han) {
    return { kind: "template", reason: `这是一份待填写的模板（有 ${blanks} 处空白待填，如“20XX年”“____”“（此处填写）”），不是写好的总结，不能作为范文收录` };
  }

  const words = text.match(REPORT_WORDS)?.length ?? 0;
  if (han >= 300 && words === 0) {
    return { kind: "other", reason: "这份文稿不像工作总结或报告（没有“工作”“开展”“推进”之类的用语），不能作为范文收录" };
  }
  return { kind: "report" };
}
