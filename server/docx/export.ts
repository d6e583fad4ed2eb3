/**
 * A draft as a .docx in 公文 format (GB/T 9704-2012 and office practice, docs/genre.md): A4, margins
 * 37/28/35/26 mm, title 2号 方正小标宋简体, 一、 3号 黑体, （一） 3号 楷体_GB2312, body 3号 仿宋_GB2312 with a
 * two-character first-line indent and exact 28 pt lines, digits and Latin in Times New Roman, page
 * numbers "— 1 —" in 4号 宋体 (odd pages right, even pages left). The East Asian font attribute is set
 * on every run, or Word keeps its default font for the Chinese text.
 */
import { headingLabels } from "../text/headings.ts";
import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type IRunOptions,
} from "docx";
import { strToU8, unzipSync, zipSync } from "fflate";
import { readSource } from "../corpus/read.ts";
import { AppError } from "../errors.ts";
import { UNCONFIRMED_RE } from "../facts/types.ts";
import type { Draft } from "../drafting/types.ts";
import { documentDate, todayIso } from "../text/dates.ts";

const mm = (v: number) => Math.round((v / 25.4) * 1440); // millimetres → twips
const pt = (v: number) => v * 2; // points → half-points (w:sz)

/** The fonts the document names; they must be installed or Word/WPS substitutes them. */
export const DOCX_FONTS = {
  title: "方正小标宋简体",
  level1: "黑体",
  level2: "楷体_GB2312",
  body: "仿宋_GB2312",
  latin: "Times New Roman",
  pageNumber: "宋体",
} as const;

/**
 * What Word and LibreOffice may substitute when a named font is missing, in order: the font table names each
 * font's alternatives (w:altName), its GB2312 character set and its family (serif or sans), so a machine without
 * the _GB2312 fonts picks 仿宋/FangSong rather than its default sans font.
 */
const FONT_FALLBACKS: Record<string, { alt: string[]; family: "roman" | "swiss"; panose: string }> = {
  "方正小标宋简体": { alt: ["华文中宋", "宋体", "SimSun"], family: "roman", panose: "02010600030101010101" },
  "黑体": { alt: ["SimHei", "Microsoft YaHei"], family: "swiss", panose: "02010609060101010101" },
  "楷体_GB2312": { alt: ["楷体", "KaiTi"], family: "roman", panose: "02010609030101010101" },
  "仿宋_GB2312": { alt: ["仿宋", "FangSong"], family: "roman", panose: "02010609030101010101" },
  "宋体": { alt: ["SimSun", "NSimSun"], family: "roman", panose: "02010600030101010101" },
};

/** What an unwritten section is exported as. */
export const UNWRITTEN = "【待补】";

const SIZE = { title: 22, heading: 16, body: 16, pageNumber: 14 }; // 2号, 3号, 3号, 4号
const LINE = 28 * 20; // exact 28 pt, in twips

function font(eastAsia: string, latin: string = DOCX_FONTS.latin): IRunOptions["font"] {
  return { ascii: latin, hAnsi: latin, cs: latin, eastAsia };
}

function run(text: string, eastAsia: string, size: number, extra: Partial<IRunOptions> = {}) {
  return new TextRun({ text, font: font(eastAsia), size: pt(size), ...extra });
}

const bodySpacing = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

function titleParagraphs(title: string): Paragraph[] {
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 35 * 20, lineRule: LineRuleType.EXACT }, children: [run(title, DOCX_FONTS.title, SIZE.title)] }),
    new Paragraph({ spacing: bodySpacing, children: [run("", DOCX_FONTS.body, SIZE.body)] }),
  ];
}

function headingParagraph(text: string, level: 1 | 2): Paragraph {
  // Headings sit on the body grid: indented two characters like the body, as 公文 lay them out.
  return new Paragraph({
    spacing: bodySpacing,
    indent: { firstLine: pt(SIZE.body) * 20 },
    keepNext: true,
    children: [run(text, level === 1 ? DOCX_FONTS.level1 : DOCX_FONTS.level2, SIZE.heading)],
  });
}

function bodyParagraph(text: string): Paragraph {
  return new Paragraph({
    spacing: bodySpacing,
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: pt(SIZE.body) * 20 }, // two characters of 16 pt = 640 twips
    children: [run(text, DOCX_FONTS.body, SIZE.body)],
  });
}

function pageNumberFooter(alignment: (typeof AlignmentType)[keyof typeof AlignmentType]): Footer {
  const f = font(DOCX_FONTS.pageNumber, DOCX_FONTS.pageNumber);
  const size = pt(SIZE.pageNumber);
  return new Footer({
    children: [
      new Paragraph({
        alignment,
        children: [
          new TextRun({ text: "— ", font: f, size }),
          new TextRun({ children: [PageNumber.CURRENT], font: f, size }),
          new TextRun({ text: " —", font: f, size }),
        ],
      }),
    ],
  });
}

/** Width of a line in characters of the body size: Han characters one, digits and Latin (Times New Roman) half. */
function widthInChars(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\x20-\x7e]/.test(ch) ? 0.5 : 1;
  return w;
}

/**
 * The 落款 without a seal (GB/T 9704-2012 §7.3.5.2), after one blank line: the unit two characters in from the right
 * margin; the date on the line under it, its first character two characters right of the unit's first character;
 * a date longer than that stays two characters in, and the unit moves left to keep the two-character step.
 */
