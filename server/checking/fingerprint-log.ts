import { createReadStream, existsSync } from "node:fs";
import { appendFile, mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { Mutex } from "../async.ts";
import type { Logger } from "../log.ts";
import { checkpoints, type DocEntry } from "./reuse-entry.ts";
import { normalise } from "../text/normalise.ts";

const b64 = (a: Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
const fromB64 = (s: string) => {
  const b = Buffer.from(s, "base64");
  const out = new Uint32Array(b.length / 4);
  new Uint8Array(out.buffer).set(b);
  return out;
};

function record(e: DocEntry): string {
  return JSON.stringify({
    op: "add", id: e.id, title: e.title, contentHash: e.contentHash, text: e.text, chunks: e.chunks,
    fpHash: b64(e.fpHash), fpPos: b64(e.fpPos), sMask: b64(e.sMask), sFull: b64(e.sFull), sStart: b64(e.sStart), sEnd: b64(e.sEnd), ckpt: b64(e.ckpt),
  }) + "\n";
}

function entryOf(r: Record<string, unknown>): DocEntry {
  return {
    id: String(r.id), title: String(r.title), contentHash: String(r.contentHash), text: String(r.text),
    chunks: r.chunks as DocEntry["chunks"],
    fpHash: fromB64(String(r.fpHash)), fpPos: fromB64(String(r.fpPos)),
    sMask: fromB64(String(r.sMask)), sFull: fromB64(String(r.sFull)), sStart: fromB64(String(r.sStart)), sEnd: fromB64(String(r.sEnd)),
    ckpt: r.ckpt ? fromB64(String(r.ckpt)) : checkpoints(normalise(String(r.text)).map),
  };
}

/**
 * The reuse fingerprints on disk: an append-only JSON-lines log (one "add" or "remove" per line, typed
 * arrays in base64), compacted by rewriting it whole.
 *
 * Why a log file and not a LanceDB table: the index is needed whole in memory for every check and is
 * a cache derived from the corpus store (reconciling rebuilds it). Reading one JSON-lines file at start
 * is a single sequential read; a `fingerprints` table of (hash, doc, pos) rows would be millions of
 * rows to scan through Arrow on every start, for no query LanceDB could answer faster than a binary
 * search over a sorted Uint32Array. A torn last line (crash mid-append) is skipped and the document
 * re-added by the next reconcile.
 */
export class FingerprintLog {
  /** File writes run one after another: appends and compaction must never interleave. */
  private readonly writes = new Mutex();

  constructor(private readonly file: string, private readonly logger: Logger) {}

  /** Replay the log; returns the number of lines read (to decide on compaction). */
  async replay(on: { add: (e: DocEntry) => void; remove: (id: string) => void }): Promise<number> {
    if (!existsSync(this.file)) return 0;
    const rl = createInterface({ input: createReadStream(this.file, "utf8"), crlfDelay: Infinity });
    let lines = 0;
    for await (const line of rl) {
      if (!line.trim()) continue;
      lines++;
      try {
        const r = JSON.parse(line) as Record<string, unknown>;
        if (r.op === "remove") on.remove(String(r.id));
        else if (r.op === "add") on.add(entryOf(r));
      } catch (e) {
        this.logger.warn(`查重索引：跳过损坏的一行（${(e as Error).message.slice(0, 80)}）`);
      }
    }
    return lines;
  }

  append(e: DocEntry): Promise<void> {
    const line = record(e);
    return this.serial(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      await appendFile(this.file, line);
    });
  }

  appendRemove(id: string): Promise<void> {
    return this.serial(() => appendFile(this.file, JSON.stringify({ op: "remove", id }) + "\n"));
  }

  /** Rewrite the log as exactly these entries (atomically, through a temporary file). */
  compact(entries: () => DocEntry[]): Promise<void> {
    return this.serial(async () => {
      const tmp = `${this.file}.tmp`;
      await writeFile(tmp, entries().map(record).join(""));
      await rename(tmp, this.file);
    });
  }

  /**
   * Save the shared table (`write`, which holds every change logged so far), then start the log
   * afresh: it holds only the changes since. A crash between the two leaves the whole log, which
   * replayed over the saved table gives the same documents (each add or remove is applied again).
   */
  rebase(write: () => Promise<void>): Promise<void> {
    return this.serial(async () => {
      await write();
      await mkdir(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.tmp`;
      await writeFile(tmp, "");
      await rename(tmp, this.file);
    });
  }

  /** Once the writes queued so far are done. */
  idle(): Promise<void> {
    return this.serial(async () => undefined).catch(() => undefined);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    return this.writes.run(fn);
  }
}
