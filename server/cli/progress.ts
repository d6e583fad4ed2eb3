import type { Writable } from "node:stream";
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