function signOff(unit: string, date: string): Paragraph[] {
  const char = SIZE.body * 20; // one character of 16 pt, in twips (20 to the point)
  const u = widthInChars(unit);
  const d = widthInChars(date);
  let unitRight = 2;
  let dateRight = unitRight + u - 2 - d;
  if (dateRight < 2) {
    dateRight = 2;
    unitRight = dateRight + d + 2 - u;
  }
  // keepNext: the unit never ends a page with its date on the next one.
  const line = (text: string, right: number, keepNext: boolean) =>
    new Paragraph({ spacing: bodySpacing, alignment: AlignmentType.RIGHT, indent: { right: Math.round(right * char) }, keepNext, children: [run(text, DOCX_FONTS.body, SIZE.body)] });
  return unit ? [line(unit, unitRight, true), line(date, dateRight, false)] : [line(date, dateRight, false)];
}

/** The font table with each font's alternatives, character set and family (see FONT_FALLBACKS). */
function fontTableXml(): string {
  const fonts = Object.entries(FONT_FALLBACKS)
    .map(([name, f]) => `<w:font w:name="${name}"><w:altName w:val="${f.alt.join(",")}"/><w:panose1 w:val="${f.panose}"/><w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="variable"/></w:font>`)
    .join("");
  const latin = `<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}${latin}</w:fonts>`;
}

function withFontTable(bytes: Uint8Array): Buffer {
  const files = unzipSync(bytes);
  files["word/fontTable.xml"] = strToU8(fontTableXml());
  return Buffer.from(zipSync(files, { level: 6 }));
}

export interface DocxResult {
  bytes: Buffer;
  /** Fonts named in the document (install them, or Word substitutes its defaults). */
  fonts: string[];
}

const ROLE_NAME: Record<string, string> = { opening: "开头", closing: "结尾" };

/**
 * Where the draft still carries last year's wording the writer has not settled: sentences kept from last year's
 * summary not yet confirmed (【待核实：沿用去年表述】) and last year's figures not yet replaced (【待更新：原“…”】).
 * Null when there are none; else the writer's message, section by section.
 */
export function unsettledReuse(draft: Pick<Draft, "sections">): string | null {
  const labels = headingLabels(draft.sections);
  const parts: string[] = [];
  for (const [i, s] of draft.sections.entries()) {
    const marks = [...s.text.matchAll(UNCONFIRMED_RE)].map((m) => m[0]);
    if (!marks.length) continue;
    const verify = marks.filter((m) => m.startsWith("【待核实")).length;
    const update = marks.length - verify;
    const where = labels[i] || ROLE_NAME[s.role] || s.heading || "正文";
    parts.push(`${where}${verify ? `有 ${verify} 句沿用去年的表述待核实` : ""}${verify && update ? "，" : ""}${update ? `有 ${update} 处去年的数字或提法待更新` : ""}`);
  }
  if (!parts.length) return null;
  return `还不能导出：${parts.join("；")}。请核实沿用的句子属实后删去“【待核实：沿用去年表述】”，把“【待更新：原…】”改为今年的数字或表述，再导出。`;
}

/** Build the .docx of a draft; returns the bytes and the list of fonts it names. Refuses a draft with unsettled reuse. */
export async function draftToDocx(draft: Pick<Draft, "title" | "unit" | "sections"> & Partial<Pick<Draft, "date">>): Promise<DocxResult> {
  const unsettled = unsettledReuse(draft);
  if (unsettled) throw new AppError("conflict:unsettled_reuse", unsettled);
  const children: Paragraph[] = [...titleParagraphs(draft.title)];
  const labels = headingLabels(draft.sections);
  for (const [i, s] of draft.sections.entries()) {
    if (s.level === 1 && s.heading) children.push(headingParagraph(labels[i], 1));
    if (s.level === 2 && s.heading) children.push(headingParagraph(labels[i], 2));
    // A section not written to its end (generation stopped or failed) is exported with a gap to fill after what
    // was written, never silently cut short; one never written at all is only the gap.
    const body = s.status === "done" ? s.text : `${s.text}\n${UNWRITTEN}`;
    for (const p of body.split(/\n+/)) if (p.trim()) children.push(bodyParagraph(p.trim()));
  }
  children.push(new Paragraph({ spacing: bodySpacing, keepNext: true, children: [run("", DOCX_FONTS.body, SIZE.body)] }), ...signOff(draft.unit, documentDate(draft.date ?? todayIso())));

  const doc = new Document({
    title: draft.title,
    creator: "zongjie",
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: { document: { run: { font: font(DOCX_FONTS.body), size: pt(SIZE.body) } } },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(37), left: mm(28), bottom: mm(35), right: mm(26), header: mm(15), footer: mm(28) - mm(7) },
          },
        },
        footers: { default: pageNumberFooter(AlignmentType.RIGHT), even: pageNumberFooter(AlignmentType.LEFT) },
        children,
      },
    ],
  });
  const bytes = withFontTable(await Packer.toBuffer(doc));
  return { bytes, fonts: [DOCX_FONTS.title, DOCX_FONTS.level1, DOCX_FONTS.level2, DOCX_FONTS.body, DOCX_FONTS.latin, DOCX_FONTS.pageNumber] };
}

/** Plain text of a .docx draft (for importing one back), through the corpus reader's safe zip checks. */
export async function docxToText(bytes: Uint8Array, name = "draft.docx"): Promise<string> {
  return (await readSource(name, bytes)).text;
}
