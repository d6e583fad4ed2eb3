import { loadRepetition } from "../../lists/repetition.ts";
import type { Finding } from "../types.ts";
import { parseHeading } from "../../text/headings.ts";
import { isHan } from "../../text/chars.ts";
import { normalise } from "../../text/normalise.ts";
import { cut, hasWord, tag } from "../../text/segment.ts";
import { officialUsage } from "../../lists/official-usage.ts";
import { sentenceSpans } from "../../text/sentences.ts";
import { eachParagraph } from "./paragraphs.ts";
import { finding, type RuleContext } from "./types.ts";

/**
 * Token boundaries (offsets where a token starts) of a sentence. With jieba's HMM on, words the
 * dictionary lacks (a person's name 黄芳芳, an office's 委务会) come out whole, so a doubled character
 * split between two words is seen as such.
 */
function tokenStarts(s: string): Map<number, string> {
  const starts = new Map<number, string>();
  let at = 0;
  for (const tok of cut(s, true)) {
    starts.set(at, tok);
    at += tok.length;
  }
  return starts;
}

const NUMERAL = /[零〇一二三四五六七八九十百千万亿两]/;

/**
 * Whether the doubled character at s[i], s[i + 1] belongs to words, so the double is how the words
 * meet and not a slip: a dictionary word that holds both (实实在在, 三令五申); the first ending a word
 * and the second beginning one (重要|要求, 首都|都市圈); a numeral (十五五, 一百一十一: figures repeat
 * their digits); or the two words as official prose writes them together (server/lists/official-usage.tsv).
 */
function doubleInWords(s: string, i: number): boolean {
  if (NUMERAL.test(s[i])) return true;
  for (let a = Math.max(0, i - 4); a <= i; a++) for (let b = i + 2; b <= Math.min(s.length, a + 8); b++) if (hasWord(s.slice(a, b))) return true;
  const ends: string[] = [];
  for (let a = Math.max(0, i - 4); a < i; a++) if (isHan(s[a]) && hasWord(s.slice(a, i + 1))) ends.push(s.slice(a, i + 1));
  const begins: string[] = [];
  for (let b = i + 3; b <= Math.min(s.length, i + 6); b++) if (hasWord(s.slice(i + 1, b))) begins.push(s.slice(i + 1, b));
  if (ends.length && begins.length) return true;
  const usage = officialUsage();
  const left = ends.length ? ends : [s[i]];
  const right = begins.length ? begins : [s[i + 1]];
  return left.some((l) => right.some((r) => usage.pair(l, r) >= 2));
}

/** Measure words that reduplicate after 一 (一批批、一件件、一起起): "one after another", not a slip. */
const REDUPLICATED_MEASURES = "批件起个项条家次座处名位户场桩张轮道层步";
/** Measure words and nouns that reduplicate at the head of a clause or quote to mean "every" (届届见金, 年年有余, 村村通). */
const DISTRIBUTIVE = `${REDUPLICATED_MEASURES}届年月天日人事村乡镇店`;

/** Whether the character at i, standing alone, is tagged as a word that modifies (a, ad, d, r, b, c, m). */
function modifierAt(s: string, i: number): boolean {
  const from = Math.max(0, i - 6);
  const tags = tag(s.slice(from, Math.min(s.length, i + 8)));
  const k = tokenAt(tags, i - from);
  return k >= 0 && tags[k].word.length === 1 && /^(a|ad|d|r|b|c|m)$/.test(tags[k].tag);
}

/** The index of the token that starts at offset i of the tagged stretch, or -1 when none starts there. */
function tokenAt(tags: ReadonlyArray<{ word: string }>, i: number): number {
  let at = 0;
  for (let k = 0; k < tags.length; k++) {
    if (at === i) return k;
    at += tags[k].word.length;
    if (at > i) return -1;
  }
  return -1;
}

