import { AppError } from "../errors.ts";
import { decodeXml } from "./docx-numbering.ts";
import { layoutText, type LayoutPage, type TextRun } from "./layout.ts";
import { checkDeclaredSizes, inflateEntry, ZIP_LIMITS, type ZipEntry, type ZipKind } from "./zip.ts";

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

const tagRe = (tag: string, flags = "g") => new RegExp(`<(?:[\\w-]+:)?${tag}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</(?:[\\w-]+:)?${tag}>)`, flags);

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(attrs);
  return m ? m[1] : null;
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

function pageRuns(xml: string): TextRun[] {
  const runs: TextRun[] = [];
  for (const obj of xml.matchAll(tagRe("TextObject"))) {
    const attrs = obj[1];
    const [bx = 0, by = 0] = numbers(attr(attrs, "Boundary"));
    const size = Number(attr(attrs, "Size") ?? "0");
    const ctm = numbers(attr(attrs, "CTM"));
    // Rotated text is a watermark or a stamp's legend, not the report's prose.
    if (ctm.length === 6 && (Math.abs(ctm[1]) > 0.01 || Math.abs(ctm[2]) > 0.01)) continue;
    const scale = ctm.length === 6 ? ctm[3] || 1 : 1;
    let x = 0;
    let y = 0;
    for (const code of (obj[2] ?? "").matchAll(tagRe("TextCode"))) {
      const text = decodeXml(code[2] ?? "");
      const cx = attr(code[1], "X");
      const cy = attr(code[1], "Y");
      if (cx !== null) x = Number(cx);
      if (cy !== null) y = Number(cy);
      const chars = [...text].length;
      const d = deltas(attr(code[1], "DeltaX"), Math.max(0, chars - 1)); // only the gaps between its characters are used
      const width = d.slice(0, Math.max(0, chars - 1)).reduce((a, b) => a + b, 0) + size * scale;
      if (text) runs.push({ text, x: bx + x, y: by + y * scale, width: d.length ? width : size * scale * chars, size: size * scale });
      x += width;
    }
  }
  return runs;
}

export function readOfd(name: string, bytes: Uint8Array, entries: ZipEntry[]): string {
  checkDeclaredSizes(name, entries, OFD_KIND);
  const byName = new Map(entries.map((e) => [e.name.replace(/^\//, ""), e]));
  if ([...byName.keys()].some((n) => /(^|\/)Encrypt(ions|ion)?\.xml$/i.test(n))) {
    throw new AppError("bad_request:encrypted", `文件《${name}》是加密的 OFD 文件，无法读取；请用版式阅读器解除加密后另存，再上传`);
  }
  const budget = { left: ZIP_LIMITS.maxTotalUncompressed };
  const read = (path: string): string => {
    const e = byName.get(path) ?? [...byName.entries()].find(([k]) => k.toLowerCase() === path.toLowerCase())?.[1];
    if (!e) throw invalid(name, `缺少 ${path}（文件可能不完整）`);
    return new TextDecoder("utf-8").decode(inflateEntry(name, bytes, e, budget, OFD_KIND, true)!);
  };
  const root = read("OFD.xml");
  const docRoots = [...root.matchAll(tagRe("DocRoot"))].map((m) => decodeXml((m[2] ?? "").trim())).filter(Boolean);
  if (docRoots.length === 0) throw invalid(name, "OFD.xml 中没有文档（DocRoot）");
  const pages: LayoutPage[] = [];
  for (const docPath of docRoots) {
    const docFile = resolve("", docPath);
    const docXml = read(docFile);
    const box = numbers(/<(?:[\w-]+:)?PageArea\b[\s\S]*?<(?:[\w-]+:)?PhysicalBox>([^<]*)</.exec(docXml)?.[1] ?? "0 0 210 297");
    for (const page of docXml.matchAll(tagRe("Page"))) {
      const loc = attr(page[1], "BaseLoc");
      if (!loc) continue;
      const content = read(resolve(dirOf(docFile), decodeXml(loc)));
      const own = numbers(/<(?:[\w-]+:)?Area\b[\s\S]*?<(?:[\w-]+:)?PhysicalBox>([^<]*)</.exec(content)?.[1] ?? "");
      const [, , width, height] = own.length === 4 ? own : box;
      pages.push({ width: width ?? 210, height: height ?? 297, runs: pageRuns(content) });
      if (pages.length > 2000) throw new AppError("bad_request:ofd_invalid", `文件《${name}》页数异常多，疑似炸弹文件，已拒绝`, { details: { reason: "ofd_bomb" } });
    }
  }
  return layoutText(pages);
}
