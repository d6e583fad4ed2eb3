/**
 * Facts from submissions (`npm run bench -- --only facts`): the five sample reports treated as units'
 * submissions, and three submissions written for the tests in the voices of a 公安局, a 法院 and a 司法局
 * (test/fixtures/submissions/), read through the parse pool as the route reads them. Prints
 * - the share of figure-bearing sentences whose figures all reach a candidate (target ≥ 95%);
 * - the share of candidates that are boilerplate by an independent judge: a candidate with no figure that
 *   names the framing the issue lists (a leader's 领导下, a guiding thought 为指导/精神/思想, a closing slogan
 *   新篇章/贡献/新成效), target ≤ 5%; the candidates it flags are printed to be read;
 * - the planted conflicts found among the three written submissions (target 100%), and the conflicts
 *   found among the five sample reports (different places: each one is a false alarm).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { extractSubmissions } from "../server/facts/batch.ts";
import { quantities } from "../server/facts/clauses.ts";
import type { Candidate, Extraction } from "../server/facts/types.ts";
import { ParsePool } from "../server/ingest/parse-pool.ts";
import { prepareReport } from "../server/corpus/prepare.ts";
import { splitSentences } from "../server/text/sentences.ts";
import { buildFacts, parseFactsText } from "../server/drafting/facts.ts";
import { extractFigures } from "../server/drafting/figures.ts";
import { generateDraft } from "../server/drafting/run.ts";
import { skeletonFrom } from "../server/facts/skeleton.ts";
import { loadPrompts } from "../server/llm/prompts.ts";
import { silentLogger } from "../server/log.ts";
import type { BenchOptions, BenchPart } from "./types.ts";

/**
 * Last year's summary as the skeleton: corpus/000 (2021) as last year, this year's facts written for it
 * (test/fixtures/skeleton/facts-2022.txt). How many headings carry over, how much wording is offered and
 * supported, last year's figures left unmarked in the offered wording, and last year's figures in the
 * offline draft written from the skeleton (targets 0).
 */
async function skeletonFigures(pool: ParsePool) {
  const name = "000_e0d1f4ebb38b7fad.txt";
  const { document } = await pool.prepare(name, new Uint8Array(readFileSync(path.join(SAMPLES, name))));
  const input = parseFactsText(readFileSync(path.join(ROOT, "test/fixtures/skeleton/facts-2022.txt"), "utf8"));
  const facts = await buildFacts(input);
  const sk = skeletonFrom(document, facts, input);
  const unmarked = sk.wording.reduce((n, w) => n + extractFigures(w.marked.replace(/【待更新：原“[^”]*”】/g, "")).filter((f) => f.kind !== "ordinal").length, 0);
  const draft = await generateDraft({ ...input, outline: sk.outline, options: { engine: "offline" } }, { model: null, prompts: loadPrompts(path.join(ROOT, "prompts")), logger: silentLogger }, () => {});
  const thisYear = new Set(facts.flatMap((f) => f.figures.map((g) => g.raw)));
  const body = draft.sections.map((x) => x.text).join("\n");
  const survived = [...new Set(extractFigures(document.cleanedText).filter((f) => f.kind !== "ordinal" && f.kind !== "year" && !thisYear.has(f.raw)).map((f) => f.raw))].filter((raw) => body.includes(raw));
  return { sk, unmarked, survived };
}

const ROOT = path.resolve(import.meta.dirname, "..");
const SAMPLES = path.join(ROOT, "corpus");
const WRITTEN = path.join(ROOT, "test/fixtures/submissions");

/** The conflicts planted in the written submissions: the two figures of one measure that disagree. */
const PLANTED: Array<[string, string]> = [
  ["856件", "865件"],
  ["1520件", "1502件"],
  ["421人", "412人"],
];

const JUDGE = /领导下|为指导|为指引|精神|思想|新篇章|新的更大贡献|贡献.{0,4}力量|新成效|新局面/;

function filesIn(dir: string, ext: RegExp) {
  return readdirSync(dir)
    .filter((n) => ext.test(n))
    .sort()
    .map((n) => ({ name: n, bytes: new Uint8Array(readFileSync(path.join(dir, n))) }));
}

/** Figure-bearing sentences of the files and how many have all their figures in a candidate of the same file. */
async function figureRecall(files: Array<{ name: string; bytes: Uint8Array }>, ex: Extraction) {
  let bearing = 0;
  let covered = 0;
  const missed: string[] = [];
  for (const f of files) {
    const { document } = await prepareReport(f.name, f.bytes);
    const text = document.cleanedText;
    const inHeading = (s: number, e: number) => document.structure.headings.some((h) => s < h.end && h.start < e && quantities(text.slice(Math.max(s, h.start), Math.min(e, h.end))).length > 0 && e <= h.end);
    const mine = ex.candidates.filter((c) => c.sources.some((s) => s.file === document.sourceName));
    for (const s of splitSentences(text)) {
      const sentence = text.slice(s.start, s.end);
      if (s.start < (document.structure.sections.find((x) => x.role === "title")?.end ?? 0)) continue;
      if (inHeading(s.start, s.end)) continue;
      const figs = quantities(sentence);
      if (figs.length === 0) continue;
      bearing++;
      const have = new Set(mine.filter((c) => sentence.includes(c.text) || c.sources.some((src) => src.start <= s.start && s.end <= src.end && sentence.includes(c.text.slice(0, 6)))).flatMap((c) => c.figures.map((g) => g.raw)));
      if (figs.every((g) => have.has(g.raw))) covered++;
      else missed.push(sentence.slice(0, 60));
    }
  }
  return { bearing, covered, missed };
}

