import { findNames, type NameEvidence, type NameLists, type NameSpan } from "../../text/names.ts";
import { cut, dictEntry } from "../../text/segment.ts";

/**
 * Spans the typo check never touches: names of people, places and units, quoted names of
 * initiatives and documents, figures and Latin text. A name is what it is, however improbable its
 * characters look to a dictionary of common words: 齐圣村 is a village, not a typo for 齐声. The names
 * are found by server/text/names.ts; the judgement here is which evidence protects, and how strongly.
 */

/**
 * mask value of a character protected only by the name-ending patterns: the statistical rule leaves it
 * alone, the office's list does not (检查院 is wrong in any unit's name).
 */
export const BY_SUFFIX = 2;

/**
 * mask value of a character protected only as part of a name the tagger found or guessed: the
 * statistical rule leaves it alone, the office's list does not (a listed misspelling such as 变本加利 is
 * wrong wherever it stands, and the tagger may read part of it as a name).
 */
export const BY_NAME = 3;

/**
 * mask value of a character protected only as part of a short list item or an abbreviation before a
 * firm's or project's ending (邵永、铜吉; 柳工股份): the statistical rule leaves it alone (in professionally
 * edited prose a name there is far likelier than a slip), the office's list does not.
 */
export const BY_LIST = 4;

/**
 * mask value of a character protected as a domain term (the work lines' keywords) or beside a placeholder or
 * Latin letters (xx市): never changed by the statistical rules, even on strong evidence; the office's list
 * still applies.
 */
export const BY_TERM = 5;

/**
 * mask value of a character inside quotation marks (“糊涂帐”, ‘…’, 「…」): a coined term or a slogan the writer
 * quotes, never changed by the statistical rules (a term of one's own is not a slip); the office's list still
 * applies, since its forms are wrong in a quoted term too. A title in 《》 or 〈〉 stays closed to the list: it is
 * quoted as its issuer wrote it.
 */
export const BY_QUOTE = 6;

// The characters before a place's ending are a name (王家庄村, 长辛店镇, 城关街道), and so are those before
// the unit endings 局委院 (医保局, 卫健委). Not before 区市州省, which end too many common words (城区, 超市),
// nor before other unit endings (厅, 办, 所): before them stands as often a misspelt common word.
const NOT_SHIELDING = new Set(["区", "市", "州", "省"]);
const SHIELDING_UNIT_ENDS = ["局", "委", "院"];
const NAME_BEFORE_SUFFIX = 2;

const suffixCache = new WeakMap<NameLists, RegExp>();
function nameSuffix(lists: NameLists): RegExp {
  let re = suffixCache.get(lists);
  if (!re) {
    const ends = [...lists.placeEndings.filter((e) => !NOT_SHIELDING.has(e)), ...SHIELDING_UNIT_ENDS].sort((a, b) => b.length - a.length);
    re = new RegExp(`(?:${ends.join("|")})`, "g");
    suffixCache.set(lists, re);
  }
  return re;
}

