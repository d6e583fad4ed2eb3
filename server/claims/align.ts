/**
 * Which clauses of two texts are about the same thing. A clause is read for its content: the
 * figures it carries (by value, so 两次 and 2次 are one figure), its content characters and the
 * character pairs among them, with the marker and function characters left out (了, 的, 已, 计划,
 * 还, 没 …), so that 都查完了 and 已全部核查完毕 share what they are about. Each clause points to the
 * clause of the other text it shares most with; the links make groups, so a sentence merged from two
 * (or split into two) is compared with both of its counterparts at once. See docs/claims.md.
 */
import { parseChineseNumeral } from "../text/numerals.ts";

export interface Content {
  weights: Map<string, number>;
  total: number;
}

// Characters that say how (status, negation, scope, modality), not what: they never pair clauses.
const STOP = new Set([..."的了在和与及等是有把将被对为从向于以也都还就又再很较已经曾未没不尚正拟想要能可会着过地得这那其该此之个些我们你他她它啊呀吧呢嘛哈啦并且或而但即均各全部所基本初步计划打算准备争取现目前今年里上下中时后来去给让把弄搞啥"]);
/** Characters a formal rewrite drops from inside a phrase: skipped, so the characters on either side still pair. */
const TRANSPARENT = new Set([..."的一"]);
/** A character that says what a clause is about (not a marker or function character). */
export const isContentChar = (ch: string) => /[\u3400-\u9fff]/.test(ch) && !STOP.has(ch);

const FIGURE = /\d+(?:\.\d+)?(?:万|亿)?|[零〇一二两三四五六七八九十百千万亿]{2,}|[二两三四五六七八九十](?=[个次件人名场期处项起户家份所元年月天])/g;
const FIGURE_WEIGHT = 3;

function figureValue(raw: string): string | null {
  const m = /^(\d+(?:\.\d+)?)(万|亿)?$/.exec(raw);
  if (m) return String(Number(m[1]) * (m[2] === "万" ? 1e4 : m[2] === "亿" ? 1e8 : 1));
  const v = parseChineseNumeral(raw);
  return v === null ? null : String(v);
}

/** The content of a clause: figures by value, content characters and adjacent pairs of them. */
export function contentOf(text: string): Content {
  const weights = new Map<string, number>();
  const add = (k: string, w: number) => weights.set(k, (weights.get(k) ?? 0) + w);
  let rest = text;
  for (const m of text.matchAll(FIGURE)) {
    const v = figureValue(m[0]);
    if (v === null) continue;
    // The value, and the value with its measure word: 3轮 and 3场 share a number, not a count.
    const unit = text[m.index + m[0].length];
    add(`#${v}`, FIGURE_WEIGHT - 1);
    add(`#${v}${unit && /[\u3400-\u9fff%]/.test(unit) ? unit : ""}`, 1);
    rest = rest.replace(m[0], " ");
  }
  // A colloquial reduplicated verb (推一推, 改一改, 看看) is about the verb once; 第一次 and 头一次 are 首次.
  rest = rest.replace(/第一次|头一次|头回|第一回/g, "首次").replace(/([\u4e00-\u9fff])一\1/g, "$1").replace(/([\u4e00-\u9fff])\1/g, "$1");
  let prev = "";
  for (const ch of rest) {
    // 的 and 一 inside a phrase (社区的出租屋, 村一级) are left out without breaking it: 社区出租屋, 村级.
    if (TRANSPARENT.has(ch)) continue;
    const han = /[\u3400-\u9fff]/.test(ch) && !STOP.has(ch);
    if (!han) {
      prev = "";
      continue;
    }
    add(ch, 1);
    if (prev) add(prev + ch, 1);
    prev = ch;
  }
  let total = 0;
  for (const w of weights.values()) total += w;
  return { weights, total };
}

/** The content weight two clauses have in common. */
function shared(a: Content, b: Content): number {
  let n = 0;
  for (const [k, w] of a.weights) n += Math.min(w, b.weights.get(k) ?? 0);
  return n;
}

/** How much of the smaller clause's content the other one has (0..1). */
export function overlap(a: Content, b: Content): number {
  if (a.total === 0 || b.total === 0) return 0;
  return shared(a, b) / Math.min(a.total, b.total);
}

/** Clauses that share at least this much of the smaller one's content are about the same thing. */
export const ALIGN_MIN = 0.5;

