import { Unzlib } from "fflate";

/**
 * What a PDF's streams inflate to, counted before pdf.js sees the file: pdf.js decodes whole streams in
 * memory, outside the JavaScript heap, so a few KB that inflate to gigabytes would take the process down.
 *
 * Nothing in a stream's dictionary is trusted to decide whether it is compressed. A filter's name can be
 * spelled with hex escapes (`/Fl#61teDecode`), given by reference (`/Filter 6 0 R`), or the stream can
 * call itself an image while a page uses it as its content. So every stream is looked at by its bytes:
 * - data with a valid zlib header is inflated (which is what pdf.js's FlateDecode accepts), counting;
 * - ASCIIHex and ASCII85 wrappers (which expand little) are peeled first, then the same test;
 * - LZW data, named directly or through a reference, is decoded counting.
 * Streams whose dictionary says they are images get their own, larger budget (text extraction never
 * decodes them, and scans can hold large lossless images), unless a page uses them as its content;
 * everything else shares the text budget.
 * The running total stops the inflation as soon as it passes the budget: nothing is predicted from headers.
 */

export interface StreamBudget {
  /** Bytes all non-image streams may inflate to together. */
  text: number;
  /** Bytes all streams calling themselves images may inflate to together. */
  images: number;
}

export type StreamVerdict = { ok: true; inflated: number } | { ok: false; images: boolean };

/** `/Fl#61teDecode` → `/FlateDecode`: PDF names may escape any byte as #xx. */
export function normaliseNames(dict: string): string {
  return dict.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function zlibHeader(b: Uint8Array, at: number): boolean {
  if (at + 2 > b.length) return false;
  const cmf = b[at];
  const flg = b[at + 1];
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && ((cmf << 8) | flg) % 31 === 0;
}

/** Inflate zlib data counting its output; stop once past `limit`. */
function countZlib(data: Uint8Array, limit: number): number | "over" {
  let produced = 0;
  let over = false;
  const unz = new Unzlib((chunk) => {
    produced += chunk.length;
    if (produced > limit) over = true;
  });
  try {
    for (let p = 0; p < data.length && !over; p += 4096) unz.push(data.subarray(p, Math.min(p + 4096, data.length)), p + 4096 >= data.length);
  } catch {
    // A damaged stream is pdf.js's to judge; only the size matters here.
  }
  return over ? "over" : produced;
}

/** LZW (PDF's variant, early change 1) decoded counting its output; only lengths are tracked. */
function countLzw(data: Uint8Array, limit: number): number | "over" {
  const lengths = new Uint32Array(4097);
  let next = 258;
  let bits = 9;
  let prev = -1;
  let produced = 0;
  let buf = 0;
  let have = 0;
  for (let i = 0; i < data.length; i++) {
    buf = ((buf << 8) | data[i]) >>> 0;
    have += 8;
    while (have >= bits) {
      const code = (buf >>> (have - bits)) & ((1 << bits) - 1);
      have -= bits;
      buf &= (1 << have) - 1;
      if (code === 256) {
        next = 258;
        bits = 9;
        prev = -1;
        continue;
      }
      if (code === 257) return produced;
      let len: number;
      if (code < 256) len = 1;
      else if (code < next) len = lengths[code];
      else if (code === next && prev >= 0) len = (prev < 256 ? 1 : lengths[prev]) + 1;
      else return produced; // damaged: pdf.js stops here too
      produced += len;
      if (produced > limit) return "over";
      if (prev >= 0 && next < 4096) lengths[next++] = (prev < 256 ? 1 : lengths[prev]) + 1;
      prev = code;
      if (next + 1 >= 1 << bits && bits < 12) bits++;
    }
  }
  return produced;
}

function hexDecode(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / 2));
  let n = 0;
  let hi = -1;
  for (const c of data) {
    if (c === 0x3e) break;
    const v = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (v < 0) continue;
    if (hi < 0) hi = v;
    else {
      out[n++] = (hi << 4) | v;
      hi = -1;
    }
  }
  if (hi >= 0) out[n++] = hi << 4;
  return out.subarray(0, n);
}

function a85Decode(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length * 1.25) + 4);
  let n = 0;
  let group: number[] = [];
  for (const c of data) {
    if (c === 0x7e) break; // ~>
    if (c === 0x7a && group.length === 0) {
      n += 4; // z: four zero bytes
      continue;
    }
    if (c < 33 || c > 117) continue;
    group.push(c - 33);
    if (group.length === 5) {
      let v = 0;
      for (const d of group) v = v * 85 + d;
      out[n++] = (v >>> 24) & 255;
      out[n++] = (v >>> 16) & 255;
      out[n++] = (v >>> 8) & 255;
      out[n++] = v & 255;
      group = [];
    }
  }
  if (group.length > 1) {
    const k = group.length;
    while (group.length < 5) group.push(84);
    let v = 0;
    for (const d of group) v = v * 85 + d;
    for (let i = 0; i < k - 1; i++) out[n++] = (v >>> (24 - 8 * i)) & 255;
  }
  return out.subarray(0, n);
}

