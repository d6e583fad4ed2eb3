/** Character classes of Chinese text, and positions for messages. No native code: the editor may import it. */

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
