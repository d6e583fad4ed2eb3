/**
 * The one home of the low-level file helpers shared by the search copy (store/cold-rows.ts) and the
 * typo check's archive table (checking/typo/archive-file.ts): temporary files unlinked as soon as
 * they are open, positional reads and writes carried to the end, and closing handles that may be
 * closed already. It imports only Node's own modules, so every layer may use it.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Open files `names` (read and write, empty) in a fresh folder under `dir` (the system's temporary
 * folder by default) and remove the folder at once: the files live while open and vanish with the
 * process however it ends.
 */
export function openUnlinked(prefix: string, names: string[], dir = os.tmpdir()): number[] {
  const base = mkdtempSync(path.join(dir, prefix));
  const fds: number[] = [];
  try {
    for (const name of names) fds.push(openSync(path.join(base, name), "w+"));
    return fds;
  } catch (e) {
    closeQuietly(fds);
    throw e;
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

/** Write all of `buf` at `position`. */
export function writeFully(fd: number, buf: Uint8Array, position: number): void {
  let done = 0;
  while (done < buf.length) done += writeSync(fd, buf, done, buf.length - done, position + done);
}

/** Fill all of `buf` from `position`; a file that ends first throws `truncated` (a message for the log). */
export function readFully(fd: number, buf: Uint8Array, position: number, truncated: string): void {
  let done = 0;
  while (done < buf.length) {
    const n = readSync(fd, buf, done, buf.length - done, position + done);
    if (n === 0) throw new Error(truncated);
    done += n;
  }
}

/** Close each handle given (null: none), ignoring one already closed. */
export function closeQuietly(fds: Array<number | null>): void {
  for (const fd of fds) {
    if (fd === null) continue;
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
  }
}
