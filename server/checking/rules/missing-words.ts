import type { Finding } from "../types.ts";
import { cut, dictEntry } from "../../text/segment.ts";
import { checkMissingHead } from "./missing-head.ts";
import { finding } from "./types.ts";

/**
 * Fixed frames of official prose that a word is missing from (语病: 成分残缺), one condition each
 * (docs/function-words.md, "Missing words"). Each frame is a construction, not a phrase list: its
 * parts are matched by kind, and the word it needs is named.
 *
 * - 以来 after a point in time: 来 alone follows a stretch of time (近年来, 三年来, 多年来); after a
 *   point (今年, 去年, 2020年, 上半年) the frame is “……以来”.
 * - 现将……如下: the sentence that announces what follows takes 将 (or 把, 就, 对) before its object
 *   (现将全年工作总结如下); 现工作总结如下 has lost it.
 * - 与……相比: a comparison opened by 与 (与上年同期, 与去年) needs 相比 (or 比较) before the change it
 *   states; 同比 says it in one word. (持平 takes 与 directly: 与上年持平.)
 */
export function checkMissingWords(paragraph: string): Finding[] {
  const out: Finding[] = [];
  // A point in time: 今年, 去年, 前年, a four-digit year, a half-year, the start of a year. Not 近年, 多年, 三年 (stretches).
  for (const m of paragraph.matchAll(/(?:今年|去年|前年|(?<![0-9])(?:19|20)[0-9]{2}年|上半年|下半年|年初)来(?=[，,、\p{Script=Han}])/gu)) {
    // 以来 already, or 来 that begins a word of its own (去年来访, 今年来源)
    if (/^(?:访|源|信|电|函|自|往|宾|人|料|稿|华|京|说)/.test(paragraph.slice(m.index + m[0].length, m.index + m[0].length + 1))) continue;
    const at = m.index + m[0].length - 1;
    out.push(finding(paragraph, "grammar", "warning", at, at + 1, `成分残缺：“${m[0]}”应为“${m[0].slice(0, -1)}以来”（时间点之后用“以来”）`, "以来"));
  }
  // 现……如下 announcing the report without 将/把/就/对 before its object.
  for (const m of paragraph.matchAll(/现(?![将把就对在已有])([^，。；：！？\n]{1,12}?)(总结|汇报|报告|安排|通报)如下/g)) {
    if (/[将把就对]/.test(m[1])) continue;
    out.push(finding(paragraph, "grammar", "warning", m.index, m.index + 1, `成分残缺：“现${m[1]}${m[2]}如下”缺少介词，应为“现将${m[1]}${m[2]}如下”`, "现将"));
  }
  // 与 + a period compared with, then the change with no 相比/比较 (与上年同期上升200%).
  for (const m of paragraph.matchAll(/与(上年同期|去年同期|上年|去年|同期)(上升|下降|增长|增加|减少)/g)) {
    const at = m.index + 1 + m[1].length;
    out.push(finding(paragraph, "grammar", "warning", m.index, at, `成分残缺：“与${m[1]}”后缺少“相比”，应为“与${m[1]}相比${m[2]}”或“同比${m[2]}”`, `与${m[1]}相比`));
  }
  out.push(...checkMissingHead(paragraph), ...purposeAlone(paragraph), ...purposeAtEnd(paragraph));
  return out;
}

/** Verbs that state a goal: a clause opening with one of them (after an adverb) still belongs to the purpose. */
const GOAL = "(?:提高|提升|维护|推动|促进|确保|保障|增强|加强|加快|实现|推进|营造|形成|深化|巩固|筑牢|保持|防范|化解|满足|服务|助力)";
const GOAL_ADVERB = "(?:进一步|不断|切实|全面|有效|持续|努力|更好|更加|着力|大力|坚决|积极|真正|全力)?";
/** What a purpose phrase opens with after 为/为了: a verb or an adverb (not 为民, 为主, 为此: no purpose phrase). */
const PURPOSE_START = "(?:进一步|认真|深入|切实|全面|有效|更好|加快|推动|推进|贯彻|落实|提高|提升|加强|维护|确保|促进|保障|做好|抓好|扎实|积极|巩固|深化|强化|营造|打造|构建|预防|防范|化解|全力|不断|持续|着力|坚决|助力|服务|满足|实现|增强)";
/** A short subject before 为 (县司法局为…): a body's name or 我们/我局. */
const PURPOSE_SUBJECT = "(?:[^。！？，\\n]{0,8}?(?:局|所|委|院|镇|乡|县|市|区|街道|中心|办|部|组|队|村|社区|我们))?";
const PURPOSE_SENTENCE = new RegExp(`(?<=^|[。！？])${PURPOSE_SUBJECT}为了?${PURPOSE_START}[^。！？]*?，${GOAL_ADVERB}${GOAL}[^。！？；]*。`, "gu");
const GOAL_CLAUSE = new RegExp(`^${GOAL_ADVERB}${GOAL}`);

