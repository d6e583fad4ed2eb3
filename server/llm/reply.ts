/**
 * What a chat model says around its answer, removed before the answer is used. Chat models, and small
 * reasoning distillations whose thought escaped its tags, announce the answer (“好的，以下是润色后的文本：”),
 * think aloud before it (“嗯，用户让我……首先……”), explain it after (“说明：1. 将……改为……”), offer more
 * help (“如需进一步修改，请告诉我”), quote the source under a label before a labelled answer (原文：… 润色后：…),
 * say the whole answer twice, draw Markdown rules (---) between answer and notes, or review it (“以上润色保留了原文的全部数字和事实”), fence it in ``` or wrap it in quotation marks, and mark it up in
 * Markdown (bold, headings, bullets) that a 公文 never carries. Left in, that talk
 * becomes part of the draft, and the claim guard then (rightly) refuses a faithful rewrite for the
 * words it adds. One home for drafting and rewriting.
 *
 * A line is talk only by its shape: it speaks to or of the asker (您、用户、让我、我来、我需要), or it
 * announces the answer (以下/下面/如下 … 润色/改写/正文/结果/版本 …：), or it opens an explanation block
 * after the answer (说明：、修改说明：、注：). A line that the source text itself contains is never
 * talk (a writer's own “主要做法如下：” stays), and nothing is removed when nothing would be left.
 */

