import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { MemorySearchIndex } from "./memory-index.ts";
import { readSnapshotFile, writeSnapshotFile } from "./snapshot.ts";

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
 * Writing goes to a folder of its own and is renamed into place, so a reader never sees half a
 * snapshot; the files of the snapshot being replaced stay readable to a process that has them open.
 */

export interface SnapshotFigures {
  passages: number;
  bytes: number;
  ms: number;
}

const FILES = { copy: "copy.bin", vectors: "vectors.f32", chunks: "chunks.jsonl", done: "done.json" };

/** Save `index` (merged first) under `dir`; returns what was written. */
export function saveMemorySnapshot(index: MemorySearchIndex, dir: string): SnapshotFigures {
  const started = performance.now();
  index.settle();
  const tmp = path.join(dir, `writing-${process.pid}-${Date.now()}`);
  mkdirSync(tmp, { recursive: true });
  try {
    const files = index.saveFiles(path.join(tmp, FILES.vectors), path.join(tmp, FILES.chunks));
    const bytes = writeSnapshotFile(path.join(tmp, FILES.copy), index.exportState());
    writeFileSync(path.join(tmp, FILES.done), JSON.stringify(files));
    const current = path.join(dir, "current");
    rmSync(current, { recursive: true, force: true });
    renameSync(tmp, current);
    return { passages: index.size, bytes: bytes + files.vecRows * index.dimension * 4 + files.chunkEnd, ms: performance.now() - started };
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** Load the snapshot under `dir` into `index` (replacing what it holds); null when there is none to read. */
export function loadMemorySnapshot(index: MemorySearchIndex, dir: string): SnapshotFigures | null {
  const started = performance.now();
  const current = path.join(dir, "current");
  const done = path.join(current, FILES.done);
  if (!existsSync(done)) return null;
  const files = JSON.parse(readFileSync(done, "utf8")) as { vecRows: number; chunkEnd: number };
  const contents = readSnapshotFile(path.join(current, FILES.copy));
  if (!contents || contents.meta.dimension !== index.dimension) return null;
  index.importState(contents, { vecFile: path.join(current, FILES.vectors), chunkFile: path.join(current, FILES.chunks), ...files });
  return { passages: index.size, bytes: 0, ms: performance.now() - started };
}
