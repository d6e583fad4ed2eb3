import { createReadStream, existsSync } from "node:fs";
import { appendFile, mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Chunk } from "../corpus/types.ts";
import type { Logger } from "../log.ts";
import type { CorpusStore } from "../store/types.ts";
import { hashString, K, kgramHashes, maskFigures, radixOrder, W, winnow } from "./fingerprint.ts";
import { loadStockPhrases } from "../lists/checking.ts";
import { normalise } from "../text/normalise.ts";
import { sentenceSpans } from "../text/sentences.ts";
import type { Finding, ReuseIndex } from "./types.ts";

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
 * - a stock run is shown (as info) from 12 characters, so short set phrases do not flood the list.
 */
export const SPECIFIC_MIN = 13;
/** Years (and 年度) in normalised text; they never make a run specific. */
const YEAR_RE = /(?:19|20)\d{2}年度?|[一二]〇[一二三四五六七八九〇]{2}年度?/g;
export const SPECIFIC_ERROR = 30;
export const SPECIFIC_ERROR_WITH_FIGURE = 20;
export const STOCK_SHOW_MIN = 12;
const MAX_POSTINGS_PER_GRAM = 64;
const STALE_MIN = 12; // masked sentence length (non-figure characters) worth comparing

const stockMinDf = (documents: number) => Math.max(2, Math.ceil(documents * 0.01));

export interface DocEntry {
  id: string;
  title: string;
  contentHash: string;
  text: string;
  chunks: Array<{ start: number; end: number; headingPath: string[] }>;
  fpHash: Uint32Array;
  fpPos: Uint32Array; // normalised offsets of the k-grams
  sMask: Uint32Array; // stale: hash of the masked sentence
  sFull: Uint32Array; // hash of the unmasked normalised sentence
  sStart: Uint32Array;
  sEnd: Uint32Array;
  /** ckpt[j] = original offset of normalised character j·CKPT: lets a window of the source be normalised alone. */
  ckpt: Uint32Array;
}

const CKPT = 256;
// Fingerprints chain over the whole interior of a shared run (gaps < w), so a run's true ends lie at
// most w + k characters beyond its first and last fingerprint.
const EXTEND_MAX = 2 * (W + K);

function checkpoints(map: Int32Array): Uint32Array {
  const out = new Uint32Array(Math.ceil(map.length / CKPT) + 1);
  for (let j = 0; j * CKPT < map.length; j++) out[j] = map[j * CKPT];
  return out;
}

interface Built {
  uniq: Uint32Array; // distinct hashes, ascending
  offs: Uint32Array; // uniq[i]'s postings are [offs[i], offs[i+1])
  df: Uint32Array; // distinct live documents per distinct hash
  doc: Uint32Array; // posting → document slot
  pos: Uint32Array; // posting → normalised offset
  sUniq: Uint32Array;
  sOffs: Uint32Array;
  sDoc: Uint32Array;
  sIdx: Uint32Array;
  documents: number;
}

/** One change to the index, as told to subscribers. */
export type ReuseChange = { put: DocEntry; drop?: undefined } | { drop: string; put?: undefined };

export interface MatchOptions {
  excludeDocIds?: string[];
}

