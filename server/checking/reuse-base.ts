import { buildPostings, type Postings } from "./postings.ts";
import type { DocEntry } from "./reuse-entry.ts";

/*
 * The reuse fingerprints of the archive as one immutable table in SharedArrayBuffers: the posting
 * tables (sorted typed arrays), each document's sentence keys, its text as UTF-16 code units and its
 * title and chunks as UTF-8 JSON, all by slot. The owner (the main thread's FingerprintIndex) builds
 * it by merging the documents added since into the previous table; the check workers receive it by
 * reference (posting a SharedArrayBuffer shares it), so the archive is held once, not once per worker.
 * It is also what the snapshot on disk holds (reuse-index.ts): read with one read at start.
 */

type U32 = Uint32Array<ArrayBufferLike>;

export interface ReuseBaseParts {
  /** Documents (slots 0..documents−1), every one live. */
  documents: number;
  /** Fingerprint postings: hashes ascending, their runs in doc/pos, distinct documents per hash. */
  uniq: U32;
  offs: U32;
  df: U32;
  doc: U32;
  pos: U32;
  /** Masked-sentence postings; sIdx is the sentence's index within its document. */
  sUniq: U32;
  sOffs: U32;
  sDoc: U32;
  sIdx: U32;
  /** Sentences of slot s are [sFirst[s], sFirst[s+1]) of the four arrays below. */
  sFirst: Float64Array<ArrayBufferLike>;
  sMask: U32;
  sFull: U32;
  sStart: U32;
  sEnd: U32;
  /** Text of slot s: code units [textAt[s], textAt[s+1]). */
  text: Uint16Array<ArrayBufferLike>;
  textAt: Float64Array<ArrayBufferLike>;
  ckpt: U32;
  ckptAt: Float64Array<ArrayBufferLike>;
  /** UTF-8 JSON [id, title, contentHash] and the chunks [[start, end, headingPath], …], by slot. */
  head: Uint8Array<ArrayBufferLike>;
  headAt: Float64Array<ArrayBufferLike>;
  chunks: Uint8Array<ArrayBufferLike>;
  chunksAt: Float64Array<ArrayBufferLike>;
  /** Fingerprints per document. */
  fpCount: U32;
}

/** The typed arrays of a base by name (what the snapshot file stores). */
export const BASE_ARRAYS = [
  "uniq", "offs", "df", "doc", "pos", "sUniq", "sOffs", "sDoc", "sIdx", "sFirst", "sMask", "sFull", "sStart", "sEnd",
  "text", "textAt", "ckpt", "ckptAt", "head", "headAt", "chunks", "chunksAt", "fpCount",
] as const;

type Ctor = Uint32ArrayConstructor | Uint16ArrayConstructor | Uint8ArrayConstructor | Float64ArrayConstructor;
const sharedOf = <C extends Ctor>(C: C, n: number) => new (C as unknown as new (b: SharedArrayBuffer) => InstanceType<C>)(new SharedArrayBuffer(n * C.BYTES_PER_ELEMENT));
/** A shared copy of the first n elements. */
function exact<T extends U32 | Uint16Array<ArrayBufferLike> | Uint8Array<ArrayBufferLike>>(a: T, n: number): T {
  if (a.length === n && a.buffer instanceof SharedArrayBuffer) return a;
  const b = sharedOf(a.constructor as Ctor, n) as T;
  b.set(a.subarray(0, n) as never);
  return b;
}
const EMPTY = new Uint32Array(0);
const bytesOf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

interface Table {
  uniq: U32;
  offs: U32;
  doc: U32;
  val: U32;
}

/**
 * Merge two posting tables by hash: `a`'s postings with their slots renumbered (−1: dropped), then
 * `b`'s (slots already final and above a's), so each hash's postings stay in slot order.
 */
function mergeTables(a: Table, renumber: Int32Array, b: Table, withDf: boolean): Table & { df: U32 } {
  const most = a.doc.length + b.doc.length;
  const mostU = a.uniq.length + b.uniq.length;
  const uniq = sharedOf(Uint32Array, mostU);
  const offs = sharedOf(Uint32Array, mostU + 1);
  const df = withDf ? sharedOf(Uint32Array, mostU) : EMPTY;
  const doc = sharedOf(Uint32Array, most);
  const val = sharedOf(Uint32Array, most);
  let i = 0;
  let j = 0;
  let at = 0;
  let u = 0;
  while (i < a.uniq.length || j < b.uniq.length) {
    const ka = i < a.uniq.length ? a.uniq[i] : Infinity;
    const kb = j < b.uniq.length ? b.uniq[j] : Infinity;
    const k = Math.min(ka, kb);
    const start = at;
    if (ka === k) {
      for (let p = a.offs[i]; p < a.offs[i + 1]; p++) {
        const s = renumber[a.doc[p]];
        if (s < 0) continue;
        doc[at] = s;
        val[at++] = a.val[p];
      }
      i++;
    }
    if (kb === k) {
      for (let p = b.offs[j]; p < b.offs[j + 1]; p++) {
        doc[at] = b.doc[p];
        val[at++] = b.val[p];
      }
      j++;
    }
    if (at === start) continue;
    uniq[u] = k;
    offs[u] = start;
    if (withDf) {
      let c = 1;
      for (let p = start + 1; p < at; p++) if (doc[p] !== doc[p - 1]) c++;
      df[u] = c;
    }
    u++;
  }
  offs[u] = at;
  return { uniq: exact(uniq, u), offs: exact(offs, u + 1), df: withDf ? exact(df, u) : EMPTY, doc: exact(doc, at), val: exact(val, at) };
}

