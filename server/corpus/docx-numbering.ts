/**
 * Word's automatic numbering. mammoth's raw text drops list numbers, so a report whose headings are
 * numbered by Word ("一、" from a chineseCounting list) would lose its structure. We read the numbering
 * definitions and each paragraph's numbering from the XML ourselves and give back the label Word would
 * display ("一、", "（二）", "3."), so the reader can put it in front of the paragraph's text.
 *
 * Deliberately small: direct and style-linked numbering, start values, %N level texts, the formats
 * Chinese reports use. Anything unusual yields no label (the text is still read).
 */
import { hasTypedNumber } from "../text/headings.ts";

export interface NumberedParagraph {
  text: string;
  label: string | null;
}

interface Level {
  start: number;
  fmt: string;
  lvlText: string;
}

const ENTITY: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e.startsWith("#x")) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith("#")) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITY[e];
  });
}

function attr(xml: string, tag: string, name = "w:val"): string | null {
  const m = new RegExp(`<${tag}\\b[^>]*\\b${name}="([^"]*)"`).exec(xml);
  return m ? m[1] : null;
}

const CN = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
const TIANGAN = "甲乙丙丁戊己庚辛壬癸";

function chineseCount(n: number): string {
  if (n <= 0 || n >= 100) return String(n);
  if (n < 10) return CN[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? "" : CN[tens]) + "十" + (ones ? CN[ones] : "");
}

function circled(n: number): string {
  return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : `(${n})`;
}

function roman(n: number): string {
  const table: Array<[number, string]> = [[1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"], [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"]];
  let out = "";
  for (const [v, s] of table) while (n >= v) { out += s; n -= v; }
  return out;
}

/** The number as Word formats it for a numFmt; null for bullets and formats we do not render. */
export function formatNumber(n: number, fmt: string): string | null {
  switch (fmt) {
    case "decimal":
    case "decimalHalfWidth":
      return String(n);
    case "decimalFullWidth":
    case "decimalFullWidth2":
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case "decimalZero":
      return n < 10 ? `0${n}` : String(n);
    case "chineseCounting":
    case "chineseCountingThousand":
    case "chineseLegalSimplified":
    case "japaneseCounting":
    case "taiwaneseCounting":
    case "taiwaneseCountingThousand":
    case "ideographDigital":
      return chineseCount(n);
    case "ideographTraditional":
      return n >= 1 && n <= 10 ? TIANGAN[n - 1] : String(n);
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
      return circled(n);
    case "decimalEnclosedParen":
      return `(${n})`;
    case "decimalEnclosedFullstop":
      return `${n}.`;
    case "upperLetter":
      return n >= 1 && n <= 26 ? String.fromCharCode(64 + n) : String(n);
    case "lowerLetter":
      return n >= 1 && n <= 26 ? String.fromCharCode(96 + n) : String(n);
    case "upperRoman":
      return roman(n);
    case "lowerRoman":
      return roman(n).toLowerCase();
    case "none":
      return "";
    default:
      return null; // bullet and exotic formats
  }
}

interface Definitions {
  /** numId → levels (from its abstractNum, with start overrides applied). */
  nums: Map<string, Map<number, Level>>;
  /** paragraph styleId → { numId, ilvl } (following basedOn). */
  styleNumbering: Map<string, { numId: string; ilvl: number }>;
}

function readDefinitions(numberingXml: string | undefined, stylesXml: string | undefined): Definitions {
  const abstract = new Map<string, Map<number, Level>>();
  const nums = new Map<string, Map<number, Level>>();
  if (numberingXml) {
    for (const m of numberingXml.matchAll(/<w:abstractNum\b[^>]*w:abstractNumId="([^"]+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g)) {
      const levels = new Map<number, Level>();
      for (const l of m[2].matchAll(/<w:lvl\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g)) {
        levels.set(Number(l[1]), {
          start: Number(attr(l[2], "w:start") ?? "1"),
          fmt: attr(l[2], "w:numFmt") ?? "decimal",
          lvlText: decodeXml(attr(l[2], "w:lvlText") ?? ""),
        });
      }
      abstract.set(m[1], levels);
    }
    for (const m of numberingXml.matchAll(/<w:num\b[^>]*w:numId="([^"]+)"[^>]*>([\s\S]*?)<\/w:num>/g)) {
      const abs = attr(m[2], "w:abstractNumId");
      const base = abs ? abstract.get(abs) : undefined;
      if (!base) continue;
      const levels = new Map(base);
      for (const o of m[2].matchAll(/<w:lvlOverride\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvlOverride>/g)) {
        const start = attr(o[2], "w:startOverride");
        const lvl = levels.get(Number(o[1]));
        if (start && lvl) levels.set(Number(o[1]), { ...lvl, start: Number(start) });
      }
      nums.set(m[1], levels);
    }
  }
  const styleNumbering = new Map<string, { numId: string; ilvl: number }>();
  if (stylesXml) {
    const raw = new Map<string, { basedOn: string | null; numId: string | null; ilvl: number | null }>();
    for (const m of stylesXml.matchAll(/<w:style\b[^>]*w:type="paragraph"[^>]*w:styleId="([^"]+)"[^>]*>([\s\S]*?)<\/w:style>/g)) {
      const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(m[2]);
      raw.set(m[1], {
        basedOn: attr(m[2], "w:basedOn"),
        numId: numPr ? attr(numPr[1], "w:numId") : null,
        ilvl: numPr && attr(numPr[1], "w:ilvl") !== null ? Number(attr(numPr[1], "w:ilvl")) : null,
      });
    }
    for (const id of raw.keys()) {
      let cur: string | null = id;
      let numId: string | null = null;
      let ilvl: number | null = null;
      for (let depth = 0; cur && depth < 8; depth++) {
        const s = raw.get(cur);
        if (!s) break;
        if (numId === null && s.numId !== null) numId = s.numId;
        if (ilvl === null && s.ilvl !== null) ilvl = s.ilvl;
        cur = s.basedOn;
      }
      if (numId && numId !== "0") styleNumbering.set(id, { numId, ilvl: ilvl ?? 0 });
    }
  }
  return { nums, styleNumbering };
}

