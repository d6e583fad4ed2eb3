import type { Finding } from "../types.ts";
import { dictEntry, dictionaryWords, tag } from "../../text/segment.ts";
import { officialUsage } from "../../lists/official-usage.ts";
import { finding, type RuleContext } from "./types.ts";

/**
 * Function words and near-homophones decided by their neighbours (的/地/得, 在/再, 已/以, 即/既,
 * 须/需, 象/像, 那/哪). Each decision is one condition on the words jieba cuts and the parts of speech
 * it gives them (its context tag, or the dictionary's tag where the context tag is unreliable), so it
 * is a rule of grammar and not a list of phrases. docs/function-words.md states each condition.
 */

interface Word {
  w: string;
  t: string;
  s: number; // offset in the text
}

const isNoun = (t: string) => /^n[rstz]?$|^ng$/.test(t);
const dictTag = (w: string) => dictEntry(w)?.tag ?? "";
const isVerbTag = (t: string) => t === "v" || t === "vd" || t === "vi";
/** A clause ends here (or the line does). */
const isEnd = (x: Word | undefined) => x === undefined || /^[，。；：！？、,.;:!?）)”"」]/.test(x.w);
/** Degree words that stand between 得 and its complement (做得很好, 落实得不到位). */
const DEGREE = new Set(["很", "非常", "十分", "较", "比较", "更", "更加", "不", "不够", "不太", "还不", "太", "特别", "还", "越来越", "尚不", "仍不"]);
/**
 * After 不, only a result complement (落实得不到位, 抓得不紧): 不 + another adjective is often a noun
 * phrase's head (出现的不平衡).
 */
const RESULT = new Set(["到位", "够", "好", "紧", "实", "细", "深", "透", "彻底", "扎实", "及时", "有力", "充分", "全面", "严", "准", "快", "高"]);
/** The heads of a place or time phrase: 在 全市范围 内. */
const LOCALISER = new Set(["内", "中", "里", "期间", "之际", "之中", "之内", "基础上", "前提下", "过程中", "背景下", "范围内", "方面", "以来"]);

/**
 * Pairs of function characters written for each other, and the word the right one makes with its
 * neighbour. Used by the bigram condition: the written character stands alone, it makes no dictionary
 * word with its neighbour, and the other character makes a function word (conjunction, preposition,
 * adverb, pronoun) with it (已便 → 以便, 以经 → 已经, 在次 → 再次, 那些 ← 哪些 is no error: both words).
 */
const PAIRS: Array<[string, string]> = [["已", "以"], ["以", "已"], ["在", "再"], ["再", "在"], ["即", "既"], ["既", "即"], ["那", "哪"], ["象", "像"]];
const FUNCTION_TAGS = /^(?:c|p|d|r|f|ad|t)$/;

export function checkFunctionWords(text: string, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  // 像 was restored apart from 象 when the 简化字总表 was republished in 1986 (docs/function-words.md).
  const modern = ctx.year >= 1987;
  // Tagging is the cost: only sentences where some condition could hold are tagged (`candidate`).
  for (const m of text.matchAll(/[^。；！？!?;\n]+[。；！？!?;]?/g)) {
    if (candidate(m[0])) out.push(...checkLine(text, m[0], m.index, modern, ctx.adverbials ?? NONE));
  }
  return out;
}

interface Triggers {
  /** Dictionary words tagged ad (认真, 积极): one of them right before 的 may call for 地. */
  adverbs: Set<string>;
  /** The written pairs of the bigram condition (已便, 在次, 以经 …): a set, read pair by pair (an alternation of hundreds of pairs costs a pass per pair). */
  bigrams: Set<string>;
  /** Verbs official prose writes after the adverbial 地 at least as often as after 的 (开展, 推进): 的 before one may call for 地. */
  predicates: Set<string>;
}
let triggers: Triggers | null = null;
function getTriggers(): Triggers {
  if (triggers) return triggers;
  const adverbs = new Set<string>();
  const written = new Set<string>();
  for (const [w, e] of dictionaryWords()) {
    if (e.tag === "ad") adverbs.add(w);
    if (w.length !== 2 || !FUNCTION_TAGS.test(e.tag) || e.freq < 1000) continue;
    for (const [wrong, right] of PAIRS) {
      if (w[0] === right && !dictEntry(wrong + w[1])) written.add(wrong + w[1]);
      if (w[1] === right && !dictEntry(w[0] + wrong)) written.add(w[0] + wrong);
    }
  }
  // The verbs official prose reads as predicates after a modifier (`manner`): after 地 twice or more, and as often as after 的.
  const usage = officialUsage();
  const predicates = new Set<string>();
  for (const [w] of usage.words(2)) if (w.length <= 4 && predicateAfterModifier(w)) predicates.add(w);
  triggers = { adverbs, bigrams: written, predicates };
  return triggers;
}

