import { Inflate } from "fflate";
import { AppError, type ErrorCode } from "../errors.ts";

/**
 * Reading zip containers (.docx, .ofd, uploaded .zip archives) without trusting them: the central
 * directory is parsed by hand, declared sizes and ratios are checked before anything is inflated,
 * and every entry we do inflate is counted as it comes out, so a directory that lies cannot make us
 * produce more than the budget.
 */

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  /** Set with a password (flag bit 0): this entry cannot be read, the others may be. */
  encrypted: boolean;
}

/** What a container is, for error messages: "不是有效的{label}" and the error code to use. */
export interface ZipKind {
  code: ErrorCode;
  label: string;
}

export const DOCX_KIND: ZipKind = { code: "bad_request:docx_invalid", label: "Word 文档（.docx）" };
/** A zip before we know what is inside (.docx, .ofd or an archive of reports): only for a directory too damaged to tell. */
export const CONTAINER_KIND: ZipKind = { code: "bad_request:docx_invalid", label: "Word 文档（.docx）或 OFD 文件" };

/** Limits for the inside of a container. A real report's document.xml is well under 5 MB. */
export const ZIP_LIMITS = { maxEntries: 2000, maxTotalUncompressed: 50 * 1024 * 1024, maxRatio: 100 };

const MB = 1024 * 1024;