const NO_TABLE: Table = { uniq: EMPTY, offs: Uint32Array.of(0), doc: EMPTY, val: EMPTY };

/**
 * A new base: the live documents of `base` (slots in `dead` left out, the others renumbered in
 * order), then the documents of `added` (nulls skipped), each as it is.
 */
export function mergeBase(base: ReuseBaseParts | null, dead: ReadonlySet<number>, added: Array<DocEntry | null>): ReuseBaseParts {
  const B = base?.documents ?? 0;
  const renumber = new Int32Array(B);
  let live = 0;
  for (let s = 0; s < B; s++) renumber[s] = dead.has(s) ? -1 : live++;
  const fresh = added.filter((d): d is DocEntry => d !== null);
  const documents = live + fresh.length;
  const p = buildPostings(fresh, fresh.length, live);
  const fp = mergeTables(base ? { uniq: base.uniq, offs: base.offs, doc: base.doc, val: base.pos } : NO_TABLE, renumber, { uniq: p.uniq, offs: p.offs, doc: p.doc, val: p.pos }, true);
  const st = mergeTables(base ? { uniq: base.sUniq, offs: base.sOffs, doc: base.sDoc, val: base.sIdx } : NO_TABLE, renumber, { uniq: p.sUniq, offs: p.sOffs, doc: p.sDoc, val: p.sIdx }, false);

  // Per-document arrays: the kept ranges of the old base, then the new documents'.
  const heads = fresh.map((d) => Buffer.from(JSON.stringify([d.id, d.title, d.contentHash]), "utf8"));
  const chunkJson = fresh.map((d) => Buffer.from(JSON.stringify(d.chunks.map((c) => [c.start, c.end, c.headingPath])), "utf8"));
  const keptLen = (at: Float64Array<ArrayBufferLike> | undefined) => {
    let n = 0;
    for (let s = 0; s < B; s++) if (renumber[s] >= 0) n += at![s + 1] - at![s];
    return n;
  };
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const sentences = keptLen(base?.sFirst) + sum(fresh.map((d) => d.sMask.length));
  const out = {
    sFirst: sharedOf(Float64Array, documents + 1),
    sMask: sharedOf(Uint32Array, sentences),
    sFull: sharedOf(Uint32Array, sentences),
    sStart: sharedOf(Uint32Array, sentences),
    sEnd: sharedOf(Uint32Array, sentences),
    text: sharedOf(Uint16Array, keptLen(base?.textAt) + sum(fresh.map((d) => d.text.length))),
    textAt: sharedOf(Float64Array, documents + 1),
    ckpt: sharedOf(Uint32Array, keptLen(base?.ckptAt) + sum(fresh.map((d) => d.ckpt.length))),
    ckptAt: sharedOf(Float64Array, documents + 1),
    head: sharedOf(Uint8Array, keptLen(base?.headAt) + sum(heads.map((h) => h.length))),
    headAt: sharedOf(Float64Array, documents + 1),
    chunks: sharedOf(Uint8Array, keptLen(base?.chunksAt) + sum(chunkJson.map((h) => h.length))),
    chunksAt: sharedOf(Float64Array, documents + 1),
    fpCount: sharedOf(Uint32Array, documents),
  };
  let s = 0;
  const put = <T extends U32 | Uint16Array<ArrayBufferLike> | Uint8Array<ArrayBufferLike>>(to: T, at: Float64Array, from: ArrayLike<number>) => {
    to.set(from as never, at[s]);
    at[s + 1] = at[s] + from.length;
  };
  for (let old = 0; old < B; old++) {
    if (renumber[old] < 0) continue;
    const b = base!;
    const range = <T extends U32 | Uint16Array<ArrayBufferLike> | Uint8Array<ArrayBufferLike>>(a: T, at: Float64Array<ArrayBufferLike>) => a.subarray(at[old], at[old + 1]);
    for (const k of ["sMask", "sFull", "sStart", "sEnd"] as const) out[k].set(range(b[k], b.sFirst), out.sFirst[s]);
    out.sFirst[s + 1] = out.sFirst[s] + (b.sFirst[old + 1] - b.sFirst[old]);
    put(out.text, out.textAt, range(b.text, b.textAt));
    put(out.ckpt, out.ckptAt, range(b.ckpt, b.ckptAt));
    put(out.head, out.headAt, range(b.head, b.headAt));
    put(out.chunks, out.chunksAt, range(b.chunks, b.chunksAt));
    out.fpCount[s] = b.fpCount[old];
    s++;
  }
  fresh.forEach((d, i) => {
    for (const k of ["sMask", "sFull", "sStart", "sEnd"] as const) out[k].set(d[k], out.sFirst[s]);
    out.sFirst[s + 1] = out.sFirst[s] + d.sMask.length;
    const t = Buffer.from(d.text, "utf16le");
    new Uint8Array(out.text.buffer, out.textAt[s] * 2, t.length).set(t);
    out.textAt[s + 1] = out.textAt[s] + d.text.length;
    put(out.ckpt, out.ckptAt, d.ckpt);
    put(out.head, out.headAt, heads[i]);
    put(out.chunks, out.chunksAt, chunkJson[i]);
    out.fpCount[s] = d.fpHash.length;
    s++;
  });
  return { documents, uniq: fp.uniq, offs: fp.offs, df: fp.df, doc: fp.doc, pos: fp.val, sUniq: st.uniq, sOffs: st.offs, sDoc: st.doc, sIdx: st.val, ...out };
}

