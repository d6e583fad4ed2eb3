/**
 * Fingerprints for reuse detection: character k-grams over normalised text (no punctuation or
 * whitespace, see text/normalise.ts) and winnowing (Schleimer, Wilkerson, Aiken, SIGMOD 2003).
 *
 * Calibration on the five sample reports (normalised lengths 3.2k–5.4k characters, 19.7k in all;
 * measured with a throwaway script over corpus/*.txt, numbers in the checking report):
 * - Share of one report's distinct k-grams also found in another, unrelated report: k = 4: 9.8%,
 *   k = 5: 5.0%, k = 6: 3.1%, k = 8: 1.4%. At k = 4–5 that is mostly generic two-word pieces
 *   (社会治安, 工作机制); at k = 6 the shared grams sit inside real shared phrases. k = 8 would lose
 *   short stock phrases (维护社会大局稳定 is 8 characters), so k = 6.
 * - Maximal runs shared between two different offices' reports: 156 of 6–9 characters, 18 of 10–12,
 *   9 of 13–19, 3 of 20–29, none of 30+. Every run of 10+ was stock wording (坚持以习近平新时代中国特色
 *   社会主义思想为指导 = 22, 中国共产党政法工作条例 = 11, 不忘初心牢记使命主题教育 = 12); the only
 *   "specific-looking" shared run was the template blank 件调解成功xxx (8).
 * - w = 8, so any shared run of w + k − 1 = 13 characters is guaranteed to be caught (the folklore
 *   13-character rule, here a guarantee rather than a threshold); the archive keeps ≈ 2/(w+1) = 22% of
 *   its grams. Reporting thresholds (13 / 30 characters) live in reuse-match.ts.
 */
export const K = 6;
export const W = 8;

/** FNV-1a hash of every k-gram of `s` (length s.length − k + 1, empty when shorter). */
export function kgramHashes(s: string, k = K): Uint32Array {
  const n = s.length - k + 1;
  if (n <= 0) return new Uint32Array(0);
  const out = new Uint32Array(n);
  const codes = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) codes[i] = s.charCodeAt(i);
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let j = 0; j < k; j++) {
      const c = codes[i + j];
      h = Math.imul(h ^ (c & 0xff), 0x01000193);
      h = Math.imul(h ^ (c >>> 8), 0x01000193);
    }
    out[i] = h >>> 0;
  }
  return out;
}

/**
 * Robust winnowing: in every window of w consecutive k-gram hashes keep the minimum (the rightmost
 * on ties), recording each selected position once. Returns hashes and their k-gram positions.
 */
export function winnow(hashes: Uint32Array, w = W): { hash: Uint32Array; pos: Uint32Array } {
  const n = hashes.length;
  if (n === 0) return { hash: new Uint32Array(0), pos: new Uint32Array(0) };
  if (n <= w) {
    let m = 0;
    for (let i = 1; i < n; i++) if (hashes[i] <= hashes[m]) m = i;
    return { hash: Uint32Array.of(hashes[m]), pos: Uint32Array.of(m) };
  }
  const hs: number[] = [];
  const ps: number[] = [];
  let minPos = -1;
  for (let start = 0; start + w <= n; start++) {
    if (minPos < start) {
      // the previous minimum left the window: rescan it
      minPos = start;
      for (let i = start + 1; i < start + w; i++) if (hashes[i] <= hashes[minPos]) minPos = i;
      hs.push(hashes[minPos]);
      ps.push(minPos);
    } else {
      const i = start + w - 1;
      if (hashes[i] <= hashes[minPos]) {
        minPos = i;
        hs.push(hashes[minPos]);
        ps.push(minPos);
      }
    }
  }
  return { hash: Uint32Array.from(hs), pos: Uint32Array.from(ps) };
}

/** FNV-1a of a whole string (sentence keys for the stale check). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h = Math.imul(h ^ (c & 0xff), 0x01000193);
    h = Math.imul(h ^ (c >>> 8), 0x01000193);
  }
  return h >>> 0;
}

// Figures inside a normalised sentence: digits, Chinese numerals before a measure word, and blanks
// (x, xx) left in a template. Masking them leaves the wording, which is what "stale" compares.
const FIGURE_RE = /[0-9]+|[零〇一二两三四五六七八九十百千万亿]+(?=[次个件人名家场项起处条户所期批座轮篇份余多万亿年月日])|x+/g;

/** The masked form of a normalised sentence and the figures that were masked. */
export function maskFigures(norm: string): { masked: string; figures: string[] } {
  const figures: string[] = [];
  const masked = norm.replace(FIGURE_RE, (m) => {
    figures.push(m);
    return "#";
  });
  return { masked, figures };
}

/**
 * Sort positions 0..n−1 by a 32-bit key (LSD radix, two 16-bit passes; stable, so equal keys keep
 * insertion order — the index relies on that to group postings of one document together).
 */
export function radixOrder(keys: Uint32Array): Uint32Array {
  const n = keys.length;
  let src = new Uint32Array(n);
  for (let i = 0; i < n; i++) src[i] = i;
  let dst = new Uint32Array(n);
  const count = new Uint32Array(65537);
  for (const shift of [0, 16]) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[((keys[src[i]] >>> shift) & 0xffff) + 1]++;
    for (let b = 0; b < 65536; b++) count[b + 1] += count[b];
    for (let i = 0; i < n; i++) {
      const idx = src[i];
      dst[count[(keys[idx] >>> shift) & 0xffff]++] = idx;
    }
    [src, dst] = [dst, src];
  }
  return src;
}
