/**
 * The audit sheet as a .docx for the reviewer: a landscape A4 table (序号, 类别, 内容, 所在句子, 所依要点,
 * 来源), unsourced figures first in red, with a count at the top. It is a working paper, not a 公文, so it
 * keeps to 宋体 and 黑体 at a size that fits a table.
 */
import { AlignmentType, Document, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import type { AuditEntry } from "./audit.ts";
import { DOCX_FONTS } from "./export.ts";

const RED = "C00000";
const KIND: Record<AuditEntry["kind"], string> = { figure: "数字", date: "日期", initiative: "举措名称" };
const COLUMNS = [
  { title: "序号", width: 6 },
  { title: "类别", width: 8 },
  { title: "内容", width: 12 },
  { title: "所在句子", width: 30 },
  { title: "所依要点", width: 22 },
  { title: "来源文件与段落", width: 22 },
];

const font = (eastAsia: string) => ({ ascii: DOCX_FONTS.latin, hAnsi: DOCX_FONTS.latin, cs: DOCX_FONTS.latin, eastAsia });
const text = (t: string, opts: { bold?: boolean; red?: boolean; size?: number; heading?: boolean } = {}) =>
  new TextRun({ text: t, bold: opts.bold, color: opts.red ? RED : undefined, size: (opts.size ?? 10.5) * 2, font: font(opts.heading ? DOCX_FONTS.level1 : DOCX_FONTS.pageNumber) });
const cell = (runs: TextRun[], width: number) => new TableCell({ width: { size: width, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: runs })] });

function sourceLine(e: AuditEntry): string {
  if (e.formula) return `推算：${e.formula}（${e.confirmed ? "撰稿人已确认" : "未确认，确认前不得导出"}）`;
  if (e.unsourced) return "无来源：请核实或删去";
  if (!e.fact) return "要点中没有，系常用表述或需核实";
  if (!e.sources.length) return e.origin ?? "手工录入";
  return e.sources.map((s) => `${s.unit}《${s.file}》${s.headingPath.length ? ` ${s.headingPath.join(" > ")}` : ""}：“${s.passage.length > 120 ? `${s.passage.slice(0, 120)}……` : s.passage}”`).join("\n");
}

/** The audit sheet of a draft as .docx bytes. */
export async function auditToDocx(title: string, entries: AuditEntry[]): Promise<Uint8Array<ArrayBuffer>> {
  const unsourced = entries.filter((e) => e.unsourced).length;
  const header = new TableRow({ tableHeader: true, children: COLUMNS.map((c) => cell([text(c.title, { bold: true })], c.width)) });
  const rows = entries.map(
    (e, i) =>
      new TableRow({
        children: [
          cell([text(String(i + 1), { red: e.unsourced })], COLUMNS[0].width),
          cell([text(KIND[e.kind], { red: e.unsourced })], COLUMNS[1].width),
          cell([text(e.text, { red: e.unsourced, bold: e.unsourced })], COLUMNS[2].width),
          cell([text(e.sentence, { red: e.unsourced })], COLUMNS[3].width),
          cell([text(e.fact ? e.fact.text : "—", { red: e.unsourced })], COLUMNS[4].width),
          cell(sourceLine(e).split("\n").map((l, k) => new TextRun({ text: l, break: k ? 1 : 0, color: e.unsourced ? RED : undefined, size: 21, font: font(DOCX_FONTS.pageNumber) })), COLUMNS[5].width),
        ],
      }),
  );
  const doc = new Document({
    title: `核稿单：${title}`,
    creator: "zongjie",
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE, width: 16838, height: 11906 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [text(`核稿单：${title}`, { size: 16, heading: true })] }),
          new Paragraph({
            children: [
              text(`共列出数字、日期和举措名称 ${entries.length} 处；`),
              text(`无来源的数字 ${unsourced} 处${unsourced ? "（红色，列在最前）" : ""}。`, { red: unsourced > 0, bold: unsourced > 0 }),
            ],
          }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
