import { AppError } from "../errors.ts";
import { DOCUMENT_EXTENSIONS, extensionOf, fileTooLarge } from "../corpus/formats.ts";
import { checkContainer, inflateEntry, isZip, listZipEntries, ZIP_LIMITS, type ZipKind } from "../corpus/zip.ts";

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
 * True when an upload is a zip archive of files rather than a single .docx/.ofd document. Only a file
 * named .zip is opened as an archive: a zip under a document's name ("总结.docx" holding anything but a
 * Word document) is a document that is not one, and the reader says so.
 */
export function isArchive(bytes: Uint8Array, name: string): boolean {
  if (!isZip(bytes) || extensionOf(name) !== ".zip") return false;
  let names: string[];
  try {
    names = listZipEntries(name, bytes, ARCHIVE_KIND).map((e) => e.name.replace(/^\//, "").toLowerCase());
  } catch {
    // A damaged zip: let the report reader say what is wrong with it, as for any single file.
    return false;
  }
  const isDocx = names.includes("[content_types].xml") && names.includes("word/document.xml");
  return !isDocx && !names.includes("ofd.xml");
}

/** The report files inside an archive, each within `maxBytes`; problems are returned, not thrown. */
export function expandArchive(name: string, bytes: Uint8Array, maxBytes: number): { files: UploadedFile[]; problems: ArchiveProblem[] } {
  const entries = listZipEntries(name, bytes, ARCHIVE_KIND);
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