const termPatterns = new WeakMap<readonly string[], RegExp>();
function termPattern(terms: readonly string[]): RegExp {
  let re = termPatterns.get(terms);
  if (!re) {
    const escaped = [...terms].sort((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    re = new RegExp(escaped.length ? escaped.join("|") : "(?!)", "g");
    termPatterns.set(terms, re);
  }
  return re;
}

export interface ProtectOptions {
  names?: boolean;
  suffixes?: boolean;
  quotes?: boolean;
  /** Terms of the domain (the work lines' keywords): protected like names. */
  terms?: readonly string[];
  /** The short items of a 顿号 list and abbreviations before a firm's or project's ending (names.ts in text/). */
  lists?: boolean;
}

/** mask[i] ≠ 0 where the statistical rule may not change the character at i (1: nor the list, see BY_SUFFIX and BY_NAME). */
export function protectedMask(text: string, lists: NameLists, opts: ProtectOptions = {}): Uint8Array {
  const mask = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf))) mask[i] = 1;
  }
  const evidence: NameEvidence[] = [];
  if (opts.quotes !== false) evidence.push("quote");
  if (opts.names !== false) evidence.push("tag", "guess");
  if (opts.lists !== false && opts.names !== false) evidence.push("list", "abbrev");
  const listed: NameSpan[] = [];
  for (const n of evidence.length ? findNames(text, lists, evidence) : []) {
    // A guessed word protects only as a person's name (张晓峰); a guessed place is left to the endings below.
    if (n.by === "quote") mask.fill(/^[《〈]/.test(n.text) ? 1 : BY_QUOTE, n.start, n.end);
    else if (n.by === "list" || n.by === "abbrev") listed.push(n);
    else if (n.by !== "guess" || n.kind === "person") for (let i = n.start; i < n.end; i++) if (mask[i] === 0) mask[i] = BY_NAME;
  }
  if (opts.suffixes !== false) {
    const mark = (i: number) => {
      if (mask[i] === 0) mask[i] = BY_SUFFIX;
    };
    for (const m of text.matchAll(nameSuffix(lists))) for (let i = Math.max(0, m.index - NAME_BEFORE_SUFFIX); i < m.index; i++) mark(i);
    // A unit's ending after its name stays too (资规局 is not 资规矩), and so does 室, which ends the offices
    // inside a unit (科室, 处室, 股室, 调解室: 各股室 is not 各股市).
    for (const m of text.matchAll(/(?<=\p{Script=Han}{2})[局委院室]/gu)) mark(m.index);
  }
  for (const m of opts.terms ? text.matchAll(termPattern(opts.terms)) : []) for (let i = m.index; i < m.index + m[0].length; i++) if (mask[i] === 0 || mask[i] === BY_SUFFIX) mask[i] = BY_TERM;
  // A character beside Latin letters or placeholder marks belongs to a name the writer abbreviated or has
  // still to fill in (xx市, XX县, ××镇, APP端): the name's ending, not a slip.
  if (opts.names !== false) {
    for (const m of text.matchAll(/[A-Za-zＡ-Ｚａ-ｚ×＊*○□]+/g)) {
      for (const i of [m.index - 1, m.index + m[0].length]) if (i >= 0 && i < text.length && (mask[i] === 0 || mask[i] === BY_SUFFIX || mask[i] === BY_NAME)) mask[i] = BY_TERM;
    }
  }
  // Last, so that a stronger protection of the same character stands.
  for (const n of listed) for (let i = n.start; i < n.end; i++) if (mask[i] === 0) mask[i] = BY_LIST;
  if (opts.lists !== false && opts.names !== false) {
    for (const i of listFrameSlots(text)) if (mask[i] === 0) mask[i] = BY_LIST;
    if (nameListTuning.on) for (const [a, b] of nameListItems(text)) for (let i = a; i < b; i++) if (mask[i] === 0) mask[i] = BY_LIST;
  }
  return mask;
}

const HAN = /\p{Script=Han}/u;

/**
 * The open slots of a frame shared by two items of a 顿号 list: the two characters either side of the 、 that
 * share one position and differ in the other (禁毒、拒毒; 治水、治岸). The writer varied that character on
 * purpose: each is what the frame around it makes of it, not a slip.
 */
export function listFrameSlots(text: string): number[] {
  const out: number[] = [];
  for (let k = text.indexOf("、"); k >= 0; k = text.indexOf("、", k + 1)) {
    if (k < 2 || k + 2 >= text.length) continue;
    const [a, b, c, d] = [text[k - 2], text[k - 1], text[k + 1], text[k + 2]];
    if (![a, b, c, d].every((ch) => HAN.test(ch))) continue;
    if (b === d && a !== c) out.push(k - 2, k + 1);
    else if (a === c && b !== d) out.push(k - 1, k + 2);
  }
  return out;
}

/** Fitting only (bench): the parallel-names guard below, and how many other items must look like names. */
export const nameListTuning = { on: true, others: 1 };

