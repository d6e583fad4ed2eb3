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
import { decodeXml, xmlAttrs, xmlTags, type XmlNotes, type XmlTag } from "./read-xml.ts";


export interface NumberedParagraph {
  text: string;
  label: string | null;
}

interface Level {
  start: number;
  fmt: string;
  lvlText: string;
}

/** One attribute of a tag (w:val by default), or null. */
function val(t: XmlTag, name = "w:val"): string | null {
  return xmlAttrs(t.attrs).get(name) ?? null;
}

const opens = (t: XmlTag, name: string) => t.name === name && !t.closing;
const closes = (t: XmlTag, name: string) => t.name === name && (t.closing || t.selfClosing);

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

/** The numbering definitions and the paragraph styles' numbering, each part read in one pass over its tags. */
function readDefinitions(numberingXml: string | undefined, stylesXml: string | undefined): Definitions {
  const abstract = new Map<string, Map<number, Level>>();
  const rawNums: Array<{ numId: string; abstractId: string | null; overrides: Map<number, number> }> = [];
  if (numberingXml) {
    let abs: { id: string; levels: Map<number, Level> } | null = null;
    let lvl: { ilvl: number; level: Level } | null = null;
    let num: (typeof rawNums)[number] | null = null;
    let override: number | null = null;
    for (const t of xmlTags(numberingXml)) {
      if (opens(t, "w:abstractNum")) {
        const id = val(t, "w:abstractNumId");
        abs = id !== null && !t.selfClosing ? { id, levels: new Map() } : null;
        if (abs) abstract.set(abs.id, abs.levels);
      } else if (closes(t, "w:abstractNum")) abs = lvl = null;
      else if (abs && opens(t, "w:lvl")) {
        const ilvl = Number(val(t, "w:ilvl"));
        lvl = Number.isInteger(ilvl) && !t.selfClosing ? { ilvl, level: { start: 1, fmt: "decimal", lvlText: "" } } : null;
        if (lvl) abs.levels.set(ilvl, lvl.level);
      } else if (closes(t, "w:lvl")) lvl = null;
      else if (lvl && opens(t, "w:start")) lvl.level.start = Number(val(t) ?? "1");
      else if (lvl && opens(t, "w:numFmt")) lvl.level.fmt = val(t) ?? "decimal";
      else if (lvl && opens(t, "w:lvlText")) lvl.level.lvlText = decodeXml(val(t) ?? "");
      else if (opens(t, "w:num")) {
        const id = val(t, "w:numId");
        num = id !== null && !t.selfClosing ? { numId: id, abstractId: null, overrides: new Map() } : null;
        if (num) rawNums.push(num);
      } else if (closes(t, "w:num")) num = null;
      else if (num && opens(t, "w:abstractNumId") && num.abstractId === null) num.abstractId = val(t);
      else if (num && opens(t, "w:lvlOverride")) override = Number(val(t, "w:ilvl"));
      else if (closes(t, "w:lvlOverride")) override = null;
      else if (num && override !== null && opens(t, "w:startOverride")) {
        const start = val(t);
        if (start && Number.isInteger(override)) num.overrides.set(override, Number(start));
      }
    }
  }
  const nums = new Map<string, Map<number, Level>>();
  for (const n of rawNums) {
    const base = n.abstractId !== null ? abstract.get(n.abstractId) : undefined;
    if (!base) continue;
    const levels = new Map(base);
    for (const [ilvl, start] of n.overrides) {
      const lvl = levels.get(ilvl);
      if (lvl) levels.set(ilvl, { ...lvl, start });
    }
    nums.set(n.numId, levels);
  }
  const styleNumbering = new Map<string, { numId: string; ilvl: number }>();
  if (stylesXml) {
    const raw = new Map<string, { basedOn: string | null; numId: string | null; ilvl: number | null }>();
    let style: { basedOn: string | null; numId: string | null; ilvl: number | null; inNumPr: boolean; sawNumPr: boolean } | null = null;
    for (const t of xmlTags(stylesXml)) {
      if (opens(t, "w:style")) {
        const a = xmlAttrs(t.attrs);
        const id = a.get("w:styleId");
        style = null;
        if (a.get("w:type") === "paragraph" && id !== undefined && !t.selfClosing) {
          style = { basedOn: null, numId: null, ilvl: null, inNumPr: false, sawNumPr: false };
          raw.set(id, style);
        }
      } else if (closes(t, "w:style")) style = null;
      else if (!style) continue;
      else if (opens(t, "w:basedOn") && style.basedOn === null) style.basedOn = val(t);
      else if (opens(t, "w:numPr") && !style.sawNumPr) style.inNumPr = style.sawNumPr = !t.selfClosing;
      else if (closes(t, "w:numPr")) style.inNumPr = false;
      else if (style.inNumPr && opens(t, "w:numId") && style.numId === null) style.numId = val(t);
      else if (style.inNumPr && opens(t, "w:ilvl") && style.ilvl === null) {
        const v = val(t);
        style.ilvl = v === null ? null : Number(v);
      }
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

interface OpenParagraph {
  parts: string[];
  inPPr: boolean;
  inNumPr: boolean;
  style: string | null;
  numId: string | null;
  ilvl: string | null;
  /** Where the text of an open <w:t> starts. */
  textFrom: number;
}

/**
 * Paragraphs of word/document.xml with the label Word's automatic numbering shows before each (or null).
 * One pass over the tags, so the time grows with the size of the document whatever it holds; a
 * paragraph left open ends where the next starts. References to characters XML does not allow are
 * dropped and counted in `notes`.
 */
export function numberedParagraphs(documentXml: string, numberingXml?: string, stylesXml?: string, notes?: XmlNotes): NumberedParagraph[] {
  const defs = readDefinitions(numberingXml, stylesXml);
  const counters = new Map<string, number[]>();
  const out: NumberedParagraph[] = [];
  let p: OpenParagraph | null = null;
  // Text boxes hold paragraphs inside paragraphs; they are not part of the report's numbering.
  let textBox = 0;
  const finish = () => {
    if (!p) return;
    out.push({ text: p.parts.join(""), label: labelOf(p, defs, counters) });
    p = null;
  };
  for (const t of xmlTags(documentXml)) {
    if (t.name === "w:txbxContent") {
      if (!t.selfClosing) textBox = Math.max(0, textBox + (t.closing ? -1 : 1));
      continue;
    }
    if (textBox > 0) continue;
    if (t.name === "w:p") {
      if (t.closing) {
        finish();
        continue;
      }
      finish();
      if (t.selfClosing) out.push({ text: "", label: null });
      else p = { parts: [], inPPr: false, inNumPr: false, style: null, numId: null, ilvl: null, textFrom: -1 };
      continue;
    }
    if (!p) continue;
    const para: OpenParagraph = p;
    if (para.textFrom >= 0) {
      // Inside <w:t>: its text runs to the next tag, whatever that tag is.
      para.parts.push(decodeXml(documentXml.slice(para.textFrom, t.start), notes));
      para.textFrom = -1;
    }
    switch (t.name) {
      case "w:t":
        if (!t.closing && !t.selfClosing) para.textFrom = t.end;
        break;
      case "w:pPr":
        para.inPPr = !t.closing && !t.selfClosing;
        break;
      case "w:numPr":
        if (para.inPPr) para.inNumPr = !t.closing && !t.selfClosing;
        break;
      case "w:pStyle":
        if (para.inPPr && !t.closing && para.style === null) para.style = val(t);
        break;
      case "w:numId":
        if (para.inNumPr && !t.closing && para.numId === null) para.numId = val(t);
        break;
      case "w:ilvl":
        if (para.inNumPr && !t.closing && para.ilvl === null) para.ilvl = val(t);
        break;
      case "w:tab":
        if (!para.inPPr && !t.closing) para.parts.push("\t");
        break;
      case "w:br":
      case "w:cr":
        if (!para.inPPr && !t.closing) para.parts.push("\n");
        break;
    }
  }
  finish();
  return out;
}

function labelOf(p: OpenParagraph, defs: Definitions, counters: Map<string, number[]>): string | null {
  const text = p.parts.join("");
  let numId: string | null = null;
  let ilvl = 0;
  const fromStyle = p.style ? defs.styleNumbering.get(p.style) : undefined;
  if (fromStyle) {
    numId = fromStyle.numId;
    ilvl = fromStyle.ilvl;
  }
  if (p.numId !== null) numId = p.numId;
  if (p.ilvl !== null) ilvl = Number(p.ilvl);
  const levels = numId && numId !== "0" ? defs.nums.get(numId) : undefined;
  const level = levels?.get(ilvl);
  // Bullets carry no information for the structure; they stay out of the text.
  if (!levels || !level || level.fmt === "bullet" || text.trim() === "") return null;
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
  return ok && label.trim() !== "" ? label : null;
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
