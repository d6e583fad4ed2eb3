import { AppError } from "../errors.ts";
import { decodeText } from "./decode.ts";
import { isOle, readOleDocument } from "./read-doc.ts";
import { readDocx } from "./read-docx.ts";
import { readOfd } from "./read-ofd.ts";
import { droppedCharsNote, type XmlNotes } from "./read-xml.ts";
import { isPdf, readPdf, type OcrProgress } from "./read-pdf.ts";
import { CONTAINER_KIND, isZip, listZipEntries } from "./zip.ts";
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, fileTooLarge, SUPPORTED_FORMATS, textFormatOf, type SourceFormat } from "./formats.ts";

/**
 * Reading a user's file: the kind is decided by content (magic bytes, and for a zip what is inside it),
 * never by the extension, and the file name is only a label in messages. Every reader returns one
 * paragraph per line; cleaning and structure parsing take it from there. Ingest, check uploads and
 * draft import all come through here.
 */


export interface ReadResult {
  text: string;
  format: SourceFormat;
  encoding: string; // "utf-8" | "gb18030" | "big5" | "utf-16le" | "utf-16be", or the format for binary files
  /** What the reader left out and the writer should know (characters XML does not allow…), in Chinese. */
  notes?: string[];
}

export interface ReadOptions {
  /** Largest file accepted, in bytes (default 10 MB). */
  maxBytes?: number;
  /** Progress of OCR on a scanned PDF (only when tesseract with chi_sim is installed). */
  onOcrProgress?: (p: OcrProgress) => void;
  /** Each page of a PDF whose text has been read (the parse worker uses it to show a long file is moving). */
  onPage?: (page: number, pages: number) => void;
  /** Most characters a file may yield (default 3 million); past it the file is refused, naming the limit. */
  maxChars?: number;
}


/** Known non-text formats recognised by their first bytes, named in Chinese for the error message. */
function sniffForeign(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const ascii = new TextDecoder("latin1").decode(bytes.subarray(bom, bom + 32)).trimStart().toLowerCase();
  if (starts(0x89, 0x50, 0x4e, 0x47)) return "PNG 图片";
  if (starts(0xff, 0xd8, 0xff)) return "JPEG 图片";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "GIF 图片";
  if (starts(0x52, 0x61, 0x72, 0x21)) return "RAR 压缩包，请解压后上传，或改用 .zip";
  if (starts(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c)) return "7z 压缩包，请解压后上传，或改用 .zip";
  if (starts(0x1f, 0x8b)) return "gzip 压缩包";
  if (starts(0x7f, 0x45, 0x4c, 0x46) || starts(0x4d, 0x5a)) return "可执行程序";
  if (ascii.startsWith("{\\rtf")) return "RTF 文档，请另存为 .docx 或 .txt";
  if (ascii.startsWith("<!doctype html") || ascii.startsWith("<html")) return "网页（HTML），请另存为 .txt";
  return null;
}

function noText(name: string): AppError {
  return new AppError("bad_request:empty_file", `文件《${name}》没有文字内容`);
}

/** Read a report file into plain text, one paragraph per line; throws AppError naming the file and the reason. */
export async function readSource(name: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<ReadResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) throw new AppError("bad_request:empty_file", `文件《${name}》是空文件`);
  if (bytes.length > maxBytes) throw fileTooLarge(name, bytes.length, maxBytes);
  const result = await readByContent(name, bytes, options);
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  if (result.text.length > maxChars) throw tooManyChars(name, maxChars);
  if (result.text.replace(/[\s\u3000\ufeff\u200b]/g, "") === "") throw noText(name);
  return result;
}

export function tooManyChars(name: string, maxChars: number): AppError {
  return new AppError("too_large:text", `文件《${name}》解析出的文字超过上限（${formatChars(maxChars)}字），已拒绝；请拆分后再上传`, {
    details: { maxChars },
  });
}

function formatChars(n: number): string {
  return n >= 10_000 ? `${Math.round(n / 10_000)} 万` : `${n} `;
}

async function readByContent(name: string, bytes: Uint8Array, options: ReadOptions): Promise<ReadResult> {
  if (isZip(bytes)) {
    const entries = listZipEntries(name, bytes, CONTAINER_KIND);
    const names = new Set(entries.map((e) => e.name));
    const notes: XmlNotes = { droppedChars: 0 };
    const withNotes = (r: ReadResult): ReadResult => {
      const note = droppedCharsNote(notes);
      return note ? { ...r, notes: [note] } : r;
    };
    if (names.has("[Content_Types].xml") && names.has("word/document.xml")) {
      return withNotes({ text: await readDocx(name, bytes, entries, notes), format: "docx", encoding: "docx" });
    }
    if ([...names].some((n) => n.replace(/^\//, "").toLowerCase() === "ofd.xml")) {
      return withNotes({ text: readOfd(name, bytes, entries, notes), format: "ofd", encoding: "ofd" });
    }
    throw new AppError("unsupported:file_type", `文件《${name}》是压缩包，但不是 Word 文档（.docx）或 OFD 文件；只支持 ${SUPPORTED_FORMATS}`);
  }
  if (isOle(bytes)) {
    const r = readOleDocument(name, bytes);
    return { text: r.text, format: r.format, encoding: r.format };
  }
  if (isPdf(bytes)) {
    return { text: await readPdf(name, bytes, { onOcrProgress: options.onOcrProgress, onPage: options.onPage }), format: "pdf", encoding: "pdf" };
  }
  const foreign = sniffForeign(bytes);
  if (foreign) throw new AppError("unsupported:file_type", `文件《${name}》是${foreign}，只支持 ${SUPPORTED_FORMATS}`);
  const decoded = decodeText(name, bytes);
  return { text: decoded.text, format: textFormatOf(name), encoding: decoded.encoding };
}