/**
 * Doubles that are grammar, read from the sentence's shape and jieba's tags (only for a pair the word
 * tests left standing, so the tagging is rare):
 * - AABB reduplication of two words (团团伙伙, 上上下下): the pair before or after is doubled too;
 * - a distributive measure at the head of a clause or quote (“届届见金”, 年年): no Chinese character
 *   before it, or 一 before it (一批批);
 * - a preposition or conjunction after a word that ends in the same character (周至|至|乾县, 平和|和|…):
 *   the second character is a word of its own, tagged p or c;
 * - a doubled given name after a one-character surname at the head of a clause (，屠呦呦获得…);
 * - a one-character verb after a noun that ends in the same character (对…的工作|作|相应的调整): the noun
 *   is the verb's topic or object, as 工作作出 would be if 作出 were not one word;
 * - and, for every pair (the listed slips 和和, 与与, 对对 too), a preposition or conjunction of its own
 *   before a word that begins with the same character (平等互利|和|和平, 代表|与|与会, 对|对外开放):
 *   how two words meet. A slip leaves the second X alone (机会|和|和|效力, 在|在|全市, 为|为|人民).
 */
function doubleByGrammar(s: string, i: number, listed = false): boolean {
  const a = s[i];
  if (listed) return functionWordBeforeWord(tag(s.slice(Math.max(0, i - 6), Math.min(s.length, i + 8))), Math.min(i, 6), a);
  if ((s[i - 2] === s[i - 1] && s[i - 1] !== a && isHan(s[i - 1])) || (s[i + 2] === s[i + 3] && s[i + 2] !== a && isHan(s[i + 2] ?? ""))) return true;
  const head = !isHan(s[i - 1] ?? "") || s[i - 1] === "一";
  if (head && DISTRIBUTIVE.includes(a)) return true;
  const from = Math.max(0, i - 6);
  const tags = tag(s.slice(from, Math.min(s.length, i + 8)));
  let at = from;
  for (const t of tags) {
    if (at === i + 1 && t.word === a && (t.tag === "p" || t.tag === "c")) {
      const prev = tags[tags.indexOf(t) - 1];
      if (prev && prev.word.length >= 2 && prev.word.endsWith(a)) return true;
    }
    if (at === i - 1 && t.word.length === 1 && /^nr/.test(t.tag) && !isHan(s[i - 2] ?? "")) return true;
    if (at === i + 1 && t.word === a && t.tag === "v") {
      const k = tags.indexOf(t);
      const prev = tags[k - 1];
      const next = tags[k + 1];
      if (prev && prev.word.length >= 2 && prev.word.endsWith(a) && /^(?:n|vn)/.test(prev.tag) && next && isHan(next.word[0])) return true;
    }
    at += t.word.length;
  }
  return functionWordBeforeWord(tags, i - from, a);
}

/** In tags of a stretch, is the character at offset i a preposition or conjunction of its own, followed by a word of two or more characters that begins with it? */
function functionWordBeforeWord(tags: ReadonlyArray<{ word: string; tag: string }>, i: number, a: string): boolean {
  const k = tokenAt(tags, i);
  if (k < 0 || k + 1 >= tags.length) return false;
  const t = tags[k];
  return t.word === a && (t.tag === "p" || t.tag === "c") && tags[k + 1].word.length >= 2 && tags[k + 1].word.startsWith(a);
}

/**
 * Clause boundaries in normalised offsets: clause[c] = index of the clause normalised character c is
 * in. A clause runs between ，。；：！？ (and their half-width forms) or line breaks; 、 separates
 * items of one clause.
 */
function clauseIndex(text: string, map: Int32Array): { of: Int32Array; length: Int32Array } {
  const of = new Int32Array(map.length);
  let clause = 0;
  let at = 0;
  for (let c = 0; c < map.length; c++) {
    for (; at < map[c]; at++) if ("，。；：！？,;:!?\n".includes(text[at])) clause++;
    of[c] = clause;
  }
  const length = new Int32Array(clause + 1);
  for (let c = 0; c < map.length; c++) length[of[c]]++;
  return { of, length };
}

/**
 * Does the run at i open its clause, but for a leading adverb or conjunction (又, 也, 同时: one word that
 * jieba tags d or c)? A clause whose first words differ (中苏两|国的团结进一步加强了 after 两党|的团结
 * 进一步加强了; 市政|基础设施投资超…) is a parallel clause with a subject of its own, not the same clause
 * written twice.
 */
function opensClause(t: string, clauses: { of: Int32Array }, i: number): boolean {
  let c = i;
  while (c > 0 && clauses.of[c - 1] === clauses.of[i] && i - c <= 3) c--;
  if (c > 0 && clauses.of[c - 1] === clauses.of[i]) return false;
  const lead = t.slice(c, i);
  if (lead === "") return true;
  const words = tag(lead, false);
  return words.length === 1 && (words[0].tag === "d" || words[0].tag === "c");
}