/** The written characters of PAIRS: each written pair of the bigram condition holds one of them. */
const WRITTEN_CHARS = new Set(PAIRS.map(([wrong]) => wrong));
const DEGREE_AFTER_DE = /^(?:很|非常|十分|较|比较|更|更加|不|不够|不太|还不|太|特别|还|越来越|尚不|仍不)|^\p{Script=Han}{2,4}[，。；！？、,.;!?]?$|^\p{Script=Han}{2,4}[，。；！？、,.;!?]/u;

/** Whether any condition of this rule could hold in the sentence (cheap string tests, no segmentation). */
function candidate(sentence: string): boolean {
  if (/[再即象]|必需|必须品|截止|(?:无论|不论|不管)那|\p{Script=Han}地\p{Script=Han}|的\p{Script=Han}{2}[了着过]/u.test(sentence)) return true;
  const t = getTriggers();
  for (let i = 0; i + 1 < sentence.length; i++) {
    if ((WRITTEN_CHARS.has(sentence[i]) || WRITTEN_CHARS.has(sentence[i + 1])) && t.bigrams.has(sentence.slice(i, i + 2))) return true;
  }
  for (let i = sentence.indexOf("的"); i >= 0; i = sentence.indexOf("的", i + 1)) {
    for (let k = 1; k <= 4 && k <= i; k++) if (t.adverbs.has(sentence.slice(i - k, i))) return true;
    if (DEGREE_AFTER_DE.test(sentence.slice(i + 1, i + 8)) || PREPOSITIONS.has(sentence[i + 1]) || PREPOSITIONS.has(sentence.slice(i + 1, i + 3))) return true;
    for (let k = 2; k <= 4; k++) if (t.predicates.has(sentence.slice(i + 1, i + 1 + k))) return true;
  }
  return false;
}

const NONE: ReadonlyMap<string, number> = new Map();
/** Characters whose slips jieba's HMM joins into an unknown word (以经, 要象); not 的/地/得, which often end real compounds (兵地, 寒地). */
const FUNCTION_CHARS = /[在再已以即既那哪象像]/;
/** Words that make one word with a following 的 which jieba's dictionary lacks (有的…有的…, 别的). */
const DE_WORDS = new Set(["有的", "是的", "别的", "似的", "目的", "的确", "真的"]);

