/**
 * Where the work was, read as slots with values, not as words: the administrative level a clause
 * speaks of (省, 市, 县, 乡镇, 村: 县里, 市级, 镇上的调解员, 村一级), the side of a place (城东, 河北片),
 * and whether it speaks of a whole area (全县, 各村) or a part of one (城区, 几个村, 部分乡镇). A group
 * of clauses about the same thing (align.ts) keeps its values: a level put in place of another (县级 →
 * 市级, 报到市里 → 上报省里, 镇上的调解员 → 县调解员), a side swapped (城东 → 城西) or a part made the
 * whole (城区 → 全县, 几个村 → 全乡各村) is refused. Generic words only: named places are the name
 * guard's (name-changes.ts). See docs/claims.md.
 */
import { hasWord } from "../text/segment.ts";
import { unitNames } from "./names.ts";
import type { TracedChange } from "./compare-options.ts";

type Level = "省" | "市" | "县" | "乡镇" | "村";
const LEVEL_OF: Record<string, Level> = { 省: "省", 市: "市", 县: "县", 区: "县", 镇: "乡镇", 乡: "乡镇", 乡镇: "乡镇", 村: "村" };

// A level character where the words around it make it a level, not a piece of another word: before 里,
// 上, 级, 委, 政府 (县里, 镇上, 市级, 村委), never inside 城市, 超市, 家乡, 农村, 城镇, 小区 and the like;
// 乡镇 is a level by itself (上报乡镇).
const NOT_BEFORE: Record<string, string> = { 市: "城都超集门夜菜股上", 镇: "城乡重坐古", 乡: "城家老故异同思返下", 村: "农乡山渔新", 县: "郡", 省: "节反自", 区: "" };
const LEVEL_WORD = /(乡镇)(?!长)|([省市县区镇乡村])(?=里|上(?![报级访]|交(?!办))|(?:一)?级|委|政府|领导|干部|调解员|网格员|民警|的(?:调解员|干部|领导|网格员|民警|意见|答复|回复|回话))/g;
// 区 is a level only where nothing before it makes it 城区, 社区, 片区, 辖区 …
const AREA_BEFORE = /[城片社辖小园景山湾新老矿灾禁盲雷专学营街校厂镇市县]$/;
const WHOLE = /全(乡镇|[省市县区镇乡村])(?![民长])|各(?:个)?(乡镇|[县市区镇乡村])(?![民长级])/g;
// A part of an area: a district or a side of it, or some of its units counted or left vague.
const PART = /(?:老)?城区|农村|乡下|[东西南北]片|片区|城[东西南北]|(?:几|数|部分|一些|(?<!所)有的|个别|少数|多数|大部分|\d+|[两三四五六七八九十]+)个?(?:乡镇|社区|小区|[镇乡村])/g;
// The side of a place: 城东 and 城西, 河北片 and 河南片, 东片 and 西片 are one slot with two values.
const SIDE = /([城河江湖])([东西南北])|([东西南北])(?=片|郊|岸|侧|关)/g;

// A level character standing as the prefix of a body or an item of its own (待市司法局盖章, 在县电视台开设, 县禁毒经费):
// after no character that makes a word with it (城市, 超市, 农村) and before none that starts a word with it
// (市场, 县城, 村民) unless the word after it reaches further (省|电视台 is not 省电|视台).

/** The length of the longest dictionary word (2 to 5 characters) starting at i, 0 if none. */
function longestWord(t: string, i: number): number {
  for (let n = 5; n >= 2; n--) if (i + n <= t.length && hasWord(t.slice(i, i + n))) return n;
  return 0;
}

/** Levels read as prefixes (see PREFIX_AFTER), each with the word it stands before. */
function prefixLevels(t: string): Array<{ level: Level; word: string }> {
  const out: Array<{ level: Level; word: string }> = [];
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    if (!"省市县区镇乡村".includes(ch)) continue;
    const next = t[i + 1] ?? "";
    if (!/[\u4e00-\u9fff]/.test(next) || "里上级委".includes(next)) continue;
    // The character starts a word of its own (市场, 县城) unless the word after it reaches further (省|电视台, not 省电).
    if (longestWord(t, i) > 0 && longestWord(t, i + 1) <= longestWord(t, i) - 1) continue;
    const prev = t[i - 1] ?? "";
    if (prev && (hasWord(prev + ch) || "省市县区镇乡村".includes(prev))) continue;
    out.push({ level: LEVEL_OF[ch], word: t.slice(i, i + 1 + Math.max(longestWord(t, i + 1), 1)) });
  }
  return out;
}

/**
 * A level the rewrite gives that the note never names in any form, and that is not the writing unit's own
 * (县 for 县委政法委): 等司法局盖章 → 待市司法局盖章, 电视台跟着拍了 → 省电视台随行拍摄. Said over the whole text:
 * a note that names the level anywhere (县里给了六十万) may have it named again.
 */
