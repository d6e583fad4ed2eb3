import { normalise } from "../text/normalise.ts";
import { findNames, type NameLists } from "../text/names.ts";

/*
 * What makes a shared run "specific": something of its own that another office would not write — a
 * figure, a place or person, a named initiative in quotes or a document title. Stock wording (the
 * guiding thought, leadership and congress formulas, the genre's turns), the unit's own name and years
 * never do, however rare the run is in the archive: with a small archive, a run found in one other
 * document is often only a formula nobody else there happened to write.
 */

/** Years (and 年度) in normalised text; they never make a run specific. */
export const YEAR_RE = /(?:19|20)\d{2}年度?|[一二]〇[一二三四五六七八九〇]{2}年度?/g;

/** A unit named the way reports name themselves or their superiors: 东城区委政法委, 市委, 县人民政府. */
const UNIT_NAME = /[\p{Script=Han}x]{0,8}?(?:省|市|区|县|州|旗|镇|乡|街道)(?:党?委|党工委|人民政府|政府)(?:政法委(?:员会)?)?/gu;

/** Words tagged as names that every report uses: the country, the centre, the leader. */
const GENERIC_NAMES = new Set(["中国", "中华", "全国", "中华民族", "中华人民共和国", "中央", "党中央", "习近平", "总书记", "新时代", "二十大", "十九大"]);

/** Slogans counted with a numeral (两个确立, 四个意识, 三会一课) are national formulas, not an office's own. */
const NUMBERED_SLOGAN = /^[一二三四五六七八九十两]+[个项大张条]|^[一二三四五六七八九十]+[会课]/;

/** The place the checked report is about, from its first lines (东城区委政法委… → 东城区, 东城). */
export function ownPlaceOf(text: string): string[] {
  const head = text.split("\n").map((l) => l.trim()).filter(Boolean).slice(0, 3).join("\n");
  const m = /([\p{Script=Han}]{2,8}?)(?:省|市|区|县|州|旗)(?:委|人民政府|政府)/u.exec(head);
  if (!m) return [];
  const place = m[1];
  const suffix = head[m.index + m[1].length];
  return [place, place + suffix];
}

export interface CarrierContext {
  /** Normalised stock phrases and registry terms: a quoted one of these is not an office's own name. */
  stock: Set<string>;
  ownPlace: string[];
  /** The office's name lists (surnames, name endings). */
  names: NameLists;
}

/**
 * Whether a shared run carries content of its own. `runNorm` is the run in normalised text, `runText`
 * the same stretch of the original (quotes and 书名号 kept).
 */
export function carriesOwnContent(runNorm: string, runText: string, ctx: CarrierContext): boolean {
  if (/[0-9]/.test(runNorm.replace(YEAR_RE, ""))) return true;
  // A quote cut by the run's ends still names something: “讲政治、强基础… at the end, …创一流” at the start.
  for (const m of runText.matchAll(/“([^“”\n]{2,40})(?:”|$)|^([^“”\n]{2,40})”|《([^《》\n]{2,60})(?:》|$)/g)) {
    const name = normalise(m[1] ?? m[2] ?? m[3]).text;
    if (name.length < (m[3] ? 4 : 5) || NUMBERED_SLOGAN.test(name)) continue;
    if (ctx.stock.has(name) || [...ctx.stock].some((p) => p.length >= 4 && p.includes(name))) continue;
    return true;
  }
  const withoutUnits = runNorm.replace(UNIT_NAME, "　");
  for (const n of findNames(withoutUnits, ctx.names, ["tag", "guess"])) {
    const w = n.text;
    if (w.length < 2 || !/^\p{Script=Han}+$/u.test(w) || GENERIC_NAMES.has(w)) continue;
    if (ctx.ownPlace.some((p) => p === w || p.startsWith(w) || w.startsWith(p))) continue;
    // ns place, nr person (jieba also files many place names under nr), nt organisation, nz other proper
    // noun; an unknown word counts when it looks like a place (白甸镇), not as a guessed person.
    if (n.by === "tag" ? /^(?:ns|nr|nt|nz)$/.test(n.tag ?? "") : n.kind === "place") return true;
  }
  return false;
}
