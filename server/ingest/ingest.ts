import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { sourceBaseName } from "../corpus/prepare.ts";
import { DEFAULT_MAX_BYTES, extensionOf, fileTooLarge, UPLOAD_EXTENSIONS } from "../corpus/formats.ts";
import type { OcrProgress } from "../corpus/read-pdf.ts";
import { ZIP_LIMITS } from "../corpus/zip.ts";
import { AppError, toAppError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { CorpusHooks, CorpusStore, IngestOutcome, IngestProgress } from "../store/types.ts";
import { mayBeArchive, type ExpandedArchive, type UploadedFile } from "./archive.ts";
import { sharedParsePool, type ParseService } from "./parse-pool.ts";

/**
 * The ingest pipeline, above the store: files or uploaded bytes → prepareReport (read, clean, structure,
 * chunk) → store.putReport (embed, write, commit) → hooks (derived indexes). A file that cannot be read
 * is "rejected" with a code and a Chinese message and nothing is written for it; a report whose cleaned
 * text is already in the store under another name is a "duplicate" and is not written again. A failing
 * store or embedder is not the file's fault and is thrown.
 */
export interface IngestDeps {
  store: CorpusStore;
  hooks?: CorpusHooks;
  /** Largest accepted file in bytes (default: the corpus reader's 10 MB). */
  maxBytes?: number;
  logger?: Logger;
  /** Page-by-page progress while a scanned PDF is OCR'd (only with tesseract and chi_sim installed). */
  onOcrProgress?: (file: string, p: OcrProgress) => void;
  /** Where files are read: worker threads with a deadline and memory caps (default: the process's shared pool). */
  parser?: ParseService;
}

/** What happened to one file. */
export type FileOutcome = (
  | IngestOutcome
  | { status: "duplicate"; sourceName: string; docId: string; title: string; duplicateOf: string }
) & {
  /** What the reader left out of the file (characters XML does not allow…), in Chinese. */
  notes?: string[];
};

function rejected(sourceName: string, e: unknown): IngestOutcome {
  const err = toAppError(e);
  return { status: "rejected", sourceName, code: err.code, message: err.message };
}

/**
 * The content hashes already in the store, loaded once per batch and kept up to date as the batch
 * writes, so a batch of 500 files costs one listing, and two copies inside one batch are caught too.
 */
export class KnownContent {
  private constructor(private readonly byHash: Map<string, { docId: string; title: string; sourceName: string }>) {}

  static async load(store: CorpusStore): Promise<KnownContent> {
    const map = new Map<string, { docId: string; title: string; sourceName: string }>();
    for (const d of await store.listDocuments()) map.set(d.contentHash, { docId: d.id, title: d.title, sourceName: d.sourceName });
    return new KnownContent(map);
  }

  /** Another document with this content (a document with the same id is the same file, not a duplicate). */
  other(hash: string, docId: string) {
    const hit = this.byHash.get(hash);
    return hit && hit.docId !== docId ? hit : undefined;
  }

  record(hash: string, docId: string, title: string, sourceName: string): void {
    for (const [h, v] of this.byHash) if (v.docId === docId) this.byHash.delete(h);
    this.byHash.set(hash, { docId, title, sourceName });
  }
}

/** Ingest one report file's bytes under its name; rejected files and duplicates write nothing. */
export async function ingestBuffer(deps: IngestDeps, sourceName: string, bytes: Uint8Array, known?: KnownContent): Promise<FileOutcome> {
  const name = sourceBaseName(sourceName) || sourceName;
  let report;
  try {
    const onOcr = deps.onOcrProgress;
    report = await (deps.parser ?? sharedParsePool()).prepare(name, bytes, { maxBytes: deps.maxBytes, onOcrProgress: onOcr && ((p) => onOcr(name, p)) });
  } catch (e) {
    if (!(e instanceof AppError)) deps.logger?.error(`读取 ${name} 时出现意外错误`, e);
    return rejected(name, e);
  }
  const { document } = report;
  const notes = report.notes?.length ? { notes: report.notes } : {};
  const seen = known ?? (await KnownContent.load(deps.store));
  const same = seen.other(document.contentHash, document.id);
  if (same) return { status: "duplicate", sourceName: name, docId: same.docId, title: same.title, duplicateOf: same.sourceName, ...notes };
  const outcome = { ...(await deps.store.putReport(report)), ...notes };
  if (outcome.status !== "rejected") seen.record(document.contentHash, document.id, document.title, name);
  if (outcome.status === "added" || outcome.status === "replaced") {
    try {
      await deps.hooks?.afterPut?.(report);
    } catch (e) {
      // The document is committed; a derived index that failed is rebuilt on the next start.
      deps.logger?.error(`文档 ${outcome.docId} 已导入，但更新派生索引失败`, e);
    }
  }
  return outcome;
}

/**
 * Ingest uploaded files one by one (a .zip expands to its reports); one outcome per report, in order.
 * One bad file never stops the others. `name` in each outcome is the label the upload gave.
 */
export async function ingestUploads(deps: IngestDeps, uploads: UploadedFile[], known?: KnownContent): Promise<Array<{ name: string; outcome: FileOutcome }>> {
  const seen = known ?? (await KnownContent.load(deps.store));
  const maxBytes = deps.maxBytes ?? DEFAULT_MAX_BYTES;
  const out: Array<{ name: string; outcome: FileOutcome }> = [];
  for (const upload of uploads) {
    let expanded: ExpandedArchive | null = null;
    if (mayBeArchive(upload.bytes, upload.name)) {
      // The archive's directory is read once, in the parse worker, which also tells a .docx under a .zip name apart.
      try {
        expanded = await (deps.parser ?? sharedParsePool()).expand(upload.name, upload.bytes, maxBytes);
      } catch (e) {
        out.push({ name: upload.name, outcome: rejected(upload.name, e) });
        continue;
      }
    }
    if (!expanded) {
      out.push({ name: upload.name, outcome: await ingestBuffer(deps, upload.name, upload.bytes, seen) });
      continue;
    }
    for (const p of expanded.problems) out.push({ name: p.name, outcome: rejected(sourceBaseName(p.name), p.error) });
    for (const f of expanded.files) out.push({ name: f.name, outcome: await ingestBuffer(deps, f.name, f.bytes, seen) });
  }
  return out;
}

/** Remove a document and tell the hooks; false when there was no such document. */
export async function removeDocument(deps: IngestDeps, docId: string): Promise<boolean> {
  const removed = await deps.store.removeDocument(docId);
  if (removed) {
    try {
      await deps.hooks?.afterRemove?.(docId);
    } catch (e) {
      deps.logger?.error(`文档 ${docId} 已删除，但更新派生索引失败`, e);
    }
  }
  return removed;
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith(".") || e.name.startsWith("~$") || e.name === "node_modules") continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) await walk(full, out);
    else if (e.isFile()) {
      // A folder's README describes the corpus; it is not a report.
      if (/^readme\.md$/i.test(e.name)) continue;
      // File types taken from folders (formats.ts); a file named explicitly is read whatever its name.
      if ((UPLOAD_EXTENSIONS as readonly string[]).includes(extensionOf(e.name))) out.push(full);
    }
  }
}

