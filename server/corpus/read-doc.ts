import CFB from "cfb";
import { AppError } from "../errors.ts";
import { hasTypedNumber } from "../text/headings.ts";
import { formatNumber } from "./docx-numbering.ts";
import { SUPPORTED_FORMATS } from "./formats.ts";

/**
 * Word 97–2003 (.doc) and WPS Office (.wps) files: both are OLE compound documents holding the Word
 * binary format (a WordDocument stream plus a 0Table/1Table stream). We read the main text through the
 * piece table, paragraph by paragraph, and put back the labels of Word's automatic numbering from the
 * list tables (LST/LFO) and each paragraph's ilfo/ilvl, the way the .docx reader does. Headers, footers,
 * footnotes and text boxes lie past the main text and are left out.
 * The format facts used here are collected in docs/formats.md.
 */

export interface OleRead {
  text: string;
  /** "wps" when WPS Office saved it (its WpsCustomData stream, or WPS/Kingsoft in the summary), else "doc". */
  format: "doc" | "wps";
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isOle(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && OLE_MAGIC.every((b, i) => bytes[i] === b);
}

function damaged(name: string, why: string, cause?: unknown): AppError {
  return new AppError("bad_request:doc_invalid", `文件《${name}》不是有效的 Word/WPS 文档（.doc/.wps）：${why}`, { cause });
}

function encrypted(name: string): AppError {
  return new AppError("bad_request:encrypted", `文件《${name}》设置了打开密码（已加密），无法读取；请在 Word 或 WPS 中取消密码后另存，再上传`);
}

/** Indexes of (fc, lcb) pairs in FibRgFcLcb97. */
const FC = { plcfBtePapx: 13, clx: 33, plfLst: 73, plfLfo: 74 } as const;

/** Word's nfc codes, named as in .docx numFmt so one formatter serves both readers. */
const NFC: Record<number, string> = {
  0x00: "decimal", 0x01: "upperRoman", 0x02: "lowerRoman", 0x03: "upperLetter", 0x04: "lowerLetter",
  0x0a: "ideographDigital", 0x0b: "japaneseCounting", 0x0e: "decimalFullWidth", 0x0f: "decimalHalfWidth",
  0x12: "decimalEnclosedCircle", 0x13: "decimalFullWidth2", 0x16: "decimalZero", 0x17: "bullet",
  0x1a: "decimalEnclosedFullstop", 0x1b: "decimalEnclosedParen", 0x1c: "decimalEnclosedCircleChinese",
  0x1e: "ideographTraditional", 0x21: "taiwaneseCounting", 0x23: "taiwaneseCountingThousand",
  0x25: "chineseCounting", 0x26: "chineseLegalSimplified", 0x27: "chineseCountingThousand", 0xff: "none",
};

interface Piece {
  cpStart: number;
  cpEnd: number;
  fc: number; // byte offset in WordDocument
  compressed: boolean; // 8-bit text (cp1252) instead of UTF-16LE
}

interface ListLevel {
  start: number;
  fmt: string;
  /** Number text with level placeholders as code points 0–8. */
  text: string;
}

interface Fib {
  tableName: "0Table" | "1Table";
  ccpText: number;
  pair(i: number): { fc: number; lcb: number };
}

function readFib(name: string, wd: Buffer): Fib {
  if (wd.length < 0x44 || wd.readUInt16LE(0) !== 0xa5ec) throw damaged(name, "文档头无效");
  // Word 6.0/95 (nFib 101–104) lay the header out differently; Word 97 and later write 193 or more.
  if (wd.readUInt16LE(2) < 193) {
    throw new AppError("unsupported:file_type", `文件《${name}》是 Word 6.0/95 等更早的格式，请在 Word 或 WPS 中另存为 .docx 或 .doc 后再上传`);
  }
  const flags = wd.readUInt16LE(0x0a);
  if (flags & 0x0100 || flags & 0x8000) throw encrypted(name);
  const tableName = flags & 0x0200 ? "1Table" : "0Table";
  let p = 32;
  const csw = wd.readUInt16LE(p);
  p += 2 + csw * 2;
  const cslw = wd.readUInt16LE(p);
  const rgLw = p + 2;
  const ccpText = wd.readInt32LE(rgLw + 3 * 4);
  p = rgLw + cslw * 4;
  const cbRgFcLcb = wd.readUInt16LE(p);
  const rgFcLcb = p + 2;
  return {
    tableName,
    ccpText,
    pair(i: number) {
      if (i >= cbRgFcLcb) return { fc: 0, lcb: 0 };
      return { fc: wd.readUInt32LE(rgFcLcb + i * 8), lcb: wd.readUInt32LE(rgFcLcb + i * 8 + 4) };
    },
  };
}

function readPieces(name: string, table: Buffer, fib: Fib): Piece[] {
  const { fc, lcb } = fib.pair(FC.clx);
  if (lcb === 0 || fc + lcb > table.length) throw damaged(name, "找不到正文（文件可能不完整）");
  let p = fc;
  const end = fc + lcb;
  // Prc: property modifiers, not text. The size is unsigned; a crafted file must not loop in place.
  while (p < end && p + 3 <= table.length && table[p] === 0x01) p += 3 + table.readUInt16LE(p + 1);
  if (p >= table.length) throw damaged(name, "正文索引损坏");
  if (table[p] !== 0x02) throw damaged(name, "正文索引损坏");
  const size = table.readUInt32LE(p + 1);
  const base = p + 5;
  if (base + size > table.length) throw damaged(name, "正文索引不完整");
  const n = (size - 4) / 12;
  if (!Number.isInteger(n) || n < 1) throw damaged(name, "正文索引损坏");
  const pieces: Piece[] = [];
  for (let i = 0; i < n; i++) {
    const raw = table.readUInt32LE(base + (n + 1) * 4 + i * 8 + 2);
    const compressed = (raw & 0x40000000) !== 0;
    const off = raw & 0x3fffffff;
    pieces.push({ cpStart: table.readUInt32LE(base + i * 4), cpEnd: table.readUInt32LE(base + (i + 1) * 4), fc: compressed ? off / 2 : off, compressed });
  }
  return pieces;
}

// cp1252's 0x80–0x9F, which Word's 8-bit pieces use.
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function pieceText(name: string, wd: Buffer, piece: Piece, cpFrom: number, cpTo: number): string {
  const count = cpTo - cpFrom;
  const at = piece.fc + (cpFrom - piece.cpStart) * (piece.compressed ? 1 : 2);
  const bytes = count * (piece.compressed ? 1 : 2);
  if (at + bytes > wd.length) throw damaged(name, "正文数据不完整（文件可能被截断）");
  if (!piece.compressed) return wd.toString("utf16le", at, at + bytes);
  let s = "";
  for (let i = 0; i < count; i++) {
    const b = wd[at + i];
    s += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  }
  return s;
}

/** Byte offset in WordDocument of the character at `cp`. */
function fcOf(pieces: Piece[], cp: number): number | null {
  for (const p of pieces) if (cp >= p.cpStart && cp < p.cpEnd) return p.fc + (cp - p.cpStart) * (p.compressed ? 1 : 2);
  return null;
}

/** Operand length of a sprm, or null when it cannot be told (the rest of the grpprl is then skipped). */
function sprmOperandSize(buf: Buffer, sprm: number, at: number): number | null {
  switch (sprm >> 13) {
    case 0:
    case 1:
      return 1;
    case 2:
    case 4:
    case 5:
      return 2;
    case 3:
      return 4;
    case 7:
      return 3;
    case 6:
      if (sprm === 0xd608 || sprm === 0xd606) return at + 1 < buf.length ? buf.readUInt16LE(at) + 1 : null; // sprmTDefTable: 2-byte size
      if (sprm === 0xc615) return null; // sprmPChgTabs has its own layout; nothing we need follows it
      return at < buf.length ? buf[at] + 1 : null;
    default:
      return null;
  }
}

/** ilfo and ilvl from a paragraph's grpprl. */
function listRefs(buf: Buffer, from: number, to: number): { ilfo: number; ilvl: number } {
  let ilfo = 0;
  let ilvl = 0;
  let p = from;
  while (p + 2 <= to) {
    const sprm = buf.readUInt16LE(p);
    const size = sprmOperandSize(buf, sprm, p + 2);
    if (size === null || p + 2 + size > to) break;
    if (sprm === 0x460b) ilfo = buf.readInt16LE(p + 2);
    else if (sprm === 0x260a) ilvl = buf[p + 2];
    p += 2 + size;
  }
  return { ilfo, ilvl };
}

/** For each paragraph-properties run (by file offset), its list reference. */
function paragraphRuns(wd: Buffer, table: Buffer, fib: Fib): Array<{ fcStart: number; fcEnd: number; ilfo: number; ilvl: number }> {
  const { fc, lcb } = fib.pair(FC.plcfBtePapx);
  if (lcb < 8 || fc + lcb > table.length) return [];
  const n = (lcb - 4) / 8;
  const runs: Array<{ fcStart: number; fcEnd: number; ilfo: number; ilvl: number }> = [];
  for (let i = 0; i < n; i++) {
    const pn = table.readUInt32LE(fc + (n + 1) * 4 + i * 4) & 0x3fffff;
    const page = pn * 512;
    if (page + 512 > wd.length) continue;
    const crun = wd[page + 511];
    for (let k = 0; k < crun; k++) {
      const fcStart = wd.readUInt32LE(page + k * 4);
      const fcEnd = wd.readUInt32LE(page + (k + 1) * 4);
      const bOffset = wd[page + (crun + 1) * 4 + k * 13] * 2;
      if (bOffset === 0) {
        runs.push({ fcStart, fcEnd, ilfo: 0, ilvl: 0 });
        continue;
      }
      let cb = wd[page + bOffset];
      let at = page + bOffset + 1;
      let len: number;
      if (cb !== 0) len = 2 * cb - 1;
      else {
        cb = wd[at];
        at += 1;
        len = 2 * cb;
      }
      // GrpPrlAndIstd: a 2-byte style index, then the sprms.
      const end = Math.min(at + len, page + 511);
      runs.push({ fcStart, fcEnd, ...listRefs(wd, at + 2, end) });
    }
  }
  return runs;
}

/** One LVL at `p`: its level and the offset just past it. */
function readLvl(table: Buffer, p: number): { level: ListLevel; next: number } {
  const start = table.readInt32LE(p);
  const nfc = table[p + 4];
  const cbChpx = table[p + 24];
  const cbPapx = table[p + 25];
  let q = p + 28 + cbPapx + cbChpx;
  const cch = table.readUInt16LE(q);
  q += 2;
  const text = table.toString("utf16le", q, q + cch * 2);
  return { level: { start, fmt: NFC[nfc] ?? "unknown", text }, next: q + cch * 2 };
}

/** ilfo (1-based) → the levels of its list, with start overrides applied. */
function readLists(table: Buffer, fib: Fib): Map<number, ListLevel[]> {
  const out = new Map<number, ListLevel[]>();
  const lst = fib.pair(FC.plfLst);
  const lfo = fib.pair(FC.plfLfo);
  if (lst.lcb < 2 || lfo.lcb < 4 || lst.fc + lst.lcb > table.length || lfo.fc + lfo.lcb > table.length) return out;
  const byLsid = new Map<number, ListLevel[]>();
  const count = table.readInt16LE(lst.fc);
  // The LVLs of every list follow the PlfLst directly, in the order of its LSTFs.
  let p = lst.fc + 2 + count * 28;
  for (let i = 0; i < count; i++) {
    const f = lst.fc + 2 + i * 28;
    const lsid = table.readInt32LE(f);
    const simple = (table[f + 26] & 1) !== 0;
    const levels: ListLevel[] = [];
    for (let l = 0; l < (simple ? 1 : 9); l++) {
      const r = readLvl(table, p);
      levels.push(r.level);
      p = r.next;
    }
    byLsid.set(lsid, levels);
  }
  const lfoMac = table.readInt32LE(lfo.fc);
  let d = lfo.fc + 4 + lfoMac * 16;
  for (let i = 0; i < lfoMac; i++) {
    const f = lfo.fc + 4 + i * 16;
    const base = byLsid.get(table.readInt32LE(f));
    const clfolvl = table[f + 12];
    const levels = base ? base.map((l) => ({ ...l })) : null;
    d += 4; // LFOData.cp
    for (let k = 0; k < clfolvl; k++) {
      const startAt = table.readInt32LE(d);
      const flags = table.readUInt32LE(d + 4);
      d += 8;
      const ilvl = flags & 0x0f;
      if (flags & 0x20) {
        const r = readLvl(table, d);
        if (levels && levels[ilvl]) levels[ilvl] = r.level;
        d = r.next;
      }
      if (flags & 0x10 && levels && levels[ilvl]) levels[ilvl] = { ...levels[ilvl], start: startAt };
    }
    if (levels) out.set(i + 1, levels);
  }
  return out;
}

/** The label Word shows for a paragraph at `ilvl` of list `ilfo`, advancing that list's counters. */
function nextLabel(lists: Map<number, ListLevel[]>, counters: Map<string, number[]>, ilfo: number, ilvl: number): string | null {
  const levels = lists.get(ilfo);
  const level = levels?.[ilvl];
  if (!levels || !level || level.fmt === "bullet") return null;
  // Counted per list look, not per LFO: a list restarted part-way (LibreOffice saves a restart as a
  // copy of the list under a new LFO) goes on counting with its copies, as Word and LibreOffice show it.
  const key = levels.map((l) => `${l.fmt}:${l.text}`).join("|");
  const counts = counters.get(key) ?? [];
  counters.set(key, counts);
  counts[ilvl] = counts[ilvl] === undefined ? level.start : counts[ilvl] + 1;
  counts.length = ilvl + 1;
  let ok = true;
  let label = "";
  for (const ch of level.text) {
    const code = ch.codePointAt(0)!;
    if (code > 8) {
      label += ch;
      continue;
    }
    const lv = levels[code];
    const n = counts[code] ?? lv?.start ?? 1;
    const s = lv ? formatNumber(n, lv.fmt) : String(n);
    if (s === null) ok = false;
    label += s ?? "";
  }
  return ok && label.trim() !== "" ? label : null;
}

/** Field codes (between 0x13 and 0x14) are instructions, not text; their results (up to 0x15) are kept. */
function dropFieldCodes(s: string): string {
  let out = "";
  const stack: boolean[] = []; // per open field: still in its code part
  for (const ch of s) {
    if (ch === "\x13") stack.push(true);
    else if (ch === "\x14") {
      if (stack.length) stack[stack.length - 1] = false;
    } else if (ch === "\x15") stack.pop();
    else if (!stack.some((inCode) => inCode)) out += ch;
  }
  return out;
}

function cleanParagraph(s: string): string {
  return dropFieldCodes(s)
    .replace(/[\x01\x02\x03\x04\x05\x08]/g, "") // pictures, note marks, drawn objects
    .replace(/\x1e/g, "-")
    .replace(/\x1f/g, "")
    .replace(/[\x0b\x0c]/g, "\n")
    .replace(/\u00a0/g, " ")
    .replace(/\t/g, " ");
}

function summaryMentionsWps(container: CFB.CFB$Container): boolean {
  // WPS Office adds a stream of its own to the documents it saves.
  if (CFB.find(container, "WpsCustomData")) return true;
  const si = CFB.find(container, "\u0005SummaryInformation");
  if (!si?.content) return false;
  const raw = Buffer.from(si.content as Uint8Array);
  return /WPS|Kingsoft/i.test(raw.toString("latin1")) || /WPS|Kingsoft/i.test(raw.toString("utf16le"));
}

/** Read a .doc/.wps compound document into one paragraph per line. */
export function readOleDocument(name: string, bytes: Uint8Array): OleRead {
  let container: CFB.CFB$Container;
  try {
    container = CFB.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: "buffer" });
  } catch (e) {
    throw damaged(name, "复合文档结构损坏（文件可能不完整）", e);
  }
  const has = (stream: string) => CFB.find(container, stream) !== null;
  if (has("EncryptionInfo") || has("EncryptedPackage")) throw encrypted(name);
  const wdEntry = CFB.find(container, "WordDocument");
  if (!wdEntry?.content) {
    const what = has("Workbook") || has("Book") ? "Excel 表格" : has("PowerPoint Document") ? "PowerPoint 演示文稿" : "其他 Office 文件";
    throw new AppError("unsupported:file_type", `文件《${name}》是${what}，不是 Word/WPS 文档；只支持 ${SUPPORTED_FORMATS}`);
  }
  try {
    const wd = Buffer.from(wdEntry.content as Uint8Array);
    const fib = readFib(name, wd);
    const tableEntry = CFB.find(container, fib.tableName);
    if (!tableEntry?.content) throw damaged(name, `缺少 ${fib.tableName} 数据流`);
    const table = Buffer.from(tableEntry.content as Uint8Array);
    const pieces = readPieces(name, table, fib);
    const runs = paragraphRuns(wd, table, fib);
    let lists = new Map<number, ListLevel[]>();
    try {
      lists = readLists(table, fib);
    } catch {
      // Numbering is a refinement; the text without it is still the document.
    }
    const counters = new Map<string, number[]>();
    const lines: string[] = [];
    let current = "";
    let runIndex = 0;
    const endParagraph = (markCp: number | null) => {
      let label: string | null = null;
      const fc = markCp === null ? null : fcOf(pieces, markCp);
      if (fc !== null && runs.length) {
        // Runs come in file order; look from the last hit first (paragraphs mostly run forwards).
        let r = runs[runIndex]?.fcStart <= fc && fc < runs[runIndex]?.fcEnd ? runIndex : runs.findIndex((x) => x.fcStart <= fc && fc < x.fcEnd);
        if (r >= 0) {
          runIndex = r;
          const { ilfo, ilvl } = runs[r];
          if (ilfo > 0 && ilfo < 0x7ff) label = nextLabel(lists, counters, ilfo, ilvl);
        }
      }
      const text = cleanParagraph(current);
      current = "";
      for (const [i, piece] of text.split("\n").entries()) {
        if (piece.trim() === "") continue;
        lines.push(i === 0 && label && !hasTypedNumber(piece.trim()) ? label + piece : piece);
      }
    };
    for (const piece of pieces) {
      const from = piece.cpStart;
      const to = Math.min(piece.cpEnd, fib.ccpText);
      if (from >= to) continue;
      const s = pieceText(name, wd, piece, from, to);
      for (let i = 0; i < s.length; i++) {
        const ch = s[i];
        if (ch === "\r" || ch === "\x07") endParagraph(from + i);
        else current += ch;
      }
    }
    if (current) endParagraph(null);
    return { text: lines.join("\n"), format: summaryMentionsWps(container) ? "wps" : "doc" };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw damaged(name, "数据越界（文件可能不完整或已损坏）", e);
  }
}
