import { createHash } from "node:crypto";
import { AppError } from "../errors.ts";
import { buildChunks } from "./chunk.ts";
import { cleanText } from "./clean.ts";
import { readSource, type ReadOptions } from "./read.ts";
import { analyzeStructure } from "./structure.ts";
import type { PreparedDocument, PreparedReport } from "./types.ts";

/**
 * The single entry point the ingest pipeline calls: bytes of one file → cleaned text, structure and
 * chunks. Pure: it reads nothing from disk and writes nothing; the file name is only a label.
 */

export interface PrepareOptions {
  /** Largest file accepted, in bytes (default 10 MB). */
  maxBytes?: number;
  /** Progress of OCR on a scanned PDF (only when tesseract with chi_sim is installed). */
  onOcrProgress?: ReadOptions["onOcrProgress"];
  /** Each page of a PDF whose text has been read. */
  onPage?: ReadOptions["onPage"];
  /** Most characters the file may yield (default: the reader's 3 million). */
  maxChars?: number;
  /** Each step done (read, cleaned, parsed): the parse worker shows the pool that a big file is moving. */
  onStep?: () => void;
}

/** The base name of a source as given ("a/b/报告.txt" → "报告.txt"); never used as a path. */
export function sourceBaseName(sourceName: string): string {
  const base = sourceName.split(/[\\/]/).pop() ?? sourceName;
  return base.normalize("NFC").trim();
}

/** Stable document id for a source name: "d_" + 12 hex of sha256(normalised base name). */
export function documentIdFor(sourceName: string): string {
  const key = sourceBaseName(sourceName).toLowerCase();
  return "d_" + createHash("sha256").update(key, "utf8").digest("hex").slice(0, 12);
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Read, clean, parse and chunk one report file; throws AppError (Chinese message naming the file) on bad input. */
export async function prepareReport(sourceName: string, bytes: Uint8Array, options: PrepareOptions = {}): Promise<PreparedReport> {
  const name = sourceBaseName(sourceName) || "未命名文件";
  const read = await readSource(name, bytes, { maxBytes: options.maxBytes, maxChars: options.maxChars, onOcrProgress: options.onOcrProgress, onPage: options.onPage });
  options.onStep?.();
  const cleaned = cleanText(read.text, { markdown: read.format === "md" });
  options.onStep?.();
  if (cleaned.text.replace(/\s/g, "") === "") {
    throw new AppError("bad_request:empty_file", `文件《${name}》去除广告和网页杂项后没有正文内容`, {
      details: { removed: cleaned.removed.length },
    });
  }
  const analysis = analyzeStructure(cleaned.text);
  const { structure } = analysis;
  options.onStep?.();
  const id = documentIdFor(name);
  const document: PreparedDocument = {
    id,
    sourceName: name,
    contentHash: sha256(cleaned.text),
    format: read.format,
    encoding: read.encoding,
    title: structure.title,
    year: structure.year,
    level: structure.level,
    cleanedText: cleaned.text,
    removed: cleaned.removed,
    structure,
  };
  const chunks = buildChunks(cleaned.text, analysis, { docId: id, title: structure.title, year: structure.year });
  return read.notes?.length ? { document, chunks, notes: read.notes } : { document, chunks };
}

