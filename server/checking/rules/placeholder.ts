import type { Finding } from "../types.ts";
import { classifyLine } from "../../corpus/clean.ts";
import { isHan } from "../../text/chars.ts";
import { hasWord } from "../../text/segment.ts";
import { lineSpans } from "../../text/sentences.ts";
import { emptySlots, isNumeralChar } from "./placeholder-slots.ts";
import { finding, type RuleContext } from "./types.ts";

// Measure words and date parts that turn a lone X/*/× into a blank ("X次", "*个科室", "X月").
const MEASURE = "次个件人家名月日年场项起处条元户所期批座路辆类篇份期轮届余多万亿杆块面幅台套册张本支栋间";

// Place words after a lone * that make it a blank for a name (*县委政法委, *镇, *河, *路).
const PLACE_AFTER = "省市区县镇乡村街河江湖山路";
/** Marks that stand for a figure or name still to be filled in where a template uses them (☆个部门, ★项): never a word's part. */
const SYMBOL_BLANK = /[☆★△▲◇◆◎]+/g;

/*
 * Template leftovers: a writer who starts from a 范文 or a template leaves behind what was never meant
 * to be printed. Each pattern names a thing nobody writes on purpose in a finished report.
 */
/** An unfilled year: 20XX年, 202X年, 二〇XX年, XXXX年. */
const UNFILLED_YEAR = /(?:(?:19|20)[0-9]?|[一二]〇[一二三四五六七八九〇]?|)[Xx×＊*_＿]{1,4}(?=年)/g;
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
  // ingest uses to clean a downloaded report. One finding per block of such lines, not one per line.
  for (const b of webBlocks(text)) {
    if (b.edge) {
      out.push(finding(text, "placeholder", "info", b.start, b.end, b.message));
      taken.fill(1, b.start, b.end);
    } else add(b.start, b.end, b.message);
  }
  // Leftovers first: each is one finding, not a bracket and an X inside it.
  for (const m of text.matchAll(UNFILLED_YEAR)) {
    if (/[A-Za-z]/.test(text[m.index - 1] ?? "")) continue;
    // XX年 after 超/近/满/达… is a length of time left blank, not a year.
    const duration = !/[0-9〇一二]/.test(m[0][0]) && /[超近满达逾约共计连续已历]$/.test(text.slice(Math.max(0, m.index - 2), m.index));
    add(m.index, m.index + m[0].length + 1, duration ? `数字未填写：“${m[0]}年”` : `年份未填写：“${m[0]}年”`);
  }
  for (const m of text.matchAll(EDITORS_NOTE)) add(m.index, m.index + m[0].length, `模板中的编写说明“${m[0]}”未删除`);
  const ownNotes = notesDefined(text);
  for (const m of text.matchAll(CITATION_MARK)) {
    if (ownNotes.has(noteNumber(m[0]))) continue;
    add(m.index, m.index + m[0].length, `疑似从他处复制带入的注释或引文标记“${m[0]}”`);
  }
  for (const f of unfilledDates(text)) add(f.start, f.end, f.message);
  for (const f of figureBlanks(text)) add(f.start, f.end, f.message);
  for (const f of nameBlanks(text)) add(f.start, f.end, f.message);
  for (const f of strippedUnitNames(text)) {
    if (!taken[f.start]) out.push(finding(text, "placeholder", "warning", f.start, f.end, f.message));
  }
  // A figure left out with nothing in its place (增加到个, 与个行政村): judged by a statistic, so a warning.
  for (const f of emptySlots(text)) {
    if (!taken[f.start]) out.push(finding(text, "placeholder", "warning", f.start, f.end, f.message));
  }
  for (const m of text.matchAll(INSTRUCTION)) add(m.index, m.index + m[0].length, `写作提示“${m[0]}”未删除`);

  // Bracketed blanks first, so 〔*〕 is one finding rather than a bracket and a star.
  for (const m of text.matchAll(/[【\[［〔（(]\s*(?:待[补填定核确查][^】\]］〕）)\n]{0,6}|[*＊Xx×_＿\s]*)\s*[】\]］〕）)]/g)) {
    if (/^[（(]\s*[）)]$/.test(m[0]) && m[0].length === 2) {
      add(m.index, m.index + m[0].length, "空括号，内容待补");
    } else {
      add(m.index, m.index + m[0].length, `占位符“${m[0]}”未替换`);
    }
  }
  // Empty quotes (国庆、“”期间): the name that belonged inside was left out. None in the official prose.
  for (const m of text.matchAll(/“[ \u3000]*”/g)) add(m.index, m.index + m[0].length, "引号内的内容未填写");
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
    // A star between a Chinese character and a count (推选*4个, *3个工作站) marks a figure left unconfirmed.
    const starredCount = m[0] === "*" || m[0] === "＊" ? isHan(prev) && /^[0-9]{1,4}[\p{Script=Han}]/u.test(text.slice(m.index + 1, m.index + 6)) && MEASURE.includes(text.slice(m.index + 1).replace(/^[0-9]+/, "")[0] ?? "") : false;
    if (starredCount) {
      add(m.index, m.index + 1, `占位符“${m[0]}”未替换`);
      continue;
    }
    if (/[A-Za-z0-9]/.test(prev ?? "") || /[A-Za-z0-9]/.test(next ?? "")) continue;
    const ch = m[0][0];
    // A Latin X closing a word before a mark (平安X”, 保持于x，) is a blank too; not ×, which names campaigns (数据要素×).
    const latinAtEnd = (ch === "X" || ch === "x") && isHan(prev) && next !== undefined && /[”’，。；、：）]/.test(next);
    const blank = ch === "X" || ch === "x" || ch === "×"
      ? (next !== undefined && MEASURE.includes(next)) || (isHan(prev) && isHan(next)) || (isHan(next) && (prev === undefined || /[\s，。、；：“（]/.test(prev))) || latinAtEnd
      : next !== undefined && (MEASURE.includes(next) || PLACE_AFTER.includes(next));
    if (blank || m[0].length === 2) add(m.index, m.index + m[0].length, `占位符“${m[0]}”未替换`);
  }
  // Symbols standing for a figure or a name (列出☆个部门, ★项): before a measure word or a place word, or
  // between two Chinese characters; at a line's start they are bullets.
  for (const m of text.matchAll(SYMBOL_BLANK)) {
    const prev = text[m.index - 1];
    const next = text[m.index + m[0].length];
    if (prev === undefined || /\s/.test(prev)) continue;
    if (next !== undefined && (MEASURE.includes(next) || PLACE_AFTER.includes(next) || (isHan(prev) && isHan(next)))) add(m.index, m.index + m[0].length, `占位符“${m[0]}”未替换`);
  }
  // Runs of other blank marks: □□, ○○ (not the 〇/○ of a Chinese numeral such as 二○○八), 　＿.
  for (const m of text.matchAll(/□+|[○〇◯]{2,}/g)) {
    const prev = text[m.index - 1] ?? "";
    const next = text[m.index + m[0].length] ?? "";
    if (m[0][0] !== "□" && (/[零一二三四五六七八九十]/.test(prev) || /[零一二三四五六七八九十年]/.test(next))) continue;
    // A single □ at the start of a line is a bullet, not a blank.
    if (m[0] === "□" && (prev === "" || prev === "\n" || /[\s\u3000]/.test(prev))) continue;
    add(m.index, m.index + m[0].length, `占位符“${m[0]}”未替换`);
  }
  // A percent sign with no number in front of it ("达到％"); spaces between the figure and the sign
  // (1 1 ％, an extraction artefact) do not part them, and a bracketed or labelled unit is no blank:
  // 完成率（%）, 单位：%.
  for (const m of text.matchAll(/[％%]/g)) {
    let p = m.index - 1;
    while (p >= 0 && (text[p] === " " || text[p] === "\u3000")) p--;
    const prev = text[p] ?? "";
    if (/[0-9０-９.．Xx×*＊零〇一二三四五六七八九十百千万]/.test(prev)) continue;
    const unit = /[（(]\s*$/.test(text.slice(Math.max(0, m.index - 3), m.index)) && /^\s*[）)]/.test(text.slice(m.index + 1, m.index + 3));
    if (unit || /单位[:：]\s*$/.test(text.slice(Math.max(0, m.index - 4), m.index))) continue;
    add(m.index, m.index + 1, "百分号前缺少数字");
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Blocks of web-page lines (site chrome, ads, paywall prompts) with the short lines between them
 * (全屏, 加大, 还原 of a toolbar): one finding per block. A sentence of the report that happens to hold an
 * ad word (免费赠送法律咨询) is no ad: on a line that reads as a sentence, only a contact or sharing
 * marker makes one.
 */
const AD_CONTACT = /微\s*信|公众号|[Qq]{2}|群号|加群|二维码|扫码|关注|侵权|转载|下载|vx|VX|wx|WX|会员/;
function webBlocks(text: string): Array<{ start: number; end: number; message: string; edge: boolean }> {
  const blocks: Array<{ start: number; end: number; lines: string[]; kinds: Set<string> }> = [];
  let gap = 0;
  const lines = lineSpans(text);
  for (const [k, line] of lines.entries()) {
    const t = line.text.trim();
    let kind = classifyLine(t);
    const sentence = t.length >= 12 && (/[。！？；]$/.test(t) || t.includes("，"));
    if (kind === "ad" && (sentence || midSentence(lines, k)) && !AD_CONTACT.test(t)) kind = null;
    const open = blocks[blocks.length - 1];
    if (kind === "ad" || kind === "paywall" || kind === "chrome") {
      if (open && gap <= 3 && open.end >= 0) {
        open.end = line.end;
        open.lines.push(t);
        open.kinds.add(kind);
      } else blocks.push({ start: line.start, end: line.end, lines: [t], kinds: new Set([kind]) });
      gap = 0;
    } else if (t === "" || (t.length <= 6 && !/[。；，]/.test(t))) {
      gap++;
    } else {
      gap = 99;
    }
  }
  // A block before the report's first sentence or after its last is the frame of the page the text was
  // copied with (a toolbar, a share line): shown as a note. Inside the report, a leftover is an error.
  const prose = lines.filter((l) => { const t = l.text.trim(); return t.length >= 30 || /[。！？]$/.test(t); });
  const firstProse = prose.length ? prose[0].start : Infinity;
  const lastProse = prose.length ? prose[prose.length - 1].start : -1;
  return blocks.map((b) => {
    const what = b.kinds.has("paywall") ? "付费或登录提示" : b.kinds.has("ad") ? "广告或网站标记" : "网页栏目文字";
    const sample = b.lines.slice(0, 3).map((l) => l.slice(0, 12)).join("、");
    const message = b.lines.length > 1 ? `网页残留（${b.lines.length}行：“${sample}”等，${what}）未删除` : `网页残留“${b.lines[0].slice(0, 20)}”（${what}）未删除`;
    return { start: b.start, end: b.end, message, edge: b.end < firstProse || b.start > lastProse };
  });
}

/**
 * A line that goes on a sentence: the line after it opens with a mark that only continues one (。，、；：）”).
 * A web page set a link inside a sentence on a line of its own (…应使用⏎版权失效模板⏎。): its words
 * are part of that sentence, whatever they say; a block of ads never runs on into a stop.
 */
function midSentence(lines: Array<{ text: string }>, k: number): boolean {
  for (let j = k + 1; j < lines.length && j <= k + 2; j++) {
    const t = lines[j].text.trim();
    if (t !== "") return /^[。，、；：）”]/.test(t);
  }
  return false;
}

const noteNumber = (mark: string) => Number(/\d+/.exec(mark.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)))?.[0] ?? NaN);
/**
 * Note numbers the document defines itself: a line opening with ［n］ / [n] (a notes section at the
 * end, as published reports carry). Their marks in the text are the document's own footnotes.
 */
