import type { Finding } from "../types.ts";
import type { Registry } from "../../lists/registry.ts";
import { finding } from "./types.ts";

/**
 * A named period and the years written beside it must agree (GB/T 15835-2011 §4.1.1 writes the years of a period in
 * full; the period's years are those of its own title): “十四五”时期（2022—2025年） has shifted its first year, since
 * the 14th five-year plan runs 2021—2025. The periods are the registry's `periods` (the five-year plans, with their
 * sources) and its campaigns that run five whole years (the 普法 plans: “八五”普法 2021—2025).
 *
 * Read in one clause (no ，。；between), the range nearest the name. Reported only when the range is off by a year at
 * either end (2022—2025, 2020—2024, 2021—2026): a part of the period named as such (“十四五”后三年（2023—2025年）, 前两年)
 * is not, nor any range further off. Official prose: no such mismatch.
 */
export function checkPeriodYears(text: string, registry: Registry): Finding[] {
  const periods = namedPeriods(registry);
  if (!periods.length) return [];
  const out: Finding[] = [];
  for (const p of periods) {
    for (const m of text.matchAll(p.re)) {
      const from = Math.max(...["，", "。", "；", "！", "？", "\n"].map((c) => text.lastIndexOf(c, m.index - 1))) + 1;
      const ends = ["，", "。", "；", "！", "？", "\n"].map((c) => text.indexOf(c, m.index + m[0].length)).filter((i) => i >= 0);
      const to = ends.length ? Math.min(...ends) : text.length;
      const clause = text.slice(from, to);
      let best: { at: number; len: number; a: number; b: number; dash: string; dist: number } | null = null;
      for (const r of clause.matchAll(RANGE)) {
        const at = from + r.index;
        const dist = at >= m.index ? at - (m.index + m[0].length) : m.index - (at + r[0].length);
        if (!best || dist < best.dist) best = { at, len: r[0].length, a: Number(r[1]), b: Number(r[3]), dash: r[2], dist };
      }
      if (!best) continue;
      const { a, b, at, len, dash } = best;
      if ((a === p.start && b === p.end) || Math.abs(a - p.start) > 1 || Math.abs(b - p.end) > 1) continue;
      const gap = at >= m.index ? text.slice(m.index + m[0].length, at) : text.slice(at + len, m.index);
      if (/前|后|剩余|余下|最后|中期|头|末|[一二两三四]年/.test(gap)) continue;
      // A hyphen is no range mark (GB/T 15834 §4.13.3: the 一字线 for time): the fix writes —.
      const fixed = `${p.start}${/^[-－]+$/.test(dash) ? "—" : dash}${p.end}年`;
      out.push(finding(text, "number", "warning", at, at + len,
        `${p.label}的起止年份为${p.start}—${p.end}年，此处写作${text.slice(at, at + len)}，请核对`, fixed));
    }
  }
  return out;
}

/** 2022—2025年, 2022年—2025年, 2022至2025年: the dash (or 至) is kept in the fix; the first 年 is dropped with it. */
const RANGE = /((?:19|20)\d{2})年?\s*([—–\-－~～至到]+)\s*((?:19|20)\d{2})年/g;

interface Period { label: string; re: RegExp; start: number; end: number }
const cache = new WeakMap<Registry, Period[]>();

function namedPeriods(registry: Registry): Period[] {
  let list = cache.get(registry);
  if (list) return list;
  const fiveYears = registry.campaigns.filter((c) => /-01$/.test(c.start) && /-12$/.test(c.end) && Number(c.end.slice(0, 4)) - Number(c.start.slice(0, 4)) === 4);
  const entries = [...registry.periods, ...fiveYears].map((e) => ({ name: e.name, start: Number(e.start.slice(0, 4)), end: Number(e.end.slice(0, 4)) }));
  list = entries.map((e) => {
    const core = e.name.replace(/[“”"]/g, "");
    // “十四五”, 十四五, 七五”普法, “七五”普法: the quotes are optional; a numeral before the name is another name (二十四五 never is one).
    const [head, ...rest] = core.split(/(?<=五)/);
    const body = rest.length ? `${escape(head)}[”"]?${escape(rest.join(""))}` : `${escape(head)}[”"]?`;
    return { label: rest.length ? `“${head}”${rest.join("")}` : `“${head}”`, re: new RegExp(`(?<![一二三四五六七八九十])[“"]?${body}`, "g"), start: e.start, end: e.end };
  });
  cache.set(registry, list);
  return list;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
