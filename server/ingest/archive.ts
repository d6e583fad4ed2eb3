import { AppError } from "../errors.ts";
import { DOCUMENT_EXTENSIONS, extensionOf, fileTooLarge } from "../corpus/formats.ts";
import { checkContainer, inflateEntry, isZip, listZipEntries, ZIP_LIMITS, type ZipEntry, type ZipKind } from "../corpus/zip.ts";

/**
 * An uploaded .zip of reports, as offices send their archive: expanded to its supported entries with the
 * same guard as a .docx (declared sizes, ratios, counted inflation). A .docx or .ofd is a zip too but is
 * one report, told apart by what is inside. Entries of other types, folders and system files
 * (__MACOSX, hidden files) are skipped; nested archives are not opened.
 */

export const ARCHIVE_KIND: ZipKind = { code: "bad_request:zip_invalid", label: "压缩包（.zip）" };

export interface UploadedFile {
  /** Shown in results: "材料.zip/2021/总结.doc" for an entry of an archive. */
  name: string;
  bytes: Uint8Array;
}

/** A file that could not be taken out of an archive: reported like a file the reader refused. */
export interface ArchiveProblem {
  name: string;
  error: AppError;
}

/**
 * Whether an upload may be an archive of reports, told from its name and first bytes alone: only a file
 * named .zip is opened as an archive. A zip under a document's name ("总结.docx" holding anything but a
 * Word document) is a document that is not one, and the reader says so. What is inside decides the rest
 * (openArchive), read once, in the parse worker.
 */
export function mayBeArchive(bytes: Uint8Array, name: string): boolean {
  return isZip(bytes) && extensionOf(name) === ".zip";
}

/**
 * A .zip's report files, from one reading of its directory; null when it is no archive of files but one
 * document under a .zip name (a .docx or .ofd holds [Content_Types].xml with word/document.xml, or OFD.xml)
 * or a damaged zip: either is read as a single file, and the report reader says what is wrong.
 */
export function openArchive(name: string, bytes: Uint8Array, maxBytes: number): ExpandedArchive | null {
  let entries: ZipEntry[];
  try {
    entries = listZipEntries(name, bytes, ARCHIVE_KIND);
  } catch {
    return null;
  }
  const names = entries.map((e) => e.name.replace(/^\//, "").toLowerCase());
  const isDocx = names.includes("[content_types].xml") && names.includes("word/document.xml");
  if (isDocx || names.includes("ofd.xml")) return null;
  return expandArchive(name, bytes, maxBytes, entries);
}

export interface ExpandedArchive {
  files: UploadedFile[];
  problems: ArchiveProblem[];
}

/** The report files inside an archive, each within `maxBytes`; problems are returned, not thrown. */
export function expandArchive(name: string, bytes: Uint8Array, maxBytes: number, entries = listZipEntries(name, bytes, ARCHIVE_KIND)): ExpandedArchive {
  checkContainer(name, entries, ARCHIVE_KIND);
  const budget = { left: ZIP_LIMITS.maxTotalUncompressed };
  const files: UploadedFile[] = [];
  const problems: ArchiveProblem[] = [];
  for (const e of entries) {
    const path = e.name.replace(/\\/g, "/");
    const base = path.split("/").pop() ?? "";
    if (path.endsWith("/") || path.startsWith("__MACOSX/") || base.startsWith(".") || base.startsWith("~$")) continue;
    if (!(DOCUMENT_EXTENSIONS as readonly string[]).includes(extensionOf(base))) continue;
    const label = `${name}/${path}`;
    if (e.uncompressedSize > maxBytes) {
      problems.push({ name: label, error: fileTooLarge(base, e.uncompressedSize, maxBytes, true) });
      continue;
    }
    let data: Uint8Array | null;
    try {
      data = inflateEntry(name, bytes, e, budget, ARCHIVE_KIND, true);
    } catch (err) {
      // A bomb stops the whole archive; one damaged or encrypted entry is that entry's outcome only.
      if (!(err instanceof AppError) || (err.details as { reason?: string } | undefined)?.reason === "zip_bomb") throw err;
      problems.push({ name: label, error: err });
      continue;
    }
    files.push({ name: label, bytes: data ?? new Uint8Array() });
  }
  if (files.length === 0 && problems.length === 0) {
    throw new AppError("bad_request:empty_archive", `压缩包《${name}》中没有可导入的文件（支持 ${DOCUMENT_EXTENSIONS.join("、")}）`);
  }
  return { files, problems };
}