function boilerplate(cands: Candidate[]): Candidate[] {
  return cands.filter((c) => c.figures.length === 0 && JUDGE.test(c.text));
}

export async function run(opts: BenchOptions): Promise<BenchPart> {
  const pool = new ParsePool({ size: 1 });
  try {
    const samples = filesIn(SAMPLES, /\.txt$/);
    const written = filesIn(WRITTEN, /\.txt$/);
    const t0 = performance.now();
    const exS = await extractSubmissions(samples, { parser: pool }, (r, d, n) => opts.log(`  ${d}/${n} ${r.file}: ${r.status} ${r.candidates ?? r.message}`));
    const exW = await extractSubmissions(written, { parser: pool }, (r, d, n) => opts.log(`  ${d}/${n} ${r.file}: ${r.status} ${r.candidates ?? r.message}`));
    const ms = performance.now() - t0;
    const recS = await figureRecall(samples, exS);
    const recW = await figureRecall(written, exW);
    const bpS = boilerplate(exS.candidates);
    const bpW = boilerplate(exW.candidates);
    for (const c of [...bpS, ...bpW]) opts.log(`  judged boilerplate: ${c.text}`);
    for (const m of [...recS.missed, ...recW.missed]) opts.log(`  figures not all extracted: ${m}`);
    const { sk, unmarked, survived } = await skeletonFigures(pool);
    const found = PLANTED.filter(([a, b]) => exW.conflicts.some((c) => c.entries.some((e) => e.raw === a) && c.entries.some((e) => e.raw === b)));
    const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : "—");
    return {
      title: "报送材料提取要点（离线，经解析进程读取）",
      rows: [
        ["范文5篇：含数字的句子", String(recS.bearing)],
        ["范文5篇：数字全部提取的句子", `${recS.covered}（${pct(recS.covered, recS.bearing)}，目标 ≥ 95%）`],
        ["范文5篇：候选要点", String(exS.candidates.length)],
        ["范文5篇：套话候选", `${bpS.length}（${pct(bpS.length, exS.candidates.length)}，目标 ≤ 5%）`],
        ["范文5篇：冲突（不同地方，均为误报）", String(exS.conflicts.length)],
        ["自撰3份：含数字的句子", String(recW.bearing)],
        ["自撰3份：数字全部提取的句子", `${recW.covered}（${pct(recW.covered, recW.bearing)}）`],
        ["自撰3份：候选要点 / 合并", `${exW.candidates.length} / ${exW.candidates.filter((c) => c.sources.length > 1).length}`],
        ["自撰3份：套话候选", `${bpW.length}（${pct(bpW.length, exW.candidates.length)}）`],
        ["自撰3份：埋设冲突找到", `${found.length}/${PLANTED.length}`],
        ["自撰3份：报出冲突总数", String(exW.conflicts.length)],
        ["底稿：去年标题沿用", `${sk.headings.carried}/${sk.headings.total}`],
        ["底稿：无今年要点、标为待补材料的小节", String(sk.needsMaterial.length)],
        ["底稿：提供的去年句子 / 有今年要点支撑 / 待核实", `${sk.wording.length} / ${sk.wording.filter((w) => w.status === "supported").length} / ${sk.wording.filter((w) => w.status === "unverified").length}`],
        ["底稿：去年句子中未标记的数字（目标 0）", String(unmarked)],
        ["底稿：初稿中残留的去年数字（目标 0）", String(survived.length)],
        ["底稿：同比推算数（待确认）", String(sk.derived.length)],
        ["读取和提取用时", `${(ms / 1000).toFixed(1)} 秒（8 份）`],
      ],
      figures: {
        samples: { bearing: recS.bearing, covered: recS.covered, candidates: exS.candidates.length, boilerplate: bpS.length, conflicts: exS.conflicts.length },
        written: { bearing: recW.bearing, covered: recW.covered, candidates: exW.candidates.length, boilerplate: bpW.length, plantedFound: found.length, planted: PLANTED.length, conflicts: exW.conflicts.length },
        skeleton: { carried: sk.headings.carried, headings: sk.headings.total, needsMaterial: sk.needsMaterial.length, offered: sk.wording.length, supported: sk.wording.filter((w) => w.status === "supported").length, unmarked, survived: survived.length, derived: sk.derived.length },
        ms,
      },
    };
  } finally {
    await pool.close();
  }
}
