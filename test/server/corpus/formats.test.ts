import { appErrorOf } from "../../helpers/errors.ts";
import { buildPdf } from "../../fixtures/hostile/make.ts";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import CFB from "cfb";
import { diffChars } from "diff";
import { strToU8, zipSync, zlibSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { prepareReport } from "../../../server/corpus/prepare.ts";
import { layoutText } from "../../../server/corpus/layout.ts";
import { ocrAvailable, PDF_LIMITS, pdfTextPages, readPdf, tsvPage } from "../../../server/corpus/read-pdf.ts";
import { readSource } from "../../../server/corpus/read.ts";
import { AppError } from "../../../server/errors.ts";
import { ofdParts } from "../../fixtures/formats/ofd-writer.ts";
import { NUMBERED_REPORT_LINES } from "../../fixtures/formats/numbering-lines.ts";

const DIR = path.join(import.meta.dirname, "../../fixtures/formats");
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(DIR, name)));
const SAMPLES = ["000", "001", "002", "003", "004", "numbering", "style-numbering"];

const errorOf = appErrorOf;

const visible = (s: string) => s.replace(/\s/g, "");

/** Characters of `reference` that `text` keeps in order, and characters `text` adds, per character of the reference. */
function overlap(reference: string, text: string): { kept: number; added: number } {
  let same = 0;
  let added = 0;
  for (const part of diffChars(visible(reference), visible(text))) {
    if (part.added) added += part.value.length;
    else if (!part.removed) same += part.value.length;
  }
  const total = visible(reference).length;
  return { kept: same / total, added: added / total };
}

/** Sample 000's .doc with its WordDocument stream (which starts with the FIB) changed by `patch`. */
function patchedDoc(patch: (stream: Buffer) => void): Uint8Array {
  const cfb = CFB.read(Buffer.from(fixture("000.doc")), { type: "buffer" });
  const wd = CFB.find(cfb, "WordDocument")!;
  const content = Buffer.from(wd.content as Uint8Array);
  patch(content);
  wd.content = content;
  return new Uint8Array(CFB.write(cfb, { type: "buffer" }) as Buffer);
}

const headingsOf = (r: Awaited<ReturnType<typeof prepareReport>>) => r.document.structure.headings.map((h) => `${h.level}:${h.marker}${h.text}`);

describe("the same report in every format (fixtures saved by LibreOffice from each .docx)", () => {
  for (const base of SAMPLES) {
    for (const ext of ["doc", "pdf", "ofd", ...(base === "000" ? ["wps"] : [])]) {
      it(`${base}.${ext}: same title and headings, ≥ 97% of the .docx's characters`, async () => {
        const docx = await prepareReport(`${base}.docx`, fixture(`${base}.docx`));
        const other = await prepareReport(`${base}.${ext}`, fixture(`${base}.${ext}`));
        expect(other.document.format).toBe(ext === "wps" ? "doc" : ext); // by content: LibreOffice wrote it, not WPS
        expect(other.document.title).toBe(docx.document.title);
        expect(headingsOf(other)).toEqual(headingsOf(docx));
        expect(headingsOf(docx).length).toBeGreaterThan(3);
        const { kept, added } = overlap(docx.document.cleanedText, other.document.cleanedText);
        expect(kept).toBeGreaterThanOrEqual(0.97);
        expect(added).toBeLessThan(0.01); // no running headers, page numbers or bullets let in
        expect(other.chunks.map((c) => c.role)).toEqual(docx.chunks.map((c) => c.role));
      });
    }
  }
});