function checkLine(text: string, line: string, base: number, modern: boolean, adverbials: ReadonlyMap<string, number>): Finding[] {
  const out: Finding[] = [];
  const words: Word[] = [];
  let at = base;
  for (const x of tag(line, true)) {
    // jieba's HMM joins a slip with its neighbour into an unknown word (要象/x, 以经/x): judge its characters.
    if (x.word.length === 2 && !dictEntry(x.word) && FUNCTION_CHARS.test(x.word)) {
      words.push({ w: x.word[0], t: dictTag(x.word[0]), s: at }, { w: x.word[1], t: dictTag(x.word[1]), s: at + 1 });
    } else words.push({ w: x.word, t: x.tag, s: at });
    at += x.word.length;
  }
  const report = (x: Word, right: string, message: string) =>
    out.push(finding(text, "typo", "warning", x.s, x.s + x.w.length, message, right));

  for (let i = 0; i < words.length; i++) {
    const x = words[i];
    const prev = words[i - 1];
    const next = words[i + 1];
    const after = words[i + 2];

    // 的 → 地: an adverbial word (dictionary tag ad: 认真, 积极, 坚决) + 的 + a verb that takes an object
    // or an aspect mark (认真的落实各项措施). Without the object it may be a noun phrase (坚决的支持).
    const adverbial = prev !== undefined && (prev.t === "ad" || dictTag(prev.w) === "ad");
    if (x.w === "的" && prev && next && adverbial
      && (isVerbTag(next.t) || isVerbTag(dictTag(next.w)) || (dictTag(next.w) === "a" && predicated(after)))
      && next.t !== "vn" && dictTag(next.w) !== "vn" && after && takesObject(after) && !insideObject(words, i - 1)) {
      report(x, "地", `“${prev.w}的${next.w}”中，修饰动词的状语后用“地”`);
      continue;
    }
    // 的 → 地 before an aspect mark: a word + 的 + a verb + 了/着/过 (及时的调整了…): the aspect mark makes the word
    // after 的 a predicate, and what modifies a predicate is an adverbial. Not after a noun, pronoun or verb (他的
    // 到来了? no such clause; 人民的相互了解: 了解 is one word, so 了 is no aspect mark there).
    if (x.w === "的" && prev && next && after && /^[了着过]$/.test(after.w) && /^u/.test(after.t)
      && (isVerbTag(next.t) || next.t === "vn" || isVerbTag(dictTag(next.w))) && next.w.length === 2
      && /^(?:a|ad|d|c)$/.test(dictTag(prev.w) || prev.t) && prev.w.length === 2 && !insideObject(words, i - 1)) {
      report(x, "地", `“${prev.w}的${next.w}${after.w}”中，修饰动词的状语后用“地”`);
      continue;
    }
    // 的 → 地, the adverbial class at large (创造性的开展工作, 全方位的推进, 更好的服务群众, 更好的将…做实): see
    // `manner`. Checked after the two conditions above, which keep their own wording.
    if (x.w === "的" && modern && manner(words, i, adverbials)) {
      report(x, "地", `“${prev.w}的${next.w}”中，修饰动词的状语后用“地”`);
      continue;
    }
    // 截止 → 截至: 截止 is a deadline (报名截止, 截止日期); up to a point in time (截至目前, 截至11月底) is 截至.
    // 截止到 (up to) is left alone.
    if (x.w === "截止" && /^(?:目前|当前|今年|去年|上年|本年|年底|年末|月底|现在|[0-9０-９]|[一二]〇|[一二三四五六七八九十]+月)/.test(line.slice(x.s - base + 2, x.s - base + 6))) {
      report(x, "截至", "“截止”表示到期停止；表示截到某一时间用“截至”");
      continue;
    }
    // 地 → 的: a noun or pronoun + 地 + a noun (群众地满意度): 地 marks adverbials, a noun is modified with 的.
    // The dictionary decides the parts of speech here (jieba's context tags read 公正地行使 as noun + noun), and 地
    // must not belong to a word with a neighbour that jieba split off (军地, 地市, 生源地).
    if (x.w === "地" && x.t === "uv" && prev && next && (isNoun(dictTag(prev.w)) || dictTag(prev.w) === "r") && isNoun(next.t) && isNoun(dictTag(next.w))
      && !dictEntry(prev.w.slice(-1) + "地") && !dictEntry(prev.w + "地") && !dictEntry("地" + next.w[0]) && !dictEntry("地" + next.w)
      && !adverbials.has(prev.w)) {
      report(x, "的", `“${prev.w}地${next.w}”中，修饰名词用“的”`);
      continue;
    }
    // 的 → 得: a verb + 的 + (degree word) + an adjective or complement that ends the clause (落实的不到位, 做的很好).
    // Without a degree word, two adjectives that end the clause (开展的扎实有效) are a complement too.
    // Not after a word that makes one word with 的 (有的, 目的), and not where the degree word and the adjective are
    // one word (新的不平衡: 不平衡 is a noun phrase's head).
    if (x.w === "的" && prev && next && (isVerbTag(prev.t) || isVerbTag(dictTag(prev.w)) || (dictTag(prev.w) === "a" && prev.w.length === 2)) && prev.t !== "vn"
      && !dictEntry(prev.w + "的") && !dictEntry(prev.w.slice(-1) + "的") && !DE_WORDS.has(prev.w.slice(-1) + "的")) {
      // After a degree word an adjective jieba tags ad is a complement too (开展的更顺利); without one, 努力/ad is
      // more often a noun (三年来的艰苦努力).
      const isComp = (y: Word | undefined, degreed = false) => y !== undefined && (y.t === "a" || dictTag(y.w) === "a" || (degreed && (y.t === "ad" || dictTag(y.w) === "ad")) || (y.t === "v" && y.w === "到位")) && y.w.length <= 2
        && (next.w !== "不" || RESULT.has(y.w));
      let k = DEGREE.has(next.w) ? i + 2 : i + 1;
      const degree = k > i + 1;
      if (!degree && isComp(words[k]) && isComp(words[k + 1])) k++;
      const comp = words[k];
      if (comp && (degree || k > i + 1) && isComp(comp, degree) && isEnd(words[k + 1]) && !(degree && dictEntry(next.w + comp.w))) {
        report(x, "得", `“${prev.w}的${words.slice(i + 1, k + 1).map((y) => y.w).join("")}”中，动词后引出程度、结果补语用“得”`);
        continue;
      }
    }
    // 再 → 在: 再 + a noun phrase + a localiser (再全市范围内开展): a place or time phrase takes the preposition 在.
    if (x.w === "再" && next && (isNoun(next.t) || next.t === "t" || next.t === "m" || next.t === "r")) {
      let k = i + 1;
      while (k < words.length && k <= i + 4 && (isNoun(words[k].t) || ["t", "m", "q", "r", "vn", "a", "uj"].includes(words[k].t)) && !LOCALISER.has(words[k].w)) k++;
      if (k > i + 1 && k < words.length && LOCALISER.has(words[k].w) && words[k].s - x.s <= 14) {
        report(x, "在", `“再”后是处所或时间短语（……${words[k].w}），应为介词“在”`);
        continue;
      }
    }
    // 即 → 既: 即 + a verb …, 又/也 + the same verb (即要…又要): the pair is 既…又.
    // jieba may join the pair (即要/c): the verb is then the word's second character.
    const ji = x.w === "即" && next && next.w.length === 1 ? next.w : x.w.length === 2 && x.w[0] === "即" && !dictEntry(x.w)?.tag.startsWith("v") ? x.w[1] : "";
    if (ji && /^[要有是能可讲抓]$/.test(ji)) {
      const from = x.s - base + (x.w.length === 2 ? 2 : 2);
      const rest = line.slice(from, from + 24);
      const m = /^[^。；！？\n]*?[，、]?\s*[又也]/.exec(rest);
      if (m && rest.slice(m[0].length).startsWith(ji)) {
        out.push(finding(text, "typo", "warning", x.s, x.s + 1, `“即${ji}……又${ji}”应为“既……又……”`, "既"));
        continue;
      }
    }
    // 必需 + a verb → 必须 (must); 必须 + 品/的 + noun → 必需 (needed).
    if (x.w === "必需" && next && isVerbTag(next.t) && !isEnd(next)) {
      report(x, "必须", "“必需”表示必不可少，后接动词表示“一定要”时应为“必须”");
      continue;
    }
    if ((x.w === "必须" && next && next.w === "品") || x.w === "必须品") {
      out.push(finding(text, "typo", "warning", x.s, x.s + 2, "“必需品”的“需”是需要之意", "必需"));
      continue;
    }
    // 象 → 像: 象 standing alone (not in 形象, 现象) and compared to something (…一样/似的/般).
    if (x.w === "象" && modern && /一样|似的|那样|这样|般/.test(line.slice(x.s - base, x.s - base + 20).split(/[，。；！？]/)[0])) {
      report(x, "像", "表示比喻、相似用“像”");
      continue;
    }
    // 无论/不论/不管 + 那 → 哪: the question word.
    if (x.w[0] === "那" && prev && /^(?:无论|不论|不管)$/.test(prev.w) && /^那(?:个|些|里|儿|种|样|方面)?$/.test(x.w)) {
      out.push(finding(text, "typo", "warning", x.s, x.s + 1, `“${prev.w}”后是疑问代词“哪”`, "哪"));
      continue;
    }
    bigram(words, i, report);
  }
  return out;
}