const b64 = (a: Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
const fromB64 = (s: string) => {
  const b = Buffer.from(s, "base64");
  const out = new Uint32Array(b.length / 4);
  new Uint8Array(out.buffer).set(b);
  return out;
};

function search(arr: Uint32Array, v: number): number {
  let lo = 0;
  let hi = arr.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = arr[mid];
    if (x === v) return mid;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function group(keys: Uint32Array): { order: Uint32Array; uniq: Uint32Array; offs: Uint32Array } {
  const order = radixOrder(keys);
  const u: number[] = [];
  const o: number[] = [];
  for (let i = 0; i < order.length; i++) {
    const h = keys[order[i]];
    if (i === 0 || h !== keys[order[i - 1]]) {
      u.push(h);
      o.push(i);
    }
  }
  o.push(order.length);
  return { order, uniq: Uint32Array.from(u), offs: Uint32Array.from(o) };
}

/** Fingerprint one document: winnowed k-grams and masked-sentence hashes. */
export function fingerprintDocument(doc: { id: string; title: string; contentHash: string; cleanedText: string; chunks: Chunk[] }): DocEntry {
  const norm = normalise(doc.cleanedText);
  const { hash, pos } = winnow(kgramHashes(norm.text, K), W);
  const sM: number[] = [];
  const sF: number[] = [];
  const sS: number[] = [];
  const sE: number[] = [];
  for (const s of sentenceSpans(doc.cleanedText)) {
    const n = normalise(s.text).text;
    const { masked, figures } = maskFigures(n);
    if (figures.length === 0 || masked.length - figures.length < STALE_MIN) continue;
    sM.push(hashString(masked));
    sF.push(hashString(n));
    sS.push(s.start);
    sE.push(s.end);
  }
  return {
    id: doc.id,
    title: doc.title,
    contentHash: doc.contentHash,
    text: doc.cleanedText,
    chunks: doc.chunks.map((c) => ({ start: c.start, end: c.end, headingPath: c.headingPath })),
    fpHash: hash,
    fpPos: pos,
    sMask: Uint32Array.from(sM),
    sFull: Uint32Array.from(sF),
    sStart: Uint32Array.from(sS),
    sEnd: Uint32Array.from(sE),
    ckpt: checkpoints(norm.map),
  };
}

/**
 * The archive's fingerprints in memory (sorted typed arrays, rebuilt lazily after changes) with an
 * append-only log on disk.
 *
 * Why a log file and not a LanceDB table: the index is needed whole in memory for every check and is
 * a cache derived from the corpus store (reconcile rebuilds it). Reading one JSON-lines file with
 * base64 typed arrays at start is a single sequential read; a `fingerprints` table of (hash, doc, pos)
 * rows would be millions of rows to scan through Arrow on every start, for no query LanceDB could
 * answer faster than a binary search over a sorted Uint32Array. A torn last line (crash mid-append) is
 * skipped and the document re-added by reconcile.
 */
export class FingerprintIndex implements ReuseIndex {
  private docs: Array<DocEntry | null> = [];
  private slots = new Map<string, number>();
  private built: Built | null = null;
  private garbage = 0;
  /** Told of every change after it is made (the check workers' copies follow through this). */
  private readonly listeners = new Set<(change: ReuseChange) => void>();
  /** File writes run one after another: appends and compaction must never interleave. */
  private writes: Promise<unknown> = Promise.resolve();
  readonly stock: string[];

  constructor(private readonly file: string | null, private readonly logger: Logger, stock: string[]) {
    this.stock = stock;
  }

  /** Load the log (if any); compacts it when more than half of it is superseded. */
  async load(): Promise<void> {
    if (!this.file || !existsSync(this.file)) return;
    const rl = createInterface({ input: createReadStream(this.file, "utf8"), crlfDelay: Infinity });
    let lines = 0;
    for await (const line of rl) {
      if (!line.trim()) continue;
      lines++;
      try {
        const r = JSON.parse(line) as Record<string, unknown>;
        if (r.op === "remove") this.drop(String(r.id));
        else if (r.op === "add") {
          this.put({
            id: String(r.id), title: String(r.title), contentHash: String(r.contentHash), text: String(r.text),
            chunks: r.chunks as DocEntry["chunks"],
            fpHash: fromB64(String(r.fpHash)), fpPos: fromB64(String(r.fpPos)),
            sMask: fromB64(String(r.sMask)), sFull: fromB64(String(r.sFull)), sStart: fromB64(String(r.sStart)), sEnd: fromB64(String(r.sEnd)),
            ckpt: r.ckpt ? fromB64(String(r.ckpt)) : checkpoints(normalise(String(r.text)).map),
          });
        }
      } catch (e) {
        this.logger.warn(`查重索引：跳过损坏的一行（${(e as Error).message.slice(0, 80)}）`);
      }
    }
    if (lines > 2 * this.slots.size + 16) await this.serial(() => this.compact());
  }

  /** Follow every later change; returns the function that stops it. */
  subscribe(fn: (change: ReuseChange) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** The live entries (a copy of the list; the entries themselves are never mutated). */
  entries(): DocEntry[] {
    return this.docs.filter((d): d is DocEntry => d !== null);
  }

  private put(e: DocEntry) {
    for (const fn of this.listeners) fn({ put: e });
    const old = this.slots.get(e.id);
    if (old !== undefined) {
      this.docs[old] = null;
      this.garbage++;
    }
    this.slots.set(e.id, this.docs.length);
    this.docs.push(e);
    this.built = null;
  }

  private drop(id: string): boolean {
    const slot = this.slots.get(id);
    if (slot === undefined) return false;
    for (const fn of this.listeners) fn({ drop: id });
    this.docs[slot] = null;
    this.slots.delete(id);
    this.garbage++;
    this.built = null;
    return true;
  }

  private record(e: DocEntry): string {
    return JSON.stringify({
      op: "add", id: e.id, title: e.title, contentHash: e.contentHash, text: e.text, chunks: e.chunks,
      fpHash: b64(e.fpHash), fpPos: b64(e.fpPos), sMask: b64(e.sMask), sFull: b64(e.sFull), sStart: b64(e.sStart), sEnd: b64(e.sEnd), ckpt: b64(e.ckpt),
    }) + "\n";
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.writes.then(fn, fn);
    this.writes = next.catch(() => undefined);
    return next;
  }

  private async compact() {
    if (!this.file) return;
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, this.docs.filter((d): d is DocEntry => d !== null).map((d) => this.record(d)).join(""));
    await rename(tmp, this.file);
    this.garbage = 0;
  }

  async addDocument(doc: { id: string; title: string; contentHash: string; cleanedText: string; chunks: Chunk[] }): Promise<void> {
    const slot = this.slots.get(doc.id);
    if (slot !== undefined && this.docs[slot]?.contentHash === doc.contentHash) return;
    const e = fingerprintDocument(doc);
    this.put(e);
    if (this.file) {
      const file = this.file;
      const line = this.record(e);
      await this.serial(async () => {
        await mkdir(path.dirname(file), { recursive: true });
        await appendFile(file, line);
      });
    }
  }

  /** Add many documents without writing the log (benchmarks and in-memory indexes). */
  addFingerprinted(entries: DocEntry[]) {
    for (const e of entries) this.put(e);
  }

  async removeDocument(id: string): Promise<void> {
    if (!this.drop(id)) return;
    if (this.file) {
      const file = this.file;
      await this.serial(() => appendFile(file, JSON.stringify({ op: "remove", id }) + "\n"));
      if (this.garbage > this.slots.size + 16) await this.serial(() => this.compact());
    }
  }

  async reconcile(store: CorpusStore): Promise<{ added: number; removed: number }> {
    const listed = await store.listDocuments();
    const ids = new Set(listed.map((d) => d.id));
    let removed = 0;
    for (const id of [...this.slots.keys()]) {
      if (!ids.has(id)) {
        await this.removeDocument(id);
        removed++;
      }
    }
    let added = 0;
    for (const s of listed) {
      const slot = this.slots.get(s.id);
      const have = slot !== undefined ? this.docs[slot] : null;
      // Cheap check first (the hooks keep the index current; reconcile only repairs), exact hash after.
      if (have && have.title === s.title && have.text.length === s.charCount) continue;
      const stored = await store.getDocument(s.id);
      if (!stored) continue;
      if (have && have.contentHash === stored.document.contentHash) continue;
      const chunks = await store.getChunks(s.id);
      await this.addDocument({ ...stored.document, chunks });
      added++;
    }
    if (added || removed) this.logger.info(`查重索引已与范文库同步：新增 ${added} 篇，移除 ${removed} 篇`);
    return { added, removed };
  }

  stats(): { documents: number; fingerprints: number } {
    let fingerprints = 0;
    for (const d of this.docs) if (d) fingerprints += d.fpHash.length;
    return { documents: this.slots.size, fingerprints };
  }

  /** Whether any document with this id is indexed. */
  has(id: string): boolean {
    return this.slots.has(id);
  }

  private build(): Built {
    if (this.built) return this.built;
    let n = 0;
    let ns = 0;
    for (const d of this.docs) if (d) {
      n += d.fpHash.length;
      ns += d.sMask.length;
    }
    const keys = new Uint32Array(n);
    const docOf = new Uint32Array(n);
    const posOf = new Uint32Array(n);
    const sKeys = new Uint32Array(ns);
    const sDocOf = new Uint32Array(ns);
    const sIdxOf = new Uint32Array(ns);
    let at = 0;
    let sat = 0;
    this.docs.forEach((d, slot) => {
      if (!d) return;
      keys.set(d.fpHash, at);
      posOf.set(d.fpPos, at);
      docOf.fill(slot, at, at + d.fpHash.length);
      at += d.fpHash.length;
      sKeys.set(d.sMask, sat);
      sDocOf.fill(slot, sat, sat + d.sMask.length);
      for (let i = 0; i < d.sMask.length; i++) sIdxOf[sat + i] = i;
      sat += d.sMask.length;
    });
    const g = group(keys);
    const doc = new Uint32Array(n);
    const pos = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      doc[i] = docOf[g.order[i]];
      pos[i] = posOf[g.order[i]];
    }
    const df = new Uint32Array(g.uniq.length);
    for (let u = 0; u < g.uniq.length; u++) {
      let c = 0;
      for (let i = g.offs[u]; i < g.offs[u + 1]; i++) if (i === g.offs[u] || doc[i] !== doc[i - 1]) c++;
      df[u] = c;
    }
    const sg = group(sKeys);
    const sDoc = new Uint32Array(ns);
    const sIdx = new Uint32Array(ns);
    for (let i = 0; i < ns; i++) {
      sDoc[i] = sDocOf[sg.order[i]];
      sIdx[i] = sIdxOf[sg.order[i]];
    }
    this.built = { uniq: g.uniq, offs: g.offs, df, doc, pos, sUniq: sg.uniq, sOffs: sg.offs, sDoc, sIdx, documents: this.slots.size };
    return this.built;
  }

  /** The source's normalised text for normalised offsets [ns, ne) (clamped), with its map to original offsets. */
  private window(slot: number, ns: number, ne: number): { base: number; text: string; map: Int32Array } {
    const d = this.docs[slot]!;
    const j = Math.min(Math.floor(Math.max(0, ns) / CKPT), d.ckpt.length - 1);
    const base = j * CKPT;
    const n = normalise(d.text, d.ckpt[j], Math.max(0, ne - base));
    return { base, text: n.text, map: n.map };
  }

  private source(slot: number, start: number, end: number): NonNullable<Finding["source"]> {
    const d = this.docs[slot]!;
    const chunk = d.chunks.find((c) => c.start <= start && start < c.end) ?? d.chunks.find((c) => c.start < end && c.end > start);
    return { docId: d.id, title: d.title, headingPath: chunk?.headingPath ?? [], text: d.text.slice(start, end), start, end };
  }

  /** Source span in original offsets for a normalised span [ns, ne) of document `slot`. */
  private sourceSpan(slot: number, ns: number, ne: number) {
    const w = this.window(slot, ns, ne);
    const map = w.map;
    const a = Math.min(Math.max(0, ns - w.base), map.length - 1);
    const b = Math.min(Math.max(1, ne - w.base), map.length);
    const s = map[a] ?? 0;
    const e = (map[b - 1] ?? s) + 1;
    return this.source(slot, s, e);
  }

  /** Reuse and stale findings for a text against the archive. */
  match(text: string, opts: MatchOptions = {}): { reuse: Finding[]; stale: Finding[] } {
    const b = this.build();
    const excluded = new Set<number>();
    for (const id of opts.excludeDocIds ?? []) {
      const s = this.slots.get(id);
      if (s !== undefined) excluded.add(s);
    }
    const liveDocs = b.documents - excluded.size;
    if (liveDocs <= 0) return { reuse: [], stale: [] };
    const minDf = stockMinDf(liveDocs);
    const norm = normalise(text);
    const q = norm.text;
    const hs = kgramHashes(q, K);
    const n = hs.length;

    // Grams inside a whitelisted standard formulation are stock whatever their document frequency.
    const white = new Uint8Array(n);
    for (const p of this.stock) {
      for (let i = q.indexOf(p); i >= 0; i = q.indexOf(p, i + 1)) {
        for (let g = i; g + K <= i + p.length; g++) white[g] = 1;
      }
    }

    const stockGram = new Uint8Array(n);
    const stockSrc = new Int32Array(n).fill(-1); // posting index of one source for a stock gram
    const matches: Array<{ qi: number; slot: number; si: number }> = [];
    for (let i = 0; i < n; i++) {
      const u = search(b.uniq, hs[i]);
      if (u < 0) continue;
      const lo = b.offs[u];
      const hi = b.offs[u + 1];
      let df = b.df[u];
      let first = -1;
      if (excluded.size > 0) {
        df = 0;
        for (let j = lo; j < hi; j++) {
          if (excluded.has(b.doc[j])) continue;
          if (first < 0) first = j;
          if (j === lo || b.doc[j] !== b.doc[j - 1]) df++;
          if (df >= minDf && hi - lo > MAX_POSTINGS_PER_GRAM) break;
        }
      } else first = lo;
      if (df === 0) continue;
      if (df >= minDf || white[i]) {
        stockGram[i] = 1;
        stockSrc[i] = first;
        continue;
      }
      let taken = 0;
      for (let j = lo; j < hi && taken < MAX_POSTINGS_PER_GRAM; j++) {
        if (excluded.has(b.doc[j])) continue;
        matches.push({ qi: i, slot: b.doc[j], si: b.pos[j] });
        taken++;
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
      const w = this.window(slot, s0 - EXTEND_MAX, s1 + K + EXTEND_MAX);
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
    const reuse: Finding[] = [];
    const specificCover = new Uint8Array(q.length);
    runs.sort((a, c) => c.q1 - c.q0 - (a.q1 - a.q0) || a.q0 - c.q0);
    for (const r of runs) {
      if (r.q1 + K - r.q0 < SPECIFIC_MIN - 2 * (W + K)) continue; // cannot reach the minimum even fully extended
      let pre = 0;
      for (let i = r.q0; i < r.q1 + K; i++) pre += specificCover[i];
      if (pre > (r.q1 + K - r.q0) / 2) continue;
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
      const hasFigure = /[0-9]/.test(runText.replace(YEAR_RE, ""));
      const severity = len >= SPECIFIC_ERROR || (hasFigure && len >= SPECIFIC_ERROR_WITH_FIGURE) ? "error" : "warning";
      const src = this.sourceSpan(r.slot, x.s0, x.se);
      reuse.push({
        kind: "reuse", severity, start, end, text: text.slice(start, end), stock: false, source: src,
        message: `与范文《${src.title}》中的具体内容相同（${len}字），请改写或核实是否照搬`,
      });
    }

    // Stock runs: stock grams no more than w apart, not already covered by a specific run.
    for (let i = 0; i < n; ) {
      if (!stockGram[i]) {
        i++;
        continue;
      }
      let j = i;
      for (let g = j + 1; g < n && g <= j + W; g++) if (stockGram[g]) j = g;
      while (true) {
        let next = -1;
        for (let g = j + 1; g < n && g <= j + W; g++) if (stockGram[g]) next = g;
        if (next < 0) break;
        j = next;
      }
      const post = stockSrc[i];
      const slot = b.doc[post];
      // The source is one document's copy around the first gram; the stretch may span several sources.
      const x = extend(slot, i, i, b.pos[post], b.pos[post]);
      x.q0 = Math.min(x.q0, i);
      x.qe = Math.max(x.qe, j + K);
      const len = x.qe - x.q0;
      let covered = 0;
      for (let c = x.q0; c < x.qe; c++) covered += specificCover[c];
      if (len >= STOCK_SHOW_MIN && covered < len / 2) {
        const start = norm.map[x.q0];
        const end = norm.map[x.qe - 1] + 1;
        const src = this.sourceSpan(slot, x.s0, x.se);
        reuse.push({
          kind: "reuse", severity: "info", start, end, text: text.slice(start, end), stock: true, source: src,
          message: "常用规范表述（多篇范文共有），可保留",
        });
      }
      i = j + 1;
    }

    // Stale: the same sentence as an archive sentence once figures are masked, with other figures.
    const stale: Finding[] = [];
    for (const s of sentenceSpans(text)) {
      const nt = normalise(s.text).text;
      const { masked, figures } = maskFigures(nt);
      if (figures.length === 0 || masked.length - figures.length < STALE_MIN) continue;
      const u = search(b.sUniq, hashString(masked));
      if (u < 0) continue;
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
      let hit = -1;
      let same = false;
      // A masked sentence found in several documents is boilerplate (现将#年工作情况总结如下), not a stale copy.
      let docs = 0;
      const lo = b.sOffs[u];
      const hi = b.sOffs[u + 1];
      for (let j = lo; j < hi && docs < minDf && !same; j++) {
        if (excluded.has(b.sDoc[j])) continue;
        if (j === lo || b.sDoc[j] !== b.sDoc[j - 1]) docs++;
        const d = this.docs[b.sDoc[j]]!;
        if (d.sFull[b.sIdx[j]] === full) same = true;
        else if (hit < 0) hit = j;
      }
      if (docs >= minDf) continue;
      if (hit < 0 || same) continue;
      const d = this.docs[b.sDoc[hit]]!;
      const src = this.source(b.sDoc[hit], d.sStart[b.sIdx[hit]], d.sEnd[b.sIdx[hit]]);
      stale.push({
        kind: "stale", severity: "warning", start: s.start, end: s.end, text: s.text, source: src,
        message: `与范文《${d.title}》中的句子只差数字或年份，疑似沿用旧稿，请核实数字与表述`,
      });
    }
    return { reuse, stale };
  }
}

/** Open (or create) the reuse index in `<dataDir>/reuse/fingerprints.jsonl`; without a dataDir it lives in memory only. */
export async function openReuseIndex(opts: { dataDir?: string | null; logger: Logger }): Promise<FingerprintIndex> {
  const file = opts.dataDir ? path.join(opts.dataDir, "reuse", "fingerprints.jsonl") : null;
  const index = new FingerprintIndex(file, opts.logger, loadStockPhrases(opts.dataDir));
  await index.load();
  return index;
}
