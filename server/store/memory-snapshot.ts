import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { MemorySearchIndex } from "./memory-index.ts";
import { readSnapshotFile, SnapshotChanged, writeSnapshotFile, writeSnapshotFileInSlices } from "./snapshot.ts";

/**
 * The search copy saved next to the store, so a restart loads it instead of rebuilding it from
 * LanceDB (at a million passages: minutes of reading rows, tokenising and merging postings).
 *
 * A snapshot is a folder `<dataDir>/search-copy/current`: `copy.bin` (the int8 codes, postings,
 * statistics and row data in one file, read with one read: snapshot.ts), `vectors.f32` and
 * `chunks.jsonl` (the float vectors and chunks, read in place by the copy, never written), and
 * `done.json`, written last. It is keyed by what it holds: each document's id and content hash. After
 * loading it, the copy is brought in step with the committed documents as after any commit (a
 * document replaced or removed since is dropped, one added is read from LanceDB), so only what
 * changed is rebuilt; a snapshot of another format or dimension is not read, and the copy is built
 * from LanceDB as before.
 *
 * Writing goes to a folder of its own (`writing-<pid>-<time>`), flushed to disk, then swapped in by
 * two renames (current → previous, the new one → current); a start reads `current`, or `previous`
 * when a stop fell between the two renames. A write cut short (the process killed) leaves only its
 * own folder, which is never read and is removed by the next write once its process is gone. The
 * files of the snapshot being replaced stay readable to a process that has them open.
 *
 * The server writes with `saveMemorySnapshotInSlices`: a few megabytes at a time, each written by the
 * file system's threads, so searches are served while it runs (the whole write took 42.8 s at a
 * million passages, all of it on the thread that serves HTTP, when it was written in one go).
 */

export interface SnapshotFigures {
  passages: number;
  bytes: number;
  ms: number;
}

const FILES = { copy: "copy.bin", vectors: "vectors.f32", chunks: "chunks.jsonl", done: "done.json" };

/** Put the finished folder `tmp` in place as `current`, keeping the old one readable until it is. */
function swapIn(dir: string, tmp: string): void {
  const current = path.join(dir, "current");
  const previous = path.join(dir, "previous");
  rmSync(previous, { recursive: true, force: true });
  if (existsSync(current)) renameSync(current, previous);
  renameSync(tmp, current);
  rmSync(previous, { recursive: true, force: true });
}

/** Folders of writes cut short by a process that is gone. */
function removeLeftovers(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^writing-(\d+)-/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    let alive = pid === process.pid;
    if (!alive) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch (e) {
        alive = (e as NodeJS.ErrnoException).code === "EPERM";
      }
    }
    if (!alive) rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

/** Save `index` (merged first) under `dir` in one go (holds the event loop); returns what was written. */
export function saveMemorySnapshot(index: MemorySearchIndex, dir: string): SnapshotFigures {
  const started = performance.now();
  index.settle();
  mkdirSync(dir, { recursive: true });
  removeLeftovers(dir);
  const tmp = path.join(dir, `writing-${process.pid}-${Date.now()}`);
  mkdirSync(tmp, { recursive: true });
  try {
    const files = index.saveFiles(path.join(tmp, FILES.vectors), path.join(tmp, FILES.chunks));
    const bytes = writeSnapshotFile(path.join(tmp, FILES.copy), index.exportState());
    writeFileSync(path.join(tmp, FILES.done), JSON.stringify(files));
    swapIn(dir, tmp);
    return { passages: index.size, bytes: bytes + files.vecRows * index.dimension * 4 + files.chunkEnd, ms: performance.now() - started };
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Save `index` under `dir` a piece at a time, the event loop free between pieces. The copy is
 * merged first (`settle`, in one go), then its arrays and files are copied piece by piece from the
 * copy as it stands: `unchanged` is asked before each piece, and when the copy changed meanwhile the
 * write stops with `SnapshotChanged` and leaves the previous snapshot in place (the caller tries
 * again later). `pieceBytes`: the size of a piece (default 4 MB).
 */
export async function saveMemorySnapshotInSlices(index: MemorySearchIndex, dir: string, opts: { unchanged: () => boolean; pieceBytes?: number }): Promise<SnapshotFigures> {
  const started = performance.now();
  const { unchanged } = opts;
  index.settle();
  const state = index.exportState();
  const passages = index.size;
  await mkdir(dir, { recursive: true });
  removeLeftovers(dir);
  const tmp = path.join(dir, `writing-${process.pid}-${Date.now()}`);
  await mkdir(tmp, { recursive: true });
  try {
    const files = await index.saveFilesInSlices(path.join(tmp, FILES.vectors), path.join(tmp, FILES.chunks), unchanged, opts.pieceBytes);
    const bytes = await writeSnapshotFileInSlices(path.join(tmp, FILES.copy), state, { unchanged, pieceBytes: opts.pieceBytes });
    await writeFile(path.join(tmp, FILES.done), JSON.stringify(files));
    if (!unchanged()) throw new SnapshotChanged("检索副本在写快照时发生了变化");
    swapIn(dir, tmp);
    return { passages, bytes: bytes + files.vecRows * index.dimension * 4 + files.chunkEnd, ms: performance.now() - started };
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** Load the snapshot under `dir` into `index` (replacing what it holds); null when there is none to read. */
export function loadMemorySnapshot(index: MemorySearchIndex, dir: string): SnapshotFigures | null {
  const started = performance.now();
  for (const name of ["current", "previous"]) {
    const folder = path.join(dir, name);
    const done = path.join(folder, FILES.done);
    if (!existsSync(done)) continue;
    const files = JSON.parse(readFileSync(done, "utf8")) as { vecRows: number; chunkEnd: number };
    const contents = readSnapshotFile(path.join(folder, FILES.copy));
    if (!contents || contents.meta.dimension !== index.dimension) return null;
    index.importState(contents, { vecFile: path.join(folder, FILES.vectors), chunkFile: path.join(folder, FILES.chunks), ...files });
    return { passages: index.size, bytes: 0, ms: performance.now() - started };
  }
  return null;
}