/** Is the run of `len` normalised characters at text offset `at` (nearly) a whole sentence of its own (二是……较大。)? */
function wholeSentence(text: string, at: number, len: number): boolean {
  let a = at;
  while (a > 0 && !"。！？；\n".includes(text[a - 1])) a--;
  let b = at;
  while (b < text.length && !"。！？；\n".includes(text[b])) b++;
  const han = text.slice(a, b).match(/\p{Script=Han}/gu)?.length ?? 0;
  return han > 0 && len / han >= 0.85;
}

/** Share of the clauses a run [i, i + len) touches that the run covers (1 = it is whole clauses). */
function clauseCoverage(clauses: { of: Int32Array; length: Int32Array }, i: number, len: number): number {
  let total = 0;
  for (let k = clauses.of[i]; k <= clauses.of[i + len - 1]; k++) total += clauses.length[k];
  return total ? len / total : 0;
}

// A repeated run is a repetition only when it is a clause said twice (most of the clause, so a
// leading 又/也 does not hide it) or a run doubled in place; a noun phrase taken up again in the
// next sentence (以区政府为被告的行政诉讼案件……；以区政府为被告的行政诉讼案件……) is ordinary prose.
const CLAUSE_SECOND = 0.8;
const CLAUSE_FIRST = 0.6;

// "Nearby" for repeated sentences and runs. Parallel 排比 structures legitimately repeat 4–6 character
// phrases; a run of 8+ characters within ~2 short paragraphs is almost always a paste or an edit left over.
const PASSAGE_MAX = 10; // sentences in a passage doubled in place
const RUN_WINDOW = 240; // normalised characters between the two copies of a run of RUN_LONG+
const RUN_LONG = 12;
const RUN_NEAR_WINDOW = 60; // runs of RUN_MIN..RUN_LONG−1 count only this close (same or next sentence)
const RUN_MIN = 8;
// A clause said again further on in its paragraph (not in the next clause) is a repetition only from this
// length on, or when one copy is a whole sentence (二是工作压力依然较大。……，工作压力依然较大。): a shorter
// clause restated inside other sentences (……是旧中国历史上从来没有过的。……也是旧中国历史上从来没有过的)
// is emphasis, as official prose uses it; a pasted clause is longer or stands next to its copy.
const RUN_PARAGRAPH = 16;
const SENTENCE_MIN = 8;

/** Spans (original offsets) of the title line and of heading text (一、…, （一）…, run-in headings up to their end). */
function headingSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let at = 0;
  let titleSeen = false;
  for (const line of text.split("\n")) {
    if (!titleSeen && line.trim()) {
      spans.push([at, at + line.length]);
      titleSeen = true;
    } else {
      // A Markdown heading mark (the CLI writes drafts as Markdown) is not part of the heading.
      const mark = /^#{1,6}\s*/.exec(line)?.[0].length ?? 0;
      const h = parseHeading(line.slice(mark), at + mark);
      if (h) spans.push([h.start, h.end]);
      else if (mark) spans.push([at, at + line.length]);
    }
    at += line.length + 1;
  }
  return spans;
}

function endsWord(toks: Map<number, string>, i: number): boolean {
  for (let k = i; k >= 0; k--) {
    const tok = toks.get(k);
    if (tok !== undefined) return k + tok.length === i + 1;
  }
  return false;
}

/** Doubled characters (的的), the same sentence or a run of 8+ characters twice nearby, and redundant pairs (大约……左右). */
export function checkRepetition(text: string, ctx: RuleContext, stockPhrases: string[] = []): Finding[] {
  return [...eachParagraph(text, (p) => repetitionInParagraph(p, ctx)), ...repetitionAcrossText(text, ctx, stockPhrases)]
    .sort((a, b) => a.start - b.start);
}