/**
 * Expand paths into files: a folder contributes its report files and .zip archives (recursively,
 * README.md and hidden files skipped); a file named explicitly is taken as is (a wrong type is rejected
 * later by the reader with a clear message). Missing paths come back as rejections.
 */
export async function collectFiles(paths: string[]): Promise<{ files: string[]; missing: IngestOutcome[] }> {
  const files: string[] = [];
  const missing: IngestOutcome[] = [];
  for (const p of paths) {
    const s = await stat(p).catch(() => null);
    if (!s) {
      missing.push(rejected(p, new AppError("not_found:path", `找不到文件或文件夹：${p}`)));
      continue;
    }
    if (s.isDirectory()) await walk(p, files);
    else files.push(p);
  }
  return { files: [...new Set(files.map((f) => path.resolve(f)))], missing };
}

/** Ingest files and folders one file at a time, reporting progress; returns one outcome per report. */
export async function ingestPaths(
  deps: IngestDeps,
  paths: string[],
  onProgress?: (p: IngestProgress) => void,
): Promise<FileOutcome[]> {
  return (await ingestPathsNamed(deps, paths, onProgress)).map((r) => r.outcome);
}

/** As ingestPaths, with the label of each outcome (an archive's entries are "材料.zip/总结.doc"). */
export async function ingestPathsNamed(
  deps: IngestDeps,
  paths: string[],
  onProgress?: (p: IngestProgress) => void,
): Promise<Array<{ name: string; outcome: FileOutcome }>> {
  const { files, missing } = await collectFiles(paths);
  const results: Array<{ name: string; outcome: FileOutcome }> = missing.map((o) => ({ name: o.sourceName, outcome: o }));
  const known = await KnownContent.load(deps.store);
  const total = files.length;
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    const name = path.basename(file);
    onProgress?.({ phase: "read", file: name, done: i, total });
    const size = (await stat(file)).size;
    const limit = deps.maxBytes;
    // An archive may hold more than one file's worth; its entries are held to the limit one by one.
    const isZipName = path.extname(name).toLowerCase() === ".zip";
    const cap = limit === undefined ? undefined : isZipName ? Math.max(limit, ZIP_LIMITS.maxTotalUncompressed) : limit;
    if (cap !== undefined && size > cap) {
      // Checked before reading so a huge file is never loaded into memory.
      results.push({
        name,
        outcome: rejected(name, fileTooLarge(name, size, cap)),
      });
      continue;
    }
    const bytes = new Uint8Array(await readFile(file));
    onProgress?.({ phase: "write", file: name, done: i, total });
    results.push(...(await ingestUploads(deps, [{ name, bytes }], known)));
  }
  onProgress?.({ phase: "index", file: "", done: total, total });
  return results;
}