function notesDefined(text: string): Set<number> {
  const out = new Set<number>();
  for (const m of text.matchAll(/(?:^|\n)[ \t\u3000]*(?:\[|［)(\d{1,3})(?:\]|］)/g)) out.add(Number(m[1]));
  return out;
}

/** A date left blank: 年　月　日 with nothing (or underscores) in front of 月 and 日, as a template's 落款 has it. */
function unfilledDates(text: string): Array<{ start: number; end: number; message: string }> {
  const out: Array<{ start: number; end: number; message: string }> = [];
  for (const m of text.matchAll(/(?:(?:19|20)\d{2}|[ \u3000_＿]+)年[ \u3000_＿]+月[ \u3000_＿]+日/g)) {
    const lead = /^[ \u3000]*/.exec(m[0])![0].length;
    out.push({ start: m.index + lead, end: m.index + m[0].length, message: `日期未填写：“${m[0].trim()}”` });
  }
  return out;
}

/**
 * A figure taken out and nothing put in its place, where the words left make that certain:
 * - 余 standing for an approximation with no figure before it (解答咨询余人次): 余 after a figure is “more
 *   than”, and a word that ends in 余 (其余, 剩余, 业余, 之余) is no approximation; a figure or blank in the four
 *   characters before makes it a slip in that figure (xx余余条), not an empty slot;
 * - a month and a day with no figures (今年月日——月日, 于月日召开): 月日 after no numeral, before a dash, a
 *   range word, a verb of meeting or a mark (出生年月日 in a form is a field's name, not a blank);
 * - a measure word doubled after the noun that ends in it, before a mark or a comparison (办理案件件，): the
 *   figure between the noun and its measure was taken out (件件 after 案件 before 有/都/落实 is “each”).
 */
