/**
 * A check worker thread (see pool.ts): reads the main thread's shared tables (reuse fingerprints,
 * typo archive table), follows the changes since them by the main thread's messages, and runs
 * checkText on request. Messages are handled in order, so a check sent after a change sees it.
 */
import { parentPort, workerData } from "node:worker_threads";
import { AppError } from "../errors.ts";
import { silentLogger } from "../log.ts";
import { checkText } from "./check.ts";
import type { OfficeLists } from "../lists/office.ts";
import { FingerprintIndex, type ReuseChange, type ReuseState } from "./reuse-index.ts";
import { SharedArchiveCopy, type ArchiveChange, type ArchiveSnapshot } from "./typo/archive.ts";
import { warmUpTypoCheck } from "./typo/index.ts";
import { slotCounts } from "./rules/placeholder-slots.ts";
import { verbHeads } from "./rules/missing-head.ts";

export type WorkerRequest =
  | { type: "init"; reuse: ReuseState; archive: (ArchiveSnapshot & { delta: Array<[number, number]> }) | null }
  | { type: "archive"; change: ArchiveChange }
  | { type: "reuse"; change: ReuseChange }
  | { type: "check"; id: number; text: string; year?: number; excludeDocIds?: string[] }
  | { type: "held"; id: number };

export type WorkerReply =
  | { type: "ready" }
  | { type: "result"; id: number; result: import("./types.ts").CheckResult }
  | { type: "error"; id: number; code: string; message: string }
  | { type: "held"; id: number; held: WorkerHeld };

/** What a worker holds of the archive evidence (diagnostics): the shared tables' bytes and the changes kept beside them. */
export interface WorkerHeld {
  reuseTableBytes: number;
  reuseRecent: number;
  reuseDocuments: number;
}

// The lists the main thread loaded and validated at start (a structured clone: Maps, Sets and RegExps survive it).
const { lists } = workerData as { lists: OfficeLists };
const index = new FingerprintIndex(null, silentLogger, lists, { follower: true });
/** The archive table the main thread shares (null: checks run without one). */
let archive: SharedArchiveCopy | undefined;
const port = parentPort!;

port.on("message", async (m: WorkerRequest) => {
  switch (m.type) {
    case "init":
      index.follow(m.reuse);
      if (m.archive) archive = new SharedArchiveCopy(m.archive);
      port.postMessage({ type: "ready" } satisfies WorkerReply);
      // After "ready", so the pool opens at once; a check that arrives meanwhile waits its turn.
      setImmediate(() => {
        warmUpTypoCheck();
        // The rules' own count files, read here rather than inside the first check that needs them.
        slotCounts();
        verbHeads();
      });
      return;
    case "reuse":
      index.apply(m.change);
      return;
    case "archive":
      archive?.apply(m.change);
      return;
    case "held":
      port.postMessage({ type: "held", id: m.id, held: { reuseTableBytes: index.tableBytes, reuseRecent: index.recentDocuments, reuseDocuments: index.stats().documents } } satisfies WorkerReply);
      return;
    case "check":
      try {
        const result = await checkText(m.text, { year: m.year, reuse: index, archive, excludeDocIds: m.excludeDocIds, lists });
        port.postMessage({ type: "result", id: m.id, result } satisfies WorkerReply);
      } catch (e) {
        const err = e instanceof AppError ? e : null;
        port.postMessage({
          type: "error",
          id: m.id,
          code: err?.code ?? "internal:check",
          message: err?.message ?? `检查失败：${(e as Error).message}`,
        } satisfies WorkerReply);
      }
  }
});
