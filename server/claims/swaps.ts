/**
 * One content word put in the place of another, and one time put in the place of another: changes that keep
 * every marker word (status, negation, scope) and every figure, so the clause comparison cannot see them.
 *
 * - **A word swapped in its slot.** A noun of the note that the rewrite no longer has, and a noun of the
 *   rewrite that the note never has, in the same slot: an item of a list beside the same sibling item
 *   (会同民政、卫健 → 会同财政、卫健; 政协委员和律师 → 政协委员和法官), or the modifier of the same head noun
 *   (彩礼纠纷 → 离婚纠纷). A rendering that keeps two characters of the word (精神病人 → 精神障碍患者) and one
 *   word for the people spoken of put for another (大家 → 村民) are no swap. Other neighbours fix no slot: a colloquial word and its formal rendering share them
 *   as often as two different things do (种的是个老太太 → 种植的老年妇女), and an abbreviation written out keeps
 *   its characters in order (电诈 → 电信诈骗, 卫健 → 卫生健康): neither is a swap. Both words are nouns (jieba's
 *   tags), of two characters or more.
 * - **A grade put in the place of another** (评价是良好 → 评价为优秀): the verdict of an assessment changed.
 * - **A time put in the place of another** (明年上半年 → 明年下半年, 每月 → 每季度, 年底 → 年初): a period the
 *   rewrite names that the note does not, where the note names another of the same kind.
 * See docs/claims.md.
 */
import { tag } from "../text/segment.ts";
import type { TracedChange } from "./compare-options.ts";

/** Parts of speech of the nouns held to their slot (jieba: n, nz, nt, ns, nl, ng, j abbreviations, x words it
 * does not know such as 卫健 and 文旅); a verbal noun (vn: 教育, 检查) only against a noun. */
const NOUN = /^(n|nz|nt|ns|nl|ng|j|x)$/;
const SLOT = /^(n|nz|nt|ns|nl|ng|j|x|vn)$/;
/** Function words and single characters are not neighbours that fix a slot. */
const FUNCTION_TAG = /^(u|uj|ud|ug|uv|uz|ul|p|c|m|q|r|d|y|e|o|w)/;

interface Tok {
  word: string;
  tag: string;
}

const content = (t: Tok | undefined) => !!t && t.word.length >= 2 && /^[\u3400-\u9fff]+$/.test(t.word) && !FUNCTION_TAG.test(t.tag);

/** A coordination between two items of a list. */
const JOIN = /^(、|和|及|与|或|以及)$/;

/**
 * The slot of token k: a sibling item of its list (the content word across one 、/和/及/与 on either side),
 * or the head noun it modifies (the noun right after it). Other neighbours do not fix a slot: a colloquial
 * word and its formal rendering share them as often as two different things do.
 */
function neighbours(toks: Tok[], k: number): { left: string | null; right: string | null } {
  const left = JOIN.test(toks[k - 1]?.word ?? "") && content(toks[k - 2]) ? `、${toks[k - 2].word}` : null;
  let right: string | null = null;
  if (JOIN.test(toks[k + 1]?.word ?? "") && content(toks[k + 2])) right = `、${toks[k + 2].word}`;
  else if (content(toks[k + 1]) && NOUN.test(toks[k + 1].tag)) right = toks[k + 1].word;
  return { left, right };
}

/** How many characters two words share (精神病人 and 精神障碍患者: 精, 神). */
function sharedChars(a: string, b: string): number {
  return new Set([...a].filter((ch) => b.includes(ch))).size;
}