describe(".doc and .wps", () => {
  it("restores Word's automatic numbering, counting on across a list LibreOffice restarted as a copy", async () => {
    const r = await readSource("自动编号.doc", fixture("numbering.doc"));
    expect(r.format).toBe("doc");
    expect(r.text.split("\n")).toEqual(NUMBERED_REPORT_LINES);
  });
  it("keeps the 一、 headings of a sample whose level-1 numbers come only from numbering", async () => {
    const r = await prepareReport("000.doc", fixture("000.doc"));
    expect(r.document.structure.headings.filter((h) => h.level === 1).map((h) => h.marker)).toEqual(["一、", "二、", "三、", "四、", "五、"]);
  });
  it("calls a document WPS when its summary names WPS Office as the application", async () => {
    const cfb = CFB.read(Buffer.from(fixture("000.doc")), { type: "buffer" });
    const si = CFB.find(cfb, "\u0005SummaryInformation")!;
    const content = Buffer.from(si.content as Uint8Array);
    // The fixture's summary has an author string of the same length to overwrite; WPS writes its name there too.
    const at = content.indexOf("zongjie fixtures");
    expect(at).toBeGreaterThan(0);
    content.write("WPS Office 2019 ", at, "latin1");
    si.content = content;
    const r = await readSource("金山.wps", new Uint8Array(CFB.write(cfb, { type: "buffer" }) as Buffer));
    expect(r.format).toBe("wps");
    expect(r.text).toContain("一、履职尽责");
  });
  it("refuses a password-protected .doc", async () => {
    const e = await errorOf(readSource("加密.doc", patchedDoc((fib) => void (fib[0x0b] |= 0x01)))); // FIB fEncrypted
    expect(e.code).toBe("bad_request:encrypted");
    expect(e.message).toContain("密码");
  });
  it("asks for a newer copy of a Word 6.0/95 file", async () => {
    const e = await errorOf(readSource("旧版.doc", patchedDoc((fib) => void fib.writeUInt16LE(104, 2)))); // nFib of Word 95
    expect(e.code).toBe("unsupported:file_type");
    expect(e.message).toContain("另存为");
  });
  it("refuses an encrypted Office 2007+ document (a compound file holding EncryptedPackage)", async () => {
    const cfb = CFB.utils.cfb_new();
    CFB.utils.cfb_add(cfb, "EncryptionInfo", Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
    CFB.utils.cfb_add(cfb, "EncryptedPackage", Buffer.alloc(600, 7));
    const e = await errorOf(readSource("加密.docx", new Uint8Array(CFB.write(cfb, { type: "buffer" }) as Buffer)));
    expect(e.code).toBe("bad_request:encrypted");
  });
  it("refuses a truncated .doc with a message that says it is damaged", async () => {
    const bytes = fixture("001.doc");
    const e = await errorOf(readSource("截断.doc", bytes.subarray(0, Math.floor(bytes.length * 0.6))));
    expect(e.code).toBe("bad_request:doc_invalid");
    expect(e.message).toContain("《截断.doc》");
  });
  it("names an Excel workbook for what it is, whatever the extension", async () => {
    const cfb = CFB.utils.cfb_new();
    CFB.utils.cfb_add(cfb, "Workbook", Buffer.alloc(4096, 1));
    const e = await errorOf(readSource("总结.doc", new Uint8Array(CFB.write(cfb, { type: "buffer" }) as Buffer)));
    expect(e.code).toBe("unsupported:file_type");
    expect(e.message).toContain("Excel");
  });
});

describe(".pdf", () => {
  it("drops the running header and the — N — page numbers that are on every page", async () => {
    const pages = await pdfTextPages("000.pdf", fixture("000.pdf"));
    expect(pages.length).toBeGreaterThan(2);
    const onPage = (p: number) => pages[p].runs.map((r) => r.text).join("");
    // The layer has them (so the test would fail if the layout pass kept them)…
    expect(onPage(1)).toContain("XX 区委政法委");
    expect(onPage(1)).toMatch(/—\s*2\s*—/);
    // …the text does not: it starts with the report's title and has the unit name only where the body has it.
    const r = await readSource("000.pdf", fixture("000.pdf"));
    const docx = await readSource("000.docx", fixture("000.docx"));
    expect(r.text.split("\n")[0]).toBe(docx.text.split("\n")[0]);
    expect(r.text).not.toMatch(/—\s*\d+\s*—/);
    const count = (s: string) => s.match(/XX区委政法委/g)?.length ?? 0;
    expect(count(r.text)).toBe(count(docx.text));
    expect(r.text.split("\n")).toHaveLength(docx.text.split("\n").length);
  });
  it("joins the lines the page broke mid-sentence, paragraph by paragraph (PDF and OFD)", async () => {
    for (const base of SAMPLES) {
      const docx = (await readSource(`${base}.docx`, fixture(`${base}.docx`))).text.split("\n");
      for (const ext of ["pdf", "ofd"]) {
        const lines = (await readSource(`${base}.${ext}`, fixture(`${base}.${ext}`))).text.split("\n");
        // Paragraph for paragraph: same count, each opening and closing alike (LibreOffice's PDF of 003
        // lost one comma mid-paragraph, so whole lines are compared by their ends).
        const ends = (ls: string[]) => ls.map((l) => visible(l)).map((l) => [l.slice(0, 12), l.slice(-12)]);
        expect(ends(lines), `${base}.${ext}`).toEqual(ends(docx));
      }
    }
  });
  it("refuses a password-protected PDF", async () => {
    const e = await errorOf(readSource("加密.pdf", fixture("numbering-encrypted.pdf")));
    expect(e.code).toBe("bad_request:encrypted");
    expect(e.message).toContain("密码");
  });
  it("refuses a truncated PDF", async () => {
    const bytes = fixture("001.pdf");
    const e = await errorOf(readSource("截断.pdf", bytes.subarray(0, Math.floor(bytes.length / 2))));
    expect(e.code).toBe("bad_request:pdf_invalid");
    expect(e.message).toContain("不完整");
  });
  it("refuses a scanned PDF (pages but no text layer) and suggests an OCR'd copy", async () => {
    const e = await errorOf(readPdf("扫描件.pdf", scannedPdf(), { ocrAvailable: () => false }));
    expect(e.code).toBe("unsupported:scanned_pdf");
    expect(e.message).toContain("扫描件");
    expect(e.message).toContain("OCR");
  });
  it("refuses a PDF whose compressed content inflates past the limit, before pdf.js sees it", async () => {
    const saved = PDF_LIMITS.maxInflated;
    PDF_LIMITS.maxInflated = 2 * 1024 * 1024;
    try {
      const e = await errorOf(readSource("炸弹.pdf", pdfWithContent(zlibSync(new Uint8Array(5 * 1024 * 1024).fill(0x20), { level: 9 }), true)));
      expect(e.details).toEqual({ reason: "pdf_bomb" });
    } finally {
      PDF_LIMITS.maxInflated = saved;
    }
  });
  it("leaves out rotated text (a watermark across the page)", async () => {
    const content = "BT /F1 14 Tf 1 0 0 1 72 700 Tm (Work summary of the county, first line.) Tj 0.7071 0.7071 -0.7071 0.7071 150 300 Tm (INTERNAL COPY) Tj ET";
    const pdf = buildPdf([
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
      stream(content),
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]);
    const pages = await pdfTextPages("水印.pdf", pdf);
    expect(pages[0].runs.map((r) => r.text).join(" ")).toContain("Work summary");
    expect(pages[0].runs.map((r) => r.text).join(" ")).not.toContain("INTERNAL");
  });
  it("reads a PDF named .docx as a PDF", async () => {
    const r = await readSource("伪装.docx", fixture("numbering.pdf"));
    expect(r.format).toBe("pdf");
    expect(r.text).toContain("一、主要工作");
  });
});

describe("OCR detection", () => {
  const bin = mkdtempSync(path.join(tmpdir(), "zongjie-ocr-bin-"));
  afterAll(() => rmSync(bin, { recursive: true, force: true }));
  const script = (name: string, body: string) => {
    writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  };
  it("is off when tesseract is not installed", () => {
    expect(ocrAvailable({ PATH: bin })).toBe(false);
  });
  it("is off when tesseract has no chi_sim model", () => {
    script("tesseract", 'echo "List of available languages (2):"; echo eng; echo osd');
    script("pdftoppm", "exit 0");
    expect(ocrAvailable({ PATH: bin })).toBe(false);
  });
  it("is on with tesseract, chi_sim and pdftoppm", () => {
    script("tesseract", 'echo "List of available languages (3):"; echo chi_sim; echo eng; echo osd');
    script("pdftoppm", "exit 0");
    expect(ocrAvailable({ PATH: bin })).toBe(true);
  });
});

describe(".ofd", () => {
  it("reads text from TextCode runs in reading order, whatever order the XML lists them in", async () => {
    const pages = [
      {
        width: 595,
        height: 842,
        runs: [
          { text: "二、存在的问题", x: 72, y: 300, width: 112, size: 16 },
          { text: "XX县委政法委2024年工作总结", x: 180, y: 120, width: 300, size: 22 },
          { text: "一、主要工作", x: 72, y: 200, width: 96, size: 16 },
          { text: "全年化解矛盾纠纷1200件。", x: 104, y: 250, width: 200, size: 16 },
        ],
      },
    ];
    const r = await readSource("乱序.ofd", zipSync(ofdParts(pages)));
    expect(r.format).toBe("ofd");
    expect(r.text.split("\n")).toEqual(["XX县委政法委2024年工作总结", "一、主要工作", "全年化解矛盾纠纷1200件。", "二、存在的问题"]);
  });
  it("leaves out rotated text objects (a stamp's legend, a watermark)", async () => {
    const parts = ofdParts([
      {
        width: 595,
        height: 842,
        runs: [
          { text: "全年化解矛盾纠纷1200件。", x: 72, y: 200, width: 200, size: 16 },
          { text: "内部资料注意保存", x: 200, y: 400, width: 128, size: 16 },
        ],
      },
    ]);
    const page = "Doc_0/Pages/Page_0/Content.xml";
    const xml = new TextDecoder().decode(parts[page]);
    const at = xml.lastIndexOf("<ofd:TextObject ") + "<ofd:TextObject ".length;
    parts[page] = strToU8(xml.slice(0, at) + 'CTM="0.7071 0.7071 -0.7071 0.7071 0 0" ' + xml.slice(at));
    const r = await readSource("盖章.ofd", zipSync(parts));
    expect(r.text).toBe("全年化解矛盾纠纷1200件。");
  });
  it("refuses an OFD zip bomb by its declared sizes", async () => {
    const parts = ofdParts([{ width: 595, height: 842, runs: [{ text: "正文", x: 72, y: 100, width: 32, size: 16 }] }]);
    parts["Doc_0/Pages/Page_0/Content.xml"] = new Uint8Array(60 * 1024 * 1024);
    const e = await errorOf(readSource("炸弹.ofd", zipSync(parts, { level: 6 })));
    expect(e.code).toBe("bad_request:ofd_invalid");
    expect(e.details).toEqual({ reason: "zip_bomb" });
  });
  it("refuses an encrypted OFD", async () => {
    const parts = ofdParts([{ width: 595, height: 842, runs: [{ text: "正文", x: 72, y: 100, width: 32, size: 16 }] }]);
    parts["Encryptions.xml"] = strToU8("<ofd:Encryptions/>");
    const e = await errorOf(readSource("加密.ofd", zipSync(parts)));
    expect(e.code).toBe("bad_request:encrypted");
  });
  it("refuses an OFD whose page is missing", async () => {
    const parts = ofdParts([{ width: 595, height: 842, runs: [{ text: "正文", x: 72, y: 100, width: 32, size: 16 }] }]);
    delete parts["Doc_0/Pages/Page_0/Content.xml"];
    const e = await errorOf(readSource("缺页.ofd", zipSync(parts)));
    expect(e.code).toBe("bad_request:ofd_invalid");
    expect(e.message).toContain("不完整");
  });
  it("refuses a truncated OFD", async () => {
    const bytes = fixture("000.ofd");
    const e = await errorOf(readSource("截断.ofd", bytes.subarray(0, bytes.length - 200)));
    expect(e.message).toContain("《截断.ofd》");
    expect(e.status).toBe(400);
  });
});

/** A one-page PDF whose page shows only an image: what a scanner produces. */
function scannedPdf(): Uint8Array {
  const pixel = "\xff\xff\xff";
  return buildPdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
    stream("q 595 0 0 842 0 0 cm /Im1 Do Q"),
    `<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length 3 >>\nstream\n${pixel}\nendstream`,
  ]);
}