export function formatSize(n: number): string {
  return n >= MB ? `${(n / MB).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function invalid(name: string, kind: ZipKind, why: string, cause?: unknown): AppError {
  const gap = /^[A-Za-z]/.test(kind.label) ? " " : ""; // "有效的 Word 文档", "有效的压缩包"
  return new AppError(kind.code, `文件《${name}》不是有效的${gap}${kind.label}：${why}`, { cause });
}

export function zipBombError(name: string, kind: ZipKind, why: string): AppError {
  return new AppError(kind.code, `文件《${name}》解压后异常庞大，疑似压缩炸弹，已拒绝：${why}`, { details: { reason: "zip_bomb" } });
}

/** Parse the zip central directory without inflating anything. */
export function listZipEntries(name: string, bytes: Uint8Array, kind: ZipKind = DOCX_KIND): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.length;
  let eocd = -1;
  for (let i = n - 22; i >= Math.max(0, n - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw invalid(name, kind, "压缩包已损坏（找不到目录，文件可能不完整）");
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw invalid(name, kind, "不支持 ZIP64 格式");
  if (cdOffset + cdSize > n) throw invalid(name, kind, "压缩包已损坏（目录越界）");
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > n || view.getUint32(p, true) !== 0x02014b50) throw invalid(name, kind, "压缩包已损坏（目录项无效）");
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const uncompressedSize = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    if (p + 46 + nameLen > n) throw invalid(name, kind, "压缩包已损坏（目录项越界）");
    // Names in Chinese archives made on Windows are often GBK without the UTF-8 flag (bit 11).
    const rawName = bytes.subarray(p + 46, p + 46 + nameLen);
    const entryName = new TextDecoder(flags & 0x800 ? "utf-8" : utf8OrGbk(rawName)).decode(rawName);
    entries.push({ name: entryName, method, compressedSize, uncompressedSize, localOffset, encrypted: (flags & 1) === 1 });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function utf8OrGbk(raw: Uint8Array): string {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(raw);
    return "utf-8";
  } catch {
    return "gb18030";
  }
}

/**
 * Refuse a container by its directory alone, with the error code of what it turned out to be: too many
 * entries, too big in total, or compressed too well to be real.
 */
export function checkContainer(name: string, entries: ZipEntry[], kind: ZipKind): void {
  if (entries.length > ZIP_LIMITS.maxEntries) throw zipBombError(name, kind, `包含 ${entries.length} 个文件，上限 ${ZIP_LIMITS.maxEntries} 个`);
  checkDeclaredSizes(name, entries, kind);
}

/** An entry set with a password: the error for that entry (a whole .docx or .ofd, or one file of an archive). */
export function encryptedError(name: string, entry?: string): AppError {
  return new AppError(
    "bad_request:encrypted",
    entry ? `压缩包《${name}》中的“${entry}”设置了密码（已加密），无法读取；请解除密码后再上传` : `文件《${name}》设置了密码（已加密），无法读取；请解除密码后再上传`,
  );
}

/** Refuse a container by its declared sizes: too big in total, or compressed too well to be real. */
export function checkDeclaredSizes(name: string, entries: ZipEntry[], kind: ZipKind): void {
  let total = 0;
  let compressed = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    compressed += e.compressedSize;
    if (e.uncompressedSize > 1 * MB && e.uncompressedSize / Math.max(1, e.compressedSize) > ZIP_LIMITS.maxRatio) {
      throw zipBombError(name, kind, `“${e.name}”压缩比超过 ${ZIP_LIMITS.maxRatio} 倍`);
    }
  }
  if (total > ZIP_LIMITS.maxTotalUncompressed) {
    throw zipBombError(name, kind, `解压后共 ${formatSize(total)}，上限 ${formatSize(ZIP_LIMITS.maxTotalUncompressed)}`);
  }
  if (total > 1 * MB && total / Math.max(1, compressed) > ZIP_LIMITS.maxRatio) {
    throw zipBombError(name, kind, `整体压缩比超过 ${ZIP_LIMITS.maxRatio} 倍`);
  }
}

/**
 * Inflate one entry in small steps, counting output; stop as soon as it exceeds what the directory
 * declared or what is left of the budget. Returns the data when `keep` is set.
 */
export function inflateEntry(name: string, bytes: Uint8Array, e: ZipEntry, budget: { left: number }, kind: ZipKind, keep = false): Uint8Array | null {
  if (e.encrypted) throw encryptedError(name, e.name);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lh = e.localOffset;
  if (lh + 30 > bytes.length || view.getUint32(lh, true) !== 0x04034b50) throw invalid(name, kind, `“${e.name}”的文件头损坏`);
  const dataStart = lh + 30 + view.getUint16(lh + 26, true) + view.getUint16(lh + 28, true);
  const dataEnd = dataStart + e.compressedSize;
  if (dataEnd > bytes.length) throw invalid(name, kind, `“${e.name}”的数据不完整（文件可能被截断）`);
  if (e.method === 0) {
    if (e.compressedSize !== e.uncompressedSize) throw invalid(name, kind, `“${e.name}”的大小不一致`);
    if (e.uncompressedSize > budget.left) throw zipBombError(name, kind, `“${e.name}”超过了总上限`);
    budget.left -= e.uncompressedSize;
    return keep ? bytes.subarray(dataStart, dataEnd) : null;
  }
  if (e.method !== 8) throw invalid(name, kind, `“${e.name}”使用了不支持的压缩方式`);
  const out = inflateCounted(bytes.subarray(dataStart, dataEnd), Math.min(e.uncompressedSize, budget.left), keep, (err) => invalid(name, kind, `“${e.name}”数据损坏`, err));
  if (out === "over") throw zipBombError(name, kind, `“${e.name}”的实际大小超过了声明的大小或总上限`);
  budget.left -= out.produced;
  return out.data;
}

/**
 * Raw-deflate (zlib: false) or zlib-wrapped (zlib: true) data inflated in 4 KB input steps; "over" as
 * soon as the output passes `limit`. Deflate expands at most ~1032×, so one step yields at most ~4 MB.
 */
export function inflateCounted(
  data: Uint8Array,
  limit: number,
  keep: boolean,
  onCorrupt: (err: unknown) => Error,
): { produced: number; data: Uint8Array | null } | "over" {
  let produced = 0;
  let over = false;
  const parts: Uint8Array[] = [];
  const inflater = new Inflate((chunk) => {
    produced += chunk.length;
    if (produced > limit) over = true;
    else if (keep) parts.push(chunk.slice());
  });
  const STEP = 4096;
  try {
    for (let p = 0; p < data.length && !over; p += STEP) {
      const end = Math.min(p + STEP, data.length);
      inflater.push(data.subarray(p, end), end === data.length);
    }
  } catch (err) {
    throw onCorrupt(err);
  }
  if (over) return "over";
  if (!keep) return { produced, data: null };
  const out = new Uint8Array(produced);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return { produced, data: out };
}
