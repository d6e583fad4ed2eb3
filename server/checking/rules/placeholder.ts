import type { Finding } from "../types.ts";
import { classifyLine } from "../../corpus/clean.ts";
import { isHan } from "../../text/chars.ts";
import { lineSpans } from "../../text/sentences.ts";
import { finding, type RuleContext } from "./types.ts";

// Measure words and date parts that turn a lone X/*/× into a blank ("X次", "*个科室", "X月").
const MEASURE = "次个件人家名月日年场项起处条元户所期批座路辆类篇份期轮届余多万亿";

// Place words after a lone * that make it a blank for a name (*县委政法委, *镇).
const PLACE_AFTER = "省市区县镇乡村街";

/*
 * Template leftovers: a writer who starts from a 范文 or a template leaves behind what was never meant
 * to be printed. Each pattern names a thing nobody writes on purpose in a finished report.
 */
/** An unfilled year: 20XX年, 202X年, 二〇XX年, XXXX年. */
const UNFILLED_YEAR = /(?:(?:19|20)[0-9]?|[一二]〇[一二三四五六七八九〇]?|)[Xx×＊*]{1,4}(?=年)/g;
/**
 * An editor's note in brackets, addressed to the writer: （此处填写单位名称）, （视情况增删）,
 * （根据属地实际调整）, （可选）, （注：…）.
 */
const EDITORS_NOTE = new RegExp(
  "[（(【\\[]" +
    "[^（）()【】\\[\\]\\n]{0,30}?" +
    "(?:此处|请?(?:填写|填入)|视(?:情况|实际)|酌情(?:增|删|调整|选用)|增删|增减|删减|可选|选填|按需(?:填写|选用|调整)|" +
    "自行(?:填写|调整|修改|替换)|(?:根据|结合)(?:属地|本地|本单位|各地|实际|需要)[^（）()【】\\[\\]\\n]{0,6}?(?:调整|修改|增删|增减|删减|选用|替换|填写|补充)|编者)" +
    "[^（）()【】\\[\\]\\n]{0,30}[）)】\\]]",
  "g",
);
/** A footnote or citation mark carried over from copied text: [1], ［2］, [3-5], ¹. */
const CITATION_MARK = /(?:\[|［)\d{1,3}(?:[-–,，]\d{1,3})*(?:\]|］)|(?<=[\p{Script=Han}，。；）”])[¹²³⁴⁵⁶⁷⁸⁹⁰]+/gu;
/** Instructions to the writer, or a download site's paywall line, left in the text. */
const INSTRUCTION = /请(?:在此|于此)?(?:填写|补充|插入|替换|输入)[^，。；\n]{0,12}|此处(?:填写|补充|插入|添加|替换|省略|隐藏)[^，。；\n]{0,12}|下载后查看|点击(?:查看|阅读)全文/g;

