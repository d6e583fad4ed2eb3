import { AppError } from "../errors.ts";
import { decodeXml, xmlAttrs, xmlTags, type XmlNotes } from "./read-xml.ts";
import { layoutText, type LayoutPage, type TextRun } from "./layout.ts";
import { checkContainer, inflateEntry, ZIP_LIMITS, type ZipEntry, type ZipKind } from "./zip.ts";

/**
 * OFD (GB/T 33190): a zip whose OFD.xml names each document's Document.xml, which lists the pages;
 * each page's Content.xml places TextObjects (a Boundary, a font size) holding TextCode runs at X/Y
 * inside them. The runs go through the same layout pass as a PDF's. Template pages, where the running
 * header and footer of a document usually live, are not read. The zip gets the .docx reader's guard.
 */

export const OFD_KIND: ZipKind = { code: "bad_request:ofd_invalid", label: "OFD 文件" };

function invalid(name: string, why: string): AppError {
  return new AppError("bad_request:ofd_invalid", `文件《${name}》不是有效的 OFD 文件：${why}`);
}

/** One attribute's raw value (undecoded), or null. */
function attr(attrs: string, name: string): string | null {
  return xmlAttrs(attrs).get(name) ?? null;
}

/**
 * The elements of one local name in document order, with their attributes and their text (the text
 * between the start tag and the matching end tag, tags inside it left out). An element left open ends
 * where the next one of its name starts. One pass over the tags: linear whatever the document holds.
 */
function elements(xml: string, local: string, notes: XmlNotes): Array<{ attrs: string; text: string }> {
  const out: Array<{ attrs: string; text: string }> = [];
  let open: { attrs: string; parts: string[]; from: number } | null = null;
  const end = (until: number) => {
    if (!open) return;
    open.parts.push(xml.slice(open.from, until));
    out.push({ attrs: open.attrs, text: decodeXml(open.parts.join(""), notes) });
    open = null;
  };
  for (const t of xmlTags(xml)) {
    if (t.local !== local) {
      if (open) {
        open.parts.push(xml.slice(open.from, t.start));
        open.from = t.end;
      }
      continue;
    }
    end(t.start);
    if (t.closing) continue;
    if (t.selfClosing) out.push({ attrs: t.attrs, text: "" });
    else open = { attrs: t.attrs, parts: [], from: t.end };
  }
  end(xml.length);
  return out;
}

/** The text of the first <child> inside the first <parent> (PhysicalBox inside PageArea), in one pass. */
function firstTextIn(xml: string, parent: string, child: string): string | null {
  let inParent = false;
  let from = -1;
  for (const t of xmlTags(xml)) {
    if (from >= 0) return xml.slice(from, t.start);
    if (t.local === parent && !t.closing && !t.selfClosing) inParent = true;
    else if (inParent && t.local === child && !t.closing && !t.selfClosing) from = t.end;
  }
  return null;
}

function numbers(s: string | null): number[] {
  return (s ?? "").trim().split(/\s+/).filter(Boolean).map(Number);
}

/** DeltaX in OFD's compact form: "g 3 5.6" repeats 5.6 three times. */
function deltas(s: string | null, max = 100_000): number[] {
  const parts = (s ?? "").trim().split(/\s+/).filter(Boolean);
  const out: number[] = [];
  // `max` bounds the whole list, not each "g" run: many runs in a small file must not fill memory.
  for (let i = 0; i < parts.length && out.length < max; i++) {
    if (parts[i] === "g" && i + 2 < parts.length) {
      const n = Math.min(Number(parts[i + 1]), max - out.length);
      for (let k = 0; k < n; k++) out.push(Number(parts[i + 2]));
      i += 2;
    } else out.push(Number(parts[i]));
  }
  return out;
}