/** The filter names of a dictionary, following one indirect reference (`/Filter 6 0 R`). */
function filterNames(dict: string, raw: string, objects: () => Map<string, number>): string {
  const ref = /\/Filter\s*(\d{1,10})\s+(\d{1,5})\s+R/.exec(dict);
  if (!ref) return dict;
  const at = objects().get(`${Number(ref[1])} ${Number(ref[2])}`);
  return at === undefined ? dict : dict + normaliseNames(raw.slice(at, at + 1024));
}

/**
 * The objects pages use as their content (`/Contents 4 0 R`, `/Contents [4 0 R 5 0 R]`), in one pass:
 * each search starts where the previous one ended.
 */
function contentStreams(raw: string): Set<string> {
  const out = new Set<string>();
  const text = normaliseNames(raw);
  const add = (s: string) => {
    for (const r of s.matchAll(/(\d{1,10})\s+(\d{1,5})\s+R/g)) out.add(`${Number(r[1])} ${Number(r[2])}`);
  };
  for (let at = text.indexOf("/Contents"); at >= 0; at = text.indexOf("/Contents", at)) {
    at += 9;
    const head = /^\s*(\[|\d{1,10}\s+\d{1,5}\s+R)/.exec(text.slice(at, at + 40));
    if (!head) continue;
    if (head[1] !== "[") {
      add(head[1]);
      continue;
    }
    const end = text.indexOf("]", at);
    if (end < 0) break;
    add(text.slice(at, end));
    at = end;
  }
  return out;
}

/** Where each `N G obj` starts, found in one pass over the file (only when some filter is a reference). */
function objectOffsets(raw: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of raw.matchAll(/(\d{1,10})\s+(\d{1,5})\s+obj\b/g)) {
    const key = `${Number(m[1])} ${Number(m[2])}`;
    if (!out.has(key)) out.set(key, m.index);
  }
  return out;
}

/** The bytes a stream's data decodes to, counted within `limit`. */
function countStream(data: Uint8Array, names: string, limit: number): number | "over" {
  if (zlibHeader(data, 0)) return countZlib(data, limit);
  if (/\/(LZWDecode|LZW)\b/.test(names)) return countLzw(data, limit);
  const lead = data.subarray(0, 64);
  const text = String.fromCharCode(...lead).trim();
  if (/\/(ASCIIHexDecode|AHx)\b/.test(names) || /^[0-9a-fA-F\s]{16,}/.test(text)) {
    const inner = hexDecode(data);
    if (zlibHeader(inner, 0)) return countZlib(inner, limit);
    if (/\/(LZWDecode|LZW)\b/.test(names)) return countLzw(inner, limit);
  }
  if (/\/(ASCII85Decode|A85)\b/.test(names) || /~>\s*$/.test(String.fromCharCode(...data.subarray(Math.max(0, data.length - 8))))) {
    const inner = a85Decode(data);
    if (zlibHeader(inner, 0)) return countZlib(inner, limit);
    if (/\/(LZWDecode|LZW)\b/.test(names)) return countLzw(inner, limit);
  }
  return 0;
}

/**
 * Count what every stream of a PDF decodes to. Returns the total, or which budget was passed. Linear in
 * the file: each stream's data is found by one forward search for `endstream`.
 */
export function countPdfStreams(bytes: Uint8Array, budget: StreamBudget): StreamVerdict {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  let textLeft = budget.text;
  let imageLeft = budget.images;
  let total = 0;
  let offsets: Map<string, number> | null = null;
  let contentRefs: Set<string> | null = null;
  const contents = () => (contentRefs ??= contentStreams(raw));
  const objects = () => (offsets ??= objectOffsets(raw));
  const re = /stream[ \t]*(\r\n|\n|\r)/g;
  let lastEnd = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    if (m.index >= 3 && raw.startsWith("end", m.index - 3)) continue;
    // The dictionary: back to the start of this object, never further back than the previous stream's
    // end (so the windows never overlap and the whole pass stays linear) nor more than 64 KB.
    const window = raw.slice(Math.max(lastEnd, m.index - 64 * 1024), m.index);
    const objAt = window.lastIndexOf(" obj");
    const dict = normaliseNames(objAt >= 0 ? window.slice(objAt) : window);
    const start = m.index + m[0].length;
    // Without `endstream` pdf.js goes by /Length: the rest of the file is counted as this stream.
    const found = raw.indexOf("endstream", start);
    const end = found < 0 ? raw.length : found;
    re.lastIndex = end;
    lastEnd = end;
    // A stream that a page uses as its content is content, whatever its dictionary calls it.
    const own = objAt >= 0 ? /(\d{1,10})\s+(\d{1,5})\s*$/.exec(window.slice(Math.max(0, objAt - 24), objAt)) : null;
    const image = /\/Subtype\s*\/Image\b/.test(dict) && !(own && contents().has(`${Number(own[1])} ${Number(own[2])}`));
    const names = filterNames(dict, raw, objects);
    const left = image ? imageLeft : textLeft;
    const out = countStream(bytes.subarray(start, end), names, left);
    if (out === "over") return { ok: false, images: image };
    if (image) imageLeft -= out;
    else textLeft -= out;
    total += out;
  }
  return { ok: true, inflated: total };
}
