import { closeSync, openSync } from "node:fs";
import { open } from "node:fs/promises";
import { closeQuietly, openUnlinked, readFully, writeFully } from "../files.ts";
import type { Chunk } from "../corpus/types.ts";
import { SnapshotChanged } from "./snapshot.ts";

/**
 * What the in-memory search copy keeps out of memory: each row's float vector (for the exact
 * re-scoring of the int8 candidates) and its whole chunk (read for the hits a search returns).
 *
 * Two append-only files in the system's temporary folder, unlinked as soon as they are open: they
 * vanish with the process however it ends, and read through the page cache they cost what a
 * memory-mapped file would (one `pread` per row, a few microseconds). Replaced rows stay until
 * `compact` rewrites the live ones.
 */
/**
 * The first file rows' float vectors are mirrored in memory, as many as `hotBytes` holds: those rows
 * re-score their candidates without a read each, which measured twice as fast at 10k. The search copy
 * gives the mirror what its memory budget leaves after the int8 codes and postings (memory-sync.ts),
 * so the mirror is inside `SEARCH_MEMORY_MB`; the rows past it read the file.
 */
/** What a read past the end of a file of the copy says (for the log). */
const TRUNCATED = "检索副本的临时文件被截断";
export const HOT_VECTOR_BYTES = 64 * 1024 * 1024;
/** Rows per page of the mirror (2 MB at 512 dimensions). */
const PAGE_ROWS = 1024;

export class ColdRows {
  private vec: SplitFile;
  private chunkFile: SplitFile;
  private vecRows = 0;
  private chunkEnd = 0;
  private readonly rowBytes: number;
  private readonly scratch: Buffer;
  /** Recently read chunks: drafting asks for the same passages again and again. */
  private readonly cache = new Map<number, Chunk>();
  /**
   * The in-memory mirror of file rows 0..hotRows−1 (row-major), in pages of PAGE_ROWS rows: growing
   * it never copies what it holds (one contiguous array grown by half again copied up to 250 MB in one
   * block, holding the thread serving HTTP during a big load).
   */
  private hot: Float32Array[] = [];
  private hotRows = 0;
  private hotCap: number;

  constructor(readonly dimension: number, private readonly dir?: string, hotBytes = HOT_VECTOR_BYTES) {
    this.rowBytes = dimension * 4;
    this.hotCap = Math.floor(Math.max(0, hotBytes) / this.rowBytes);
    this.scratch = Buffer.alloc(this.rowBytes);
    const [v, c] = this.openPair();
    this.vec = new SplitFile(v);
    this.chunkFile = new SplitFile(c);
  }

  /**
   * Take a snapshot's files (written by `saveTo`) as the first `vecRows` rows and `chunkEnd` chunk
   * bytes, read in place and never written; what is appended after goes to the temporary files.
   * Replaces everything held.
   */
  adopt(vecFile: string, chunkFile: string, vecRows: number, chunkEnd: number): void {
    this.clear();
    this.vec.setBase(openSync(vecFile, "r"), vecRows * this.rowBytes);
    this.chunkFile.setBase(openSync(chunkFile, "r"), chunkEnd);
    this.vecRows = vecRows;
    this.chunkEnd = chunkEnd;
    if (this.hotCap > 0 && vecRows > 0) {
      const v = this.readVectors(0, Math.min(vecRows, this.hotCap));
      this.mirror(0, Buffer.from(v.buffer, v.byteOffset, v.byteLength));
    }
  }

  /** Copy both files as they stand into `vecFile` and `chunkFile` (a snapshot; `adopt` reads them back). */
  saveTo(vecFile: string, chunkFile: string): { vecRows: number; chunkEnd: number } {
    const block = Buffer.allocUnsafe(8 << 20);
    for (const [from, file, bytes] of [[this.vec, vecFile, this.vecRows * this.rowBytes], [this.chunkFile, chunkFile, this.chunkEnd]] as const) {
      const fd = openSync(file, "w");
      try {
        for (let at = 0; at < bytes; at += block.length) {
          const part = block.subarray(0, Math.min(block.length, bytes - at));
          from.read(part, at);
          writeFully(fd, part, at);
        }
      } finally {
        closeSync(fd);
      }
    }
    return { vecRows: this.vecRows, chunkEnd: this.chunkEnd };
  }

