import type { Finding } from "../types.ts";
import { tag } from "../../text/segment.ts";
import { finding } from "./types.ts";

/**
 * GB/T 15834-2011 §4.5.3.1 against §4.4.3.1, for a series inside an open frame (docs/punctuation.md, "Frames"):
 * the 顿号 joins the parallel words and phrases of one constituent, the comma joins clauses. Where a frame opens
 * before a comma and closes after it, what the comma separates are parts of the one constituent the frame holds,
 * and the comma is a 顿号:
 * - 以 A，B 为 X (以建设平安乡村，推进依法治理为目标): 以 opens, 为 + a noun closes, no 为 before the comma;
 * - a preposition + A，B(，C) 等 + a noun (对甲村，乙村，丙村等村的设施): 等 closes a series of words, the items
 *   short and without a verb (an item with a verb of its own may be a clause).
 * Decided by the segmenter's words and parts of speech, not by the items' words. Judged per sentence stretch
 * (between 。；：！？), each piece between commas tagged once.
 */
export function openFrameComma(paragraph: string): Finding[] {
  const out: Finding[] = [];
  if (!paragraph.includes("，")) return out;
  for (const m of paragraph.matchAll(/[^。；：！？\n]+/g)) {
    const s = m[0];
    if (!s.includes("，") || !/以|等|从/.test(s)) continue;
    const pieces: Piece[] = [];
    let from = 0;
    for (const text of s.split("，")) {
      pieces.push({ start: m.index + from, text, words: null });
      from += text.length + 1;
    }
    for (const c of [...yiWeiFrame(pieces), ...dengFrame(pieces), ...congFrame(pieces)]) {
      if (out.some((f) => f.start === c)) continue;
      out.push(finding(paragraph, "punctuation", "warning", c, c + 1, "同一介词结构内的并列成分之间应用顿号，不用逗号", "、"));
    }
  }
  return out;
}

type TaggedWord = ReturnType<typeof tag>[number];

interface Piece {
  start: number;
  text: string;
  words: TaggedWord[] | null;
}
const wordsOf = (p: Piece) => (p.words ??= tag(p.text, false));
/** Word starts of a piece, in characters. */
function starts(words: TaggedWord[]): number[] {
  const at: number[] = [];
  let n = 0;
  for (const w of words) {
    at.push(n);
    n += w.word.length;
  }
  return at;
}

const ITEM = /^[\p{Script=Han}、“”]{2,16}$/u;
/** 为 opening a word of its own that is not the frame's 为 (为了, 为止, 为此, 为何 …). */
const NOT_FRAME_WEI = /^为(?:了|止|此|何|什么|着)/;

/**
 * 以 A，B(，C) 为 X: the 以 of the first piece is a preposition by the segmenter and has no 为 after it in its
 * piece (the frame is open at the comma); the middle pieces hold neither 以 nor 为; the last piece closes it
 * with 为 (or 为主, 为辅) and at most a noun of four characters before the piece ends or a 的. Items of one kind
 * (each opening with a verb, or each with a noun).
 */
function yiWeiFrame(pieces: Piece[]): number[] {
  const out: number[] = [];
  for (let k = 0; k < pieces.length - 1; k++) {
    if (!pieces[k].text.includes("以")) continue;
    const words = wordsOf(pieces[k]);
    const at = starts(words);
    let y = -1;
    for (let i = words.length - 1; i >= 0; i--) if (words[i].word === "以" && words[i].tag === "p") { y = i; break; }
    if (y < 0) continue;
    const first = pieces[k].text.slice(at[y] + 1);
    if (first.includes("为") || !ITEM.test(first)) continue;
    const items = [first];
    for (let j = k + 1; j < pieces.length && j - k <= 4; j++) {
      const t = pieces[j].text;
      if (t.includes("以")) break;
      if (!t.includes("为")) {
        if (!ITEM.test(t)) break;
        items.push(t);
        continue;
      }
      const w = wordsOf(pieces[j]);
      const ws = starts(w);
      const i = w.findIndex((x, n) => x.word.startsWith("为") && !NOT_FRAME_WEI.test(x.word) && n > 0);
      if (i < 0) break;
      const last = t.slice(0, ws[i]);
      const rest = t.slice(ws[i] + w[i].word.length);
      if (!ITEM.test(last) || !/^\p{Script=Han}{0,4}(?:的|$)/u.test(rest) || (/^的/.test(rest) && w[i].word === "为")) break;
      // What 为 names is one word or a noun phrase (为目标, 为抓手, 为主攻方向), not a clause (为基层减负).
      const head = tag(rest.replace(/的$/, ""), false);
      if (head.length > 1 && head.some((x) => /^v/.test(x.tag) && x.tag !== "vn")) break;
      // A run of clauses of that shape (以甲任组长，乙为副组长，丙为成员): each piece is a clause X为Y of its own.
      if (j + 1 < pieces.length && !pieces[j + 1].text.includes("以") && /^\p{Script=Han}{2,12}为\p{Script=Han}{1,4}(?:的|$)/u.test(pieces[j + 1].text)) break;
      items.push(last);
      if (sameKind(items)) for (let c = k; c < j; c++) out.push(pieces[c + 1].start - 1);
      break;
    }
  }
  return out;
}

/**
 * The items are phrases of one kind: each a verb with its object (建设平安乡村) or each a noun phrase; a single
 * word goes with either. An item that opens with a noun and has a verb after it is a clause or closes the frame
 * itself (以重点突破带动全局: 以 + a noun + its verb), and one that opens with an adverb or a pronoun is no item.
 */
