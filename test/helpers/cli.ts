import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll } from "vitest";
import type { CliContext } from "../../server/cli/context.ts";

/** A CLI context writing into strings, with its data folder at `<dir>/data`. */
export function cliContext(dir: string, isTTY = false) {
  let out = "";
  let err = "";
  const c: CliContext = {
    dataDir: path.join(dir, "data"),
    isTTY,
    stdout: new Writable({ write: (chunk, _e, cb) => ((out += chunk), cb()) }),
    stderr: new Writable({ write: (chunk, _e, cb) => ((err += chunk), cb()) }),
  };
  return { c, out: () => out, err: () => err };
}

/**
 * A temp folder for one CLI test file (small vectors, so ingest is quick): created before the file's
 * tests, removed after. `tmp.dir` is the folder.
 */
export function cliTempDir(prefix: string): { readonly dir: string } {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    process.env.EMBED_DIMENSION = "128";
  });
  afterAll(() => {
    delete process.env.EMBED_DIMENSION;
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
  };
}