/** Unfilled blanks (XX/xx/××/**, X次, % without a number, 〔*〕, ____, 【待补】) and template leftovers: unfilled years, editor's notes, citation marks, instructions. */
export function checkPlaceholder(text: string, _ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  // Characters already inside a finding: a mask, so a text full of blanks costs linear time.
  const taken = new Uint8Array(text.length + 1);
  const add = (start: number, end: number, message: string) => {
    for (let i = start; i < end; i++) if (taken[i]) return;
    taken.fill(1, start, end);
    out.push(finding(text, "placeholder", "error", start, end, message));
  };

  // Lines of a web page the text was copied from (ads, site marks, paywall prompts): the same test
  // ingest uses to clean a downloaded report.
  for (const line of lineSpans(text)) {
    const kind = classifyLine(line.text.trim());
    if (kind === "ad" || kind === "paywall" || kind === "chrome") add(line.start, line.end, `网页残留“${line.text.trim().slice(0, 20)}”（${kind === "paywall" ? "付费或登录提示" : kind === "ad" ? "广告或网站标记" : "网页栏目文字"}）未删除`);
  }
  // Leftovers first: each is one finding, not a bracket and an X inside it.
  for (const m of text.matchAll(UNFILLED_YEAR)) {
    if (/[A-Za-z]/.test(text[m.index - 1] ?? "")) continue;
    // XX年 after 超/近/满/达… is a length of time left blank, not a year.
    const duration = !/[0-9〇一二]/.test(m[0][0]) && /[超近满达逾约共计连续已历]$/.test(text.slice(Math.max(0, m.index - 2), m.index));
    add(m.index, m.index + m[0].length + 1, duration ? `数字未填写：“${m[0]}年”` : `年份未填写：“${m[0]}年”`);
  }
  for (const m of text.matchAll(EDITORS_NOTE)) add(m.index, m.index + m[0].length, `模板中的编写说明“${m[0]}”未删除`);
  for (const m of text.matchAll(CITATION_MARK)) add(m.index, m.index + m[0].length, `疑似从他处复制带入的注释或引文标记“${m[0]}”`);
  for (const m of text.matchAll(INSTRUCTION)) add(m.index, m.index + m[0].length, `写作提示“${m[0]}”未删除`);

  // Bracketed blanks first, so 〔*〕 is one finding rather than a bracket and a star.
  for (const m of text.matchAll(/[【\[［〔（(]\s*(?:待[补填定核确查][^】\]］〕）)\n]{0,6}|[*＊Xx×_＿\s]*)\s*[】\]］〕）)]/g)) {
    if (/^[（(]\s*[）)]$/.test(m[0]) && m[0].length === 2) {
      add(m.index, m.index + m[0].length, "空括号，内容待补");
    } else {
      add(m.index, m.index + m[0].length, `占位符“${m[0]}”未替换`);
    }
  }
  for (const m of text.matchAll(/待补充|待填写/g)) add(m.index, m.index + m[0].length, `占位文字“${m[0]}”未替换`);
  for (const m of text.matchAll(/[_＿]{2,}/g)) add(m.index, m.index + m[0].length, "下划线空白待填写");

  // Runs of X/x/×/* (two or more), possibly with a trailing % ("**%"), never inside a Latin word.
  for (const m of text.matchAll(/[Xx×＊*]{2,}[％%]?/g)) {
    const prev = text[m.index - 1];
    const next = text[m.index + m[0].length];
    if (/[A-Za-z]/.test(prev ?? "") || /[A-Za-z]/.test(next ?? "")) continue;
    add(m.index, m.index + m[0].length, `占位符“${m[0]}”未替换`);
  }
  // A single X/x/×/* used as a blank: next to Chinese text or a measure word, not a Latin letter or a product (3×4).
  for (const m of text.matchAll(/[Xx×＊*][％%]?/g)) {
    const prev = text[m.index - 1];
    const next = text[m.index + m[0].length];
    if (/[A-Za-z0-9]/.test(prev ?? "") || /[A-Za-z0-9]/.test(next ?? "")) continue;
    const ch = m[0][0];
    const blank = ch === "X" || ch === "x" || ch === "×"
      ? (next !== undefined && MEASURE.includes(next)) || (isHan(prev) && isHan(next)) || (isHan(next) && (prev === undefined || /[\s，。、；：“（]/.test(prev)))
      : next !== undefined && (MEASURE.includes(next) || PLACE_AFTER.includes(next));
    if (blank || m[0].length === 2) add(m.index, m.index + m[0].length, `占位符“${m[0]}”未替换`);
  }
  // A percent sign with no number in front of it ("达到％").
  for (const m of text.matchAll(/[％%]/g)) {
    const prev = text[m.index - 1] ?? "";
    if (/[0-9０-９.．Xx×*＊零〇一二三四五六七八九十百千万]/.test(prev)) continue;
    add(m.index, m.index + 1, "百分号前缺少数字");
  }
  return out.sort((a, b) => a.start - b.start);
}
