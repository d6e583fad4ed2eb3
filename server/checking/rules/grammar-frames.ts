import type { Finding } from "../types.ts";
import { tag, wordStarts } from "../../text/segment.ts";
import { checkRedundancy } from "./redundancy.ts";
import { finding } from "./types.ts";

/**
 * Constructions whose own grammar shows a word too many (语病: 成分赘余, 搭配不当), one condition each
 * (docs/function-words.md, "Frames"). Each is a construction read from its parts, not a phrase list.
 *
 * - 分别 + a verb + a figure, then 、 + the same verb + a figure (同比分别下降17.5%、下降15.2%): 分别 already
 *   distributes the verb over the figures, so the second verb is redundant (分别下降17.5%、15.2%).
 * - Three nouns joined by two 与 (或 和, 及) with nothing but nouns between (A与B与C): a series takes the
 *   顿号 between its first items and the conjunction only before the last (A、B与C).
 */
export function checkGrammarFrames(paragraph: string): Finding[] {
  return [...distributedVerb(paragraph), ...doubledConjunction(paragraph), ...checkRedundancy(paragraph), ...doubleSubject(paragraph), ...verbAroundAdverbial(paragraph)];
}

/**
 * Verbs that official prose never writes twice in one clause (counted over its clauses cut at ，。；：！？: 发挥
 * 1,035 clauses, 开展 1,409, 落实 1,199, 完善 1,922, 实施 2,448 … and none with the verb twice, but 加强 once in
 * 该加强的加强). Against them, 提高 (11 of 2,901), 坚持 (9), 创新 (76) and 服务 (46) repeat in parallel objects.
 */
const NEVER_TWICE = "发挥|开展|加大|落实|深化|完善|健全|实施|强化|增强|构建|形成|打造|维护|贯彻|制定|加强";
/**
 * 句式杂糅 (为充分发挥法律援助工作在……方面发挥作用): the verb opens the clause with an object, and the same verb
 * comes again right after a 在……方面/中/上 adverbial that belongs to it: two constructions run together. None in
 * official prose. Reported on the second verb with its localiser.
 */
const VERB_AROUND = new RegExp(`(${NEVER_TWICE})[^，。；：！？\\n]{2,40}?在[^，。；：！？\\n]{1,40}?(方面|中|上|里)\\1`, "gu");

function verbAroundAdverbial(paragraph: string): Finding[] {
  const out: Finding[] = [];
  for (const m of paragraph.matchAll(VERB_AROUND)) {
    const end = m.index + m[0].length;
    const start = end - m[1].length - m[2].length;
    out.push(finding(paragraph, "grammar", "warning", start, end,
      `句式杂糅：“${m[1]}……在……${m[2]}${m[1]}”两种说法混在一起，删去其一（如“……${m[2]}的作用”或删去前一个“${m[1]}”）`));
  }
  return out;
}

/** A subject that opens a sentence: we, 我 + a level (我乡), 全 + a level, or a short name ending in a body. */
const SUBJECT = "(?:我们|我[省市县区乡镇局院所]|全[省市县区乡镇]|[^，。；！？、\\n“”]{1,8}?(?:县|乡|镇|市|区|局|委|院|所))";
/** A subject after the comma: the same kinds, a level's party committee or government (乡党委政府), or its people (全县干部群众). */
const SECOND_SUBJECT = "(?:我们|我[省市县区乡镇局院所]|全[省市县区乡镇](?:上下|广大干部群众|干部群众|人民)?|(?:[^，。；！？、\\n“”]{0,4}?[省市县区乡镇街])?(?:党委政府|党委|政府|党工委)|广大干部群众)";
const DOUBLE_SUBJECT = new RegExp(`(?<=^|[。！？])(?:(?:19|20)[0-9]{2}年(?:以来)?，)?(${SUBJECT})在[^。；！？\\n]{2,40}?(?:领导|指导|支持|关心|帮助)下，(${SECOND_SUBJECT})`, "gu");

/**
 * Two subjects around 在……下 (主语重复: 2018年，我乡在县委、县政府的正确领导下，乡党委政府团结……): the
 * sentence names who acts before the adverbial (我乡) and again after its comma (乡党委政府). Official prose
 * puts the subject on one side only (在党中央坚强领导下，全国各族人民……); the 2,015,043 characters of it hold
 * no sentence with both. The same holds for a subject before 作为…… taken up by a pronoun after the comma
 * (林某作为一名新任调解员，他……): none in official prose either.
 */
