import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, TextRun } from "docx";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../server/errors.ts";
import { decodeText, isPlausibleChinese, looksBinary } from "../../../server/corpus/decode.ts";
import { prepareReport } from "../../../server/corpus/prepare.ts";
import { readSource } from "../../../server/corpus/read.ts";
import { listZipEntries } from "../../../server/corpus/zip.ts";
import { appErrorOf, rejectionOf } from "../../helpers/errors.ts";
import { NUMBERED_REPORT_LINES } from "../../fixtures/formats/numbering-lines.ts";

const FIX = join(import.meta.dirname, "../../fixtures/corpus");
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIX, name)));

const codeOf = async (p: Promise<unknown>): Promise<string> => (await appErrorOf(p)).code;
const errorOf = rejectionOf;

async function makeDocx(paragraphs: string[]): Promise<Uint8Array> {
  const doc = new Document({
    sections: [{ children: paragraphs.map((t) => new Paragraph({ children: [new TextRun(t)] })) }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** A minimal "docx-shaped" zip: enough entries to pass the content check, with a chosen document.xml. */
function fakeDocx(documentXml: Uint8Array, extra: Record<string, Uint8Array> = {}): Uint8Array {
  return zipSync({
    "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    "word/document.xml": documentXml,
    ...extra,
  }, { level: 9 });
}

describe("decoding text files", () => {
  it("decodes a GBK/GB18030 file to the same text as its UTF-8 original", () => {
    const gbk = fixture("gbk-report.gbk.txt");
    const utf8 = readFileSync(join(FIX, "gbk-report.utf8.txt"), "utf8");
    // The fixture really is GBK: strict UTF-8 must reject it.
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(gbk)).toThrow();
    const d = decodeText("报告.txt", gbk);
    expect(d.encoding).toBe("gb18030");
    expect(d.text).toBe(utf8);
  });
  it("strips a UTF-8 byte-order mark", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("政法工作总结")]);
    expect(decodeText("a.txt", bytes)).toEqual({ text: "政法工作总结", encoding: "utf-8" });
  });
  it("decodes UTF-16 with a byte-order mark", () => {
    const s = "平安建设工作总结";
    const bytes = new Uint8Array(2 + s.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let i = 0; i < s.length; i++) {
      bytes[2 + 2 * i] = s.charCodeAt(i) & 0xff;
      bytes[3 + 2 * i] = s.charCodeAt(i) >> 8;
    }
    expect(decodeText("u16.txt", bytes)).toEqual({ text: s, encoding: "utf-16le" });
  });
  it("refuses Latin-1 text rather than turning it into mojibake", () => {
    const latin1 = new Uint8Array(Buffer.from("Café résumé - déjà vu, naïve señor. Über straße.", "latin1"));
    let err: unknown;
    try {
      decodeText("法文.txt", latin1);
    } catch (e) {
      err = e;
    }
    expect((err as AppError).code).toBe("bad_request:encoding");
    expect((err as AppError).message).toContain("《法文.txt》");
  });
  it("refuses random high bytes that GB18030 would happily decode", () => {
    // Deterministic pseudo-random bytes in the GBK lead/trail range: valid GB18030, meaningless text.
    const bytes = new Uint8Array(400);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      bytes[i] = 0xa1 + (x % 0x5d);
    }
    expect(() => decodeText("乱码.txt", bytes)).toThrowError(/无法识别编码/);
  });
  it("tells Chinese from noise", () => {
    expect(isPlausibleChinese("全年排查矛盾纠纷6200件，调解成功6150件。")).toBe(true);
    expect(isPlausibleChinese("鍏ㄥ勾鎺掓煡鐭涚浘绾犵悍")).toBe(false); // UTF-8 read as GBK: classic mojibake
    expect(isPlausibleChinese("abc\ufffd")).toBe(false);
  });
  it("detects binary content", () => {
    expect(looksBinary(new Uint8Array([0x41, 0x00, 0x42]))).toBe(true);
    expect(looksBinary(new TextEncoder().encode("正常文本\n第二行\t制表符"))).toBe(false);
    expect(looksBinary(new Uint8Array(Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41))))).toBe(true);
  });
});

