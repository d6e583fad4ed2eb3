import { K, kgramHashes, W } from "./fingerprint.ts";
import { search, type Postings } from "./postings.ts";
import { EXTEND_MAX, sourceSpan, sourceWindow, type DocEntry } from "./reuse-entry.ts";
import { normalise, type Normalised } from "../text/normalise.ts";
import type { NameLists } from "../text/names.ts";
import { carriesOwnContent, ownPlaceOf, YEAR_RE } from "./reuse-carrier.ts";
import type { Finding } from "./types.ts";

/*
 * Reporting thresholds, in normalised characters (calibration numbers in fingerprint.ts):
 * - a run found in one archive document ("specific") is reported from 13 characters (w + k − 1, the
 *   length winnowing guarantees to catch); shorter shared runs between the samples were all generic.
 * - it is an error from 30 characters (no run between two different offices' reports reached 30; the
 *   longest, 24, was the stock 坚持以习近平…思想为指导深入), or from 20 when it carries a figure — a
 *   sentence with another unit's numbers in it is the copy that gives a report away.
 * - a k-gram is stock when it is in STOCK_MIN_DF or more archive documents, or inside a phrase of
 *   stock-phrases.txt. With 5 samples, 2 documents is "several"; for larger archives the bar rises with
 *   the archive (1% of documents, at least 2) so that two reports of the same office do not turn their
 *   shared specific content into stock.
 * - a stock run is never reported (it is what the genre expects); it only keeps a specific run from
 *   growing through it.
 */
export const SPECIFIC_MIN = 13;
export const SPECIFIC_ERROR = 30;
export const SPECIFIC_ERROR_WITH_FIGURE = 20;
const MAX_POSTINGS_PER_GRAM = 64;

export const stockMinDf = (documents: number) => Math.max(2, Math.ceil(documents * 0.01));

/**
 * What one match call knows about the archive: its posting tables (the shared table and the one of
 * the documents added since; their slots never overlap), documents by slot, and who is left out.
 */
export interface ArchiveView {
  tables: Postings[];
  doc: (slot: number) => DocEntry;
  /** Slots left out: asked for, or removed from the shared table since it was built. */
  excluded: Set<number>;
  minDf: number;
  /** Normalised standard formulations: stock whatever their document frequency. */
  stock: string[];
  /** The same as a set, with the registry's terms (a quoted one of these names nothing of an office's own). */
  stockSet: Set<string>;
  /** The office's name lists. */
  names: NameLists;
}

export interface ReuseMatch {
  reuse: Finding[];
  /** The checked text, normalised (shared with the stale match). */
  norm: Normalised;
  /** stockChar[c] = 1 where normalised character c is stock wording or a year. */
  stockChar: Uint8Array;
}

/**
 * Specific runs (found in few archive documents) and stock runs (found in many) of a text.
 * `exhaustive`: read the source of every run, even one that cannot reach SPECIFIC_MIN characters of
 * its own (the reference the bound below is tested against; the findings are the same).
 */
