/** The comparison form of Chinese text: what reuse and repetition match on, with a map back to offsets. */

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