describe("reading files by content", () => {
  it("reads a .docx made with the docx package, one paragraph per line", async () => {
    const bytes = await makeDocx(["XX区委政法委2024年工作总结", "2024年，区委政法委坚持稳中求进。现将工作总结如下：", "一、主要工作", "全年化解矛盾纠纷1200件。"]);
    const r = await readSource("总结.docx", bytes);
    expect(r.format).toBe("docx");
    expect(r.encoding).toBe("docx");
    expect(r.text).toBe("XX区委政法委2024年工作总结\n2024年，区委政法委坚持稳中求进。现将工作总结如下：\n一、主要工作\n全年化解矛盾纠纷1200件。");
  });
  it("prepares a .docx end to end (structure and chunks)", async () => {
    const bytes = await makeDocx([
      "XX县委政法委2024年工作总结",
      "2024年，在县委的坚强领导下，县委政法委扎实推进平安建设。现将工作总结如下：",
      "一、主要工作",
      "（一）深化矛盾纠纷化解。全年排查矛盾纠纷1200件，调解成功1180件，调解成功率98.3%。",
      "二、存在的问题",
      "基层网格员队伍不够稳定，专业化水平有待提高。",
      "三、下一步工作打算",
      "持续深化平安建设，推进社会治安防控体系建设。",
    ]);
    const r = await prepareReport("uploads/总结.docx", bytes);
    expect(r.document.format).toBe("docx");
    expect(r.document.title).toBe("XX县委政法委2024年工作总结");
    expect(r.document.year).toBe(2024);
    expect(r.document.level).toBe("县");
    expect(r.chunks.map((c) => c.role)).toEqual(["opening", "work", "problems", "plans"]);
    expect(r.chunks[1].tags[0]).toBe("矛盾纠纷");
  });
  it("restores Word's automatic numbering (一、（一）1.) that mammoth's raw text drops", async () => {
    const level = (l: number, format: (typeof LevelFormat)[keyof typeof LevelFormat], text: string) => ({ level: l, format, text, alignment: AlignmentType.LEFT });
    const doc = new Document({
      numbering: {
        config: [
          {
            reference: "report",
            levels: [level(0, LevelFormat.CHINESE_COUNTING, "%1、"), level(1, LevelFormat.CHINESE_COUNTING, "（%2）"), level(2, LevelFormat.DECIMAL, "%3.")],
          },
          { reference: "dots", levels: [level(0, LevelFormat.BULLET, "•")] },
        ],
      },
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun("XX区委政法委2024年工作总结")] }),
            new Paragraph({ children: [new TextRun("2024年，区委政法委扎实推进各项工作。现将工作总结如下：")] }),
            new Paragraph({ children: [new TextRun("主要工作")], numbering: { reference: "report", level: 0 } }),
            new Paragraph({ children: [new TextRun("深化平安建设")], numbering: { reference: "report", level: 1 } }),
            new Paragraph({ children: [new TextRun("加强治安防控。全年发案下降8%。")], numbering: { reference: "report", level: 2 } }),
            new Paragraph({ children: [new TextRun("推进反诈宣传。开展活动30场。")], numbering: { reference: "report", level: 2 } }),
            new Paragraph({ children: [new TextRun("化解矛盾纠纷")], numbering: { reference: "report", level: 1 } }),
            new Paragraph({ children: [new TextRun("全年调解纠纷1200件。")], numbering: { reference: "dots", level: 0 } }),
            new Paragraph({ children: [new TextRun("存在的问题")], numbering: { reference: "report", level: 0 } }),
            new Paragraph({ children: [new TextRun("基层基础仍需加强。")] }),
          ],
        },
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    const r = await readSource("自动编号.docx", bytes);
    expect(r.text.split("\n")).toEqual(NUMBERED_REPORT_LINES);
    const p = await prepareReport("自动编号.docx", bytes);
    expect(p.document.structure.headings.map((h) => h.level)).toEqual([1, 2, 3, 3, 2, 1]);
    expect(p.chunks.at(-1)!.role).toBe("problems");
  });

  it("reads a text file whatever its extension says", async () => {
    const r = await readSource("report.docx.txt", new TextEncoder().encode("政法工作总结\n正文。"));
    expect(r.format).toBe("txt");
    const md = await readSource("notes.md", new TextEncoder().encode("# 标题\n正文。"));
    expect(md.format).toBe("md");
  });
  it("reads the GBK fixture and reports its encoding", async () => {
    const r = await prepareReport("gbk-report.gbk.txt", fixture("gbk-report.gbk.txt"));
    expect(r.document.encoding).toBe("gb18030");
    expect(r.document.title).toBe("XX县委政法委2024年工作总结");
    expect(r.document.structure.headings.filter((h) => h.level === 1)).toHaveLength(3);
    expect(new Set(r.chunks.map((c) => c.role))).toEqual(new Set(["opening", "work", "problems", "plans"]));
  });
});

