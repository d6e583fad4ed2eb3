import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Adjacency } from "../../../server/checking/typo/adjacency.ts";
import { confusionSets } from "../../../server/checking/typo/confusion.ts";
import { buildLexicon, jiebaLexicon, LEX_ROOT, type Lexicon } from "../../../server/checking/typo/lexicon.ts";
import { encodeNgrams, officialCharModel, parseNgrams } from "../../../server/checking/typo/ngram.ts";
import { ClauseScorer } from "../../../server/checking/typo/scoring.ts";
import { officialUsage } from "../../../server/lists/official-usage.ts";
import { acceptSwap, bestSwaps, SWAP_MIN_WORD_USES, wordSwaps } from "../../../server/checking/typo/word-swap.ts";
import { phrasesWithBlank } from "../../../server/checking/typo/word-order.ts";
import { dictionaryWords } from "../../../server/text/segment.ts";
import { rng } from "../../../bench/rng.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

// The typo check's data structures for speed (typed arrays, a trie, sorted rows, counts asked once)
// against plain references written here the obvious way: each must answer as the reference does.
// Sentences are written for these tests; none is taken from a report or a data set.


const ALPHABET = "工作推进落实部署安全法治平建设";
function randomWord(r: () => number, max: number): string {
  let w = "";
  const n = 1 + Math.floor(r() * max);
  for (let i = 0; i < n; i++) w += ALPHABET[Math.floor(r() * ALPHABET.length)];
  return w;
}