/**
 * A purpose adverbial standing alone as a sentence (成分残缺: 为推动调解工作有序开展，维护辖区稳定。针对……):
 * a sentence that opens with 为/为了 and a verb, whose every later clause opens with a verb of a goal
 * (提高, 维护, 不断提升 …), has stated only what it is for; the main clause (who did what) is missing. The
 * usual slip is a full stop where a comma joins it to the next sentence. None of the 2,015,043 characters of
 * official prose has such a sentence.
 */
function purposeAlone(paragraph: string): Finding[] {
  const out: Finding[] = [];
  for (const m of paragraph.matchAll(PURPOSE_SENTENCE)) {
    const clauses = m[0].slice(0, -1).split("，");
    if (clauses.length > 4 || !clauses.slice(1).every((c) => GOAL_CLAUSE.test(c))) continue;
    const stop = m.index + m[0].length - 1;
    const more = /\p{Script=Han}/u.test(paragraph.slice(stop + 1, stop + 3));
    out.push(finding(paragraph, "grammar", "warning", stop, stop + 1,
      "成分残缺：以“为……”开头的目的状语后没有主干（谁做了什么），句号应改为逗号与后句连成一句，或补出主干", more ? "，" : undefined));
  }
  return out;
}

/** Verbs that close a 为-phrase as its predicate (为…作出贡献, 为…而奋斗, 为…服务, 为…提供…). */
const CLOSES_PURPOSE = /而|服务|作出|做出|贡献|奋斗|努力|创造|提供/;

/**
 * A sentence that ends on a purpose phrase (成分残缺: ……充分发挥自身优势，为解决群众纠纷。): its last clause is
 * 为/为了 + a verb and its object, and nothing after the object is a predicate (no verb, idiom or adverb, no
 * 作出贡献/服务/而奋斗), so what is done for that purpose is missing (为解决群众纠纷出力). The clause follows a
 * comma or semicolon and holds no figure (……支出若干元，为预算数的114%: 为 is "is"). In the 2,015,043
 * characters of official prose: none (a verb run into a noun, 发挥作用, reads as a predicate through the adverb
 * before it).
 */
function purposeAtEnd(paragraph: string): Finding[] {
  const out: Finding[] = [];
  for (const m of paragraph.matchAll(/[，；](为了?)([^，。；：！？“”\n]{2,30})[。！]/g)) {
    const body = m[2];
    if (/[0-9０-９%％]/.test(body) || CLOSES_PURPOSE.test(body)) continue;
    const ws = cut(body);
    const tags = ws.map((w) => dictEntry(w)?.tag ?? "x");
    if (tags[0] !== "v" || ws[0].length < 2) continue;
    let predicate = false;
    for (let i = 1; i < ws.length && !predicate; i++) {
      const t = tags[i];
      // A verb, idiom or adverb after the object opens the main predicate; a verbal noun right after the verb is its object.
      if (/^(?:v|vd|vi|i|l|d|ad)$/.test(t) || (ws[i].length === 1 && /^v/.test(t)) || (t === "vn" && i > 1)) predicate = true;
    }
    if (predicate) continue;
    const start = m.index + 1;
    out.push(finding(paragraph, "grammar", "warning", start, start + m[1].length + body.length,
      `成分残缺：“${m[1]}${body}”只说了目的，句末缺少谓语（为……做什么，如“……出力”“……提供保障”）`));
  }
  return out;
}
