import { extractFigures, type Figure } from "../../numbers/index.ts";
import { lineSpans, type Span } from "../../text/sentences.ts";
import type { Finding } from "../types.ts";
import { finding } from "./types.ts";

/**
 * Totals that must add up (a summary's figures are checked against each other, never against the world):
 * - a list of parts joined by 顿号 and closed by 共计/合计/总计/共 N: the parts make the total exactly;
 * - a total followed by 其中 and a list of parts joined by 顿号 in the same clause: the parts are at most
 *   the total (其中 may name only some of them);
 * - a whole split into what is done and what is not (已脱贫…户…人，未脱贫…户…人; 已化解…件，尚未化解…件),
 *   right after the clause that counts the whole: the two parts make the whole, unit by unit;
 * - a table whose last row is 合计/总计: each column of counts adds up to it. Markdown tables arrive as
 *   "| … |" lines; a .docx table arrives from the reader (corpus/read-docx.ts, mammoth's raw text) as one
 *   line per cell, row after row, so its rows are rebuilt from the width of the total row.
 */
export function checkTotals(text: string): Finding[] {
  return [...inlineTotals(text), ...doneAndNotDone(text), ...tableTotals(text)];
}

/** 已 + a verb + figures, then 未/尚未/没有 + the same verb + figures, each a clause of its own. */
const SPLIT = /已([\p{Script=Han}]{1,4}?)((?:[0-9０-９][0-9０-９.．]*[\p{Script=Han}]{1,2})+)[，、；](?:其中)?(?:尚未|未|没有)\1((?:[0-9０-９][0-9０-９.．]*[\p{Script=Han}]{1,2})+)(?=[，。；、\n]|$)/gu;

/**
 * A whole split into 已X and 未X: every unit the whole and both parts count must add up. The whole is
 * the clause right before the split (总人口…，其中贫困户共615户2096人，已脱贫…，未脱贫…); a clause with a
 * figure of another kind (a rate, a change, an estimate) is no whole of the parts.
 */
function doneAndNotDone(text: string): Finding[] {
  const out: Finding[] = [];
  for (const sent of sentencesOf(text)) {
    const s = sent.text;
    if (!s.includes("已") || !/未|没有/.test(s)) continue;
    for (const m of s.matchAll(SPLIT)) {
      // The clause before the split, back to the previous clause mark.
      let from = m.index;
      if (!/^[，；：]?$/.test(s.slice(from - 1, from)) && from > 0) continue;
      const end = from - 1;
      from = end;
      while (from > 0 && !"，；：。".includes(s[from - 1])) from--;
      if (from >= end) continue;
      const whole = extractFigures(s.slice(from, end)).filter((f) => countable(s.slice(from, end), f));
      const done = extractFigures(m[2]);
      const notDone = extractFigures(m[3]);
      if (whole.length === 0 || done.length === 0 || notDone.length === 0) continue;
      for (const w of whole) {
        const a = done.find((f) => f.unit === w.unit && f.kind === "number" && !f.approx);
        const b = notDone.find((f) => f.unit === w.unit && f.kind === "number" && !f.approx);
        if (!a || !b) continue;
        const d = Math.max(decimals(w.raw), decimals(a.raw), decimals(b.raw));
        if (same(a.value + b.value, w.value, d)) continue;
        out.push(finding(text, "consistency", "error", sent.start + m.index, sent.start + m.index + m[0].length,
          `已${m[1]}${a.raw}与未${m[1]}${b.raw}之和为${fmt(a.value + b.value)}${w.unit}，与总数${w.raw}不符`));
        break;
      }
    }
  }
  return out;
}

const fmt = (v: number) => String(Math.round(v * 100) / 100);
const decimals = (raw: string) => /[.．](\d+)/.exec(raw)?.[1].length ?? 0;
const same = (a: number, b: number, d: number) => Math.abs(a - b) < 0.5 * 10 ** -d + 1e-9;

/** Counts that can be parts of a total: exact, not a change, not a rate. */
function countable(sentence: string, f: Figure): boolean {
  if (f.kind !== "number" || f.unit === "" || f.approx || f.direction) return false;
  return !/(?:同比|较|比|增|减|占|超|近|约|达|第)$/.test(sentence.slice(Math.max(0, f.start - 2), f.start));
}

function inlineTotals(text: string): Finding[] {
  const out: Finding[] = [];
  for (const sent of sentencesOf(text)) {
    const s = sent.text;
    if (!/共|合计|总计|其中/.test(s)) continue;
    const figs = extractFigures(s).filter((f) => countable(s, f));
    for (let i = 0; i < figs.length; i++) {
      const total = figs[i];
      const lead = s.slice(Math.max(0, total.start - 12), total.start);
      const m = /(?:共计|合计|总计|(?<![公一总])共)[^，。；、\d]{0,8}$/u.exec(lead);
      if (!m) continue;
      // Parts before: a run of same-unit figures joined only by 顿号-separated labels, right before "，共计".
      const before: Figure[] = [];
      for (let j = i - 1; j >= 0; j--) {
        const gap = s.slice(figs[j].end, j === i - 1 ? total.start - m[0].length : before[0].start);
        const joiner = j === i - 1 ? /^[，,]?$/ : /^、[^，。；、\d]{0,12}$/;
        if (figs[j].unit !== total.unit || !joiner.test(gap)) break;
        before.unshift(figs[j]);
      }
      if (before.length >= 2) {
        const sum = before.reduce((a, f) => a + f.value, 0);
        const d = Math.max(decimals(total.raw), ...before.map((f) => decimals(f.raw)));
        if (!same(sum, total.value, d)) {
          out.push(finding(text, "consistency", "error", sent.start + total.start, sent.start + total.end,
            `前列各项之和为${fmt(sum)}${total.unit}，与合计${total.raw}不符`));
        }
        continue;
      }
      // Parts after: 其中 a、b、c in the clause right after the total.
      const rest = s.slice(total.end);
      const q = /^[^，。；]{0,12}?[，,]\s*其中(?![，,：:])/.exec(rest);
      if (!q) continue;
      const from = total.end + q[0].length;
      const stop = s.slice(from).search(/[，。；,;]/);
      const to = stop < 0 ? s.length : from + stop;
      const parts = figs.filter((f) => f.start >= from && f.end <= to && f.unit === total.unit);
      if (parts.length < 2 || /其中/.test(s.slice(from, to))) continue;
      const sum = parts.reduce((a, f) => a + f.value, 0);
      if (sum > total.value + 1e-9) {
        out.push(finding(text, "consistency", "error", sent.start + total.start, sent.start + total.end,
          `“其中”所列各项之和为${fmt(sum)}${total.unit}，超过总数${total.raw}`));
      }
    }
  }
  return out;
}