describe("rejecting bad files", () => {
  it("rejects an empty file", async () => {
    expect(await codeOf(readSource("空.txt", new Uint8Array()))).toBe("bad_request:empty_file");
  });
  it("rejects a file of only whitespace", async () => {
    expect(await codeOf(readSource("空白.txt", new TextEncoder().encode(" \n\u3000\u3000\n\t")))).toBe("bad_request:empty_file");
  });
  it("rejects a file that is only ads once cleaned", async () => {
    const e = await errorOf(prepareReport("广告.txt", new TextEncoder().encode("仅供学习 禁止外传\n会员群：123\n阅读全文\n")));
    expect(e.code).toBe("bad_request:empty_file");
    expect(e.message).toContain("《广告.txt》");
  });
  it("rejects a binary file", async () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    expect(await codeOf(readSource("数据.txt", bytes))).toBe("unsupported:binary");
  });
  it("rejects an oversized file before reading it, naming the file and the limit", async () => {
    const e = await errorOf(readSource("大.txt", new Uint8Array(2048).fill(0x41), { maxBytes: 1024 }));
    expect(e.code).toBe("too_large:file");
    expect(e.message).toContain("《大.txt》");
    expect(e.status).toBe(413);
    expect(await codeOf(prepareReport("大.txt", new Uint8Array(2048).fill(0x41), { maxBytes: 1024 }))).toBe("too_large:file");
  });
  it("reads a PDF by its content even when named .txt (and refuses this one as cut short)", async () => {
    const e = await errorOf(readSource("伪装.txt", new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")));
    expect(e.code).toBe("bad_request:pdf_invalid");
    expect(e.message).toContain("PDF");
    expect(e.message).toContain("不完整");
  });
  it("rejects an HTML page even behind a byte-order mark", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("  <!DOCTYPE html><html><body>总结</body></html>")]);
    expect(await codeOf(readSource("网页.txt", bytes))).toBe("unsupported:file_type");
  });
  it("rejects a compound-document header with nothing behind it", async () => {
    const bytes = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(await codeOf(readSource("旧.doc", bytes))).toBe("bad_request:doc_invalid");
  });
  it("rejects a zip that is not a Word document", async () => {
    const zip = zipSync({ "xl/workbook.xml": strToU8("<workbook/>"), "[Content_Types].xml": strToU8("<Types/>") });
    expect(await codeOf(readSource("表格.xlsx", zip))).toBe("unsupported:file_type");
  });
  it("rejects a garbage zip", async () => {
    const bytes = new Uint8Array(500);
    bytes.set([0x50, 0x4b, 0x03, 0x04]);
    for (let i = 4; i < bytes.length; i++) bytes[i] = (i * 37) & 0xff;
    expect(await codeOf(readSource("坏.docx", bytes))).toBe("bad_request:docx_invalid");
  });
  it("rejects a docx-shaped zip whose XML mammoth cannot read", async () => {
    const bytes = fakeDocx(strToU8("this is not xml <<<"));
    expect(await codeOf(readSource("坏.docx", bytes))).toBe("bad_request:docx_invalid");
  });
  it("refuses a zip bomb by its declared sizes without inflating it", async () => {
    // 60 MB of zeros compresses to ~60 KB: over the 50 MB total and far over the ratio limit.
    const bomb = fakeDocx(new Uint8Array(60 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const entries = listZipEntries("bomb.docx", bomb);
    expect(entries.find((e) => e.name === "word/document.xml")!.uncompressedSize).toBe(60 * 1024 * 1024);
    const e = await errorOf(readSource("炸弹.docx", bomb));
    expect(e.code).toBe("bad_request:docx_invalid");
    expect(e.details).toEqual({ reason: "zip_bomb" });
    expect(e.message).toContain("《炸弹.docx》");
  });
  it("refuses a small but extreme compression ratio", async () => {
    const bomb = fakeDocx(new Uint8Array(3 * 1024 * 1024)); // 3 MB → a few KB
    const e = await errorOf(readSource("比率.docx", bomb));
    expect(e.details).toEqual({ reason: "zip_bomb" });
  });
  it("refuses a zip whose directory lies about the inflated size", async () => {
    // Declare 1000 bytes for a document.xml that really inflates to 800 KB (ratio checks pass on the lie).
    const zip = fakeDocx(new Uint8Array(800 * 1024).fill(0x20));
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const entries = listZipEntries("x", zip);
    // Find the central directory record of word/document.xml and patch its uncompressed size.
    let p = zip.length - 22;
    while (view.getUint32(p, true) !== 0x06054b50) p--;
    let cd = view.getUint32(p + 16, true);
    for (const e of entries) {
      const nameLen = view.getUint16(cd + 28, true);
      if (e.name === "word/document.xml") view.setUint32(cd + 24, 1000, true);
      cd += 46 + nameLen + view.getUint16(cd + 30, true) + view.getUint16(cd + 32, true);
    }
    expect(listZipEntries("x", zip).find((e) => e.name === "word/document.xml")!.uncompressedSize).toBe(1000);
    const e = await errorOf(readSource("说谎.docx", zip));
    expect(e.code).toBe("bad_request:docx_invalid");
    expect(e.details).toEqual({ reason: "zip_bomb" });
  });
  it("refuses a zip with too many entries", async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 2100; i++) files[`word/media/f${i}.txt`] = strToU8("x");
    const zip = fakeDocx(strToU8("<w:document/>"), files);
    const e = await errorOf(readSource("多.docx", zip));
    expect(e.details).toEqual({ reason: "zip_bomb" });
  });
  it("uses the file name only as a label", async () => {
    const r = await prepareReport("../../etc/passwd/报告.txt", new TextEncoder().encode("XX区委政法委2024年工作总结\n全年工作取得明显成效。"));
    expect(r.document.sourceName).toBe("报告.txt");
    const e = await errorOf(prepareReport("C:\\Users\\a\\空.txt", new Uint8Array()));
    expect(e.message).toBe("文件《空.txt》是空文件");
  });
});
