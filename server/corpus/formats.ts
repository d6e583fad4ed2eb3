/**
 * The one home of what files zongjie takes: the formats, their extensions, the limits, and the one
 * wording of a file that is too large. The readers' dispatch (read.ts), the archive's entry filter,
 * the routes, the CLI's help and the editor's upload field all read it. No Node here: the editor
 * imports this file too.
 */
import { AppError } from "../errors.ts";

/** The formats of one document, as the readers decide them from the content (never from the name). */
export const SOURCE_FORMATS = ["txt", "md", "docx", "doc", "wps", "pdf", "ofd"] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** What each format is, in the writer's words (the CLI's help and docs/formats.md follow this table). */
export const FORMAT_NAMES: Record<SourceFormat | "zip", string> = {
  txt: "纯文本（UTF-8、GBK 或 Big5）",
  md: "Markdown 文本",
  docx: "Word 文档（自动编号还原为“一、（一）”）",
  doc: "Word 97–2003 文档",
  wps: "WPS 文字文档",
  pdf: "PDF（扫描件需本机装有 tesseract 中文识别）",
  ofd: "OFD 版式文档",
  zip: "压缩包（其中以上格式的文件逐个导入，只用于导入范文库）",
};

/** The extensions of one document; `.markdown` is read as .md. */
export const DOCUMENT_EXTENSIONS = [".txt", ".md", ".docx", ".doc", ".wps", ".pdf", ".ofd"] as const;
/** What the archive upload takes: a document or a .zip of them. */
export const UPLOAD_EXTENSIONS = [...DOCUMENT_EXTENSIONS, ".zip"] as const;
/** The `accept` list of a file field: the archive's upload, or one document (check, import). */
export const UPLOAD_ACCEPT = UPLOAD_EXTENSIONS.join(",");
export const DOCUMENT_ACCEPT = DOCUMENT_EXTENSIONS.join(",");

/** The document formats in one phrase, for messages that say what is accepted. */
export const SUPPORTED_FORMATS = ".txt、.md（UTF-8 或 GBK）、.docx、.doc、.wps、.pdf 和 .ofd";

/** The lower-cased extension of a file name with its dot (".docx"), or "" when it has none. */
export function extensionOf(name: string): string {
  const m = /\.[^./\\]+$/.exec(name);
  return m ? m[0].toLowerCase() : "";
}

/** The plain-text format a decoded file is given by its name: .md/.markdown, else .txt. */
export function textFormatOf(name: string): "txt" | "md" {
  const ext = extensionOf(name);
  return ext === ".md" || ext === ".markdown" ? "md" : "txt";
}

/** Largest file read by default (the server's MAX_UPLOAD_MB overrides it). */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/** Most characters one file may yield. */
export const DEFAULT_MAX_CHARS = 3_000_000;

const MB = 1024 * 1024;

/** A size in plain words: 10 MB, 1.5 MB, 512 KB. */
export function sizeInWords(bytes: number): string {
  if (bytes >= MB) return `${Math.round((bytes / MB) * 10) / 10} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * The one wording of a file over the size limit: “文件过大：不能超过 10 MB（《总结.pdf》有 12 MB）”.
 * `unpacked`: the size is an archive entry's once unpacked.
 */
export function tooLargeMessage(maxBytes: number, file?: { name: string; size?: number; unpacked?: boolean }): string {
  if (!file) return `文件过大：不能超过 ${sizeInWords(maxBytes)}`;
  const size = file.size === undefined ? "" : `${file.unpacked ? "解压后" : ""}有 ${sizeInWords(file.size)}`;
  return `文件过大：不能超过 ${sizeInWords(maxBytes)}（《${file.name}》${size}）`;
}

/** The AppError of a file over the size limit (413), with the sizes in its details. */
export function fileTooLarge(name: string, size: number, maxBytes: number, unpacked = false): AppError {
  return new AppError("too_large:file", tooLargeMessage(maxBytes, { name, size, unpacked }), { details: { size, maxBytes } });
}