  /**
   * As `saveTo`, a block at a time, each written by the file system's threads while the event loop
   * serves other work; `unchanged` is asked before each block is read, and the copy stops (throws)
   * when it says no. Blocks of `blockBytes` (default 4 MB).
   */
  async saveToInSlices(vecFile: string, chunkFile: string, unchanged: () => boolean, blockBytes = 4 << 20): Promise<{ vecRows: number; chunkEnd: number }> {
    const { vecRows, chunkEnd } = this;
    for (const [from, file, bytes] of [[this.vec, vecFile, vecRows * this.rowBytes], [this.chunkFile, chunkFile, chunkEnd]] as const) {
      const fh = await open(file, "w");
      try {
        for (let at = 0; at < bytes; at += blockBytes) {
          if (!unchanged()) throw new SnapshotChanged("检索副本在写快照时发生了变化");
          const part = Buffer.allocUnsafe(Math.min(blockBytes, bytes - at));
          from.read(part, at);
          await fh.write(part, 0, part.length, at);
        }
        await fh.datasync();
      } finally {
        await fh.close();
      }
    }
    return { vecRows, chunkEnd };
  }

  private openPair(): [number, number] {
    const [v, c] = openUnlinked("zongjie-cold-", ["vectors.f32", "chunks.jsonl"], this.dir);
    return [v, c];
  }

  /** Bytes on disk (vectors and chunks, live or not). */
  get bytes(): number {
    return this.vecRows * this.rowBytes + this.chunkEnd;
  }

  /** Append vectors; returns the file row of the first. */
  appendVectors(vectors: Float32Array[]): number {
    const first = this.vecRows;
    const buf = Buffer.allocUnsafe(vectors.length * this.rowBytes);
    vectors.forEach((v, i) => Buffer.from(v.buffer, v.byteOffset, this.rowBytes).copy(buf, i * this.rowBytes));
    this.vec.write(buf, first * this.rowBytes);
    this.vecRows += vectors.length;
    this.mirror(first, buf);
    return first;
  }

  /** Bytes of the in-memory vector mirror. */
  get hotMirrorBytes(): number {
    return this.hotRows * this.rowBytes; // the pages allocated hold at most one page (2 MB at 512 dimensions) more
  }

  /** Rows whose vectors are mirrored in memory (the first ones of the file). */
  get mirroredRows(): number {
    return this.hotRows;
  }

  /** Let the mirror take at most `bytes` from now on: it shrinks at once, and grows from the file. */
  setHotBytes(bytes: number): void {
    const cap = Math.floor(Math.max(0, bytes) / this.rowBytes);
    if (cap === this.hotCap) return;
    this.hotCap = cap;
    if (this.hotRows > cap) {
      this.hotRows = cap;
      this.hot.length = Math.ceil(cap / PAGE_ROWS);
    } else if (this.hotRows < Math.min(cap, this.vecRows)) {
      const from = this.hotRows;
      const v = this.readVectors(from, Math.min(cap, this.vecRows) - from);
      this.mirror(from, Buffer.from(v.buffer, v.byteOffset, v.byteLength));
    }
  }

  /** Mirror the rows written from `first` (`buf`: their bytes) that fall within the cap. */
  private mirror(first: number, buf: Buffer) {
    if (first > this.hotRows) return;
    const end = Math.min(this.hotCap, first + buf.length / this.rowBytes);
    const src = new Float32Array(buf.buffer, buf.byteOffset, Math.max(0, end - first) * this.dimension);
    for (let row = first; row < end; ) {
      const p = Math.floor(row / PAGE_ROWS);
      while (this.hot.length <= p) this.hot.push(new Float32Array(PAGE_ROWS * this.dimension));
      const upto = Math.min(end, (p + 1) * PAGE_ROWS);
      this.hot[p].set(src.subarray((row - first) * this.dimension, (upto - first) * this.dimension), (row - p * PAGE_ROWS) * this.dimension);
      row = upto;
    }
    this.hotRows = Math.max(this.hotRows, end);
  }

  /** Read file row `row` into `out`. */
  readVector(row: number, out: Float32Array): Float32Array {
    if (row < this.hotRows) {
      const at = (row % PAGE_ROWS) * this.dimension;
      out.set(this.hot[Math.floor(row / PAGE_ROWS)].subarray(at, at + this.dimension));
      return out;
    }
    this.vec.read(this.scratch, row * this.rowBytes);
    out.set(new Float32Array(this.scratch.buffer, this.scratch.byteOffset, this.dimension));
    return out;
  }

  /** Dot product of file row `row` with `query` over its non-zero dimensions `nz` (the mirror read in place). */
  dotRow(row: number, query: Float32Array, nz: number[]): number {
    let v: Float32Array;
    let at = 0;
    if (row < this.hotRows) {
      v = this.hot[Math.floor(row / PAGE_ROWS)];
      at = (row % PAGE_ROWS) * this.dimension;
    } else {
      this.vec.read(this.scratch, row * this.rowBytes);
      v = new Float32Array(this.scratch.buffer, this.scratch.byteOffset, this.dimension);
    }
    let dot = 0;
    for (const d of nz) dot += query[d] * v[at + d];
    return dot;
  }

