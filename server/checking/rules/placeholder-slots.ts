import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isHan } from "../../text/chars.ts";
import { tag } from "../../text/segment.ts";
import { lineSpans } from "../../text/sentences.ts";

/**
 * An empty slot: a figure taken out of a template or a copied report and nothing put in its place
 * (配备了名综治专干, 从最初的个增加到个, 发放《……》本). A measure word stands after a figure; where one stands
 * with no figure before it, the writer left a blank. Whether a figure must stand there is a statistic of
 * official prose (server/lists/numeral-slots.tsv, built by bench/build-slots.ts; docs/punctuation.md): for
 * the character before the measure word, or, where that character is too rare to say, the part of speech
 * of the word before it, how often published prose writes the two together and how often with a figure
 * between. A slot is reported where a figure stood between them at least MIN_FIGURES times and the two
 * were written together at most MAX_TOGETHER of the time.
 */

/** Measure words (量词) and units that stand after a figure. */
export const MEASURE_WORDS = "个件人名起次家户处所项条元批类篇份场期座辆台套册张本支栋间位种例宗只吨亩岁天周倍万亿";

/** Characters a figure is written with (Arabic or Chinese), and the approximations that stand for one (几, 多, 余, 数). */
export function isNumeralChar(ch: string | undefined): boolean {
  return ch !== undefined && /[0-9０-９.．%％零〇○一二两兩三四五六七八九十百千万萬亿億几幾多余餘数數]/.test(ch);
}

/** The part of speech of the word before a slot, as the table keys it: '#' and jieba's tag. */
export function slotTag(t: string): string {
  return `#${t}`;
}

/**
 * The measure words that are nothing else when they stand alone. The others (年, 月, 日, 万, 人, 元, 本, 所 …)
 * are also words of their own (年销售收入 "yearly", 万企 "ten thousand firms", a name ending in 元): for them
 * only the character before speaks, and only when official prose never writes the two together.
 */
export const PURE_MEASURE = "个件名起次家户处项条篇份场座辆台套册张支位例宗吨亩倍";
/** Evidence for a character before a measure word: enough once the two were seen this often either way. */
export const CHAR_EVIDENCE = 8;
/** A figure stood between them at least this often (the part-of-speech rows need more: they pool many words). */
export const MIN_FIGURES = 8;
export const MIN_FIGURES_BY_TAG = 30;
/** For a measure word that is also a word of its own: a figure at least this often, and never the two together. */
export const MIN_FIGURES_AMBIGUOUS = 20;
/** …and the two were written together at most this share of the time. */
export const MAX_TOGETHER = 0.01;

const FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "lists", "numeral-slots.tsv");
let table: Map<string, [number, number]> | null = null;

/** The shipped counts: "before\tmeasure" → [written together, with a figure between]. Empty when the file is missing. */
export function slotCounts(): Map<string, [number, number]> {
  if (table) return table;
  table = new Map();
  let text = "";
  try {
    text = readFileSync(FILE, "utf8");
  } catch {
    process.stderr.write(`空缺数字检查：统计文件无法读取（${FILE}），本次不检查。\n`);
  }
  for (const line of text.split("\n")) {
    if (line.startsWith("#") && !line.startsWith("#\t") && line.includes(" ")) continue;
    const [before, measure, together, figures] = line.split("\t");
    if (!measure) continue;
    table.set(`${before}\t${measure}`, [Number(together), Number(figures)]);
  }
  return table;
}

const slotIn = (counts: [number, number] | undefined, min: number): boolean =>
  counts !== undefined && counts[1] >= min && counts[0] / (counts[0] + counts[1]) <= MAX_TOGETHER;
const slotAmbiguous = (counts: [number, number] | undefined): boolean =>
  counts !== undefined && counts[1] >= MIN_FIGURES_AMBIGUOUS && counts[0] === 0;

/**
 * Parts of speech after which a measure word's figure stands: prepositions, particles, conjunctions. Not a
 * mark: a list item or a clause may open with a word that begins with a measure word's character (、个税, 、家政,
 * ，万众一心), which the segmenter may not know as a word.
 */