/** The asker or the model itself spoken of: never in a 公文 (我县、我委、我们 are not matched). */
const META = /(用户(?:让|要求|希望|想|需要|给出|提供|的要求|的意思)|您|让我(?!们)|我来|我先|我需要|我应该|我得|我理解|我注意到|首先，?我(?![们国省市县区委镇乡局院所])|好的，?我(?![们国省市县区委镇乡局院所]))/;
/** An opening courtesy. */
const COURTESY = /^(好的|好嘞|当然可以|没问题|明白了?|收到|嗯+|OK|ok|Sure)[，,！!。.~～\s]/;
/** An announcement of the answer: a short line ending in a colon that names the answer. */
const ANNOUNCE = /^[^。\n]{0,30}(润色|改写|修改|扩写|缩写|条理化|优化|调整|整理|正文|全文|结果|版本|文本|初稿|稿件|本节|段落)[^。\n]{0,16}[：:]$/;
const ANNOUNCE_WORD = /(以下|下面|如下|这是|后的|后|结果|版本|正文|全文)/;
/** The first line of an explanation block after the answer. */
const EXPLAIN = /^[（(]?(说明|修改说明|改写说明|润色说明|修改要点|主要修改|改动说明|改动|修改之处|调整说明|注|备注|附注|提示)[）)]?[：:]/;
/** What an explanation block speaks of: the edit itself. */
const EDIT_TALK = /(原文|改为|改成|修改|润色|改写|替换|保留了|删去|删除了|书面语|口语|表述为|措辞)/;
/** A closing offer of more help. */
const OFFER = /^(以上|希望|如需|如有|如果您|若需|若有|请注意|如果需要|需要的话)[^\n]{0,60}(您|帮助|告诉我|满意|随时)/;
/** A closing word on the edit itself (以上润色保留了原文的全部数字): it names the edit and speaks of what it kept. */
const CLOSING_REVIEW = /^[（(]?(以上|上述|此次|本次|这一?版|该版)[^\n。]{0,4}(润色|改写|修改|扩写|缩写|调整|改动|版本|文本|内容)/;
const REVIEW_TALK = /(原文|原意|原稿|数字|数据|事实|口语|书面语|措辞|表述)/;
const REVIEW_VERB = /(保持|保留|未作?改动|未改变|没有改变|不变|均未|仅调整|调整了|改为|改成|替换|删去|删除)/;

/** Stars that stand for a blank: before a measure word or after a place level, or three and more. */
const TEMPLATE_STARS = /\*+[名个件起人年月日%％级项次万元户家岁科类]|[省市县区镇乡村]\*+|\*{3,}|[\d]\*|\*[\d]/;

/** A Markdown rule (---, ***, ___) or a row of dashes or equals signs: a separator, never a 公文's text. */
const RULE = /^([-*_=—～~])(\s*\1){2,}$/;
/** A label naming the source (原文：…) that opens a line quoting it before the answer. */
const SOURCE_LABEL = /^[*#\s]*[【\[]?(原文|原稿|原句|原段落?|修改前|润色前|改写前)[】\]]?[*\s]*[：:]\s*/;
/** A label naming the answer (润色后：…) that opens the line carrying it. */
const ANSWER_LABEL = /^[*#\s]*[【\[]?(润色|改写|修改|扩写|缩写|优化|调整|条理化)(后的?|结果|版本?|稿)(文本|文字|内容|正文|段落|版本)?[】\]]?[*\s]*[：:][*\s]*/;

const norm = (s: string) => s.replace(/\s+/g, "");

/** How often the source holds the line (spaces ignored). */
function countIn(source: string, line: string): number {
  const hay = norm(source);
  const k = norm(line);
  let n = 0;
  for (let i = hay.indexOf(k); i >= 0 && k; i = hay.indexOf(k, i + k.length)) n++;
  return n;
}

/** True when `line` is talk and not answer (see the file's comment); `source` lines are never talk. */
function isLeadTalk(line: string, inSource: (l: string) => boolean): boolean {
  if (!line || inSource(line)) return false;
  if (COURTESY.test(line) || META.test(line)) return true;
  return ANNOUNCE.test(line) && ANNOUNCE_WORD.test(line);
}

/**
 * The answer alone. `source` is the text the model worked from (a rewrite's original, a section's facts and
 * heading): its own lines are kept whatever their shape.
 */
export function answerOnly(reply: string, source = ""): string {
  const own = new Set(source.split(/\n+/).map(norm).filter(Boolean));
  const inSource = (l: string) => own.has(norm(l)) || (norm(l).length >= 6 && norm(source).includes(norm(l)));
  let lines = reply
    .replace(/\r/g, "")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => !/^```[\w-]*$/.test(l))
    .map((l) => (RULE.test(l) && !inSource(l) ? "" : l));
  // The source quoted under its label before a labelled answer (原文：…\n润色后：…): the source line goes,
  // the answer's label goes, its text stays.
  const answerAt = lines.findIndex((l) => ANSWER_LABEL.test(l) && !inSource(l));
  if (answerAt >= 0) {
    lines = lines.map((l, i) => (i < answerAt && SOURCE_LABEL.test(l) && !inSource(l) ? "" : l));
    lines[answerAt] = lines[answerAt].replace(ANSWER_LABEL, "");
  }
  // Talk before the answer: courtesy, thinking aloud, up to and including the announcement. When an
  // announcement stands further down, everything before it is talk only if that part speaks of the asker.
  let start = 0;
  while (start < lines.length && (!lines[start] || isLeadTalk(lines[start], inSource))) start++;
  const announce = lines.findIndex((l, i) => i >= start && i < lines.length - 1 && ANNOUNCE.test(l) && ANNOUNCE_WORD.test(l) && !inSource(l));
  if (announce >= 0 && lines.slice(start, announce).some((l) => META.test(l) && !inSource(l))) start = announce + 1;
  // Talk after it: an explanation block, a closing offer.
  let end = lines.length;
  for (let i = start; i < lines.length; i++) {
    if (i > start && lines[i] && !inSource(lines[i]) && EXPLAIN.test(lines[i]) && EDIT_TALK.test(lines.slice(i, i + 4).join(""))) {
      end = i;
      break;
    }
  }
  const closing = (l: string) => OFFER.test(l) || (CLOSING_REVIEW.test(l) && REVIEW_TALK.test(l) && REVIEW_VERB.test(l));
  while (end > start && (!lines[end - 1] || (closing(lines[end - 1]) && !inSource(lines[end - 1])))) end--;
  lines = lines.slice(start, end);
  // Markdown a 公文 never carries (bold, headings' hashes, bullets), unless the source itself has it.
  // Bold only as a pair, and never on a template's line: its ** stand for blanks (**名, **市, ***), which
  // the checker must still see as placeholders.
  if (!source.includes("*")) lines = lines.map((l) => (TEMPLATE_STARS.test(l) ? l : l.replace(/\*\*([^*\n]{1,80}?)\*\*/g, "$1")));
  if (!/^\s*#{1,6}\s/m.test(source)) lines = lines.map((l) => l.replace(/^#{1,6}\s*/, ""));
  if (!/^\s*[-*•]\s/m.test(source)) lines = lines.map((l) => l.replace(/^[-*•]\s+/, ""));
  // A paragraph said twice (the whole answer repeated): a 公文 never repeats one word for word, unless the source does.
  const seen = new Set<string>();
  lines = lines.filter((l) => {
    const k = norm(l);
    if (k.length < 6 || !seen.has(k) || countIn(source, l) > 1) return seen.add(k), true;
    return false;
  });
  let out = lines.join("\n").replace(/\n{3,}/g, "\n\n").trim();
  // The whole answer in one pair of quotation marks.
  const quoted = /^[“"「『]([^“”"「」『』]*)[”"」』]$/s.exec(out);
  if (quoted && !(source.trim().startsWith(out[0]) && source.trim().endsWith(out[out.length - 1]))) out = quoted[1].trim();
  return out || reply.trim();
}
