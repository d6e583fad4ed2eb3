/**
 * The one home of proper-name detection: people, places, units, named projects and quoted names. The
 * typo check (names are never typos), the claim check (a rewrite adds or drops no participant) and the reuse
 * check (a shared run that names something is the office's own) each take the spans they trust from here
 * and keep only their own judgement. The surnames, the endings of units' and places' names are an office
 * list (server/lists/names.json, extended from the data folder), handed in as NameLists.
 *
 * What finds a name (`by`):
 * - quote: a quoted name or title, “雪亮工程”, 《反有组织犯罪法》, ‘…’, 「…」, 『…』, 〈…〉;
 * - tag: a word jieba tags as a name (nr person, ns place, nt organisation, nz other proper noun);
 * - guess: a word jieba did not know (tag x): three characters starting with a surname (张晓峰) is a person,
 *   three or more ending in a place's ending (白甸镇) a place;
 * - rule: the organ and place rule: a unit's ending (公安局, 县委) or a place's (镇, 街道) with the place
 *   words in front (西山县公安局, 青石镇), and a person beside a title or split by jieba (李 红梅).
 * - list (asked for by name only): the short items of a 顿号 list (邵永、铜吉、长赣), names or coined
 *   terms in parallel, whose items are as long as each other;
 * - abbrev (asked for by name only): two characters no dictionary knows right before the ending of a
 *   firm's, project's or fair's name (柳工股份, 宜常高铁, 智博会): an abbreviation.
 */
import { dictEntry, hasWord, tag } from "./segment.ts";

export type NameKind = "person" | "place" | "unit" | "project" | "quoted";
export type NameEvidence = "quote" | "tag" | "guess" | "rule" | "list" | "abbrev";

/** The office's name lists (server/lists/names.json). */
export interface NameLists {
  /** Surnames; a compound one (欧阳) is allowed. */
  surnames: ReadonlySet<string>;
  /** Words that end a unit's name (公安局, 派出所, 县委 …). */
  organs: readonly string[];
  /** Words that end a place's name (街道, 社区, 镇, 村 …). */
  placeEndings: readonly string[];
}

export interface NameSpan {
  start: number;
  end: number;
  text: string;
  kind: NameKind;
  by: NameEvidence;
  /** jieba's tag, for a name found by its tag or guessed. */
  tag?: string;
}

// ——— Quoted names ———

// A quote that does not close soon is a citation, not a name.
const QUOTED = /“[^“”\n]{1,40}”|‘[^‘’\n]{1,40}’|《[^《》\n]{1,60}》|「[^「」\n]{1,40}」|『[^『』\n]{1,40}』|〈[^〈〉\n]{1,40}〉/g;
/** Every complete “…” and 《…》, however long: the rule reads the words around them, not in them. */
const QUOTES_FOR_RULE = /《[^《》]*》|“[^“”]*”/g;

function quotedNames(text: string, out: NameSpan[]): void {
  for (const m of text.matchAll(QUOTED)) out.push({ start: m.index, end: m.index + m[0].length, text: m[0], kind: "quoted", by: "quote" });
}

// ——— Tagged and guessed names ———

// jieba's tags for names: person (nr, nrfg, nrt), place (ns), unit (nt), other proper (nz).
const NAME_TAG = /^n[rstz]/;
const HAN_WORD = /^\p{Script=Han}+$/u;
/** A guessed word with these endings is a place or a unit, never a person. */
const PLACE_OR_UNIT_END = /[省市县区镇乡村局委院厅办所]$/;
/** A guessed word with these endings is a place (白甸镇). */
const GUESSED_PLACE_END = /[省市区县镇乡村]$/;

const kindOfTag = (t: string): NameKind => (t.startsWith("nr") ? "person" : t === "ns" ? "place" : t === "nt" ? "unit" : "project");

/** Whether a word starts with a surname of the list. */
export function hasSurname(word: string, lists: NameLists): boolean {
  return lists.surnames.has(word[0]) || (word.length > 2 && lists.surnames.has(word.slice(0, 2)));
}

function taggedNames(line: string, offset: number, lists: NameLists, evidence: ReadonlySet<NameEvidence>, out: NameSpan[]): void {
  let at = 0;
  for (const { word, tag: pos } of tag(line, true)) {
    const start = line.indexOf(word, at);
    if (start < 0) continue;
    at = start + word.length;
    const span = { start: offset + start, end: offset + at, text: word, tag: pos };
    if (NAME_TAG.test(pos) && word.length > 1) {
      if (evidence.has("tag")) out.push({ ...span, kind: kindOfTag(pos), by: "tag" });
    } else if (pos === "x" && evidence.has("guess") && HAN_WORD.test(word) && !hasWord(word)) {
      // The shape of a full name. Guessed pairs (王上 for 网上) are far more often typos than names.
      if (word.length === 3 && hasSurname(word, lists) && !PLACE_OR_UNIT_END.test(word)) out.push({ ...span, kind: "person", by: "guess" });
      else if (word.length >= 3 && GUESSED_PLACE_END.test(word)) out.push({ ...span, kind: "place", by: "guess" });
    }
  }
}