function sentencesOf(text: string): Span[] {
  const out: Span[] = [];
  let s = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || "。！？\n".includes(text[i])) {
      if (i > s) out.push({ start: s, end: i, text: text.slice(s, i) });
      s = i + 1;
    }
  }
  return out;
}

const TOTAL_LABEL = /^(?:合\s*计|总\s*计|共\s*计|全\S{0,4}合计)$/;
const NUMERIC = /^([0-9][0-9,，]*(?:\.[0-9]+)?)\s*(%|％|[件人个起次名户家所处元万亿]{0,2})$/;

interface Cell {
  start: number;
  text: string;
}
type Row = Cell[];

/** The numeric value of a cell, with whether it is a percentage; null when it is no number. */
function cellValue(cell: string): { value: number; percent: boolean; decimals: number } | null {
  const m = NUMERIC.exec(cell.trim());
  if (!m) return null;
  const digits = m[1].replace(/[,，]/g, "");
  return { value: Number(digits), percent: /[%％]/.test(m[2]), decimals: decimals(digits) };
}

function tableTotals(text: string): Finding[] {
  const lines = lineSpans(text);
  const out: Finding[] = [];
  // Markdown: consecutive "| … |" lines form a table.
  let md: Row[] = [];
  const flushMd = () => {
    if (md.length >= 3) out.push(...checkTable(text, md));
    md = [];
  };
  for (const l of lines) {
    const t = l.text.trim();
    if (/^\|.*\|$/.test(t)) {
      if (/^\|[\s:|-]+\|$/.test(t)) continue; // the separator row
      const cells: Row = [];
      let at = l.text.indexOf("|") + 1;
      for (const part of t.slice(1, -1).split("|")) {
        const lead = part.length - part.trimStart().length;
        cells.push({ start: l.start + at + lead, text: part.trim() });
        at += part.length + 1;
      }
      md.push(cells);
    } else flushMd();
  }
  flushMd();

  // A .docx table: a total label line followed by k number lines; rows of k + 1 lines above it.
  for (let i = 0; i < lines.length; i++) {
    if (!TOTAL_LABEL.test(lines[i].text.trim())) continue;
    let k = 0;
    while (i + 1 + k < lines.length && cellValue(lines[i + 1 + k].text) !== null) k++;
    if (k === 0) continue;
    const w = k + 1;
    const rows: Row[] = [];
    for (let r = i - w; r >= 0; r -= w) {
      const row = lines.slice(r, r + w);
      if (cellValue(row[0].text) !== null || row[0].text.trim() === "" || row.slice(1).some((c) => cellValue(c.text) === null)) break;
      rows.unshift(row.map((c) => ({ start: c.start + (c.text.length - c.text.trimStart().length), text: c.text.trim() })));
    }
    const totalRow = lines.slice(i, i + w).map((c) => ({ start: c.start + (c.text.length - c.text.trimStart().length), text: c.text.trim() }));
    if (rows.length >= 2) out.push(...checkTable(text, [...rows, totalRow]));
  }
  return out;
}

/** Rows of one table (header rows allowed at the top): the last row, when it is a total, must be the column sums. */
function checkTable(text: string, rows: Row[]): Finding[] {
  const total = rows[rows.length - 1];
  if (!total.length || !TOTAL_LABEL.test(total[0].text)) return [];
  const body = rows.slice(0, -1).filter((r) => r.length === total.length && r.slice(1).every((c) => cellValue(c.text) !== null || c.text === "" || c.text === "—" || c.text === "-"));
  // Rows that are subtotals themselves would be counted twice.
  if (body.length < 2 || body.some((r) => /小计|合计|总计/.test(r[0].text))) return [];
  const out: Finding[] = [];
  for (let c = 1; c < total.length; c++) {
    const t = cellValue(total[c].text);
    if (!t || t.percent) continue;
    const vals = body.map((r) => cellValue(r[c].text));
    if (vals.some((v) => v?.percent)) continue;
    const sum = vals.reduce((a, v) => a + (v?.value ?? 0), 0);
    const d = Math.max(t.decimals, ...vals.map((v) => v?.decimals ?? 0));
    if (same(sum, t.value, d)) continue;
    out.push(finding(text, "consistency", "error", total[c].start, total[c].start + total[c].text.length,
      `表中本列各行之和为${fmt(sum)}，与“${total[0].text}”行的${total[c].text}不符`, fmt(sum)));
  }
  return out;
}
