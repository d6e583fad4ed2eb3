import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { AppError, toAppError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { CorpusHooks, CorpusStore, IngestOutcome, IngestProgress } from "../store/types.ts";
import { prepareReport, sourceBaseName } from "../corpus/prepare.ts";

/**
 * The ingest pipeline: files or uploaded bytes → prepareReport (read, clean, structure, chunk) →
 * store.putReport (embed, write, commit) → hooks (derived indexes). A file that cannot be read is
 * "rejected" with a code and a Chinese message and nothing is written for it; a failing store or
 * embedder is not the file's fault and is thrown.
 */
export interface IngestDeps {
  store: CorpusStore;
  hooks?: CorpusHooks;
  /** Largest accepted file in bytes (default: the corpus reader's 10 MB). */
  maxBytes?: number;
  logger?: Logger;
}

/** File types the readers understand; folders are scanned for these only. */
export const INGEST_EXTENSIONS = [".txt", ".md", ".docx"];

function rejected(sourceName: string, e: unknown): IngestOutcome {
  const err = toAppError(e);
  return { status: "rejected", sourceName, code: err.code, message: err.message };
}

/** Ingest one file's bytes under its name; rejected files write nothing. */
export async function ingestBuffer(deps: IngestDeps, sourceName: string, bytes: Uint8Array): Promise<IngestOutcome> {
  const name = sourceBaseName(sourceName) || sourceName;
  let report;
  try {
    report = await prepareReport(name, bytes, { maxBytes: deps.maxBytes });
  } catch (e) {
    if (!(e instanceof AppError)) deps.logger?.error(`读取 ${name} 时出现意外错误`, e);
    return rejected(name, e);
  }
  const outcome = await deps.store.putReport(report);
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
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) await walk(full, out);
    else if (e.isFile()) {
      // A folder's README describes the corpus; it is not a report.
      if (/^readme\.md$/i.test(e.name)) continue;
      if (INGEST_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) out.push(full);
    }
  }
}

/**
 * Expand paths into files: a folder contributes its .txt/.md/.docx files (recursively, README.md
 * and hidden files skipped); a file named explicitly is taken as is (a wrong type is rejected later
 * by the reader with a clear message). Missing paths come back as rejections.
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

/** Ingest files and folders one file at a time, reporting progress; returns one outcome per file. */
export async function ingestPaths(
  deps: IngestDeps,
  paths: string[],
  onProgress?: (p: IngestProgress) => void,
): Promise<IngestOutcome[]> {
  const { files, missing } = await collectFiles(paths);
  const outcomes: IngestOutcome[] = [...missing];
  const total = files.length;
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    const name = path.basename(file);
    onProgress?.({ phase: "read", file: name, done: i, total });
    const size = (await stat(file)).size;
    const limit = deps.maxBytes;
    if (limit !== undefined && size > limit) {
      // Checked before reading so a huge file is never loaded into memory.
      outcomes.push(
        rejected(name, new AppError("too_large:file", `文件《${name}》大小为 ${(size / 1048576).toFixed(1)} MB，超过上限 ${(limit / 1048576).toFixed(1)} MB`)),
      );
      continue;
    }
    const bytes = new Uint8Array(await readFile(file));
    onProgress?.({ phase: "write", file: name, done: i, total });
    outcomes.push(await ingestBuffer(deps, name, bytes));
  }
  onProgress?.({ phase: "index", file: "", done: total, total });
  return outcomes;
}