// ——— The organ and place rule ———

// A person is named beside a title (王小明同志, 书记李红梅); jieba's dictionary also tags 高清 and 向心力 nr.
const TITLES = /^(同志|书记|副书记|主任|副主任|局长|副局长|院长|副院长|检察长|所长|部长|县长|区长|市长|镇长|乡长|村长|队长|庭长|委员|常委|主席|秘书长|处长|科长|警官|法官|检察官|调解员|网格员)$/;

// Words before an ending that make it generic (各乡镇, 全县, 本村, 城乡社区), never a name.
const GENERIC = new Set([
  "各", "全", "本", "该", "我", "此", "每", "乡", "城", "农", "城乡", "农村", "基层", "重点", "边远", "偏远", "行政", "示范", "文明",
  "平安", "美丽", "和谐", "法治", "试点", "城市", "新", "老旧", "所在", "辖", "辖区", "属地", "相关", "有关", "多个", "部分", "个别", "乡镇",
  "上级", "下级", "同级", "县级", "市级", "省级", "区级", "镇级", "村级", "中心", "易地搬迁", "安置", "无", "社", "矛盾", "纠纷", "进", "到", "入", "驻", "下", "深入",
]);

const HAN = /^[\u4e00-\u9fff]+$/;

function isGeneric(w: string, lists: NameLists): boolean {
  if (GENERIC.has(w) || /^[各全本该我此每那这]/.test(w) || /^[省市县区镇乡村]+$/.test(w)) return true;
  const ending = lists.placeEndings.find((e) => w.endsWith(e));
  return ending !== undefined && GENERIC.has(w.slice(0, w.length - ending.length));
}

/** A word jieba's dictionary knows as a common word (部门, 总结, 小区, 工业园区): not the name of a place. */
function commonWord(w: string): boolean {
  const e = dictEntry(w);
  return e !== undefined && !/^(ns|nr|nz|nt)$/.test(e.tag) && (e.freq >= 1000 || w.length >= 3 || /^(v|vn|a|ad|d|f)/.test(e.tag));
}

function ruleNames(text: string, lists: NameLists, out: NameSpan[]): void {
  const blanked = text.replace(QUOTES_FOR_RULE, (q) => "，".repeat(q.length));
  const words = tag(blanked);
  const offsets: number[] = [];
  let pos = 0;
  for (const w of words) {
    const at = blanked.indexOf(w.word, pos);
    offsets.push(at < 0 ? pos : at);
    pos = (at < 0 ? pos : at) + w.word.length;
  }
  const span = (from: number, to: number, kind: NameKind): NameSpan => {
    const start = offsets[from];
    const end = offsets[to - 1] + words[to - 1].word.length;
    return { start, end, text: text.slice(start, end), kind, by: "rule" };
  };
  const { organs, placeEndings } = lists;
  const organOf = (w: string) => organs.find((o) => w.endsWith(o));
  // Only a word that ends in a place's ending names a place (大河村, 柳林镇): jieba also tags 深度, 治安
  // and 满意度 ns. A place word in front of an ending (西山 县, 东山 镇) is taken by the ending.
  const placeLike = (w: string, t: string) =>
    HAN.test(w) && !isGeneric(w, lists) && w.length >= 3 && placeEndings.some((s) => w.endsWith(s)) && !commonWord(w) && t !== "l";
  const placeWord = (w: string, t: string) => HAN.test(w) && !isGeneric(w, lists) && w.length >= 2 && /^(ns|nr|nz|n)$/.test(t) && !commonWord(w);
  let consumed = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i].word;
    const t = words[i].tag;
    if (!HAN.test(w)) continue;
    const organ = organOf(w);
    const suffix = !organ && placeEndings.includes(w);
    if (organ || suffix || placeLike(w, t)) {
      // The place words in front (西山 县 青石 镇, 西山 县委 政法委), never reaching back into the previous name.
      let start = i;
      while (start > consumed && i - start < 3) {
        const p = words[start - 1];
        const before = words[start - 2];
        // 办案区, 服务区: before 区 or 市 only a known place word names a place (西山 区), not any noun.
        const named = placeWord(p.word, p.tag) && (!/^[区市省州]$/.test(w) || /^(ns|nr|nz)$/.test(p.tag));
        const ok = placeLike(p.word, p.tag) || (start === i && named && (organ || suffix)) ||
          (placeEndings.includes(p.word) && start - 1 > consumed && before !== undefined && placeWord(before.word, before.tag));
        if (!ok) break;
        start--;
      }
      let end = i + 1;
      while (end < words.length && (placeEndings.includes(words[end].word) || organs.includes(words[end].word))) end++;
      consumed = end;
      const at = i;
      i = end - 1;
      // A bare 村 or 镇 names nothing (小事不出村), nor does a counted or generic organ (3个派出所, 各派出所).
      if (start === at && suffix) {
        // A bare 镇 with no name in front; an organ after it may still name a unit (镇派出所).
        if (end === at + 1) continue;
        start = at + 1;
      }
      const before = words[start - 1];
      if (start === end - 1 && organ && before && (/^[mq]/.test(before.tag) || isGeneric(before.word, lists))) continue;
      const joined = words.slice(start, end).map((x) => x.word).join("");
      if (isGeneric(joined, lists)) continue;
      out.push(span(start, end, organOf(joined) ? "unit" : "place"));
      continue;
    }
    if (t === "nr" && hasSurname(w, lists)) {
      // 李 红梅: jieba splits a name it does not know into surname and given name.
      const at = i;
      const split = w.length === 1 && words[i + 1]?.tag === "nr" && words[i + 1].word.length <= 2;
      if (split) i++;
      const full = split ? w + words[i].word : w;
      const titled = TITLES.test(words[i + 1]?.word ?? "") || TITLES.test(words[at - 1]?.word ?? "");
      if (full.length >= 2 && full.length <= 3 && (titled || (full !== w && full.length === 3))) out.push(span(at, i + 1, "person"));
    }
  }
}

