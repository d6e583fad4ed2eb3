import mammoth from "mammoth";
import { AppError } from "../errors.ts";
import { applyNumberingLabels, numberedParagraphs } from "./docx-numbering.ts";
import { checkDeclaredSizes, DOCX_KIND, inflateEntry, ZIP_LIMITS, type ZipEntry } from "./zip.ts";

/**
 * .docx: the zip is inspected before mammoth touches it, so a zip bomb is refused without being
 * inflated; Word's automatic numbering, which mammoth's raw text drops, is put back from the XML.
 */
export async function readDocx(name: string, bytes: Uint8Array, entries: ZipEntry[]): Promise<string> {
  checkDeclaredSizes(name, entries, DOCX_KIND);
  // The directory can lie: inflate the XML parts mammoth will read, counting, before handing it over.
  const budget = { left: ZIP_LIMITS.maxTotalUncompressed };
  const NUMBERING_PARTS = new Set(["word/document.xml", "word/numbering.xml", "word/styles.xml"]);
  const parts = new Map<string, string>();
  for (const e of entries) {
    if (!/\.(xml|rels)$/i.test(e.name)) continue;
    const data = inflateEntry(name, bytes, e, budget, DOCX_KIND, NUMBERING_PARTS.has(e.name));
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
  return lines.join("\n");
}