/** 某某作为一名调解员，他……: the subject before 作为 is taken up again by a pronoun after its comma. */
const SUBJECT_AS = /(?<=^|[。！？])([^，。；！？、\n“”]{1,16}?)作为([^，。；！？\n]{2,30})，(他们|她们|我们|他|她|它)/gu;

function doubleSubject(paragraph: string): Finding[] {
  const out: Finding[] = [];
  for (const m of paragraph.matchAll(SUBJECT_AS)) {
    const start = m.index + m[0].length - m[3].length;
    out.push(finding(paragraph, "grammar", "warning", start, start + m[3].length,
      `主语重复：“${m[1]}作为……”已有主语“${m[1]}”，逗号后的“${m[3]}”应删去`, ""));
  }
  for (const m of paragraph.matchAll(DOUBLE_SUBJECT)) {
    const start = m.index + m[0].length - m[2].length;
    out.push(finding(paragraph, "grammar", "warning", start, start + m[2].length,
      `主语重复：“在……下”之前已有主语“${m[1]}”，逗号后又出现主语“${m[2]}”，删去其一`));
  }
  return out;
}

const CHANGE = "增长|下降|上升|减少|增加|提高|降低|分别为|达到|占";
const FIGURE = "[0-9０-９][0-9０-９.．]*(?:%|％|个百分点|万|亿|倍|件|人|起|次|名|户|家|元|万元|亿元)?";

function distributedVerb(paragraph: string): Finding[] {
  const out: Finding[] = [];
  const re = new RegExp(`分别(${CHANGE})(?:了)?${FIGURE}(?:、(?:\\1)(?:了)?${FIGURE})+`, "gu");
  for (const m of paragraph.matchAll(re)) {
    const verb = m[1];
    let from = m.index + 2 + verb.length;
    for (let at = m[0].indexOf(`、${verb}`, 2 + verb.length); at >= 0; at = m[0].indexOf(`、${verb}`, at + 1)) {
      const start = m.index + at + 1;
      if (start < from) continue;
      out.push(finding(paragraph, "grammar", "warning", start, start + verb.length,
        `成分赘余：“分别${verb}”已分指各项数字，后面的“${verb}”应删去`, ""));
      from = start + verb.length;
    }
  }
  return out;
}

const NOUNISH = /^(?:n|nr|ns|nt|nz|nrt|vn|an|j|l)$/;
const NOUN = /^(?:n|nr|ns|nt|nz|nrt|vn)$/;
const CONJ = /^(?:与|和|及)$/;

function doubledConjunction(paragraph: string): Finding[] {
  const out: Finding[] = [];
  // Only clauses with two of the same conjunction are tagged.
  for (const c of paragraph.matchAll(/[^，。；：！？、\n]+/g)) {
    const clause = c[0];
    const twice = ["与", "和", "及"].find((k) => clause.indexOf(k) >= 0 && clause.indexOf(k, clause.indexOf(k) + 1) > 0);
    if (!twice) continue;
    const words = tag(clause);
    const starts = wordStarts(words);
    for (let i = 1; i + 3 < words.length; i++) {
      if (!CONJ.test(words[i].word) || words[i].word !== twice) continue;
      // noun (与) noun-phrase (与) noun: the phrase between is one to three nominal words, the last a noun.
      // The middle item is one word, or a noun and a verb that make one compound noun (行政|调解). Two
      // nouns there (县城和中心镇|基础设施和环境建设) are a modifier and its head: nested pairs, not a series.
      const one = (k: number) => NOUN.test(words[k].tag);
      let j = -1;
      if (i + 2 < words.length && one(i + 1) && words[i + 2].word === twice) j = i + 2;
      else if (i + 3 < words.length && one(i + 1) && words[i + 2].tag === "v" && words[i + 3].word === twice) j = i + 3;
      if (j < 0 || j + 1 >= words.length) continue;
      if (!NOUNISH.test(words[i - 1].tag) || !NOUNISH.test(words[j + 1].tag)) continue;
      // The finding spans both conjunctions and the item between (either may be the one to change).
      const start = c.index + starts[i];
      const end = c.index + starts[j] + twice.length;
      const middle = paragraph.slice(start + twice.length, end - twice.length);
      out.push(finding(paragraph, "grammar", "warning", start, end,
        `三项并列时，前两项之间用顿号，连词“${twice}”只用在最后一项之前`, `、${middle}${twice}`));
      break;
    }
  }
  return out;
}
