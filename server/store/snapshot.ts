import { closeSync, fstatSync, openSync, readSync, writeSync } from "node:fs";
import { open } from "node:fs/promises";

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

type Typed = Int8Array | Uint8Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;
const TYPES = { Int8Array, Uint8Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array } as const;
type TypeName = keyof typeof TYPES;

export interface SnapshotContents {
  meta: Record<string, unknown>;
  arrays: Record<string, Typed>;
}

const align = (n: number) => Math.ceil(n / 8) * 8;

/** Where each array goes, and the header before them. */
function layoutOf(contents: SnapshotContents): { head: Buffer; parts: Array<{ bytes: Uint8Array<ArrayBufferLike>; at: number }>; size: number } {
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
  const parts = entries.map(([, a], i) => ({ bytes: new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at: head.length + layout[i].offset }));
  return { head, parts, size: head.length + at };
}

/** Write the snapshot to `file` (the caller renames it into place once complete). */
export function writeSnapshotFile(file: string, contents: SnapshotContents): number {
  const { head, parts, size } = layoutOf(contents);
  const fd = openSync(file, "w");
  try {
    const put = (b: Uint8Array<ArrayBufferLike>, pos: number) => {
      let done = 0;
      while (done < b.length) done += writeSync(fd, b, done, b.length - done, pos + done);
    };
    put(head, 0);
    for (const p of parts) put(p.bytes, p.at);
    // The padding after the last array, so the size is what the header promises.
    if (size > (parts.at(-1) ? parts.at(-1)!.at + parts.at(-1)!.bytes.length : head.length)) put(new Uint8Array(1), size - 1);
    return size;
  } finally {
    closeSync(fd);
  }
}

/** Thrown by the sliced writer when what it was writing changed under it. */
export class SnapshotChanged extends Error {}

/** Bytes written per piece: a copy of this size takes a few milliseconds. */
const PIECE_BYTES = 4 << 20;

/**
 * Write the snapshot to `file` piece by piece, off the event loop: each piece is written by the
 * file system's threads while the loop serves other work. Arrays that may change while it runs are
 * copied a piece at a time, and `unchanged` is asked before each copy: when it says no, the write
 * stops with `SnapshotChanged` (so a file never mixes two states). `frozen`: the arrays never change
 * (the shared tables), so they are written as they are. The file is flushed to disk before it returns.
 */
export async function writeSnapshotFileInSlices(file: string, contents: SnapshotContents, opts: { frozen?: boolean; unchanged?: () => boolean; pieceBytes?: number } = {}): Promise<number> {
  const { head, parts, size } = layoutOf(contents);
  const PIECE = opts.pieceBytes ?? PIECE_BYTES;
  const fh = await open(file, "w");
  try {
    await fh.write(head, 0, head.length, 0);
    for (const p of parts) {
      for (let at = 0; at < p.bytes.length; at += PIECE) {
        const view = p.bytes.subarray(at, Math.min(p.bytes.length, at + PIECE));
        if (!opts.frozen && opts.unchanged && !opts.unchanged()) throw new SnapshotChanged("检索副本在写快照时发生了变化");
        const piece = opts.frozen ? view : Buffer.from(view);
        await fh.write(piece, 0, piece.length, p.at + at);
      }
    }
    if (size > 0) await fh.truncate(size);
    await fh.datasync();
    return size;
  } finally {
    await fh.close();
  }
}

/**
 * Read a snapshot with one read; null when it is missing, of another format, or cut short.
 * `shared`: into a SharedArrayBuffer (the arrays can then be sent to worker threads without a copy).
 */
export function readSnapshotFile(file: string, opts: { shared?: boolean } = {}): SnapshotContents | null {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return null;
  }
  try {
    const size = fstatSync(fd).size;
    if (size < 8) return null;
    const buf = opts.shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size);
    const bytes = new Uint8Array(buf);
    let done = 0;
    while (done < size) {
      const n = readSync(fd, bytes, done, size - done, done);
      if (n === 0) return null;
      done += n;
    }
    const b = Buffer.from(buf as ArrayBuffer);
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
      arrays[e.name] = new Ctor(buf as ArrayBuffer, base + e.offset, e.length);
    }
    return { meta: header.meta, arrays };
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
