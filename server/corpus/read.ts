import { Inflate } from "fflate";
import mammoth from "mammoth";
import { AppError } from "../errors.ts";
import { decodeText } from "./decode.ts";
import { applyNumberingLabels, numberedParagraphs } from "./docx-numbering.ts";

/**
 * Reading a user's file: the kind is decided by content (magic bytes), never by the extension, and the
 * file name is only a label in messages. A .docx is inspected as a zip before mammoth touches it, so a
 * zip bomb is refused without being inflated.
 */

export type SourceFormat = "txt" | "md" | "docx";

export interface ReadResult {
  text: string;
  format: SourceFormat;
  encoding: string; // "utf-8" | "gb18030" | "big5" | "utf-16le" | "utf-16be" | "docx"
}

export interface ReadOptions {
  /** Largest file accepted, in bytes (default 10 MB). */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/** Limits for the inside of a .docx. A real report's document.xml is well under 5 MB. */
export const ZIP_LIMITS = { maxEntries: 2000, maxTotalUncompressed: 50 * 1024 * 1024, maxRatio: 100 };

const MB = 1024 * 1024;

function formatSize(n: number): string {
  return n >= MB ? `${(n / MB).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** Known non-text formats recognised by their first bytes, named in Chinese for the error message. */
function sniffForeign(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const ascii = new TextDecoder("latin1").decode(bytes.subarray(bom, bom + 32)).trimStart().toLowerCase();
  if (starts(0x25, 0x50, 0x44, 0x46)) return "PDF 文件";
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return "旧版 Office 文件（.doc/.xls），请另存为 .docx";
  if (starts(0x89, 0x50, 0x4e, 0x47)) return "PNG 图片";
  if (starts(0xff, 0xd8, 0xff)) return "JPEG 图片";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "GIF 图片";
  if (starts(0x52, 0x61, 0x72, 0x21)) return "RAR 压缩包";
  if (starts(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c)) return "7z 压缩包";
  if (starts(0x1f, 0x8b)) return "gzip 压缩包";
  if (starts(0x7f, 0x45, 0x4c, 0x46) || starts(0x4d, 0x5a)) return "可执行程序";
  if (ascii.startsWith("{\\rtf")) return "RTF 文档，请另存为 .docx 或 .txt";
  if (ascii.startsWith("<!doctype html") || ascii.startsWith("<html")) return "网页（HTML），请另存为 .txt";
  return null;
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function extOf(name: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  return m ? m[1].toLowerCase() : "";
}

/** Read a report file (.txt/.md in UTF-8 or GBK, .docx) into plain text; throws AppError naming the file and the reason. */
export async function readSource(name: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<ReadResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) throw new AppError("bad_request:empty_file", `文件《${name}》是空文件`);
  if (bytes.length > maxBytes) {
    throw new AppError("too_large:file", `文件《${name}》太大（${formatSize(bytes.length)}），上限为 ${formatSize(maxBytes)}`, {
      details: { size: bytes.length, maxBytes },
    });
  }
  if (isZip(bytes)) {
    const text = await readDocx(name, bytes);
    return { text, format: "docx", encoding: "docx" };
  }
  const foreign = sniffForeign(bytes);
  if (foreign) throw new AppError("unsupported:file_type", `文件《${name}》是${foreign}，只支持 .txt、.md（UTF-8 或 GBK）和 .docx`);
  const decoded = decodeText(name, bytes);
  const ext = extOf(name);
  const format: SourceFormat = ext === "md" || ext === "markdown" ? "md" : "txt";
  if (decoded.text.replace(/[\s\u3000\ufeff\u200b]/g, "") === "") {
    throw new AppError("bad_request:empty_file", `文件《${name}》没有文字内容`);
  }
  return { text: decoded.text, format, encoding: decoded.encoding };
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

function invalidDocx(name: string, why: string): AppError {
  return new AppError("bad_request:docx_invalid", `文件《${name}》不是有效的 Word 文档（.docx）：${why}`);
}

function bombError(name: string, why: string): AppError {
  return new AppError("bad_request:docx_invalid", `文件《${name}》解压后异常庞大，疑似压缩炸弹，已拒绝：${why}`, {
    details: { reason: "zip_bomb" },
  });
}

/** Parse the zip central directory without inflating anything. */
export function listZipEntries(name: string, bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.length;
  let eocd = -1;
  for (let i = n - 22; i >= Math.max(0, n - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw invalidDocx(name, "压缩包已损坏（找不到目录）");
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw invalidDocx(name, "不支持 ZIP64 格式");
  if (count > ZIP_LIMITS.maxEntries) throw bombError(name, `包含 ${count} 个文件`);
  if (cdOffset + cdSize > n) throw invalidDocx(name, "压缩包已损坏（目录越界）");
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > n || view.getUint32(p, true) !== 0x02014b50) throw invalidDocx(name, "压缩包已损坏（目录项无效）");
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const uncompressedSize = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    if (p + 46 + nameLen > n) throw invalidDocx(name, "压缩包已损坏（目录项越界）");
    const entryName = new TextDecoder("utf-8").decode(bytes.subarray(p + 46, p + 46 + nameLen));
    entries.push({ name: entryName, method, compressedSize, uncompressedSize, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Inflate one entry in small steps, counting output; stop as soon as it exceeds what the directory
 * declared. Returns the data when `keep` is set (for the XML parts we read ourselves).
 */
function verifyEntry(name: string, bytes: Uint8Array, e: ZipEntry, budget: { left: number }, keep = false): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lh = e.localOffset;
  if (lh + 30 > bytes.length || view.getUint32(lh, true) !== 0x04034b50) throw invalidDocx(name, `“${e.name}”的文件头损坏`);
  const dataStart = lh + 30 + view.getUint16(lh + 26, true) + view.getUint16(lh + 28, true);
  const dataEnd = dataStart + e.compressedSize;
  if (dataEnd > bytes.length) throw invalidDocx(name, `“${e.name}”的数据不完整`);
  if (e.method === 0) {
    if (e.compressedSize !== e.uncompressedSize) throw invalidDocx(name, `“${e.name}”的大小不一致`);
    return keep ? bytes.subarray(dataStart, dataEnd) : null;
  }
  if (e.method !== 8) throw invalidDocx(name, `“${e.name}”使用了不支持的压缩方式`);
  const limit = Math.min(e.uncompressedSize, budget.left);
  let produced = 0;
  let over = false;
  const parts: Uint8Array[] = [];
  const inflater = new Inflate((chunk) => {
    produced += chunk.length;
    if (produced > limit) over = true;
    else if (keep) parts.push(chunk.slice());
  });
  const STEP = 4096; // deflate expands at most ~1032×, so one step yields at most ~4 MB
  try {
    for (let p = dataStart; p < dataEnd && !over; p += STEP) {
      const end = Math.min(p + STEP, dataEnd);
      inflater.push(bytes.subarray(p, end), end === dataEnd);
    }
  } catch (err) {
    throw new AppError("bad_request:docx_invalid", `文件《${name}》不是有效的 Word 文档（.docx）：“${e.name}”数据损坏`, { cause: err });
  }
  if (over) throw bombError(name, `“${e.name}”的实际大小超过了声明的大小或总上限`);
  budget.left -= produced;
  if (!keep) return null;
  const out = new Uint8Array(produced);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

async function readDocx(name: string, bytes: Uint8Array): Promise<string> {
  const entries = listZipEntries(name, bytes);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has("[Content_Types].xml") || !names.has("word/document.xml")) {
    throw new AppError("unsupported:file_type", `文件《${name}》是压缩包，但不是 Word 文档（.docx）；只支持 .txt、.md 和 .docx`);
  }
  let total = 0;
  let compressed = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    compressed += e.compressedSize;
    if (e.uncompressedSize > 1 * MB && e.uncompressedSize / Math.max(1, e.compressedSize) > ZIP_LIMITS.maxRatio) {
      throw bombError(name, `“${e.name}”压缩比超过 ${ZIP_LIMITS.maxRatio} 倍`);
    }
  }
  if (total > ZIP_LIMITS.maxTotalUncompressed) throw bombError(name, `解压后共 ${formatSize(total)}，上限 ${formatSize(ZIP_LIMITS.maxTotalUncompressed)}`);
  if (total > 1 * MB && total / Math.max(1, compressed) > ZIP_LIMITS.maxRatio) {
    throw bombError(name, `整体压缩比超过 ${ZIP_LIMITS.maxRatio} 倍`);
  }
  // The directory can lie: inflate the XML parts mammoth will read, counting, before handing it over.
  const budget = { left: ZIP_LIMITS.maxTotalUncompressed };
  const NUMBERING_PARTS = new Set(["word/document.xml", "word/numbering.xml", "word/styles.xml"]);
  const parts = new Map<string, string>();
  for (const e of entries) {
    if (!/\.(xml|rels)$/i.test(e.name)) continue;
    const data = verifyEntry(name, bytes, e, budget, NUMBERING_PARTS.has(e.name));
    if (data) parts.set(e.name, new TextDecoder("utf-8").decode(data));
  }
  let value: string;
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    value = result.value;
  } catch (err) {
    throw new AppError("bad_request:docx_invalid", `文件《${name}》不是有效的 Word 文档（.docx），无法读取正文`, { cause: err });
  }
  // mammoth separates paragraphs with a blank line; one paragraph per line is what cleaning expects.
  let lines = value
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .filter((l) => l.trim() !== "");
  // Word's automatic numbering is not in mammoth's text: put the labels back ("一、", "（二）"…).
  try {
    const numbered = numberedParagraphs(parts.get("word/document.xml") ?? "", parts.get("word/numbering.xml"), parts.get("word/styles.xml"));
    if (numbered.some((p) => p.label)) lines = applyNumberingLabels(lines, numbered);
  } catch {
    // Numbering is a refinement; the text without it is still the document.
  }
  const text = lines.join("\n");
  if (text.replace(/[\s\u3000]/g, "") === "") throw new AppError("bad_request:empty_file", `文件《${name}》没有文字内容`);
  return text;
}
