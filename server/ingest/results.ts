import type { FileOutcome } from "./ingest.ts";

/**
 * One line of a bulk upload's answer (`POST /api/corpus`) and of `zongjie ingest` (its text and its --json):
 * the one outcome vocabulary, with one wording, so a writer sees the same outcome whichever way the files
 * went in. The reader's finer outcomes (added, replaced, unchanged …, `FileOutcome`) become these here.
 */
export interface IngestResult {
  name: string;
  status: "ingested" | "duplicate" | "error";
  docId?: string;
  title?: string;
  message?: string;
  /** For an error: the AppError's code (too_large:file, bad_request:docx_invalid …), for programs reading the answer. */
  code?: string;
}

export function toIngestResult(name: string, o: FileOutcome): IngestResult {
  const r = ingestResult(name, o);
  if (!o.notes?.length) return r;
  return { ...r, message: [r.message, ...o.notes].filter(Boolean).join("；") };
}

function ingestResult(name: string, o: FileOutcome): IngestResult {
  switch (o.status) {
    case "added":
      return { name, status: "ingested", docId: o.docId, title: o.title };
    case "replaced":
      return { name, status: "ingested", docId: o.docId, title: o.title, message: `已用新内容替换范文库中的同名文件《${o.sourceName}》` };
    case "unchanged":
      return { name, status: "duplicate", docId: o.docId, title: o.title, message: `范文库中已有这份文件《${o.sourceName}》，内容相同，未重复导入` };
    case "duplicate":
      return { name, status: "duplicate", docId: o.docId, title: o.title, message: `与范文库中的《${o.duplicateOf}》内容相同，未重复导入` };
    case "rejected":
      return { name, status: "error", code: o.code, message: o.message };
  }
}

/** How each outcome is said to the writer, in the editor and on the command line alike. */
export const INGEST_STATUS_LABELS: Record<IngestResult["status"], string> = { ingested: "已收录", duplicate: "重复，未收录", error: "失败" };

/** "已收录 3 篇，重复 1 篇，失败 2 个" (the counts that are zero, but the first, left out). */
export function summarizeResults(results: readonly Pick<IngestResult, "status">[]): string {
  const n = (s: IngestResult["status"]) => results.filter((r) => r.status === s).length;
  const parts = [`已收录 ${n("ingested")} 篇`];
  if (n("duplicate")) parts.push(`重复 ${n("duplicate")} 篇`);
  if (n("error")) parts.push(`失败 ${n("error")} 个`);
  return parts.join("，");
}