/**
 * The adverbial word at `k` stands inside a noun phrase that is itself an object or a coordinated item
 * (实施积极的就业政策, 采取切实的防治措施, 开放、密切的交往): a verb, a conjunction or a list mark stands
 * before it, past degree words (更加, 更).
 */
function insideObject(words: Word[], k: number): boolean {
  let j = k - 1;
  // Past degree words, and past an aspect mark or a quantity after the verb (做了详细的随访记录, 进行一次全面的
  // 检查): the verb before them still governs the phrase. A 的 before it makes it one of several modifiers
  // of a noun (群众的积极的参与).
  while (j >= 0 && (/^(?:更加|更|最|十分|非常|较为|比较|日益)$/.test(words[j].w) || (/^[了过]$/.test(words[j].w) && j > 0) || /^(?:m|mq|q)$/.test(words[j].t))) j--;
  const w = words[j];
  if (!w || MODALS.has(w.w)) return false;
  return isVerbTag(w.t) || isVerbTag(dictTag(w.w)) || /^(?:和|与|及|以及|、|或|的)$/.test(w.w) || w.t === "c";
}

/**
 * Strong evidence that a word the dictionary calls an adjective (落实/a) is used as a verb here: a
 * determiner or a quantity opens its object (各项, 这些, 一批), or an aspect mark follows.
 */
