import { findNames, type NameEvidence, type NameLists, type NameSpan } from "../../text/names.ts";

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
    if (n.by === "quote") mask.fill(1, n.start, n.end);
    else if (n.by === "list" || n.by === "abbrev") listed.push(n);
    else if (n.by !== "guess" || n.kind === "person") for (let i = n.start; i < n.end; i++) if (mask[i] === 0) mask[i] = BY_NAME;
  }
  if (opts.suffixes !== false) {
    const mark = (i: number) => {
      if (mask[i] === 0) mask[i] = BY_SUFFIX;
    };
    for (const m of text.matchAll(nameSuffix(lists))) for (let i = Math.max(0, m.index - NAME_BEFORE_SUFFIX); i < m.index; i++) mark(i);
    // A unit's ending after its name stays too (资规局 is not 资规矩).
    for (const m of text.matchAll(/(?<=\p{Script=Han}{2})[局委院]/gu)) mark(m.index);
  }
  for (const m of opts.terms ? text.matchAll(termPattern(opts.terms)) : []) for (let i = m.index; i < m.index + m[0].length; i++) if (mask[i] === 0) mask[i] = BY_NAME;
  // Last, so that a stronger protection of the same character stands.
  for (const n of listed) for (let i = n.start; i < n.end; i++) if (mask[i] === 0) mask[i] = BY_LIST;
  if (opts.lists !== false && opts.names !== false) for (const i of listFrameSlots(text)) if (mask[i] === 0) mask[i] = BY_LIST;
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