/** The paragraph's own repetitions: doubled characters and words, and redundant pairs (大约……左右). */
export function repetitionInParagraph(text: string, ctx: RuleContext): Finding[] {
  const d = ctx.repetition ?? loadRepetition();
  const out: Finding[] = [];

  // Doubled characters: a known typo pair, or a pair the segmenter splits into "…X|X…" with the second X alone.
  const sents = sentenceSpans(text);
  for (const s of sents) {
    let toks: Map<number, string> | null = null;
    for (let i = 0; i + 1 < s.text.length; i++) {
      const a = s.text[i];
      if (a !== s.text[i + 1] || !isHan(a)) continue;
      const pair = a + a;
      const around = s.text.slice(Math.max(0, i - 2), i + 4);
      if (d.doubleExceptions.some((e) => around.includes(e))) continue;
      if (s.text[i - 1] === "一" && REDUPLICATED_MEASURES.includes(a)) continue;
      if (doubleInWords(s.text, i)) continue;
      let typo = d.typo.has(pair);
      if (!typo && !d.legit.has(pair)) {
        toks ??= tokenStarts(s.text);
        // The second X stands alone (我们|们, 要|要) and the first ends a word: a doubled character.
        // When the segmenter puts either X inside a word (党委|委员 → 党委委员, 政法委|委务会), the
        // pair belongs to two words.
        typo = toks.get(i + 1) === a && endsWord(toks, i);
        // The mirror: the first X stands alone and the second begins a word (全|全县): the writer typed the
        // word's first character twice. Official prose writes this shape 10 times in 2M characters, each a noun
        // or verb before a word of its own (税|税率, 使|使用) or a preposition before one (和|和平).
        if (!typo) {
          const next = toks.get(i + 1);
          // A modal verb before a verb that begins with it (要|要求, 会|会见, 应|应对) is grammar, not a slip.
          // The first X must be a word that modifies (an adjective, adverb, pronoun or determiner: 全|全县, 再|再次, 所|所有);
          // a noun or verb before a word of its own (税|税率, 国|国籍, 使|使用, 原|原种) is how official prose writes.
          typo = toks.get(i) === a && next !== undefined && next.length >= 2 && !hasWord(pair) && !"要会能应可该得需".includes(a) && modifierAt(s.text, i);
        }
      }
      if (typo && doubleByGrammar(s.text, i, d.typo.has(pair))) typo = false;
      if (typo) {
        out.push(finding(text, "repetition", "warning", s.start + i, s.start + i + 2, `“${a}”字重复`, a));
        i++;
      }
    }
  }

  // A word doubled in place (总书记总书记, 加强加强): two identical words of two or more characters.
  for (const s of sents) {
    if (!/(\p{Script=Han}{2,6})\1/u.test(s.text)) continue; // segment only sentences with a doubled run
    let at = 0;
    let prev = "";
    for (const tok of cut(s.text, true)) {
      // 一年一年、一件一件: one after another, not a slip.
      if (tok === prev && tok.length >= 2 && [...tok].every((ch) => isHan(ch)) && !d.legit.has(tok) && !/^一./.test(tok)) {
        out.push(finding(text, "repetition", "warning", s.start + at - tok.length, s.start + at + tok.length, `“${tok}”重复`, tok));
        prev = "";
      } else prev = tok;
      at += tok.length;
    }
  }

  // A name or term of several words doubled in place (公法中心公法中心): a run of 3–7 characters written twice
  // in a row, both copies made of whole words (so 讨论讨论 of one word, above, and 研究一下研究 are not it).
  for (const s of sents) {
    for (const m of s.text.matchAll(/(\p{Script=Han}{3,7})\1/gu)) {
      if (/^一/.test(m[1]) || d.legit.has(m[1])) continue;
      const toks = tokenStarts(s.text);
      const len = m[1].length;
      if (!toks.has(m.index) || !toks.has(m.index + len) || !(toks.has(m.index + 2 * len) || m.index + 2 * len === s.text.length)) continue;
      if (toks.get(m.index) === m[1]) continue; // one word doubled: the word rule above reports it
      out.push(finding(text, "repetition", "warning", s.start + m.index, s.start + m.index + 2 * len, `“${m[1]}”重复`, m[1]));
    }
  }

  for (const s of d.semantic) {
    for (const m of text.matchAll(s.re)) {
      out.push(finding(text, "repetition", "warning", m.index, m.index + m[0].length, s.message, s.suggestion));
    }
  }
  return out;
}

