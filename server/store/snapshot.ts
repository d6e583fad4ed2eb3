import { closeSync, fstatSync, openSync, readSync, writeSync } from "node:fs";

/**
 * The file format of the search copy's snapshot (memory-snapshot.ts): a JSON header, then typed
 * arrays, each at an offset aligned to 8 bytes, so the whole file is taken in with one read and the
 * arrays are views on that one buffer (nothing is parsed or copied per row).
 *
 *   "ZJSC" · u32 header length · header JSON { format, meta, arrays: [{ name, type, offset, length }] } · arrays
 */

const MAGIC = "ZJSC";
/** Bumped whenever what a snapshot holds changes meaning: an older snapshot is then rebuilt, not read. */
export const SNAPSHOT_FORMAT = 1;

type Typed = Int8Array | Uint8Array | Int32Array | Uint32Array | Float32Array | Float64Array;
const TYPES = { Int8Array, Uint8Array, Int32Array, Uint32Array, Float32Array, Float64Array } as const;
type TypeName = keyof typeof TYPES;

export interface SnapshotContents {
  meta: Record<string, unknown>;
  arrays: Record<string, Typed>;
}

const align = (n: number) => Math.ceil(n / 8) * 8;

/** Write the snapshot to `file` (the caller renames it into place once complete). */
export function writeSnapshotFile(file: string, contents: SnapshotContents): number {
  const entries = Object.entries(contents.arrays);
  // Offsets are relative to the end of the header (which is padded to 8 bytes).
  let at = 0;
  const layout = entries.map(([name, a]) => {
    const e = { name, type: a.constructor.name as TypeName, offset: at, length: a.length };
    at = align(at + a.byteLength);
    return e;
  });
  const header = Buffer.from(JSON.stringify({ format: SNAPSHOT_FORMAT, meta: contents.meta, arrays: layout }), "utf8");
  const head = Buffer.alloc(align(8 + header.length));
  head.write(MAGIC, 0, "latin1");
  head.writeUInt32LE(header.length, 4);
  header.copy(head, 8);
  const fd = openSync(file, "w");
  try {
    let pos = 0;
    const put = (b: Uint8Array) => {
      let done = 0;
      while (done < b.length) done += writeSync(fd, b, done, b.length - done, pos + done);
      pos += b.length;
    };
    put(head);
    const pad = new Uint8Array(8);
    entries.forEach(([, a], i) => {
      put(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      const next = i + 1 < layout.length ? layout[i + 1].offset : align(layout[i].offset + a.byteLength);
      const gap = next - (layout[i].offset + a.byteLength);
      if (gap > 0) put(pad.subarray(0, gap));
    });
    return pos;
  } finally {
    closeSync(fd);
  }
}

/** Read a snapshot with one read; null when it is missing, of another format, or cut short. */
export function readSnapshotFile(file: string): SnapshotContents | null {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return null;
  }
  try {
    const size = fstatSync(fd).size;
    if (size < 8) return null;
    const buf = new ArrayBuffer(size);
    const bytes = new Uint8Array(buf);
    let done = 0;
    while (done < size) {
      const n = readSync(fd, bytes, done, size - done, done);
      if (n === 0) return null;
      done += n;
    }
    const b = Buffer.from(buf);
    if (b.toString("latin1", 0, 4) !== MAGIC) return null;
    const len = b.readUInt32LE(4);
    if (8 + len > size) return null;
    const header = JSON.parse(b.toString("utf8", 8, 8 + len)) as { format: number; meta: Record<string, unknown>; arrays: Array<{ name: string; type: TypeName; offset: number; length: number }> };
    if (header.format !== SNAPSHOT_FORMAT) return null;
    const base = align(8 + len);
    const arrays: Record<string, Typed> = {};
    for (const e of header.arrays) {
      const Ctor = TYPES[e.type];
      if (!Ctor || base + e.offset + e.length * Ctor.BYTES_PER_ELEMENT > size) return null;
      arrays[e.name] = new Ctor(buf, base + e.offset, e.length);
    }
    return { meta: header.meta, arrays };
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