function figureBlanks(text: string): Array<{ start: number; end: number; message: string }> {
  const out: Array<{ start: number; end: number; message: string }> = [];
  // A figure or a blank before it: the slot is filled (the figure characters of the slot rule, and X/* blanks).
  const numeral = { test: (ch: string) => isNumeralChar(ch) || /[Xx×＊*]/.test(ch) };
  for (const m of text.matchAll(/余(?=人次|人|件|个|次|份|元|户|名|起|场|家|条|项|篇|册|本|张|处)/g)) {
    const prev = text[m.index - 1];
    if (!isHan(prev) || numeral.test(prev) || hasWord(prev + "余")) continue;
    // A figure or a blank just before (xx余余条, 300余人余人次) makes it a slip of that figure's, not an empty slot.
    if (/[0-9０-９Xx×＊*余]/.test(text.slice(Math.max(0, m.index - 4), m.index))) continue;
    out.push({ start: m.index, end: m.index + 1, message: "数字未填写：“余”前缺少数字" });
  }
  for (const m of text.matchAll(/月日/g)) {
    const prev = text[m.index - 1];
    const next = text[m.index + 2];
    if (prev !== undefined && (numeral.test(prev) || (prev === "年" && /[生岁号]/.test(text[m.index - 2] ?? "")))) continue;
    const range = prev !== undefined && /[—\-－~～至到]/.test(prev);
    if (!range && !(next !== undefined && /[—\-－~～至到，、。；召开起止前后以]/.test(next))) continue;
    out.push({ start: m.index, end: m.index + 2, message: "日期未填写：“月日”前缺少数字" });
  }
  for (const m of text.matchAll(/(?<=\p{Script=Han})([件个次名起])\1(?=[，、。；：比同较])/gu)) {
    if (!hasWord(text[m.index - 1] + m[1])) continue;
    out.push({ start: m.index + 1, end: m.index + 2, message: `数字未填写：“${text[m.index - 1]}${m[1]}”与量词“${m[1]}”之间缺少数字` });
  }
  return out;
}