// ——— Lists and abbreviations ———

/** What ends a list's segment: any punctuation but the 顿号, a bracket or a quote, a line end. */
const SEGMENT = /[^，。；：！？,.;:!?（）()“”‘’《》〈〉「」『』\n]+/g;
/** A list's last item ends at a conjunction or 等. */
const LAST_ITEM_END = /以及|和|及|与|或|等/;
/** A list's items this long at most are names or terms in parallel (longer ones are clauses). */
const MAX_LIST_ITEM = 6;
/** A list's item this long at most is a name or an abbreviation by its length alone (邵永、铜吉). */
const MAX_SHORT_ITEM = 3;

function listNames(text: string, out: NameSpan[]): void {
  for (const seg of text.matchAll(SEGMENT)) {
    const parts = seg[0].split("、");
    if (parts.length < 2) continue;
    const offsets: number[] = [];
    for (let i = 0, at = seg.index; i < parts.length; at += parts[i].length + 1, i++) offsets.push(at);
    const items: Array<[number, number]> = [];
    // The first item: the end of the first part, as long as the item after it (parallel items are as long as each other).
    const second = parts.length > 2 ? parts[1].length : Math.min(parts[0].length, parts[1].length);
    items.push([offsets[0] + Math.max(0, parts[0].length - second), offsets[0] + parts[0].length]);
    for (let i = 1; i < parts.length - 1; i++) items.push([offsets[i], offsets[i] + parts[i].length]);
    // The last item: up to a conjunction near its start, else as long as the item before it.
    const last = parts[parts.length - 1];
    const before = items[items.length - 1][1] - items[items.length - 1][0];
    const conj = LAST_ITEM_END.exec(last);
    items.push([offsets[parts.length - 1], offsets[parts.length - 1] + (conj && conj.index >= 2 && conj.index <= before + 2 ? conj.index : Math.min(before, last.length))]);
    // Short items are names or terms; longer ones only when they share a frame with another item (以学铸魂、以学正风).
    const frame = (a: string, b: string) => a.length >= 4 && b.length >= 4 && (a.slice(0, 2) === b.slice(0, 2) || a.slice(-2) === b.slice(-2));
    const texts = items.map(([a, b]) => text.slice(a, b));
    // A list of names is mostly short items; a list of clauses with one short item is not.
    const short = texts.filter((t) => t.length >= 2 && t.length <= MAX_SHORT_ITEM).length * 2 >= texts.length;
    items.forEach(([start, end], i) => {
      const item = texts[i];
      if (end - start < 2 || end - start > MAX_LIST_ITEM || !HAN.test(item)) return;
      if (end - start <= MAX_SHORT_ITEM ? !short : !texts.some((o, j) => j !== i && frame(item, o))) return;
      out.push({ start, end, text: item, kind: "project", by: "list" });
    });
  }
}

/**
 * The endings of firms', projects', fairs' and industrial corridors' names an abbreviation stands before
 * (柳工股份, 宜常高铁, 智博会, 智汇工场, 智造走廊, 芯业时代). 走廊, 工场 and 时代: measured on odw.train (no
 * sentence found less) and the in-sample provincial prose left files out (27 → 24 typo findings); 品牌,
 * 平台 and 行动 are left out (打造工作品牌: a slip in the common word before them would read as a name).
 */
