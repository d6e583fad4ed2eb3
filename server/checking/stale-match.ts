import { hashString, maskFigures } from "./fingerprint.ts";
import { search } from "./postings.ts";
import { sourceOf, STALE_MIN } from "./reuse-entry.ts";
import type { ArchiveView, ReuseMatch } from "./reuse-match.ts";
import { normalise } from "../text/normalise.ts";
import { sentenceSpans } from "../text/sentences.ts";
import type { Finding } from "./types.ts";

/** Stale sentences: the same as an archive sentence once figures are masked, but with other figures. */
export function matchStale(text: string, view: ArchiveView, reuse: Pick<ReuseMatch, "norm" | "stockChar">): Finding[] {
  const { tables, doc, excluded, minDf } = view;
  const { norm, stockChar } = reuse;
  const q = norm.text;
  const stale: Finding[] = [];
  for (const s of sentenceSpans(text)) {
    const nt = normalise(s.text).text;
    const { masked, figures } = maskFigures(nt);
    if (figures.length === 0 || masked.length - figures.length < STALE_MIN) continue;
    const key = hashString(masked);
    if (tables.every((b) => search(b.sUniq, key) < 0)) continue;
    // A sentence made of stock wording (现将#年工作情况总结如下) is boilerplate whatever its year.
    let qs = 0;
    let qhi = norm.map.length;
    while (qs < qhi) {
      const mid = (qs + qhi) >>> 1;
      if (norm.map[mid] < s.start) qs = mid + 1;
      else qhi = mid;
    }
    let stockLen = 0;
    for (let c = qs; c < qs + nt.length && c < q.length; c++) stockLen += stockChar[c];
    if (stockLen >= 0.8 * nt.length) continue;
    const full = hashString(nt);
    let hit: { slot: number; idx: number } | null = null;
    let same = false;
    // A masked sentence found in several documents is boilerplate (现将#年工作情况总结如下), not a stale copy.
    let docs = 0;
    for (const b of tables) {
      const u = search(b.sUniq, key);
      if (u < 0) continue;
      const lo = b.sOffs[u];
      const hi = b.sOffs[u + 1];
      for (let j = lo; j < hi && docs < minDf && !same; j++) {
        if (excluded.has(b.sDoc[j])) continue;
        if (j === lo || b.sDoc[j] !== b.sDoc[j - 1]) docs++;
        if (doc(b.sDoc[j]).sFull[b.sIdx[j]] === full) same = true;
        else hit ??= { slot: b.sDoc[j], idx: b.sIdx[j] };
      }
    }
    if (docs >= minDf) continue;
    if (!hit || same) continue;
    const d = doc(hit.slot);
    const src = sourceOf(d, d.sStart[hit.idx], d.sEnd[hit.idx]);
    stale.push({
      kind: "stale", severity: "warning", start: s.start, end: s.end, text: s.text, source: src,
      message: `与范文《${d.title}》中的句子只差数字或年份，疑似沿用旧稿，请核实数字与表述`,
    });
  }
  return stale;
}
