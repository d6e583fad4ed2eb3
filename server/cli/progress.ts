import type { Writable } from "node:stream";
import type { FileOutcome } from "../ingest/ingest.ts";
import type { IngestProgress } from "../store/types.ts";

const PHASE: Record<IngestProgress["phase"], string> = { read: "读取", embed: "向量化", write: "写入", index: "索引" };

/** A one-line progress bar redrawn in place (only used on a terminal). */
export function createProgressBar(out: Writable, width = 24) {
  let last = "";
  return {
    update(p: IngestProgress) {
      const frac = p.total > 0 ? p.done / p.total : 1;
      const filled = Math.round(frac * width);
      const bar = "█".repeat(filled) + "░".repeat(width - filled);
      const line = `${bar} ${p.done}/${p.total} ${PHASE[p.phase]} ${p.file}`.slice(0, 100);
      if (line === last) return;
      last = line;
      out.write(`\r\x1b[2K${line}`);
    },
    done() {
      if (last) out.write("\r\x1b[2K");
      last = "";
    },
  };
}

/** "新增 3 篇，更新 1 篇，未变 1 篇，重复 0 篇，未导入 0 篇；写入 98 个段落" */
export function summarizeOutcomes(outcomes: FileOutcome[]): string {
  const n = (s: FileOutcome["status"]) => outcomes.filter((o) => o.status === s).length;
  const chunks = outcomes.reduce((sum, o) => sum + (o.status === "added" || o.status === "replaced" ? o.chunks : 0), 0);
  return `新增 ${n("added")} 篇，更新 ${n("replaced")} 篇，未变 ${n("unchanged")} 篇，重复 ${n("duplicate")} 篇，未导入 ${n("rejected")} 篇；写入 ${chunks} 个段落`;
}