/** A one-page PDF whose content stream is the given (zlib) bytes. */
function pdfWithContent(data: Uint8Array, flate: boolean): Uint8Array {
  const latin = Buffer.from(data).toString("latin1");
  return buildPdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
    `<< /Length ${data.length}${flate ? " /Filter /FlateDecode" : ""} >>\nstream\n${latin}\nendstream`,
  ]);
}

function stream(content: string): string {
  return `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
}


describe("OCR output", () => {
  it("turns tesseract's TSV into paragraphs like a text layer, page number dropped", () => {
    const head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext";
    const word = (block: number, line: number, n: number, left: number, top: number, text: string, h = 60) =>
      `5\t1\t${block}\t1\t${line}\t${n}\t${left}\t${top}\t${text.length * h}\t${h}\t91.5\t${text}`;
    const tsv = [
      head,
      "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t",
      word(1, 1, 1, 700, 400, "XX县委政法委", 80),
      word(1, 1, 2, 1180, 400, "2024年工作总结", 80),
      // A paragraph the page wrapped: the first line full width (to x = 2180), the second short.
      word(2, 1, 1, 420, 700, "全年共排查化解矛盾纠纷一千二百件，调解成"),
      word(2, 1, 2, 1620, 700, "功率达百分之九十八"),
      word(2, 2, 1, 300, 790, "以上。"),
      word(3, 1, 1, 300, 880, "二、存在的问题"),
      word(4, 1, 1, 1150, 3300, "— 1 —", 50),
    ].join("\n");
    const page = tsvPage(tsv);
    expect(page.width).toBe(2480);
    expect(layoutText([page]).split("\n")).toEqual([
      "XX县委政法委2024年工作总结",
      "全年共排查化解矛盾纠纷一千二百件，调解成功率达百分之九十八以上。",
      "二、存在的问题",
    ]);
  });
});