/** What ends a list's segment: any punctuation but the 顿号, a bracket or a quote, a line end. */
const SEGMENT = /[^，。；：！？,.;:!?（）()“”‘’《》〈〉「」『』\n]+/g;
/** A list's item is at most this long (longer stretches are clauses, not names). */
const MAX_NAME_ITEM = 8;
const CONJ = new Set(["以及", "和", "及", "与", "或", "等"]);

/**
 * The items of a 顿号 list of names (麒麟、飞腾、中芯国际; 东风岚图、邦普时代): an item whose own segmentation
 * leaves two neighbouring characters standing alone (no dictionary word holds them, and neither is a function
 * word: 中|芯, 岚|图), in a list where another item does so too. A firm's or a product's name is made of
 * characters the dictionary does not join, and a list of them has several such items; a slip breaks one word
 * of one item, and the other items of a list of terms segment cleanly.
 */
export function nameListItems(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const seg of text.matchAll(SEGMENT)) {
    if (!seg[0].includes("、")) continue;
    const parts = seg[0].split("、");
    let at = seg.index;
    const spans: Array<[number, number]> = [];
    for (let i = 0; i < parts.length; at += parts[i].length + 1, i++) {
      const words = cut(parts[i]);
      let a = at;
      let b = at + parts[i].length;
      if (i === 0) {
        // The first item: the part's last words, back to the first word of two or more characters before a run of singles.
        let k = words.length;
        let len = 0;
        while (k > 0 && len + words[k - 1].length <= MAX_NAME_ITEM) {
          len += words[--k].length;
          if (words[k].length >= 2 && (k === 0 || words[k - 1].length >= 2) && len >= 2) break;
        }
        a = b - len;
      }
      if (i === parts.length - 1 && parts.length > 1) {
        // The last item: up to a conjunction or 等, else through its first word and the single characters after it.
        let len = 0;
        for (let k = 0; k < words.length; k++) {
          if (CONJ.has(words[k]) && k > 0) break;
          if (k > 0 && words[k].length >= 2 && words[k - 1].length >= 2) break;
          len += words[k].length;
          if (len >= MAX_NAME_ITEM) break;
        }
        b = a + len;
      }
      // An item is Han characters only (a figure or a letter ends it).
      const han = /^[\u3400-\u9fff]*/.exec(text.slice(a, b))![0].length;
      spans.push([a, a + han]);
    }
    const items = spans.map(([a, b]) => text.slice(a, b));
    const named = items.map((t, i) => t.length <= MAX_NAME_ITEM && t.length >= 2 && !ORGAN_END.test(t) && !items.some((o, j) => j !== i && sharesFrame(t, o)) && looseSingles(t));
    const n = named.filter(Boolean).length;
    spans.forEach((s, i) => {
      if (named[i] && n - 1 >= nameListTuning.others) out.push(s);
    });
  }
  return out;
}

// A grammatical word's tags (particles, prepositions, conjunctions, adverbs, pronouns, interjections), and the
// frequency past which a character standing alone is grammar whatever its tag (是, 了).
const GRAMMAR_TAG = /^(u|p|c|d|r|y|e|o)/;
const GRAMMAR_FREQ = 500_000;

/** A character standing alone that may be part of a name: a Han character and no grammatical word. */
function nameChar(w: string): boolean {
  if (w.length !== 1 || !HAN.test(w)) return false;
  const e = dictEntry(w);
  return !e || (!GRAMMAR_TAG.test(e.tag) && e.freq < GRAMMAR_FREQ);
}

// An organ's name ends so (财政部, 国家发展改革委, 中央编办, 人民银行): the state's organs are known names, not a firm's.
const ORGAN_END = /[部委局厅办院署会行处所司]$/;

/** Two items of one length that share two characters in place are a frame (有粮必查、有账必核), not two names. */
function sharesFrame(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same >= 2;
}

/** Whether the item's segmentation leaves two neighbouring characters alone, neither a grammatical word. */
function looseSingles(item: string): boolean {
  const words = cut(item);
  for (let k = 0; k + 1 < words.length; k++) if (nameChar(words[k]) && nameChar(words[k + 1])) return true;
  return false;
}
