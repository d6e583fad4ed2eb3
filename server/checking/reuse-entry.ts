import type { Chunk } from "../corpus/types.ts";
import { hashString, K, kgramHashes, maskFigures, W, winnow } from "./fingerprint.ts";
import { normalise } from "../text/normalise.ts";
import { sentenceSpans } from "../text/sentences.ts";
import type { Finding } from "./types.ts";

/** Masked sentence length (non-figure characters) worth comparing for stale copies. */
export const STALE_MIN = 12;

/** One archive document as the reuse index holds it: its text, winnowed k-grams and masked-sentence hashes. */
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
  /** The text between two original offsets without reading it whole (a shared table's document: reuse-base.ts). */
  slice?: (start: number, end: number) => string;
}

const CKPT = 256;
// Fingerprints chain over the whole interior of a shared run (gaps < w), so a run's true ends lie at
// most w + k characters beyond its first and last fingerprint.
export const EXTEND_MAX = 2 * (W + K);

export function checkpoints(map: Int32Array): Uint32Array {
  const out = new Uint32Array(Math.ceil(map.length / CKPT) + 1);
  for (let j = 0; j * CKPT < map.length; j++) out[j] = map[j * CKPT];
  return out;
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

/** The source's normalised text for normalised offsets [ns, ne) (clamped), with its map to original offsets. */
export function sourceWindow(d: DocEntry, ns: number, ne: number): { base: number; text: string; map: Int32Array } {
  const j = Math.min(Math.floor(Math.max(0, ns) / CKPT), d.ckpt.length - 1);
  const base = j * CKPT;
  const limit = Math.max(0, ne - base);
  if (!d.slice) {
    const n = normalise(d.text, d.ckpt[j], limit);
    return { base, text: n.text, map: n.map };
  }
  // Normalising is per character, so the original text from checkpoint j to the first checkpoint past
  // the window (set only inside the text: the last entry is not) gives the same characters.
  const from = d.ckpt[j];
  const j2 = Math.ceil(ne / CKPT);
  const n = normalise(d.slice(from, j2 <= d.ckpt.length - 2 ? d.ckpt[j2] : Infinity), 0, limit);
  for (let i = 0; i < n.map.length; i++) n.map[i] += from;
  return { base, text: n.text, map: n.map };
}

/** A finding's source: the document's slice [start, end) (original offsets) with the heading path of its chunk. */
export function sourceOf(d: DocEntry, start: number, end: number): NonNullable<Finding["source"]> {
  const chunk = d.chunks.find((c) => c.start <= start && start < c.end) ?? d.chunks.find((c) => c.start < end && c.end > start);
  return { docId: d.id, title: d.title, headingPath: chunk?.headingPath ?? [], text: d.slice ? d.slice(start, end) : d.text.slice(start, end), start, end };
}

/** Source span in original offsets for a normalised span [ns, ne) of a document. */
export function sourceSpan(d: DocEntry, ns: number, ne: number): NonNullable<Finding["source"]> {
  const w = sourceWindow(d, ns, ne);
  const map = w.map;
  const a = Math.min(Math.max(0, ns - w.base), map.length - 1);
  const b = Math.min(Math.max(1, ne - w.base), map.length);
  const s = map[a] ?? 0;
  const e = (map[b - 1] ?? s) + 1;
  return sourceOf(d, s, e);
}
