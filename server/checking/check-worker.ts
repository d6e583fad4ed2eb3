/**
 * A check worker thread (see pool.ts): holds a read-only copy of the reuse fingerprints, kept in
 * step by the main thread's messages, and runs checkText on request. Messages are handled in order,
 * so a check sent after a change sees it.
 */
import { parentPort, workerData } from "node:worker_threads";
import { AppError } from "../errors.ts";
import { silentLogger } from "../log.ts";
import { checkText } from "./check.ts";
import { loadStockPhrases } from "../lists/checking.ts";
import { FingerprintIndex, type DocEntry } from "./reuse-index.ts";

export type WorkerRequest =
  | { type: "init"; entries: DocEntry[] }
  | { type: "put"; entry: DocEntry }
  | { type: "drop"; id: string }
  | { type: "check"; id: number; text: string; year?: number; excludeDocIds?: string[] };

export type WorkerReply =
  | { type: "ready" }
  | { type: "result"; id: number; result: import("./types.ts").CheckResult }
  | { type: "error"; id: number; code: string; message: string };

const { dataDir } = workerData as { dataDir: string | null };
const index = new FingerprintIndex(null, silentLogger, loadStockPhrases(dataDir));
const port = parentPort!;

port.on("message", async (m: WorkerRequest) => {
  switch (m.type) {
    case "init":
      index.addFingerprinted(m.entries);
      port.postMessage({ type: "ready" } satisfies WorkerReply);
      return;
    case "put":
      index.addFingerprinted([m.entry]);
      return;
    case "drop":
      await index.removeDocument(m.id); // in memory only: no log file here
      return;
    case "check":
      try {
        const result = await checkText(m.text, { year: m.year, reuse: index, excludeDocIds: m.excludeDocIds, dataDir: dataDir ?? undefined });
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