export function matchReuse(text: string, view: ArchiveView, opts: { exhaustive?: boolean } = {}): ReuseMatch {
  const { tables, doc, excluded, minDf, stock } = view;
  const norm = normalise(text);
  const q = norm.text;
  const hs = kgramHashes(q, K);
  const n = hs.length;

  // Grams inside a whitelisted standard formulation are stock whatever their document frequency.
  const white = new Uint8Array(n);
  for (const p of stock) {
    for (let i = q.indexOf(p); i >= 0; i = q.indexOf(p, i + 1)) {
      for (let g = i; g + K <= i + p.length; g++) white[g] = 1;
    }
  }

  const stockGram = new Uint8Array(n);
  const matches: Array<{ qi: number; slot: number; si: number }> = [];
  const found = new Int32Array(tables.length);
  for (let i = 0; i < n; i++) {
    // Documents with this gram, over the tables (a document is in one table only).
    let df = 0;
    let any = false;
    for (let t = 0; t < tables.length; t++) {
      const b = tables[t];
      const u = (found[t] = search(b.uniq, hs[i]));
      if (u < 0) continue;
      any = true;
      const lo = b.offs[u];
      const hi = b.offs[u + 1];
      if (excluded.size === 0) {
        df += b.df[u];
        continue;
      }
      let here = 0;
      for (let j = lo; j < hi; j++) {
        if (excluded.has(b.doc[j])) continue;
        if (j === lo || b.doc[j] !== b.doc[j - 1]) here++;
        if (df + here >= minDf && hi - lo > MAX_POSTINGS_PER_GRAM) break;
      }
      df += here;
    }
    if (!any || df === 0) continue;
    if (df >= minDf || white[i]) {
      stockGram[i] = 1;
      continue;
    }
    let taken = 0;
    for (let t = 0; t < tables.length; t++) {
      const b = tables[t];
      const u = found[t];
      if (u < 0) continue;
      for (let j = b.offs[u]; j < b.offs[u + 1] && taken < MAX_POSTINGS_PER_GRAM; j++) {
        if (excluded.has(b.doc[j])) continue;
        matches.push({ qi: i, slot: b.doc[j], si: b.pos[j] });
        taken++;
      }
    }
  }

  // Chain specific matches per document along a diagonal (the same offset between the two texts),
  // bridging gaps of up to w grams (winnowing leaves at most w − 1 between fingerprints) and any
  // stretch of stock grams (a copied passage often has a standard phrase in the middle).
  const bridgeable = (from: number, to: number) => {
    if (to - from <= W) return true;
    let plain = 0;
    for (let g = from + 1; g < to; g++) if (!stockGram[g]) plain++;
    return plain <= 2 * W; // unselected grams on both sides of a stock stretch
  };
  // Fingerprints sit up to w − 1 grams apart, so a run's true extent is found by comparing the
  // characters of the two texts outward from its first and last fingerprint.
  const extend = (slot: number, q0: number, q1: number, s0: number, s1: number) => {
    const w = sourceWindow(doc(slot), s0 - EXTEND_MAX, s1 + K + EXTEND_MAX);
    const src = w.text;
    let a = s0 - w.base;
    let qe = q1 + K;
    let e = s1 + K - w.base;
    const lo = Math.max(0, s0 - EXTEND_MAX - w.base);
    while (q0 > 0 && a > lo && q[q0 - 1] === src[a - 1]) {
      q0--;
      a--;
    }
    while (qe < q.length && e < src.length && q[qe] === src[e]) {
      qe++;
      e++;
    }
    return { q0, qe, s0: a + w.base, se: e + w.base };
  };

  type Run = { slot: number; q0: number; q1: number; s0: number; s1: number; grams: number };
  const runs: Run[] = [];
  const bySlot = new Map<number, Array<{ qi: number; si: number }>>();
  for (const m of matches) {
    const list = bySlot.get(m.slot);
    if (list) list.push(m);
    else bySlot.set(m.slot, [m]);
  }
  for (const [slot, list] of bySlot) {
    list.sort((a, c) => a.qi - c.qi || a.si - c.si);
    const open: Run[] = [];
    for (const m of list) {
      const diag = m.si - m.qi;
      let run = open.find((r) => Math.abs(r.s1 - r.q1 - diag) <= 3 && m.qi > r.q1 && bridgeable(r.q1, m.qi) && m.si > r.s1);
      if (run) {
        run.q1 = m.qi;
        run.s1 = m.si;
        run.grams++;
      } else {
        run = { slot, q0: m.qi, q1: m.qi, s0: m.si, s1: m.si, grams: 1 };
        open.push(run);
        runs.push(run);
      }
    }
  }

  // Characters covered by stock grams or whitelisted phrases: a copied run must be long outside them.
  const stockChar = new Uint8Array(q.length);
  for (let i = 0; i < n; i++) if (stockGram[i] || white[i]) stockChar.fill(1, i, i + K);
  // A year is what every report changes, not content: "现将2025年工作情况总结如下" and
  // "区委政法委2025年工作总结" are boilerplate whose only rare part is the year.
  for (const m of q.matchAll(YEAR_RE)) stockChar.fill(1, m.index!, m.index! + m[0].length);
  const ownBefore = new Int32Array(q.length + 1);
  for (let c = 0; c < q.length; c++) ownBefore[c + 1] = ownBefore[c] + 1 - stockChar[c];
  const reuse: Finding[] = [];
  const carrierCtx = { stock: view.stockSet, ownPlace: ownPlaceOf(text), names: view.names };
  const specificCover = new Uint8Array(q.length);
  runs.sort((a, c) => c.q1 - c.q0 - (a.q1 - a.q0) || a.q0 - c.q0);
  for (const r of runs) {
    if (r.q1 + K - r.q0 < SPECIFIC_MIN - 2 * (W + K)) continue; // cannot reach the minimum even fully extended
    let pre = 0;
    for (let i = r.q0; i < r.q1 + K; i++) pre += specificCover[i];
    if (pre > (r.q1 + K - r.q0) / 2) continue;
    // Extended, a run gains at most EXTEND_MAX characters on either side: one without SPECIFIC_MIN
    // characters of its own (not stock) even then is rejected below whatever its source says, so its
    // source is not read. In a large archive most runs are of this kind: a gram found in fewer than
    // minDf documents (up to 168 at 1M passages) is matched in up to 64 of them, each a run of its
    // own, mostly amid stock wording (at 1M, 2,500 of the 2,970 runs a 5,000-character draft read).
    if (!opts.exhaustive && ownBefore[Math.min(q.length, r.q1 + K + EXTEND_MAX)] - ownBefore[Math.max(0, r.q0 - EXTEND_MAX)] < SPECIFIC_MIN) continue;
    const x = extend(r.slot, r.q0, r.q1, r.s0, r.s1);
    const len = x.qe - x.q0;
    let own = 0;
    for (let c = x.q0; c < x.qe; c++) if (!stockChar[c]) own++;
    if (own < SPECIFIC_MIN) continue;
    // Keep the longest run for any stretch of the checked text.
    let overlap = 0;
    for (let i = x.q0; i < x.qe; i++) overlap += specificCover[i];
    if (overlap > len / 2) continue;
    specificCover.fill(1, x.q0, x.qe);
    const start = norm.map[x.q0];
    const end = norm.map[x.qe - 1] + 1;
    const runText = q.slice(x.q0, x.qe);
    if (!carriesOwnContent(runText, text.slice(start, end), carrierCtx)) {
      // Rare in the archive but nothing of its own in it: wording, not content.
      const src = sourceSpan(doc(r.slot), x.s0, x.se);
      reuse.push({
        kind: "reuse", severity: "info", start, end, text: text.slice(start, end), stock: true, source: src,
        message: "通用表述（不含数字、地名人名或具名的做法），可保留",
      });
      continue;
    }
    const hasFigure = /[0-9]/.test(runText.replace(YEAR_RE, ""));
    const severity = len >= SPECIFIC_ERROR || (hasFigure && len >= SPECIFIC_ERROR_WITH_FIGURE) ? "error" : "warning";
    const src = sourceSpan(doc(r.slot), x.s0, x.se);
    reuse.push({
      kind: "reuse", severity, start, end, text: text.slice(start, end), stock: false, source: src,
      message: `与范文《${src.title}》中的具体内容相同（${len}字），请改写或核实是否照搬`,
    });
  }

  // Stock runs (stock grams no more than w apart) are not reported: a standard formulation shared by
  // many reports is what the genre expects, and a note telling the writer to keep it is noise.
  return { reuse, norm, stockChar };
}
