import { execFile, spawnSync } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { AppError } from "../errors.ts";
import { layoutText, type LayoutPage, type TextRun } from "./layout.ts";
import { countPdfStreams } from "./read-pdf-streams.ts";

/**
 * PDF with a text layer, through pdf.js (legacy build, which runs on Node 20; its character maps and
 * standard-font data are read from the installed package, never fetched). Pages become positioned runs
 * and layout.ts turns them into paragraphs. A scanned PDF has no text layer: it is refused with a
 * message that says so, unless tesseract with chi_sim is installed, in which case it is OCR'd.
 */

/** Beyond these a file is refused as a PDF bomb (a real report has tens of pages and well under 1 M characters). */
export const PDF_LIMITS = { maxPages: 2000, maxChars: 3_000_000, maxInflated: 200 * 1024 * 1024, maxImageInflated: 512 * 1024 * 1024 };

export interface OcrProgress {
  page: number;
  pages: number;
}

/**
 * Whether a file is a PDF by its first bytes: `%PDF-1.x` (or 2.x) at the start. The format tolerates a
 * little junk before the header, so one within the first 1024 bytes counts too, but only after bytes
 * that are not text: a text file that mentions `%PDF-` near its top is a text file.
 */
export function isPdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  const at = head.search(/%PDF-\d\.\d/);
  if (at < 0) return false;
  if (at === 0) return true;
  const prefix = bytes.subarray(0, at);
  const binary = prefix.some((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d);
  if (binary) return true;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(prefix);
    return false;
  } catch {
    return true;
  }
}

function invalid(name: string, why: string, cause?: unknown): AppError {
  return new AppError("bad_request:pdf_invalid", `文件《${name}》不是有效的 PDF：${why}`, { cause });
}

function bomb(name: string, why: string): AppError {
  return new AppError("bad_request:pdf_invalid", `文件《${name}》内容异常庞大，疑似 PDF 炸弹，已拒绝：${why}`, { details: { reason: "pdf_bomb" } });
}

const pdfjsDir = path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjsModule: Promise<PdfJs> | null = null;
function loadPdfJs(): Promise<PdfJs> {
  pdfjsModule ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  return pdfjsModule;
}

/** Load pdf.js ahead of the first PDF (a parse worker does this before it takes files, so loading is not charged to a file's deadline). */
export async function preloadPdfJs(): Promise<void> {
  await loadPdfJs();
}

/** Count what the streams decode to (read-pdf-streams.ts) and refuse the file past either budget. */
function checkInflatedSize(name: string, bytes: Uint8Array): void {
  const verdict = countPdfStreams(bytes, { text: PDF_LIMITS.maxInflated, images: PDF_LIMITS.maxImageInflated });
  if (verdict.ok) return;
  const limit = verdict.images ? PDF_LIMITS.maxImageInflated : PDF_LIMITS.maxInflated;
  throw bomb(name, `解压后内容超过上限（${limit / 1048576} MB）`);
}

/** Each page's text runs with positions (y downwards from the top). Throws AppError for bad files. */
export async function pdfTextPages(name: string, bytes: Uint8Array, onPage?: (page: number, pages: number) => void): Promise<LayoutPage[]> {
  const tail = new TextDecoder("latin1").decode(bytes.subarray(Math.max(0, bytes.length - 4096)));
  if (!tail.includes("%%EOF")) throw invalid(name, "文件不完整（缺少结尾，可能在下载或复制时被截断）");
  checkInflatedSize(name, bytes);
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes), // a copy: pdf.js takes ownership of its buffer, and refuses a Buffer
    cMapUrl: path.join(pdfjsDir, "cmaps") + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(pdfjsDir, "standard_fonts") + path.sep,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (e) {
    const n = (e as { name?: string }).name;
    if (n === "PasswordException") {
      throw new AppError("bad_request:encrypted", `文件《${name}》设置了打开密码（已加密），无法读取；请取消密码后另存为 PDF，再上传`, { cause: e });
    }
    throw invalid(name, "文件结构损坏，无法打开", e);
  }
  try {
    if (doc.numPages > PDF_LIMITS.maxPages) throw bomb(name, `共 ${doc.numPages} 页，上限 ${PDF_LIMITS.maxPages} 页`);
    const pages: LayoutPage[] = [];
    let chars = 0;
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const view = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const runs: TextRun[] = [];
      for (const item of content.items) {
        if (!("str" in item) || item.str === "") continue;
        // Viewport coordinates: rotation and cropping applied, y downwards.
        const [a, b, c, d, e, f] = pdfjs.Util.transform(view.transform, item.transform);
        // Rotated text is a watermark or a margin note, not the report's prose.
        if (Math.abs(b) > 0.01 * Math.abs(a) || Math.abs(c) > 0.01 * Math.abs(d)) continue;
        const size = Math.hypot(c, d);
        runs.push({ text: item.str, x: e, y: f, width: item.width * (view.scale || 1), size });
        chars += item.str.length;
      }
      if (chars > PDF_LIMITS.maxChars) throw bomb(name, `文字超过 ${PDF_LIMITS.maxChars} 字`);
      pages.push({ width: view.width, height: view.height, runs });
      onPage?.(i, doc.numPages);
      page.cleanup();
    }
    return pages;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw invalid(name, "页面内容损坏，无法读取", e);
  } finally {
    await doc.destroy();
  }
}