function resolve(base: string, loc: string): string {
  if (loc.startsWith("/")) return loc.slice(1);
  const parts = base ? base.split("/") : [];
  for (const seg of loc.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

const dirOf = (p: string) => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : "");

interface OpenObject {
  bx: number;
  by: number;
  size: number;
  scale: number;
  rotated: boolean;
  x: number;
  y: number;
}

/**
 * The text runs of one page's Content.xml, in one pass over its tags: a TextObject sets the box, size
 * and transform, each TextCode inside it is a run at X/Y. A TextObject or TextCode left open ends where
 * the next one starts, so a page of unclosed tags costs no more than a page of closed ones.
 */
function pageRuns(xml: string, notes: XmlNotes): TextRun[] {
  const runs: TextRun[] = [];
  let obj: OpenObject | null = null;
  let code: { attrs: string; parts: string[]; from: number } | null = null;
  const endCode = (until: number) => {
    if (!code) return;
    code.parts.push(xml.slice(code.from, until));
    if (obj && !obj.rotated) addRun(obj, code.attrs, decodeXml(code.parts.join(""), notes), runs);
    code = null;
  };
  for (const t of xmlTags(xml)) {
    if (t.local === "TextObject") {
      endCode(t.start);
      obj = null;
      if (t.closing || t.selfClosing) continue;
      const a = xmlAttrs(t.attrs);
      const [bx = 0, by = 0] = numbers(a.get("Boundary") ?? null);
      const size = Number(a.get("Size") ?? "0");
      const ctm = numbers(a.get("CTM") ?? null);
      // Rotated text is a watermark or a stamp's legend, not the report's prose.
      const rotated = ctm.length === 6 && (Math.abs(ctm[1]) > 0.01 || Math.abs(ctm[2]) > 0.01);
      const scale = ctm.length === 6 ? ctm[3] || 1 : 1;
      obj = { bx, by, size, scale, rotated, x: 0, y: 0 };
    } else if (t.local === "TextCode") {
      endCode(t.start);
      if (!t.closing && !t.selfClosing) code = { attrs: t.attrs, parts: [], from: t.end };
    } else if (code) {
      code.parts.push(xml.slice(code.from, t.start));
      code.from = t.end;
    }
  }
  endCode(xml.length);
  return runs;
}

function addRun(obj: OpenObject, attrs: string, text: string, runs: TextRun[]): void {
  const a = xmlAttrs(attrs);
  const cx = a.get("X");
  const cy = a.get("Y");
  if (cx !== undefined) obj.x = Number(cx);
  if (cy !== undefined) obj.y = Number(cy);
  const { size, scale } = obj;
  const chars = [...text].length;
  const d = deltas(a.get("DeltaX") ?? null, Math.max(0, chars - 1)); // only the gaps between its characters are used
  const width = d.slice(0, Math.max(0, chars - 1)).reduce((x, y) => x + y, 0) + size * scale;
  if (text) runs.push({ text, x: obj.bx + obj.x, y: obj.by + obj.y * scale, width: d.length ? width : size * scale * chars, size: size * scale });
  obj.x += width;
}

/** Read an OFD's pages into text; references to characters XML does not allow are dropped and counted in `notes`. */
export function readOfd(name: string, bytes: Uint8Array, entries: ZipEntry[], notes: XmlNotes = { droppedChars: 0 }): string {
  checkContainer(name, entries, OFD_KIND);
  const byName = new Map(entries.map((e) => [e.name.replace(/^\//, ""), e]));
  const byLower = new Map([...byName].map(([k, e]) => [k.toLowerCase(), e]));
  if ([...byName.keys()].some((n) => /(^|\/)Encrypt(ions|ion)?\.xml$/i.test(n)) || entries.some((e) => e.encrypted)) {
    throw new AppError("bad_request:encrypted", `文件《${name}》是加密的 OFD 文件，无法读取；请用版式阅读器解除加密后另存，再上传`);
  }
  const budget = { left: ZIP_LIMITS.maxTotalUncompressed };
  const read = (path: string): string => {
    const e = byName.get(path) ?? byLower.get(path.toLowerCase());
    if (!e) throw invalid(name, `缺少 ${path}（文件可能不完整）`);
    return new TextDecoder("utf-8").decode(inflateEntry(name, bytes, e, budget, OFD_KIND, true)!);
  };
  const root = read("OFD.xml");
  const docRoots = elements(root, "DocRoot", notes).map((m) => m.text.trim()).filter(Boolean);
  if (docRoots.length === 0) throw invalid(name, "OFD.xml 中没有文档（DocRoot）");
  const pages: LayoutPage[] = [];
  // A page listed twice (or by two documents) is read once: repeating it only multiplies the cost.
  const seen = new Set<string>();
  for (const docPath of docRoots) {
    const docFile = resolve("", docPath);
    const docXml = read(docFile);
    const box = numbers(firstTextIn(docXml, "PageArea", "PhysicalBox") ?? "0 0 210 297");
    for (const page of elements(docXml, "Page", notes)) {
      const loc = attr(page.attrs, "BaseLoc");
      if (!loc) continue;
      const path = resolve(dirOf(docFile), decodeXml(loc, notes));
      if (seen.has(path.toLowerCase())) continue;
      seen.add(path.toLowerCase());
      const content = read(path);
      const own = numbers(firstTextIn(content, "Area", "PhysicalBox") ?? "");
      const [, , width, height] = own.length === 4 ? own : box;
      pages.push({ width: width ?? 210, height: height ?? 297, runs: pageRuns(content, notes) });
      if (pages.length > 2000) throw new AppError("bad_request:ofd_invalid", `文件《${name}》页数异常多，疑似炸弹文件，已拒绝`, { details: { reason: "ofd_bomb" } });
    }
  }
  return layoutText(pages);
}