/** A base as a matcher reads it: slots by id, and each document as a DocEntry (decoded when asked). */
export class ReuseBase {
  /** Live slot of each id in this base. */
  readonly slots = new Map<string, number>();
  private readonly heads: Array<[string, string, string]>;
  private readonly cache = new Map<number, DocEntry>();
  readonly postings: Postings;

  constructor(readonly parts: ReuseBaseParts) {
    const p = parts;
    this.heads = [];
    for (let s = 0; s < p.documents; s++) {
      const h = JSON.parse(bytesOf(p.head.subarray(p.headAt[s], p.headAt[s + 1])).toString("utf8")) as [string, string, string];
      this.heads.push(h);
      this.slots.set(h[0], s);
    }
    this.postings = { uniq: p.uniq, offs: p.offs, df: p.df, doc: p.doc, pos: p.pos, sUniq: p.sUniq, sOffs: p.sOffs, sDoc: p.sDoc, sIdx: p.sIdx, documents: p.documents };
  }

  get documents(): number {
    return this.parts.documents;
  }

  contentHash(slot: number): string {
    return this.heads[slot][2];
  }

  title(slot: number): string {
    return this.heads[slot][1];
  }

  chars(slot: number): number {
    return this.parts.textAt[slot + 1] - this.parts.textAt[slot];
  }

  /** Bytes of the shared arrays. */
  get bytes(): number {
    let n = 0;
    for (const k of BASE_ARRAYS) n += this.parts[k].byteLength;
    return n;
  }

  /**
   * The document in `slot` as a DocEntry: its text and chunks decoded when first read, the sentence
   * keys as views on the shared arrays (its fingerprints are in the postings only, so fpHash and
   * fpPos are empty).
   */
  doc(slot: number): DocEntry {
    const had = this.cache.get(slot);
    if (had) return had;
    if (this.cache.size >= 256) this.cache.clear();
    const p = this.parts;
    const [id, title, contentHash] = this.heads[slot];
    const s0 = p.sFirst[slot];
    const s1 = p.sFirst[slot + 1];
    let text: string | undefined;
    let chunks: DocEntry["chunks"] | undefined;
    const d: DocEntry = {
      id,
      title,
      contentHash,
      get text() {
        return (text ??= bytesOf(p.text.subarray(p.textAt[slot], p.textAt[slot + 1])).toString("utf16le"));
      },
      slice(start: number, end: number) {
        const t0 = p.textAt[slot];
        const t1 = p.textAt[slot + 1];
        return bytesOf(p.text.subarray(Math.min(t1, t0 + Math.max(0, start)), Math.min(t1, t0 + end))).toString("utf16le");
      },
      get chunks() {
        return (chunks ??= (JSON.parse(bytesOf(p.chunks.subarray(p.chunksAt[slot], p.chunksAt[slot + 1])).toString("utf8")) as Array<[number, number, string[]]>).map(([start, end, headingPath]) => ({ start, end, headingPath })));
      },
      fpHash: EMPTY,
      fpPos: EMPTY,
      sMask: p.sMask.subarray(s0, s1),
      sFull: p.sFull.subarray(s0, s1),
      sStart: p.sStart.subarray(s0, s1),
      sEnd: p.sEnd.subarray(s0, s1),
      ckpt: p.ckpt.subarray(p.ckptAt[slot], p.ckptAt[slot + 1]),
    };
    this.cache.set(slot, d);
    return d;
  }
}
