import { radixOrder } from "./fingerprint.ts";
import type { DocEntry } from "./reuse-entry.ts";

/** The archive's fingerprints as sorted posting tables, rebuilt after changes. */
export interface Postings {
  uniq: Uint32Array; // distinct hashes, ascending
  offs: Uint32Array; // uniq[i]'s postings are [offs[i], offs[i+1])
  df: Uint32Array; // distinct live documents per distinct hash
  doc: Uint32Array; // posting → document slot
  pos: Uint32Array; // posting → normalised offset
  sUniq: Uint32Array; // distinct masked-sentence hashes, ascending
  sOffs: Uint32Array;
  sDoc: Uint32Array;
  sIdx: Uint32Array; // posting → sentence index within its document
  documents: number;
}

/** Index of `v` in the ascending array, or −1. */
export function search(arr: Uint32Array, v: number): number {
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

/**
 * Build the posting tables of the live documents (slots with null are removed documents); the
 * document at index i of `docs` is slot `slot0 + i` in them.
 */
export function buildPostings(docs: Array<DocEntry | null>, documents: number, slot0 = 0): Postings {
  let n = 0;
  let ns = 0;
  for (const d of docs) if (d) {
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
  docs.forEach((d, slot) => {
    if (!d) return;
    keys.set(d.fpHash, at);
    posOf.set(d.fpPos, at);
    docOf.fill(slot0 + slot, at, at + d.fpHash.length);
    at += d.fpHash.length;
    sKeys.set(d.sMask, sat);
    sDocOf.fill(slot0 + slot, sat, sat + d.sMask.length);
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
  return { uniq: g.uniq, offs: g.offs, df, doc, pos, sUniq: sg.uniq, sOffs: sg.offs, sDoc, sIdx, documents };
}