/**
 * 某某 standing for the writer's own unit or name where a real one belongs: in the title line and in
 * the signature (the last short lines). Elsewhere 某某 is the anonymisation 政法 texts use for parties
 * (当事人王某某, 某某村) and is left alone; so is a single 某 (某区委政法委 in a sample).
 */
function nameBlanks(text: string): Array<{ start: number; end: number; message: string }> {
  const lines = lineSpans(text).filter((l) => l.text.trim() !== "");
  if (lines.length === 0) return [];
  const places = [lines[0], ...lines.slice(1).slice(-3).filter((l) => l.text.trim().length <= 30 && !/[。；]$/.test(l.text.trim()))];
  const out: Array<{ start: number; end: number; message: string }> = [];
  for (const l of new Set(places)) {
    for (const m of l.text.matchAll(/某{2,}/g)) {
      // after a surname (王某某) it is an anonymised person, also in a byline
      const after = l.text.slice(m.index + m[0].length);
      if (/\p{Script=Han}$/u.test(l.text.slice(0, m.index)) && (!/^\p{Script=Han}/u.test(after) || /^(?:同志|在|作|代表)/.test(after))) continue;
      // a role before it with a space (省长 某某) is a byline of a published text, anonymised
      if (/(?:长|主席|书记|主任|记者)[ \u3000]+$/.test(l.text.slice(0, m.index))) continue;
      out.push({ start: l.start + m.index, end: l.start + m.index + m[0].length, message: `单位或姓名未填写：“${m[0]}”` });
    }
  }
  return out;
}

/**
 * A unit's name taken out and its level left (对县2021年全县禁毒工作, 使县2013年…): 县, 市, 区, 镇 or 乡 alone
 * after a preposition, a causative verb or a line's start, right before a year. Either the name (某县) or
 * 全 (全县) is missing; the writer fills it in. Official prose: none.
 */
function strippedUnitNames(text: string): Array<{ start: number; end: number; message: string }> {
  const out: Array<{ start: number; end: number; message: string }> = [];
  for (const m of text.matchAll(/(?<=^|[\n对使在为把将从由据和与至到向让])[县市区镇乡](?=(?:19|20)[0-9]{2}年)/g)) {
    out.push({ start: m.index, end: m.index + 1, message: `“${m[0]}”前缺少名称（或应为“全${m[0]}”）` });
  }
  return out;
}