/** Is tesseract with the chi_sim model installed, and pdftoppm to render pages for it? */
const ocrProbe = new Map<NodeJS.ProcessEnv, boolean>();

/** Whether tesseract (with chi_sim) and pdftoppm are installed; asked once per environment, not on every scanned PDF. */
export function ocrAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  let known = ocrProbe.get(env);
  if (known === undefined) ocrProbe.set(env, (known = probeOcr(env)));
  return known;
}

function probeOcr(env: NodeJS.ProcessEnv): boolean {
  const langs = spawnSync("tesseract", ["--list-langs"], { encoding: "utf8", env, timeout: 5000 });
  if (langs.status !== 0 || !/^chi_sim$/m.test(`${langs.stdout}\n${langs.stderr}`)) return false;
  const poppler = spawnSync("pdftoppm", ["-v"], { encoding: "utf8", env, timeout: 5000 });
  return !poppler.error;
}

const run = promisify(execFile);

/**
 * One page of tesseract's TSV output as layout runs, one per recognised line, so OCR'd text goes through
 * the same paragraph joining and header/footer removal as a text layer. tesseract spaces out Chinese
 * characters; the spaces are dropped when the line is joined.
 */
export function tsvPage(tsv: string): LayoutPage {
  let width = 0;
  let height = 0;
  const lines = new Map<string, { words: string[]; x0: number; x1: number; bottom: number; heights: number[] }>();
  for (const row of tsv.split("\n").slice(1)) {
    const c = row.split("\t");
    if (c.length < 12) continue;
    const [level, , block, par, line, , left, top, w, h, conf] = c.slice(0, 11).map(Number);
    const text = c.slice(11).join("\t").trim();
    if (level === 1) [width, height] = [w, h];
    if (level !== 5 || !text || conf < 0) continue;
    const key = `${block}.${par}.${line}`;
    const l = lines.get(key) ?? { words: [], x0: left, x1: left + w, bottom: top + h, heights: [] };
    l.words.push(text);
    l.x0 = Math.min(l.x0, left);
    l.x1 = Math.max(l.x1, left + w);
    l.bottom = Math.max(l.bottom, top + h);
    l.heights.push(h);
    lines.set(key, l);
  }
  const runs: TextRun[] = [...lines.values()].map((l) => {
    const sorted = [...l.heights].sort((a, b) => a - b);
    return { text: l.words.join(" "), x: l.x0, y: l.bottom, width: l.x1 - l.x0, size: sorted[Math.floor(sorted.length / 2)] };
  });
  return { width, height, runs };
}

/** OCR every page of a scanned PDF (300 dpi, chi_sim), reporting progress page by page. */
async function ocrPdf(name: string, bytes: Uint8Array, pages: number, onProgress?: (p: OcrProgress) => void): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "zongjie-ocr-"));
  try {
    const pdf = path.join(dir, "in.pdf");
    await writeFile(pdf, bytes);
    const recognised: LayoutPage[] = [];
    for (let p = 1; p <= pages; p++) {
      onProgress?.({ page: p, pages });
      await run("pdftoppm", ["-r", "300", "-f", String(p), "-l", String(p), "-png", pdf, path.join(dir, "page")], { timeout: 120_000 });
      const image = (await readdir(dir)).find((f) => f.startsWith("page") && f.endsWith(".png"));
      if (!image) continue;
      const { stdout } = await run("tesseract", [path.join(dir, image), "-", "-l", "chi_sim", "tsv"], { timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
      await rm(path.join(dir, image));
      recognised.push(tsvPage(stdout));
    }
    onProgress?.({ page: pages, pages });
    return layoutText(recognised);
  } catch (e) {
    throw new AppError("unavailable:ocr", `文件《${name}》是扫描件，文字识别（OCR）失败：${(e as Error).message}`, { cause: e });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface PdfReadOptions {
  onOcrProgress?: (p: OcrProgress) => void;
  /** Each page whose text has been read (a long document shows it is moving). */
  onPage?: (page: number, pages: number) => void;
  /** Test seam: whether OCR is available (default: look for tesseract with chi_sim). */
  ocrAvailable?: () => boolean;
}

export async function readPdf(name: string, bytes: Uint8Array, options: PdfReadOptions = {}): Promise<string> {
  const pages = await pdfTextPages(name, bytes, options.onPage);
  const text = layoutText(pages);
  if (text.replace(/\s/g, "").length >= Math.max(10, pages.length * 5)) return text;
  if ((options.ocrAvailable ?? ocrAvailable)()) return ocrPdf(name, bytes, pages.length, options.onOcrProgress);
  throw new AppError(
    "unsupported:scanned_pdf",
    `文件《${name}》是扫描件（PDF 中没有文字层，只有图片），无法读取文字；请上传经过文字识别（OCR）的 PDF，或原始的 Word/WPS 文档`,
    { details: { pages: pages.length } },
  );
}