/** True when the characters of `short` stand in `long` in order (an abbreviation written out, or the reverse). */
function charsInOrder(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

/** The people a note speaks of, said loosely or formally: one referent, so one for another is a rendering, no swap. */
const PEOPLE = new Set(["大家", "大伙", "大伙儿", "人家", "老百姓", "百姓", "群众", "人民群众", "村民", "居民", "民众", "住户", "农户", "村里人"]);

interface Slot {
  word: string;
  verbal: boolean;
  /** A word the dictionary lacks (卫健, 文旅, or a stretch it could not cut): held to a list's slot only. */
  unknown: boolean;
  /** The word with the noun before it (精神障碍患者): a compound that may render the other side's word. */
  compound: string;
  left: string | null;
  right: string | null;
}

function slots(text: string, absentFrom: string): Slot[] {
  const toks = tag(text);
  const out: Slot[] = [];
  toks.forEach((t, k) => {
    if (!SLOT.test(t.tag) || t.word.length < 2 || !/^[\u3400-\u9fff]+$/.test(t.word)) return;
    if (absentFrom.includes(t.word)) return;
    const prev = toks[k - 1];
    if (/^[这那该此本其每各某]/.test(t.word)) return;
    out.push({ word: t.word, verbal: t.tag === "vn", unknown: t.tag === "x", compound: prev && NOUN.test(prev.tag) ? prev.word + t.word : t.word, ...neighbours(toks, k) });
  });
  return out;
}

/** Nouns swapped in their slot (see the file's comment). */
export function wordSwaps(before: string, after: string): TracedChange[] {
  const gone = slots(before, after);
  if (gone.length === 0) return [];
  const came = slots(after, before);
  const out: TracedChange[] = [];
  const used = new Set<string>();
  for (const g of gone) {
    for (const c of came) {
      if (used.has(c.word) || g.word.includes(c.word) || c.word.includes(g.word) || charsInOrder(g.word, c.word)) continue;
      if (g.verbal && c.verbal) continue;
      if ((PEOPLE.has(g.word) && PEOPLE.has(c.word)) || sharedChars(g.compound, c.compound) >= 2) continue;
      const inList = (x: string | null) => !!x && x.startsWith("、");
      const shared = (g.left && g.left === c.left) || (g.right && g.right === c.right && (inList(g.right) || !(g.unknown || c.unknown)));
      if (!shared) continue;
      used.add(c.word);
      out.push({ rule: "name:swap", kind: "name", before: g.word, after: c.word, beforeText: "", afterText: "", message: `“${g.word}”换成了“${c.word}”` });
      break;
    }
  }
  return out;
}

/** Periods of one kind: a rewrite that names one of them where the note names another changed when. */
const PERIODS: Array<{ kind: string; words: Array<[string, RegExp]> }> = [
  {
    kind: "half",
    words: [["上半年", /上半年/], ["下半年", /下半年/]],
  },
  {
    kind: "quarter",
    words: [["一季度", /(?:第)?[一1]季度/], ["二季度", /(?:第)?[二2]季度/], ["三季度", /(?:第)?[三3]季度/], ["四季度", /(?:第)?[四4]季度/]],
  },
  {
    kind: "season of the year",
    words: [["年初", /年初/], ["年中", /年中(?![央])/], ["年底", /年底|年末|年终(?!总结|考核)/]],
  },
  {
    kind: "season of the month",
    words: [["月初", /月初/], ["月中", /月中旬|月中(?![央])/], ["月底", /月底|月末/]],
  },
  {
    kind: "frequency",
    words: [["每周", /每周|每个?星期|一周一/], ["每月", /每个?月(?![底末初中])|按月|一月一/], ["每季度", /每个?季度|按季度?|一季一/], ["每半年", /每半年/], ["每年", /每年(?![底末初中])|一年一/]],
  },
];

/** A period of one kind put in the place of another (see the file's comment). */
export function periodChanges(before: string, after: string): TracedChange[] {
  const out: TracedChange[] = [];
  for (const p of PERIODS) {
    const named = (t: string) => new Set(p.words.filter(([, re]) => re.test(t)).map(([w]) => w));
    const b = named(before);
    const a = named(after);
    const added = [...a].filter((w) => !b.has(w));
    const removed = [...b].filter((w) => !a.has(w));
    if (added.length && removed.length) {
      out.push({ rule: "time:period", kind: "time", before: removed.join("、"), after: added.join("、"), beforeText: "", afterText: "", message: `时间由“${removed.join("、")}”变为“${added.join("、")}”` });
    }
  }
  return out;
}

/** The grades an assessment gives, best first: one put in the place of another changes the verdict (良好 → 优秀). */
const GRADES: Array<[string, RegExp]> = [
  ["优秀", /优秀/], ["良好", /良好/], ["较好", /较好/], ["合格", /(?<!不)合格/], ["称职", /(?<![不基本])称职/], ["基本称职", /基本称职/], ["一般", /(?<=[为是评定])一般/], ["不合格", /不合格/], ["不称职", /不称职/],
];

/** A grade the rewrite gives that the note does not, where the note gives another (see GRADES). */
export function gradeChanges(before: string, after: string): TracedChange[] {
  const named = (t: string) => new Set(GRADES.filter(([, re]) => re.test(t)).map(([w]) => w));
  const b = named(before);
  const a = named(after);
  const added = [...a].filter((w) => !b.has(w));
  const removed = [...b].filter((w) => !a.has(w));
  if (!added.length || !removed.length) return [];
  return [{ rule: "outcome:grade", kind: "outcome", before: removed.join("、"), after: added.join("、"), beforeText: "", afterText: "", message: `评定等次由“${removed.join("、")}”变为“${added.join("、")}”` }];
}
