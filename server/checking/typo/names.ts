import { hasWord, tag } from "../../text/segment.ts";

/**
 * Spans the typo check never touches: names of people, places and units, quoted names of
 * initiatives and documents, figures and Latin text. A name is what it is, however improbable its
 * characters look to a dictionary of common words: 齐圣村 is a village, not a typo for 齐声.
 */

// jieba's part-of-speech tags for names: person (nr, nrfg, nrt), place (ns), unit (nt), other proper (nz).
const NAME_TAG = /^n[rstz]/;

// The characters before these are a place or unit name (王家庄村, 长辛店镇, 城关街道, 医保局, 卫健委).
// Other unit endings (厅, 办, 所) are left to the tagger: before them stands as often a misspelt common word.
const NAME_SUFFIX = /(?:街道|社区|嘎查|苏木|[县镇乡村旗盟屯寨局委院])/g;
const NAME_BEFORE_SUFFIX = 2;

/**
 * mask value of a character protected only by the name-ending patterns: the statistical rule leaves it
 * alone, the office's list does not (检查院 is wrong in any unit's name).
 */
export const BY_SUFFIX = 2;

/**
 * mask value of a character protected only as part of a name the tagger found: the statistical rule
 * leaves it alone, the office's list does not (a listed misspelling such as 变本加利 is wrong wherever it
 * stands, and the tagger may read part of it as a name).
 */
export const BY_NAME = 3;

// Quoted names: “雪亮工程”, 《反有组织犯罪法》. A quote that does not close soon protects nothing.
const QUOTED = /“[^“”\n]{1,40}”|‘[^‘’\n]{1,40}’|《[^《》\n]{1,60}》|「[^「」\n]{1,40}」|『[^『』\n]{1,40}』|〈[^〈〉\n]{1,40}〉/g;

const PLACE_OR_UNIT_END = /[省市县区镇乡村局委院厅办所]$/;

// The commonest surnames (together most of the population): an unknown three-character word that
// starts with one is taken for a person's name (张晓峰, 郝丽艳), the way a reader would.
const SURNAMES = new Set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧牛葛祝庞");

export interface ProtectOptions {
  names?: boolean;
  suffixes?: boolean;
  quotes?: boolean;
}

function markName(mask: Uint8Array, from: number, to: number): void {
  for (let i = from; i < to; i++) if (mask[i] === 0) mask[i] = BY_NAME;
}

function tagNames(line: string, offset: number, mask: Uint8Array): void {
  let at = 0;
  for (const { word, tag: pos } of tag(line, true)) {
    const start = line.indexOf(word, at);
    if (start < 0) continue;
    at = start + word.length;
    if (NAME_TAG.test(pos) && word.length > 1) markName(mask, offset + start, offset + at);
    // A three-character word jieba had to guess (not in its dictionary) that starts with a surname:
    // the shape of a full name. Guessed pairs (王上 for 网上) are far more often typos than names.
    else if (pos === "x" && word.length === 3 && SURNAMES.has(word[0]) && !hasWord(word) && /^\p{Script=Han}+$/u.test(word) && !PLACE_OR_UNIT_END.test(word)) {
      markName(mask, offset + start, offset + at);
    }
  }
}

/** mask[i] ≠ 0 where the statistical rule may not change the character at i (1: nor the list, see BY_SUFFIX and BY_NAME). */
export function protectedMask(text: string, opts: ProtectOptions = {}): Uint8Array {
  const mask = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf))) mask[i] = 1;
  }
  if (opts.quotes !== false) {
    for (const m of text.matchAll(QUOTED)) mask.fill(1, m.index, m.index + m[0].length);
  }
  if (opts.names !== false) {
    // Line by line: each native call stays short, so a worker that must stop can stop between lines.
    for (let from = 0; from < text.length; ) {
      let to = text.indexOf("\n", from);
      if (to < 0) to = text.length;
      if (to > from) tagNames(text.slice(from, to), from, mask);
      from = to + 1;
    }
  }
  if (opts.suffixes !== false) {
    const mark = (i: number) => {
      if (mask[i] === 0) mask[i] = BY_SUFFIX;
    };
    for (const m of text.matchAll(NAME_SUFFIX)) for (let i = Math.max(0, m.index - NAME_BEFORE_SUFFIX); i < m.index; i++) mark(i);
    // A unit's ending after its name stays too (资规局 is not 资规矩).
    for (const m of text.matchAll(/(?<=\p{Script=Han}{2})[局委院]/gu)) mark(m.index);
  }
  return mask;
}