function predicated(x: Word | undefined): boolean {
  return x !== undefined && (["r", "m", "q", "ul", "uz"].includes(x.t) || /^[各每这该此诸全本有一]/.test(x.w));
}

/** Prepositions that open an adverbial's predicate (更好的将…做实, 主动的向群众…): after 的 they begin no noun phrase. */
const PREPOSITIONS = new Set(["将", "把", "对", "向", "为", "从", "与", "同", "按", "按照", "依照", "围绕", "通过"]);

/**
 * The modifier before 的 at `i`, joined with a split suffix (常态|化 → 常态化), when it may be an adverbial: a word official
 * prose writes before the adverbial 地 (adverbials.txt: 有效, 扎实, 更好), an adverb (d, ad, in context or the dictionary),
 * a word of three or more characters ending in 性 or 化 (创造性, 常态化), or one opening with 全/多 (全方位, 多渠道). An
 * adjective official prose never writes before 地 is not one (城乡共同繁荣的融合发展格局: 繁荣 modifies a noun).
 */
function mannerWord(words: Word[], i: number, adverbials: ReadonlyMap<string, number>): string | null {
  const prev = words[i - 1];
  if (!prev || !/^\p{Script=Han}+$/u.test(prev.w)) return null;
  const joined = /^[性化]$/.test(prev.w) && words[i - 2] && /^\p{Script=Han}{2,}$/u.test(words[i - 2].w) ? words[i - 2].w + prev.w : prev.w;
  if (joined.length >= 3 && /[性化]$/.test(joined)) return joined;
  if (prev.w.length < 2) return null;
  if (isNoun(prev.t) && isNoun(dictTag(prev.w))) return null;
  if (adverbials.has(prev.w) || /^(?:ad|d)$/.test(prev.t) || /^(?:ad|d)$/.test(dictTag(prev.w)) || (prev.w.length === 3 && /^[全多]/.test(prev.w))) return prev.w;
  return null;
}

/**
 * 的 → 地 for the adverbial class at large: a modifier (`mannerWord`) + 的 + a verb with its object (创造性的开展工作,
 * 全方位的推进平安建设) or a preposition with its noun (更好的将这项工程…). Which a verb after 的 is, predicate or head of
 * a noun phrase, official prose decides: the verb is read as a predicate only where official prose writes it after the
 * adverbial 地 at least twice and at least as often as after 的 (地开展 50, 的开展 12; 地推进 50, 的推进 5; but 的宣传 8,
 * 地宣传 3; 的工作 354; 的购销 3, 地购销 0). Noun readings stay besides: the word after 的 followed by a mark, 的 or a
 * verb (积极的因素, 创造性的工作。), and the phrase as an object or a list item (`insideObject`).
 */
function manner(words: Word[], i: number, adverbials: ReadonlyMap<string, number>): boolean {
  const next = words[i + 1];
  const after = words[i + 2];
  if (!next || !after || !mannerWord(words, i, adverbials)) return false;
  const start = /^[性化]$/.test(words[i - 1].w) ? i - 2 : i - 1;
  if (insideObject(words, start)) return false;
  if (PREPOSITIONS.has(next.w) && next.t !== "v") return isNoun(after.t) || ["r", "m", "nz"].includes(after.t);
  const verb = isVerbTag(next.t) || next.t === "vn" || isVerbTag(dictTag(next.w)) || (/^[il]$/.test(next.t) && isVerbTag(dictTag(next.w.slice(-2))));
  if (!verb || next.w.length < 2 || isEnd(after) || after.w === "的" || isVerbTag(after.t)) return false;
  // The object may open with an adjective of its own (推进|平安|建设).
  const third = words[i + 3];
  if (!takesObject(after) && !(after.t === "a" && third && (isNoun(third.t) || third.t === "vn"))) return false;
  return predicateAfterModifier(next.w);
}

