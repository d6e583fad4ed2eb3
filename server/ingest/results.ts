import type { FileOutcome } from "./ingest.ts";

/**
 * One line of a bulk upload's answer (`POST /api/corpus`) and of `zongjie ingest --json`: the same
 * shape in both, so a writer sees the same outcome whichever way the files went in.
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
