import mammoth from "mammoth";
import { AppError } from "../errors.ts";
import { hasTypedNumber } from "../text/headings.ts";
import { applyNumberingLabels, numberedParagraphs } from "./docx-numbering.ts";
import type { XmlNotes } from "./read-xml.ts";
import { checkContainer, DOCX_KIND, encryptedError, inflateEntry, ZIP_LIMITS, type ZipEntry } from "./zip.ts";

/**
 * .docx: the zip is inspected before mammoth touches it, so a zip bomb is refused without being
 * inflated; Word's automatic numbering, which mammoth's raw text drops, is put back from the XML.
 *
 * mammoth builds a tree of the whole document and its time and memory grow much faster than the XML
 * (a 45 MB document.xml took over a minute and gigabytes). Past MAMMOTH_MAX_XML characters, and for a
 * document whose XML refers to characters XML does not allow (mammoth's parser stops on them), the
 * paragraphs come from our own linear reader instead (the one that restores the numbering): the text of
 * every paragraph in order, tables included, text boxes left out.
 */
export const MAMMOTH_MAX_XML = 8 * 1024 * 1024;

export async function readDocx(name: string, bytes: Uint8Array, entries: ZipEntry[], notes: XmlNotes = { droppedChars: 0 }): Promise<string> {
  checkContainer(name, entries, DOCX_KIND);
  if (entries.some((e) => e.encrypted)) throw encryptedError(name);
  // The directory can lie: inflate the XML parts mammoth will read, counting, before handing it over.
  const budget = { left: ZIP_LIMITS.maxTotalUncompressed };
  const NUMBERING_PARTS = new Set(["word/document.xml", "word/numbering.xml", "word/styles.xml"]);
  const parts = new Map<string, string>();
  for (const e of entries) {
    if (!/\.(xml|rels)$/i.test(e.name)) continue;
    const data = inflateEntry(name, bytes, e, budget, DOCX_KIND, NUMBERING_PARTS.has(e.name));
    if (data) parts.set(e.name, new TextDecoder("utf-8").decode(data));
  }
  const documentXml = parts.get("word/document.xml") ?? "";
  let numbered: ReturnType<typeof numberedParagraphs> | null = null;
  try {
    numbered = numberedParagraphs(documentXml, parts.get("word/numbering.xml"), parts.get("word/styles.xml"), notes);
  } catch {
    // Numbering is a refinement; the text without it is still the document.
  }
  if (numbered && (documentXml.length > MAMMOTH_MAX_XML || notes.droppedChars > 0)) {
    return numbered
      .flatMap((p) => p.text.split("\n").map((line, i) => (i === 0 && p.label && line.trim() !== "" && !hasTypedNumber(line.trim()) ? p.label + line : line)))
      .filter((l) => l.trim() !== "")
      .join("\n");
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
  if (numbered?.some((p) => p.label)) lines = applyNumberingLabels(lines, numbered);
  return lines.join("\n");
}