/** Official prose writes the verb after the adverbial 地 at least twice and at least as often as after 的 (`manner`). */
function predicateAfterModifier(w: string): boolean {
  const usage = officialUsage();
  const adverbial = usage.pair("地", w);
  return adverbial >= 2 && adverbial >= usage.pair("的", w);
}

/** Modal and auxiliary verbs: they open a predicate, not an object (要认真地落实). */
const MODALS = new Set(["要", "能", "会", "应", "应该", "应当", "须", "必须", "需要", "可以", "能够", "敢于", "善于", "务必", "必将", "将", "都", "也", "还", "并", "再", "又"]);

/** What may follow a verb as its object or aspect (a noun, pronoun, quantity, 了, 着), i.e. the verb is predicated. */
function takesObject(x: Word): boolean {
  return isNoun(x.t) || ["r", "m", "q", "ul", "uz", "t", "vn", "l", "nz", "an"].includes(x.t) || x.w === "好";
}

/** The bigram condition of PAIRS: see its comment. */
function bigram(words: Word[], i: number, report: (x: Word, right: string, message: string) => void): void {
  const x = words[i];
  // jieba's HMM may join the slip into one unknown word (以经/x): judge its two characters as two words.
  if (x.w.length === 2 && !dictEntry(x.w)) {
    const a: Word = { w: x.w[0], t: "", s: x.s };
    const b: Word = { w: x.w[1], t: "", s: x.s + 1 };
    const pair = [a, b, ...words.slice(i + 1)];
    for (const k of [0, 1]) {
      let hit = false;
      bigram(pair, k, (y, right, message) => {
        if (!hit) report(y, right, message);
        hit = true;
      });
      if (hit) return;
    }
    return;
  }
  if (x.w.length !== 1) return;
  for (const [wrong, right] of PAIRS) {
    if (x.w !== wrong) continue;
    for (const [nb, before] of [[words[i + 1], false], [words[i - 1], true]] as Array<[Word | undefined, boolean]>) {
      // A numeral or quantity beside it (在三个方面) makes no function word with it.
      if (!nb || nb.w.length !== 1 || !/\p{Script=Han}/u.test(nb.w) || nb.t === "m" || /[一二三四五六七八九十百千万两几]/.test(nb.w)) continue;
      // A verb as the neighbour (还在说) is the character's own use; so is a verb after it when the other word would
      // be a conjunction (所已取得: 已 + a verb is "already"; 所以 joins clauses, it does not precede a verb).
      if (nb.t.startsWith("v")) continue;
      const conj = dictEntry(before ? nb.w + right : right + nb.w)?.tag === "c";
      if (before && conj && words[i + 1] && (words[i + 1].t.startsWith("v") || isVerbTag(dictTag(words[i + 1].w)))) continue;
      // 以便, 以免, 以至 join two clauses: at a clause's end (其时已至。) the written character is meant.
      if (!before && isEnd(words[i + 2])) continue;
      // An unknown character before it (a traditional 現 in 現在也) may make a word with it: no judgement.
      if (!before && words[i - 1] && /^\p{Script=Han}$/u.test(words[i - 1].w) && !dictEntry(words[i - 1].w)) continue;
      // After a modal (应当以经核实的数据为准), 以 is the preposition: the sentence goes on with 以…为.
      if (!before && wrong === "以" && words[i - 1] && (MODALS.has(words[i - 1].w) || /^(?:应当|一律|统一|均|可)$/.test(words[i - 1].w))) continue;
      const written = before ? nb.w + wrong : wrong + nb.w;
      const meant = before ? nb.w + right : right + nb.w;
      const e = dictEntry(meant);
      if (dictEntry(written) || !e || !FUNCTION_TAGS.test(e.tag) || e.freq < 1000) continue;
      report(x, right, `“${written}”应为“${meant}”`);
      return;
    }
  }
}