  /** Read `count` consecutive file rows from `first` (fewer at the end of the file), one vector after another. */
  readVectors(first: number, count: number): Float32Array {
    const m = Math.max(0, Math.min(count, this.vecRows - first));
    const buf = Buffer.allocUnsafe(m * this.rowBytes);
    this.vec.read(buf, first * this.rowBytes);
    return new Float32Array(buf.buffer, buf.byteOffset, m * this.dimension);
  }

  /** Append chunks; returns each one's byte offset (its length is the next offset minus it). */
  appendChunks(chunks: Chunk[]): { offsets: number[]; end: number } {
    const parts = chunks.map((c) => Buffer.from(JSON.stringify(c), "utf8"));
    const offsets: number[] = [];
    let at = this.chunkEnd;
    for (const p of parts) {
      offsets.push(at);
      at += p.length;
    }
    this.chunkFile.write(Buffer.concat(parts), this.chunkEnd);
    this.chunkEnd = at;
    return { offsets, end: at };
  }

  readChunk(offset: number, length: number): Chunk {
    const hit = this.cache.get(offset);
    if (hit) return hit;
    const buf = Buffer.allocUnsafe(length);
    this.chunkFile.read(buf, offset);
    const chunk = JSON.parse(buf.toString("utf8")) as Chunk;
    this.cache.set(offset, chunk);
    if (this.cache.size > 4096) this.cache.delete(this.cache.keys().next().value!);
    return chunk;
  }

  /**
   * Rewrite both files with only the given rows, in order: `vecRows[i]` is the file row of the i-th kept
   * row, `chunkAt[i]`/`chunkLen[i]` its chunk. Returns the new chunk offsets (file rows become 0..n−1).
   */
  compact(vecRows: ArrayLike<number>, chunkAt: ArrayLike<number>, chunkLen: ArrayLike<number>): Float64Array {
    const [vecFd, chunkFd] = this.openPair();
    const n = vecRows.length;
    const batch = 1024;
    const vbuf = Buffer.allocUnsafe(batch * this.rowBytes);
    for (let i = 0; i < n; i += batch) {
      const m = Math.min(batch, n - i);
      for (let j = 0; j < m; j++) this.vec.read(vbuf.subarray(j * this.rowBytes, (j + 1) * this.rowBytes), vecRows[i + j] * this.rowBytes);
      writeFully(vecFd, vbuf.subarray(0, m * this.rowBytes), i * this.rowBytes);
    }
    const offsets = new Float64Array(n);
    let at = 0;
    for (let i = 0; i < n; i++) {
      const buf = Buffer.allocUnsafe(chunkLen[i]);
      this.chunkFile.read(buf, chunkAt[i]);
      writeFully(chunkFd, buf, at);
      offsets[i] = at;
      at += buf.length;
    }
    this.vec.close();
    this.chunkFile.close();
    this.vec = new SplitFile(vecFd);
    this.chunkFile = new SplitFile(chunkFd);
    this.vecRows = n;
    this.chunkEnd = at;
    this.cache.clear();
    // The mirror follows the rows kept.
    this.hot = [];
    this.hotRows = 0;
    if (n > 0 && this.hotCap > 0) {
      const v = this.readVectors(0, Math.min(n, this.hotCap));
      this.mirror(0, Buffer.from(v.buffer, v.byteOffset, v.byteLength));
    }
    return offsets;
  }

  /** Drop everything held (the files are truncated by replacing them). */
  clear(): void {
    this.compact([], [], []);
  }

  close(): void {
    this.vec.close();
    this.chunkFile.close();
    this.cache.clear();
  }
}

/**
 * A file read as one: its first `baseBytes` from a snapshot's file (read only), the rest from a
 * temporary file at the position minus `baseBytes`. Rows and chunks never straddle the two.
 */
class SplitFile {
  private base: number | null = null;
  private baseBytes = 0;

  constructor(private readonly tail: number) {}

  setBase(fd: number, bytes: number): void {
    this.base = fd;
    this.baseBytes = bytes;
  }

  read(buf: Buffer, position: number): void {
    const inBase = Math.max(0, Math.min(buf.length, this.baseBytes - position));
    if (inBase > 0) readFully(this.base!, buf.subarray(0, inBase), position, TRUNCATED);
    if (inBase < buf.length) readFully(this.tail, buf.subarray(inBase), position + inBase - this.baseBytes, TRUNCATED);
  }

  write(buf: Buffer, position: number): void {
    if (position < this.baseBytes) throw new Error("检索副本的快照文件不可改写");
    writeFully(this.tail, buf, position - this.baseBytes);
  }

  close(): void {
    closeQuietly([this.base, this.tail]);
    this.base = null;
  }
}