const SLOT_BEFORE = /^(?:p|uj|ul|uz|ug|c)$/;
/** Verbs of a change in quantity, which 到 completes with the figure reached (增加到12个). */
const CHANGE_VERB = /^(?:增加|增长|增至|减少|降低|下降|上升|提高|提升|扩大|缩小|缩减|发展|压减|压降|递增|递减|上涨|回落|扩展|扩充|充实|调整)$/;

/** Is the figure's place before `i` taken: by a figure, or by the blank 某 (某个, 某项) that other rules judge? */
const figureBefore = (s: string, i: number): boolean => isNumeralChar(s[i - 1]) || s[i - 1] === "某";

/** Empty slots of a text: the offset of each measure word left without its figure. */
export function emptySlots(text: string, counts: ReadonlyMap<string, [number, number]> = slotCounts()): Array<{ start: number; end: number; message: string }> {
  const out: Array<{ start: number; end: number; message: string }> = [];
  for (const line of lineSpans(text)) {
    const s = line.text;
    for (let i = 1; i < s.length; i++) {
      const c = s[i];
      // Only after a Han character: a figure in quotes or a letter standing for one (“1”个, N个) fills the place.
      if (!MEASURE_WORDS.includes(c) || !isHan(s[i - 1]) || figureBefore(s, i)) continue;
      // Candidates first by the table alone (a lookup per measure word), so only their neighbourhoods are segmented.
      const byChar = counts.get(`${s[i - 1]}\t${c}`);
      const pure = PURE_MEASURE.includes(c);
      if (!pure && !slotAmbiguous(byChar)) continue;
      const charSays = byChar !== undefined && byChar[0] + byChar[1] >= CHAR_EVIDENCE;
      if (charSays ? !slotIn(byChar, MIN_FIGURES) : !counts.has(`*\t${c}`)) continue;
      // The measure word must be a word of its own (个 in 个人 is not); the words before it give the row to
      // read when the character alone says too little.
      const from = Math.max(0, i - 10);
      const words = tag(s.slice(from, Math.min(s.length, i + 8)), false);
      let at = from;
      const before: Array<{ word: string; tag: string }> = [];
      let alone = false;
      for (const w of words) {
        if (at >= i) {
          alone = at === i && w.word.length === 1;
          break;
        }
        before.push(w);
        at += w.word.length;
      }
      const prev = before[before.length - 1];
      if (!alone || !prev) continue;
      // Where the figure's place is: after a preposition (与个行政村), a particle (最初的个, 配备了名) or a
      // conjunction, or after 到 completing a verb of change (增加到个). After other verbs and pronouns a lone
      // 个 is the spoken indefinite (做个榜样, 这么个规矩); 到 + a unit after any other word distributes
      // (责任到人, 发放到户: down to each one).
      const toChange = /^[到至]$/.test(prev.word) && CHANGE_VERB.test(before[before.length - 2]?.word ?? "");
      if (!toChange && (!SLOT_BEFORE.test(prev.tag) || !pure)) continue;
      if (!charSays) {
        const byTag = counts.get(`${slotTag(prev.tag)}\t${c}`);
        const tagSays = byTag !== undefined && byTag[0] + byTag[1] >= MIN_FIGURES_BY_TAG;
        if (tagSays ? !slotIn(byTag, MIN_FIGURES_BY_TAG) : !slotInStrict(counts.get(`*\t${c}`))) continue;
      }
      out.push({ start: line.start + i, end: line.start + i + 1, message: `“${c}”前缺少数字（数字未填写）` });
    }
  }
  return out;
}

/** The measure word alone (no row for the word before it): it must almost never stand without a figure. */
export const MIN_FIGURES_ALONE = 100;
export const MAX_TOGETHER_ALONE = 0.015;
const slotInStrict = (counts: [number, number] | undefined): boolean =>
  counts !== undefined && counts[1] >= MIN_FIGURES_ALONE && counts[0] / (counts[0] + counts[1]) <= MAX_TOGETHER_ALONE;