/**
 * Repetition across sentences: the same sentence twice in a row, and a run of 8+ characters doubled in
 * place or said again as the next clause. Official prose takes up its own phrases all the time (a plan's
 * target restated two sentences on, parallel clauses of a budget report); a proofreader marks a sentence
 * or clause written twice where it stands, which is what an edit or a paste leaves behind.
 */
export function repetitionAcrossText(text: string, ctx: RuleContext, stockPhrases: string[] = []): Finding[] {
  const out: Finding[] = [];
  const sents = sentenceSpans(text);
  // The same sentence twice in a row (a heading repeated in another part, as an outline and its plan do, is not).
  // The headings are found when first asked for (most texts have no sentence or run written twice).
  let headingsFound: Array<[number, number]> | undefined;
  const headings = () => (headingsFound ??= headingSpans(text));
  const isHeading = (a: number, b: number) => headings().some(([hs, he]) => a >= hs && b <= he + 1);
  const dupSpans: Array<[number, number]> = [];
  const keys = sents.map((s) => normalise(s.text).text);
  for (let i = 1; i < sents.length; i++) {
    // Only a sentence written in one of the PASSAGE_MAX before it can be doubled: asked first, as it is the cheapest.
    let seen = false;
    for (let j = i - 1; j >= Math.max(0, i - PASSAGE_MAX) && !seen; j--) seen = keys[j] === keys[i];
    if (!seen) continue;
    // A Chinese sentence: a line of Latin text (a licence line of a web page) is not the report's prose.
    if ((keys[i].match(/\p{Script=Han}/gu)?.length ?? 0) < SENTENCE_MIN || isHeading(sents[i].start, sents[i].end)) continue;
    // The sentences j..i−1 written again from i on: a sentence (k = 1) or a passage (k ≤ 10) doubled in place.
    for (let j = i - 1; j >= Math.max(0, i - PASSAGE_MAX); j--) {
      if (keys[j] !== keys[i]) continue;
      const k = i - j;
      let doubled = true;
      for (let t = 1; t < k && doubled; t++) doubled = i + t < sents.length && keys[j + t] === keys[i + t];
      if (!doubled) continue;
      out.push(finding(text, "repetition", "warning", sents[i].start, sents[i].end, "与前文句子重复"));
      dupSpans.push([sents[i].start, sents[i].end]);
      break;
    }
  }

  // A long run twice nearby (on normalised text, so punctuation differences do not hide it).
  const norm = normalise(text);
  const t = norm.text;
  const stockSpans: Array<[number, number]> = [];
  for (const p of stockPhrases) {
    if (p.length < 4) continue;
    for (let i = t.indexOf(p); i >= 0; i = t.indexOf(p, i + 1)) stockSpans.push([i, i + p.length]);
  }
  const quoted = [...text.matchAll(/“[^“”\n]{1,60}”|《[^《》\n]{1,80}》/g)].map((m) => [m.index, m.index + m[0].length] as const);
  const clauses = clauseIndex(text, norm.map);
  const notes = [...text.matchAll(/^\s*【待补】[^\n]*/gm)].map((m) => [m.index, m.index + m[0].length] as const);
  // The earlier positions of each run of RUN_MIN characters, in order: one chain per distinct run
  // (a table of typed arrays keyed by the run's hash, each slot's run compared in full).
  const grams = gramChains(t);
  let coveredTo = -1;
  for (let i = 0; i + RUN_MIN <= t.length; i++) {
    if (grams.first[i] !== i) {
      if (i >= coveredTo) {
        let best = 0;
        let bestJ = -1;
        for (let j = grams.first[i]; j < i; j = grams.next[j]) {
          if (i - j < RUN_MIN || i - j > RUN_WINDOW) continue;
          let len = RUN_MIN;
          while (i + len < t.length && j + len < i && t[i + len] === t[j + len]) len++;
          if (len < RUN_LONG && i - j > RUN_NEAR_WINDOW) continue;
          if (len > best) {
            best = len;
            bestJ = j;
          }
        }
        if (bestJ >= 0) {
          const run = t.slice(i, i + best);
          const start = norm.map[i];
          const end = norm.map[i + best - 1] + 1;
          const inDup = dupSpans.some(([s, e]) => start >= s && end <= e);
          const inStock = stockSpans.some(([s, e]) => i >= s && i + best <= e);
          // Template blanks (xx件…xx份) and names in quotes or 书名号 repeat by design.
          const blank = /x/.test(run);
          const named = quoted.some(([s, e]) => start >= s && end <= e);
          // A body that takes up the words of its heading or of the title (（四）深化平安建设，健全… →
          // 持续深化平安建设，健全…) is how the genre writes, not a repetition.
          const fromJ = norm.map[bestJ];
          const echoesHeading = headings().some(([s, e]) => fromJ >= s && fromJ < e);
          // 【待补】 notes (the offline engine's, or the writer's) are reported as placeholders already.
          const inNote = notes.some(([s, e]) => start >= s && start < e);
          // Doubled in place: within one clause (加强队伍建设加强队伍建设), or a run of clauses pasted twice. A
          // sentence that opens with the words the last one closed on (…职工代表大会。职工代表大会有权…) is 顶真,
          // a figure of speech.
          const doubledInPlace = i - (bestJ + best) <= 1 && (clauses.of[bestJ] === clauses.of[i + best - 1] || clauses.of[i] !== clauses.of[i + best - 1]);
          // A clause said twice: both copies are whole clauses (but for a leading 又/也), the second in the next
          // clause or the same paragraph. Parallel clauses that differ in their last words (坚持A的斗争，坚持A的专政)
          // and a phrase taken up again further on are the prose's own structure.
          const wholeClause = (at: number) => at + best === t.length || clauses.of[at + best] !== clauses.of[at + best - 1];
          const nextClause = clauses.of[i] <= clauses.of[bestJ + best - 1] + 1;
          const sameParagraph = !text.slice(norm.map[bestJ], start).includes("\n");
          const clauseTwice = (nextClause || (sameParagraph && (best >= RUN_PARAGRAPH || wholeSentence(text, norm.map[bestJ], best) || wholeSentence(text, start, best)))) && wholeClause(i) && wholeClause(bestJ) && opensClause(t, clauses, i)
            && clauseCoverage(clauses, i, best) >= CLAUSE_SECOND && clauseCoverage(clauses, bestJ, best) >= CLAUSE_FIRST;
          // Chinese words: a repeated line of Latin text (a licence line of a web page) is not the report's prose.
          const chinese = (run.match(/\p{Script=Han}/gu)?.length ?? 0) >= RUN_MIN - 2;
          if (chinese && !inDup && !inStock && !blank && !named && !echoesHeading && !inNote && (doubledInPlace || clauseTwice)) {
            out.push(finding(text, "repetition", best >= RUN_LONG ? "warning" : "info", start, end, `与前文“${run.slice(0, 20)}${run.length > 20 ? "…" : ""}”重复（${best}字）`));
          }
          coveredTo = i + best;
        }
      }
    }
  }

  return out.sort((a, b) => a.start - b.start);
}