export function addedLevels(beforeText: string, afterText: string, unit?: string): TracedChange[] {
  const own = unit ? [...unit].map((ch) => LEVEL_OF[ch]).find(Boolean) : undefined;
  const b = readPlaces(beforeText, unit);
  // Named in the note: any level character that is not the tail of another word (城市, 农村, 超市): 村村都建了,
  // 跟村支书 name the village as surely as 村里 does.
  const named = new Set<Level>(b.levels.keys());
  [...beforeText].forEach((ch, i) => {
    if (LEVEL_OF[ch] && !(i > 0 && hasWord(beforeText[i - 1] + ch) && beforeText[i - 1] !== ch)) named.add(LEVEL_OF[ch]);
  });
  const a = readPlaces(afterText, unit);
  const out: TracedChange[] = [];
  const seen = new Set<Level>();
  const candidates = [...[...a.levels].map(([level, v]) => ({ level, word: v.word })), ...prefixLevels(afterText)];
  for (const { level, word } of candidates) {
    if (named.has(level) || level === own || seen.has(level)) continue;
    seen.add(level);
    out.push({ rule: "name:level-added", kind: "name", beforeText: "", afterText, before: "", after: word, message: `新增了原文没有的层级“${level}”（“${word}”）` });
  }
  return out;
}

interface PlaceSlots {
  /** Each level with how often it is named and the first word that named it. */
  levels: Map<Level, { word: string; n: number }>;
  wholes: Set<string>;
  parts: Set<string>;
  sides: Map<string, Map<string, string>>;
}

function readPlaces(text: string, unit?: string): PlaceSlots {
  // The writing unit and its superiors (县委政法委, 市委) are who writes, not where the work was.
  const own = unit ? unitNames(unit).filter((n) => n.length >= 2).sort((x, y) => y.length - x.length) : [];
  let t = text;
  for (const n of own) t = t.split(n).join("□".repeat(n.length));
  const levels = new Map<Level, { word: string; n: number }>();
  const count = (lv: Level, word: string) => {
    const had = levels.get(lv);
    levels.set(lv, { word: had?.word ?? word, n: (had?.n ?? 0) + 1 });
  };
  for (const p of prefixLevels(t)) count(p.level, p.word);
  for (const m of t.matchAll(LEVEL_WORD)) {
    const ch = m[1] ?? m[2];
    const prev = t[m.index - 1] ?? "";
    if (ch.length === 1 && prev && NOT_BEFORE[ch].includes(prev)) continue;
    if (ch === "区" && AREA_BEFORE.test(t.slice(0, m.index))) continue;
    if (ch === "镇" && prev === "乡") continue;
    count(LEVEL_OF[ch], m[0]);
  }
  const wholes = new Set<string>();
  for (const m of t.matchAll(WHOLE)) {
    wholes.add(m[0]);
    count(LEVEL_OF[m[1] ?? m[2]], m[0]);
  }
  const parts = new Set([...t.matchAll(PART)].map((m) => m[0]));
  const sides = new Map<string, Map<string, string>>();
  for (const m of t.matchAll(SIDE)) {
    const anchor = m[1] ?? "片";
    const dir = m[2] ?? m[3];
    if (!sides.has(anchor)) sides.set(anchor, new Map());
    sides.get(anchor)!.set(dir, m[0]);
  }
  return { levels, wholes, parts, sides };
}

const only = <T,>(a: Iterable<T>, b: { has(x: T): boolean }) => [...a].filter((x) => !b.has(x));

/** The place slots a group's rewrite changed: a level or a side replaced, a part made the whole. */
export function placeChanges(beforeText: string, afterText: string, unit?: string): TracedChange[] {
  const b = readPlaces(beforeText, unit);
  const a = readPlaces(afterText, unit);
  const base = { beforeText, afterText };
  const out: TracedChange[] = [];
  // A level named more often where another is named less (省上交办……市里督着 → 市里交办……市里督办) was put in its place.
  const n = (x: PlaceSlots, l: Level) => x.levels.get(l)?.n ?? 0;
  const addedLevels = [...a.levels.keys()].filter((l) => n(a, l) > n(b, l));
  const removedLevels = [...b.levels.keys()].filter((l) => n(b, l) > n(a, l));
  if (addedLevels.length && removedLevels.length) {
    const before = removedLevels.map((l) => b.levels.get(l)!.word).join("、");
    const after = addedLevels.map((l) => a.levels.get(l)!.word).join("、");
    out.push({ rule: "name:level-slot", kind: "name", ...base, before, after, message: `层级由“${before}”变为“${after}”` });
  }
  for (const [anchor, dirs] of a.sides) {
    const was = b.sides.get(anchor);
    if (!was) continue;
    const added = only(dirs.keys(), was);
    const removed = only(was.keys(), dirs);
    if (added.length && removed.length) {
      const before = removed.map((d) => was.get(d)!).join("、");
      const after = added.map((d) => dirs.get(d)!).join("、");
      out.push({ rule: "name:side", kind: "name", ...base, before, after, message: `地点由“${before}”变为“${after}”` });
    }
  }
  // A part of an area made the whole of it: the rewrite says all of the county where the note said some of it.
  const wholes = only(a.wholes, b.wholes);
  const lost = only(b.parts, a.parts);
  if (wholes.length && lost.length && a.parts.size === 0) {
    out.push({ rule: "scope:place-widened", kind: "scope", ...base, before: lost.join("、"), after: wholes.join("、"), message: `范围由“${lost.join("、")}”扩大为“${wholes.join("、")}”` });
  }
  return out;
}