function sameKind(items: string[]): boolean {
  const kinds = new Set<string>();
  for (const x of items) {
    const words = tag(x, false);
    if (words.length === 1) continue;
    const t = words[0].tag;
    // One verb with its object (建设平安乡村), not a chain of verbs that closes the frame itself (以量变促质变).
    if (/^(?:v|vn|vd|l|i)$/.test(t)) {
      if (words.filter((w) => w.tag === "v").length >= 3) return false;
      kinds.add("v");
    }
    else if (/^(?:n|nr|ns|nt|nz|j|b)$/.test(t) && !words.slice(1).some((w) => /^(?:v|vd|vi)$/.test(w.tag))) kinds.add("n");
    else return false;
  }
  return kinds.size <= 1;
}

/** Tags no item of a series of words carries: verbs, adverbs, prepositions, conjunctions, particles, pronouns. */
const NOT_IN_ITEM = /^(?:v|vd|vi|vg|d|p|c|u|ul|uj|uz|ug|uv|ud|r|rr|rz|f|t)$/;
const PREP = /^(?:对|在|从|向|与|同|把|将|给|跟|由|于|自|经|按|就|针对|围绕|面向|通过|会同|联合|深入)$/;

/**
 * P A，B(，C) 等 N: the first piece ends in a preposition (or a verb of reaching: 深入, 会同) and an item; each
 * piece after it up to the last is an item; the last opens with an item followed by 等 (a word of its own) and a
 * noun. Items of two to six characters with no verb, adverb, pronoun or particle by the segmenter (places and
 * bodies the dictionary does not know come out as nouns, bound characters or numerals, all allowed).
 */
function dengFrame(pieces: Piece[]): number[] {
  const out: number[] = [];
  for (let k = 0; k < pieces.length - 1; k++) {
    if (!pieces.slice(k + 1, k + 9).some((p) => p.text.includes("等"))) continue;
    const words = wordsOf(pieces[k]);
    const at = starts(words);
    // The preposition: the last word of the piece that is one, with at most two words after it.
    let p = -1;
    for (let i = words.length - 2; i >= Math.max(0, words.length - 3); i--) if (PREP.test(words[i].word) && /^[pv]/.test(words[i].tag)) { p = i; break; }
    if (p < 0) continue;
    const first = pieces[k].text.slice(at[p] + words[p].word.length);
    if (!shortItem(first)) continue;
    const items = [first];
    for (let j = k + 1; j < pieces.length && j - k <= 8; j++) {
      const t = pieces[j].text;
      const d = t.indexOf("等");
      if (d < 0) {
        if (!shortItem(t)) break;
        items.push(t);
        continue;
      }
      const w = wordsOf(pieces[j]);
      const ws = starts(w);
      const i = ws.indexOf(d);
      if (i < 0 || (w[i].word !== "等" && w[i].word !== "等等") || !shortItem(t.slice(0, d))) break;
      const next = t.slice(d + w[i].word.length);
      if (!/^\p{Script=Han}/u.test(next) || /^(?:[，。；、]|方面的?[，。；]|$)/.test(next)) break;
      items.push(t.slice(0, d));
      // Items of one length, or three or more of them: a series; two of different lengths may be two phrases.
      if (items.length >= 3 || items[0].length === items[1].length) for (let c = k; c < j; c++) out.push(pieces[c + 1].start - 1);
      break;
    }
  }
  return out;
}

/** Two to six Han characters with no word that a series of words does not hold. */
function shortItem(s: string): boolean {
  return /^\p{Script=Han}{2,6}$/u.test(s) && tag(s, false).every((w) => !NOT_IN_ITEM.test(w.tag));
}

/**
 * 从 A，B(，C) 的 N 上/出发 (从巩固基层政权，保障群众安居乐业的高度上认识): 从 opens a viewpoint that closes with
 * 的 + a noun and a word of standpoint (上, 出发, 来看, 看, 入手, 着手); the first piece has no such word after
 * 从, the middle pieces hold neither 从 nor 的, and the items are verbs with their objects, each opening with a
 * verb by the segmenter (parallel phrases, not clauses: no noun before the verb).
 */
function congFrame(pieces: Piece[]): number[] {
  const out: number[] = [];
  for (let k = 0; k < pieces.length - 1; k++) {
    if (!pieces[k].text.includes("从")) continue;
    const words = wordsOf(pieces[k]);
    const at = starts(words);
    const c = words.findLastIndex((w) => w.word === "从" && w.tag === "p");
    if (c < 0) continue;
    const first = pieces[k].text.slice(at[c] + 1);
    if (STANDPOINT.test(first) || !ITEM.test(first)) continue;
    const items = [first];
    for (let j = k + 1; j < pieces.length && j - k <= 4; j++) {
      const t = pieces[j].text;
      if (t.includes("从")) break;
      const close = /^([\p{Script=Han}“”]{2,16})的(\p{Script=Han}{1,6}?)(?:上|出发|来看|看|入手|着手)/u.exec(t);
      if (!close) {
        if (!ITEM.test(t) || STANDPOINT.test(t)) break;
        items.push(t);
        continue;
      }
      items.push(close[1]);
      if (items.every((x) => /^v/.test(tag(x, false)[0]?.tag ?? "") && tag(x, false)[0].tag !== "vn")) for (let n = k; n < j; n++) out.push(pieces[n + 1].start - 1);
      break;
    }
  }
  return out;
}
const STANDPOINT = /上|出发|来看|看|入手|着手|起/;