/**
 * For each position i of `t` (while a run of RUN_MIN characters starts there): `first[i]`, the first
 * position where the same run starts (i itself when it is new), and `next[j]`, the next position after
 * j where the run at j occurs again (t.length when none). Walking first[i], next[…] while below i visits
 * the run's earlier positions in order.
 */
function gramChains(t: string): { first: Int32Array; next: Int32Array } {
  const n = Math.max(0, t.length - RUN_MIN + 1);
  const first = new Int32Array(n);
  const next = new Int32Array(n).fill(t.length);
  let size = 1;
  while (size < n * 2) size <<= 1;
  const mask = size - 1;
  // Slot: the run's first position + 1 (0: empty), and its last position so far.
  const slotFirst = new Int32Array(size);
  const slotLast = new Int32Array(size);
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let k = 0; k < RUN_MIN; k++) h = Math.imul(h ^ t.charCodeAt(i + k), 0x01000193);
    let s = (h >>> 0) & mask;
    for (;;) {
      const f = slotFirst[s] - 1;
      if (f < 0) {
        slotFirst[s] = i + 1;
        slotLast[s] = i;
        first[i] = i;
        break;
      }
      let same = true;
      for (let k = 0; k < RUN_MIN && same; k++) same = t.charCodeAt(f + k) === t.charCodeAt(i + k);
      if (same) {
        first[i] = f;
        next[slotLast[s]] = i;
        slotLast[s] = i;
        break;
      }
      s = (s + 1) & mask;
    }
  }
  return { first, next };
}