/** For each clause of `from`, the index of the clause of `to` it shares most with, or -1. Ties go to the nearer position. */
export function bestMatches(from: Content[], to: Content[], min = ALIGN_MIN): number[] {
  return from.map((c, i) => {
    let best = -1;
    let bestShared = 0;
    let bestScore = 0;
    to.forEach((t, j) => {
      const s = overlap(c, t);
      if (s < min) return;
      // Of the clauses that hold enough of it, the one that shares the most; then the closer share; then the nearer position.
      const sh = shared(c, t);
      const nearer = best >= 0 && Math.abs(j / Math.max(1, to.length) - i / Math.max(1, from.length)) < Math.abs(best / Math.max(1, to.length) - i / Math.max(1, from.length));
      if (best < 0 || sh > bestShared || (sh === bestShared && (s > bestScore || (s === bestScore && nearer)))) {
        best = j;
        bestShared = sh;
        bestScore = s;
      }
    });
    return best;
  });
}

export interface Group {
  before: number[];
  after: number[];
}

/**
 * Groups of clauses about the same thing, from the links of both sides (before → after and after →
 * before). A group of one clause on each side is a plain pair; one of several on one side is a merge
 * or a split. A group with several clauses on both sides is a chain of near matches, not a merge:
 * it is broken back into its links, each compared as a pair.
 */
export function groupsOf(ba: number[], ab: number[]): Group[] {
  const n = ba.length;
  const parent = [...Array(n + ab.length).keys()];
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  const join = (x: number, y: number) => {
    parent[find(x)] = find(y);
  };
  const links: Array<[number, number]> = [];
  ba.forEach((j, i) => j >= 0 && (join(i, n + j), links.push([i, j])));
  ab.forEach((i, j) => i >= 0 && (join(i, n + j), links.push([i, j])));
  const byRoot = new Map<number, Group>();
  for (const [i, j] of links) {
    const r = find(i);
    const g = byRoot.get(r) ?? { before: [], after: [] };
    if (!g.before.includes(i)) g.before.push(i);
    if (!g.after.includes(j)) g.after.push(j);
    byRoot.set(r, g);
  }
  const out: Group[] = [];
  for (const g of byRoot.values()) {
    if (g.before.length > 1 && g.after.length > 1) {
      // Links both ways first; a one-way link only between clauses that have no two-way one.
      const mutual = links.filter(([i, j]) => g.before.includes(i) && ba[i] === j && ab[j] === i);
      const taken = new Set(mutual.flatMap(([i, j]) => [`b${i}`, `a${j}`]));
      const seen = new Set<string>();
      for (const [i, j] of links) {
        if (!g.before.includes(i) || seen.has(`${i}|${j}`)) continue;
        const isMutual = ba[i] === j && ab[j] === i;
        if (!isMutual && (taken.has(`b${i}`) || taken.has(`a${j}`))) continue;
        seen.add(`${i}|${j}`);
        out.push({ before: [i], after: [j] });
      }
    } else {
      out.push({ before: g.before.sort((x, y) => x - y), after: g.after.sort((x, y) => x - y) });
    }
  }
  return out.sort((x, y) => x.before[0] - y.before[0] || x.after[0] - y.after[0]);
}

/** A clause no group took may join the counterpart it shares this much with (a sentence reworded freely). */
export const ALIGN_LOOSE = 0.25;

/**
 * Clauses no group took, a second time round: each joins the clause of the other text it shares most
 * with, at the looser threshold, in that clause's group or as a new pair (慰问金先从镇里垫了 →
 * 已由镇里先行垫付). What shares less than that stays alone and is judged as added or dropped.
 */
export function attachLeftovers(from: Content[], to: Content[], groups: Group[]): Group[] {
  const out = groups.map((g) => ({ before: [...g.before], after: [...g.after] }));
  const groupOf = (side: "before" | "after", k: number) => out.find((g) => g[side].includes(k));
  const pass = (side: "before" | "after", mine: Content[], theirs: Content[]) => {
    const other = side === "before" ? "after" : "before";
    const loose = bestMatches(mine, theirs, ALIGN_LOOSE);
    // Leftovers pair with leftovers first: a clause already in a group has its counterpart.
    const free = theirs.map((t, j) => (groupOf(other, j) ? { weights: new Map(), total: 0 } : t));
    const looseFree = bestMatches(mine, free, ALIGN_LOOSE);
    mine.forEach((_, i) => {
      const best = looseFree[i] >= 0 ? looseFree[i] : loose[i];
      if (best < 0 || groupOf(side, i)) return;
      const g = groupOf(other, best);
      if (g) g[side].push(i);
      else out.push(side === "before" ? { before: [i], after: [best] } : { before: [best], after: [i] });
    });
  };
  pass("before", from, to);
  pass("after", to, from);
  for (const g of out) {
    g.before.sort((x, y) => x - y);
    g.after.sort((x, y) => x - y);
  }
  return out.sort((x, y) => x.before[0] - y.before[0] || x.after[0] - y.after[0]);
}