describe("the dictionary's trie (lexicon.ts)", () => {
  // Words of up to eight characters (the lexicon keeps up to six), some of frequency 0 (it keeps none of those).
  const r = rng(7);
  const words = new Map<string, { freq: number; tag: string }>();
  for (let i = 0; i < 3000; i++) words.set(randomWord(r, 8), { freq: r() < 0.1 ? 0 : 1 + Math.floor(r() * 5000), tag: "n" });
  const lex = buildLexicon(words);
  // The reference: a word's frequency, and 0 for the beginning (two characters or more) of a kept word.
  const kept = [...words].filter(([w, e]) => e.freq > 0 && w.length <= 6);
  const freqOf = new Map(kept.map(([w, e]) => [w, e.freq]));
  const starts = new Set(kept.flatMap(([w]) => Array.from({ length: w.length - 1 }, (_, n) => w.slice(0, n + 1))));
  const refPrefix = (s: string) => freqOf.get(s) ?? (s.length >= 2 && starts.has(s) ? 0 : -1);
  const pairs = new Set(kept.flatMap(([w]) => Array.from({ length: w.length - 1 }, (_, i) => w.slice(i, i + 2))));

  it("answers freq, prefixFreq and pairFreq as a map of the words and their beginnings does", () => {
    const probes = [...words.keys(), ...Array.from({ length: 2000 }, () => randomWord(r, 7))];
    const wrong: string[] = [];
    for (const s of probes) {
      for (let a = 0; a < s.length; a++) {
        for (let b = a + 1; b <= s.length; b++) {
          const x = s.slice(a, b);
          if (lex.prefixFreq(x) !== refPrefix(x) || lex.freq(x) !== (freqOf.get(x) ?? 0)) wrong.push(x);
          if (x.length === 2 && lex.pairFreq(x.charCodeAt(0), x.charCodeAt(1)) !== refPrefix(x)) wrong.push(x);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(starts.size).toBeGreaterThan(1000);
  });

  it("walks by character code to the same answers (step, nodeFreq)", () => {
    const wrong: string[] = [];
    for (let k = 0; k < 5000; k++) {
      const s = randomWord(r, 7);
      let node = LEX_ROOT;
      for (let i = 0; i < s.length; i++) {
        node = node < 0 ? -1 : lex.step(node, s.charCodeAt(i));
        const x = s.slice(0, i + 1);
        if (x.length >= 2 && (node < 0 ? -1 : lex.nodeFreq(node)) !== refPrefix(x)) wrong.push(x);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("knows which characters stand together inside a kept word (hasPair)", () => {
    for (const a of ALPHABET) for (const b of ALPHABET) expect(lex.hasPair(a.charCodeAt(0), b.charCodeAt(0)), a + b).toBe(pairs.has(a + b));
  });
});

describe("sorted rows of neighbours (adjacency.ts)", () => {
  it("answers as a set of the pairs, whichever row is shorter", () => {
    const r = rng(11);
    const set = new Set<number>();
    // A few characters with many neighbours, many with few.
    for (let i = 0; i < 20000; i++) {
      const a = r() < 0.3 ? 0x4e00 + Math.floor(r() * 4) : 0x4e00 + Math.floor(r() * 400);
      const b = 0x4e00 + Math.floor(r() * 400);
      set.add(((a << 16) | b) >>> 0);
    }
    // Long rows as bitsets (the default: rows over 32), every row a bitset, none.
    const tables = [new Adjacency(set), new Adjacency(set, { denseAfter: 0 }), new Adjacency(set, { denseAfter: Infinity })];
    expect(tables[1].bytes).toBeGreaterThan(tables[0].bytes);
    expect(tables[0].bytes).toBeGreaterThan(tables[2].bytes);
    for (const adj of tables) {
      let wrong = 0;
      let found = 0;
      for (let i = 0; i < 50000; i++) {
        const a = 0x4e00 + Math.floor(r() * 410);
        const b = 0x4e00 + Math.floor(r() * 410);
        const want = set.has(((a << 16) | b) >>> 0);
        if (adj.has(a, b) !== want) wrong++;
        if (want) found++;
      }
      expect(wrong).toBe(0);
      expect(found).toBeGreaterThan(1000);
    }
    // Characters at the ends of the code range, and a table with no pairs.
    const edges = new Adjacency([0x0000ffff, 0xffff0000, ...Array.from({ length: 40 }, (_, i) => ((0xffff << 16) | (0x4e00 + i)) >>> 0)]);
    expect([edges.has(0, 0xffff), edges.has(0xffff, 0), edges.has(0xffff, 0x4e27), edges.has(0xffff, 0x4e28), edges.has(0, 0)]).toEqual([true, true, true, false, false]);
    expect(new Adjacency([]).has(1, 2)).toBe(false);
  });
});

describe("the character model's changes asked together (ngram.ts deltas)", () => {
  it("equal delta one character at a time, at every position of clauses of every length", () => {
    const model = officialCharModel()!;
    const r = rng(3);
    const chars = [..."推进平安建设工作落实法治安全生产部署检查整改排查化解矛盾纠纷食品抽检"];
    for (let k = 0; k < 300; k++) {
      const n = 1 + Math.floor(r() * 12);
      const codes = Int32Array.from({ length: n }, () => chars[Math.floor(r() * chars.length)].charCodeAt(0));
      const at = Math.floor(r() * n);
      const tos = Int32Array.from({ length: 6 }, () => chars[Math.floor(r() * chars.length)].charCodeAt(0));
      const out = new Float64Array(6);
      const copy = codes.slice();
      const before = model.deltas(codes, at, tos, 5, out);
      expect(codes).toEqual(copy);
      expect(before).toBe(model.window(codes, at));
      for (let x = 0; x < 5; x++) expect(out[x]).toBe(model.delta(codes, at, tos[x]));
      expect(out[5]).toBe(0);
    }
  });

  it("reads the runs before and after the position from the counts (a small model where every order matters)", () => {
    const m = parseNgrams(encodeNgrams([[["甲", 9], ["乙", 5], ["丙", 4], ["丁", 3]], [["甲乙", 4], ["乙丙", 3], ["丙丁", 2], ["甲丙", 2]], [["甲乙丙", 3], ["乙丙丁", 2]], [["甲乙丙丁", 2]]], 21));
    const codes = Int32Array.from("甲乙丙丁甲乙", (c) => c.charCodeAt(0));
    const tos = Int32Array.from("甲乙丙丁", (c) => c.charCodeAt(0));
    for (let at = 0; at < codes.length; at++) {
      const out = new Float64Array(4);
      m.deltas(codes, at, tos, 4, out);
      for (let x = 0; x < 4; x++) expect(out[x], `${at} ${x}`).toBe(m.delta(codes, at, tos[x]));
    }
  });
});

describe("a substitution's best segmentation (scoring.ts substituteCode)", () => {
  // The reference: every word through k in the changed clause, its strings looked up one by one.
  function reference(scorer: ClauseScorer, lex: Lexicon, clause: string, k: number, ch: string) {
    const changed = clause.slice(0, k) + ch + clause.slice(k + 1);
    const pre = Array.from({ length: clause.length + 1 }, (_, i) => new ClauseScorer(clause.slice(0, i), lex).logp);
    const suf = Array.from({ length: clause.length + 1 }, (_, i) => new ClauseScorer(clause.slice(i), lex).logp);
    const prefix = (i: number) => pre[i];
    const suffix = (i: number) => suf[i];
    let best = prefix(k) + (Math.log(Math.max(1, lex.freq(ch))) - lex.logTotal) + suffix(k + 1);
    let word: { start: number; end: number; freq: number } | null = null;
    for (let a = Math.max(0, k - lex.maxWordLength + 1); a <= k; a++) {
      for (let b = k + 1; b <= Math.min(clause.length, a + lex.maxWordLength); b++) {
        if (b - a < 2) continue;
        const f = lex.freq(changed.slice(a, b));
        if (f > 0 && prefix(a) + Math.log(f) - lex.logTotal + suffix(b) > best + 1e-9) {
          best = prefix(a) + Math.log(f) - lex.logTotal + suffix(b);
          word = { start: a, end: b, freq: f };
        }
      }
    }
    return word ? { gain: best - scorer.logp, ...word } : null;
  }

  it("finds the word through the position that the strings find, in any order of positions", () => {
    const lex = jiebaLexicon();
    const r = rng(5);
    for (const clause of ["年初部署的各项工作稳步推进", "严厉打击违法犯最活动保持高压态势", "食品安全抽捡工作全面铺开"]) {
      const scorer = new ClauseScorer(clause, lex);
      for (let t = 0; t < 40; t++) {
        const k = Math.floor(r() * clause.length);
        const ch = "罪检署推作全进事"[Math.floor(r() * 8)];
        const got = scorer.substitute(k, ch);
        const want = reference(scorer, lex, clause, k, ch);
        expect(got === null, `${clause} ${k} ${ch}`).toBe(want === null);
        if (got && want) {
          expect([got.start, got.end, got.freq], `${clause} ${k} ${ch}`).toEqual([want.start, want.end, want.freq]);
          expect(got.gain).toBeCloseTo(want.gain, 9);
        }
      }
    }
  });
});

describe("the real-word rule's index of official words one character away (word-swap.ts)", () => {
  it("finds, window by window, the official words the full list finds, in its order", () => {
    const lex = jiebaLexicon();
    const sets = confusionSets(lex);
    const usage = officialUsage();
    const official = usage.words(SWAP_MIN_WORD_USES).filter(([w]) => w.length <= 4 && /^[\u3400-\u9fff]+$/.test(w));
    let several = 0;
    for (const clause of ["加强对领到干部的监督管理", "一些列措施推动经济开展", "全面推进依法治国建设法制政府", "为民办实是工作取得实效"]) {
      const scorer = new ClauseScorer(clause, lex);
      const blocked = new Uint8Array(clause.length);
      const got = wordSwaps(clause, scorer.codes, scorer.tokens, usage, sets, blocked).map((s) => `${s.index}:${s.word}:${s.newCount}`);
      // The reference: for each window of one to three tokens and each position, the list read in order.
      const want: string[] = [];
      const toks = scorer.tokens;
      for (let ti = 0; ti < toks.length; ti++) {
        for (let k = 1; ti + k <= toks.length; k++) {
          const a = toks[ti].start;
          const b = toks[ti + k - 1].end;
          if (b - a > 4) break;
          if (b - a < 2) continue;
          for (let j = a; j < b; j++) {
            for (const [w, n] of official) {
              if (w.length !== b - a || w[j - a] === clause[j]) continue;
              if ([...w].some((c, t) => t !== j - a && c !== clause[a + t])) continue;
              if (!sets.get(clause[j]).some((o) => o.ch === w[j - a])) continue;
              want.push(`${j}:${w}:${n}`);
            }
          }
        }
      }
      expect(got, clause).toEqual(want);
      expect(got.length, clause).toBeGreaterThan(0);
      // Windows with several words one character away at one position (实是 → 实施, 实事, 实时): their order is kept.
      several += got.filter((g, i) => i > 0 && g.split(":")[0] === got[i - 1].split(":")[0]).length;
    }
    expect(several).toBeGreaterThan(0);
  });
});

describe("the real-word rule asked only for the windows official prose never writes (word-swap.ts unusedOnly)", () => {
  it("gives the swaps of the full search whose text as written is unused, so acceptSwap and bestSwaps decide the same", () => {
    const lex = jiebaLexicon();
    const sets = confusionSets(lex);
    const usage = officialUsage();
    let skipped = 0;
    let accepted = 0;
    // Written clauses, and every clause of a sample report shipped with the repository.
    const sample = readFileSync(path.join(ROOT, "corpus", readdirSync(path.join(ROOT, "corpus")).filter((f) => f.endsWith(".txt")).sort()[0]), "utf8");
    const clauses = ["加强对领到干部的监督管理", "一些列措施推动经济开展", "全面推进依法治国建设法制政府", "为民办实是工作取得实效", ...(sample.match(/[\u4e00-\u9fff]{2,}/g) ?? [])];
    expect(clauses.length).toBeGreaterThan(100);
    for (const clause of clauses) {
      const scorer = new ClauseScorer(clause, lex);
      const blocked = new Uint8Array(clause.length);
      const all = wordSwaps(clause, scorer.codes, scorer.tokens, usage, sets, blocked);
      const unused = wordSwaps(clause, scorer.codes, scorer.tokens, usage, sets, blocked, true);
      expect(unused, clause).toEqual(all.filter((s) => s.oldCount === 0 && s.oldPairs === 0));
      expect(bestSwaps(unused), clause).toEqual(bestSwaps(all));
      skipped += all.length - unused.length;
      accepted += all.filter(acceptSwap).length;
    }
    // The skip leaves out swaps (of used windows), and the clauses carry swaps that are accepted.
    expect(skipped).toBeGreaterThan(0);
    expect(accepted).toBeGreaterThan(0);
  });
});

describe("the set phrases under each form with one character blanked (word-order.ts)", () => {
  it("are those of a map from each blanked form to its phrases, in the dictionary's order", () => {
    // The reference: the Map of strings the index replaced.
    const ref = new Map<string, string[]>();
    for (const [w, e] of dictionaryWords()) {
      if (w.length !== 4 || (e.tag !== "i" && e.tag !== "l") || !/^[\u4e00-\u9fff]{4}$/.test(w)) continue;
      for (let j = 0; j < 4; j++) {
        const k = `${w.slice(0, j)}?${w.slice(j + 1)}`;
        ref.set(k, [...(ref.get(k) ?? []), w]);
      }
    }
    expect(ref.size).toBeGreaterThan(10_000);
    const wrong: string[] = [];
    const r = rng(11);
    for (const [k, list] of ref) {
      const j = k.indexOf("?");
      // The blank filled with the phrase's own character, with another, and with one outside the ideographs.
      for (const fill of [list[0][j], "国", "〇"]) {
        const form = k.replace("?", fill);
        if (phrasesWithBlank(form, j).join() !== list.join()) wrong.push(form);
      }
      // A form one character away elsewhere names other phrases (or none), as the map says.
      const other = (j + 1 + Math.floor(r() * 3)) % 4;
      const near = [...k.replace("?", list[0][j])];
      near[other] = "的";
      const nk = `${near.slice(0, j).join("")}?${near.slice(j + 1).join("")}`;
      if (phrasesWithBlank(near.join(""), j).join() !== (ref.get(nk) ?? []).join()) wrong.push(near.join(""));
    }
    expect(wrong).toEqual([]);
  });
});
