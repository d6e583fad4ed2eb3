/** Text helpers shared by the check rules and the reuse index: character classes, normalisation with an offset map, sentences. */

const HAN = /\p{Script=Han}/u;

/** True for a CJK ideograph (one UTF-16 unit in practice for the BMP characters reports use). */
export function isHan(ch: string | undefined): boolean {
  return ch !== undefined && ch !== "" && HAN.test(ch);
}

/** Full-width Chinese punctuation: counts as "Chinese text" when judging a neighbouring half-width mark. */
export const CN_PUNCT = "，。、；：？！“”‘’（）《》【】〔〕……—·";
export function isCnPunct(ch: string | undefined): boolean {
  return ch !== undefined && ch !== "" && CN_PUNCT.includes(ch);
}

/** 1-based line and column of an offset (column counts UTF-16 units, as editors do for CJK). */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, col: offset - last };
}

export interface Normalised {
  /** Han characters, ASCII letters (lower-cased) and digits (half-width) only. */
  text: string;
  /** map[i] = offset in the original text of normalised character i. */
  map: Int32Array;
}

/**
 * Drop punctuation and whitespace, fold full-width letters/digits to half-width and lower-case, and
 * keep a map back to original offsets. Reuse and repetition compare on this form so "，" vs "," or a
 * line break never hides a copied run. `from`/`limit`: start at an original offset and stop after
 * `limit` normalised characters (used to normalise a window of a long source document).
 */
export function normalise(text: string, from = 0, limit = Infinity): Normalised {
  const codes = new Uint16Array(Math.min(text.length - from, limit === Infinity ? text.length : limit) + 1);
  const map = new Int32Array(codes.length);
  let n = 0;
  for (let i = from; i < text.length && n < limit; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xff10 && c <= 0xff5a) c -= 0xfee0; // full-width digits/letters → ASCII
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || c === 0x3007 /* 〇 */) {
      codes[n] = c;
      map[n++] = i;
    } else if (c >= 65 && c <= 90) {
      codes[n] = c + 32;
      map[n++] = i;
    }
  }
  return { text: decoder.decode(codes.subarray(0, n)), map: map.slice(0, n) };
}

const decoder = new TextDecoder("utf-16le");

export interface Span {
  start: number;
  end: number;
  text: string;
}

/**
 * Sentences with offsets: split after 。！？； and their half-width forms and at line breaks,
 * keeping closing quotes/brackets with the sentence. Whitespace-only pieces are dropped.
 */
export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) spans.push({ start: s, end: e, text: text.slice(s, e) });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\n") {
      push(i + 1);
    } else if ("。！？；!?;".includes(ch)) {
      let j = i + 1;
      while (j < text.length && "”’」）)》".includes(text[j])) j++;
      push(j);
      i = j - 1;
    }
  }
  push(text.length);
  return spans;
}

/** Lines with offsets (without the newline). */
export function lineSpans(text: string): Span[] {
  const out: Span[] = [];
  let s = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === "\n") {
      const raw = text.slice(s, i).replace(/\r$/, "");
      out.push({ start: s, end: s + raw.length, text: raw });
      s = i + 1;
    }
  }
  return out;
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Small Chinese numerals as used in ordinals (一 … 九十九); NaN when not one. */
export function cnOrdinal(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s.length === 0) return NaN;
  if (s.length === 1) return s === "十" ? 10 : (CN_DIGITS[s] ?? NaN);
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? CN_DIGITS[m[1]] : 1) * 10 + (m[2] ? CN_DIGITS[m[2]] : 0);
  return NaN;
}

const CN_UNITS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
/** 1 → 一, 12 → 十二, 23 → 二十三 (ordinals up to 99). */
export function toCnOrdinal(n: number): string {
  if (n < 10) return CN_UNITS[n] || "零";
  const t = Math.floor(n / 10);
  const u = n % 10;
  return `${t === 1 ? "" : CN_UNITS[t]}十${CN_UNITS[u]}`;
}

/** The year of a report: from its title ("2025年工作总结"), else an opening "2021年，…"; null if neither. */
export function yearFromText(text: string): number | null {
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean).slice(0, 12);
  for (const line of lines) {
    if (line.length > 60) continue;
    const m = /((?:19|20)\d{2})年(?:度|上半年|下半年|[^，。,]*?)(?:工作)?(?:总结|报告|汇报|计划|述职)/.exec(line);
    if (m) return Number(m[1]);
  }
  const head = lines.find((l) => l.length > 0);
  const m = head ? /^((?:19|20)\d{2})年(?:以来|度)?[，,]/.exec(head) : null;
  return m ? Number(m[1]) : null;
}