const ABBREVIATED_BEFORE = /集团|公司|股份|证券|银行|人寿|保险|项目|园区|工程|高铁|铁路|机场|港区|水库|基地|博会|洽会|走廊|工场|时代|港/g;

function abbreviations(text: string, out: NameSpan[]): void {
  for (const m of text.matchAll(ABBREVIATED_BEFORE)) {
    const start = m.index - 2;
    const short = text.slice(start, m.index);
    if (start < 0 || !HAN.test(short) || hasWord(short) || hasWord(text.slice(m.index - 1, m.index + m[0].length))) continue;
    out.push({ start, end: m.index + m[0].length, text: text.slice(start, m.index + m[0].length), kind: "project", by: "abbrev" });
  }
}

/**
 * The one-character short names of provinces that ordinary words seldom use (冀 for 河北, 鲁 for 山东):
 * standing outside a dictionary word, or beside another (鲁苏互济, 冀货出海), they name a province.
 */
const PROVINCE_SHORT = "京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀黔滇藏陕甘陇青宁新蒙港澳台";
const PROVINCE_RARE = "冀晋皖闽赣鲁豫鄂湘粤桂琼渝沪黔滇陇";
const PROVINCE_SHORT_ALONE = new RegExp(`[${PROVINCE_RARE}]`, "g");

function provinceShortNames(text: string, out: NameSpan[]): void {
  const push = (start: number, end: number) => out.push({ start, end, text: text.slice(start, end), kind: "place", by: "abbrev" });
  for (const m of text.matchAll(PROVINCE_SHORT_ALONE)) {
    const i = m.index;
    if (!hasWord(text.slice(i - 1, i + 1)) && !hasWord(text.slice(i, i + 2))) push(i, i + 1);
  }
  for (let i = 0; i + 1 < text.length; i++) if (PROVINCE_SHORT.includes(text[i]) && PROVINCE_SHORT.includes(text[i + 1]) && (PROVINCE_RARE.includes(text[i]) || PROVINCE_RARE.includes(text[i + 1]))) push(i, i + 2);
}

const ALL: ReadonlySet<NameEvidence> = new Set(["quote", "tag", "guess", "rule"]);

/**
 * The proper names of a text as spans, in order of their start, found by the evidence asked for (quote,
 * tag, guess and rule by default; list and abbrev only when asked for; each caller names what it trusts). Spans of different evidence may overlap. Tagging goes line
 * by line, so each native call stays short.
 */
export function findNames(text: string, lists: NameLists, evidence: Iterable<NameEvidence> = ALL): NameSpan[] {
  const by = new Set(evidence);
  const out: NameSpan[] = [];
  if (by.has("quote")) quotedNames(text, out);
  if (by.has("tag") || by.has("guess")) {
    for (let from = 0; from < text.length; ) {
      let to = text.indexOf("\n", from);
      if (to < 0) to = text.length;
      if (to > from) taggedNames(text.slice(from, to), from, lists, by, out);
      from = to + 1;
    }
  }
  if (by.has("rule")) ruleNames(text, lists, out);
  if (by.has("list")) listNames(text, out);
  if (by.has("abbrev")) {
    abbreviations(text, out);
    provinceShortNames(text, out);
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

// ——— A unit's own name ———

export interface UnitParts {
  /** The place name as written before the level (西山 of 西山县委政法委; "" for 区委政法委; XX kept). */
  place: string;
  /** The administrative level the unit sits at: 区, 县, 市, 州 or 旗 ("" when the name gives none). */
  level: string;
  /** What follows the level (委政法委, 人民政府 …). */
  organ: string;
  /** Whether the level is followed by 委 (a party committee: 区委…), as opposed to a government body. */
  party: boolean;
}

/**
 * A unit's name split at its level: 西山县委政法委 → 西山 + 县 + 委政法委. The level is the first 区/县/市/州/旗
 * followed by 委, else the first one at all (西山县人民法院); a name without one has level "".
 */
export function unitParts(unit: string): UnitParts {
  const m = /^(.*?)([区县市州旗])委/.exec(unit) ?? /^(.*?)([区县市州旗])/.exec(unit);
  if (!m) return { place: "", level: "", organ: unit, party: false };
  const organ = unit.slice(m[1].length + 1);
  return { place: m[1], level: m[2], organ, party: organ.startsWith("委") };
}

/** A unit's name as reports write it at the start of a text: (XX|**)区委政法委(员会). */
export const OWN_UNIT = /((?:X+|x+|\*+|×+)?[区县市州旗]委政法委(?:员会)?)/;