function paragraphText(xml: string): string {
  let out = "";
  for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:t\/>|<w:(tab|br|cr)\b[^>]*\/>/g)) {
    if (m[1] !== undefined) out += decodeXml(m[1]);
    else if (m[2] === "tab") out += "\t";
    else if (m[2]) out += "\n";
  }
  return out;
}

/** Paragraphs of word/document.xml with the label Word's automatic numbering shows before each (or null). */
export function numberedParagraphs(documentXml: string, numberingXml?: string, stylesXml?: string): NumberedParagraph[] {
  const defs = readDefinitions(numberingXml, stylesXml);
  // Text boxes hold paragraphs inside paragraphs; they are not part of the report's numbering.
  const body = documentXml.replace(/<w:txbxContent>[\s\S]*?<\/w:txbxContent>/g, "");
  const counters = new Map<string, number[]>();
  const out: NumberedParagraph[] = [];
  for (const m of body.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)) {
    const inner = m[1] ?? "";
    const text = paragraphText(inner);
    const pPr = /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(inner)?.[1] ?? "";
    const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(pPr)?.[1];
    let numId: string | null = null;
    let ilvl = 0;
    const style = attr(pPr, "w:pStyle");
    const fromStyle = style ? defs.styleNumbering.get(style) : undefined;
    if (fromStyle) {
      numId = fromStyle.numId;
      ilvl = fromStyle.ilvl;
    }
    if (numPr) {
      const id = attr(numPr, "w:numId");
      if (id !== null) numId = id;
      const lv = attr(numPr, "w:ilvl");
      if (lv !== null) ilvl = Number(lv);
    }
    const levels = numId && numId !== "0" ? defs.nums.get(numId) : undefined;
    const level = levels?.get(ilvl);
    // Bullets carry no information for the structure; they stay out of the text.
    if (!levels || !level || level.fmt === "bullet" || text.trim() === "") {
      out.push({ text, label: null });
      continue;
    }
    const counts = counters.get(numId!) ?? [];
    counters.set(numId!, counts);
    counts[ilvl] = counts[ilvl] === undefined ? level.start : counts[ilvl] + 1;
    // A higher level restarts the levels below it.
    counts.length = ilvl + 1;
    let ok = true;
    const label = level.lvlText.replace(/%(\d)/g, (_, d: string) => {
      const li = Number(d) - 1;
      const lv = levels.get(li);
      const n = counts[li] ?? lv?.start ?? 1;
      const s = lv ? formatNumber(n, li === ilvl ? level.fmt : lv.fmt) : String(n);
      if (s === null) ok = false;
      return s ?? "";
    });
    out.push({ text, label: ok && label.trim() !== "" ? label : null });
  }
  return out;
}

/**
 * Put numbering labels in front of mammoth's lines. mammoth and our reading see the same paragraphs in the
 * same order, but we align by text (looking a little ahead) so one surprise cannot shift every label.
 */
export function applyNumberingLabels(lines: string[], paragraphs: NumberedParagraph[]): string[] {
  const ours: Array<{ text: string; label: string | null }> = [];
  for (const p of paragraphs) {
    p.text.split("\n").forEach((line, i) => {
      if (line.trim() !== "") ours.push({ text: line.trim(), label: i === 0 ? p.label : null });
    });
  }
  let j = 0;
  return lines.map((line) => {
    const t = line.trim();
    for (let k = j; k < Math.min(ours.length, j + 30); k++) {
      if (ours[k].text === t) {
        j = k + 1;
        const label = ours[k].label;
        // Never double a number the text already carries (typed by hand over a list style).
        if (label && !hasTypedNumber(t)) return label + line;
        return line;
      }
    }
    return line;
  });
}
