/**
 * Checking bench: time to check a 5,000-character draft against synthetic archives of 1k, 10k and
 * 100k chunks (target ≤ 300 ms at 100k), and precision/recall of the checker on the planted fixtures
 * and on passages copied into a fresh draft; held out, errors injected into a repaired real report
 * (among them 汉字 statistics in a report that writes its statistics in Arabic).
 *
 * Archives are synthesised from the five sample reports: each chunk recombines 2–4 real paragraphs
 * (sentence order shuffled) with every figure replaced, 20 chunks to a document — so the archive has
 * the samples' wording at realistic density and stock phrases in thousands of documents.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkRules, checkText } from "../server/checking/check.ts";
import { loadStockPhrases } from "../server/lists/stock-phrases.ts";
import { loadRegistry } from "../server/lists/registry.ts";
import { chineseInteger } from "../server/text/numerals.ts";
import { fixPunctuation } from "../server/numbers/index.ts";
import { openReuseIndex, type FingerprintIndex } from "../server/checking/reuse-index.ts";
import { fingerprintDocument } from "../server/checking/reuse-entry.ts";
import { sentenceSpans } from "../server/text/sentences.ts";
import { prepareReport } from "../server/corpus/prepare.ts";
import type { Chunk } from "../server/corpus/types.ts";
import { silentLogger } from "../server/log.ts";
import { loadPlanted, PLANTED_KINDS, scorePlanted } from "../test/fixtures/check/planted.ts";
import type { BenchOptions, BenchPart } from "./types.ts";
import { rng } from "./rng.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CHUNKS_PER_DOC = 20;


const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function samples() {
  const dir = path.join(ROOT, "corpus");
  const files = readdirSync(dir).filter((f) => f.endsWith(".txt")).sort();
  const reports = await Promise.all(files.map((f) => prepareReport(f, readFileSync(path.join(dir, f)))));
  const paragraphs = reports.flatMap((r) => r.document.cleanedText.split("\n").map((l) => l.trim()).filter((l) => l.length >= 40));
  return { reports, paragraphs };
}

function vary(text: string, rand: () => number): string {
  return text.replace(/\d+/g, (m) => String(Math.max(1, Math.round(Number(m) * (0.5 + rand()) + rand() * 9))));
}

function shuffleSentences(p: string, rand: () => number): string {
  const s = sentenceSpans(p).map((x) => x.text);
  for (let i = s.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [s[i], s[j]] = [s[j], s[i]];
  }
  return s.join("");
}

export async function buildArchive(chunks: number, paragraphs: string[], seed: number): Promise<{ index: FingerprintIndex; buildMs: number; chars: number }> {
  const rand = rng(seed);
  const index = await openReuseIndex({ dataDir: null, logger: silentLogger });
  const t0 = performance.now();
  let chars = 0;
  const entries = [];
  for (let d = 0; d * CHUNKS_PER_DOC < chunks; d++) {
    const docId = `syn_${seed}_${d}`;
    const parts: string[] = [];
    const chunkList: Chunk[] = [];
    let at = 0;
    for (let c = 0; c < CHUNKS_PER_DOC && d * CHUNKS_PER_DOC + c < chunks; c++) {
      const n = 2 + Math.floor(rand() * 3);
      const body = Array.from({ length: n }, () => shuffleSentences(vary(paragraphs[Math.floor(rand() * paragraphs.length)], rand), rand)).join("");
      chunkList.push({ id: `${docId}:${c}`, docId, seq: c, title: `合成范文${d}`, year: 2020 + (d % 6), headingPath: [`（${c + 1}）`], role: "work", tags: [], text: body, start: at, end: at + body.length });
      parts.push(body);
      at += body.length + 1;
    }
    const cleanedText = parts.join("\n");
    chars += cleanedText.length;
    entries.push(fingerprintDocument({ id: docId, title: `合成范文${d}`, contentHash: docId, cleanedText, chunks: chunkList }));
  }
  index.addFingerprinted(entries);
  index.match("预热"); // builds the sorted arrays
  return { index, buildMs: performance.now() - t0, chars };
}

/** A 5,000-character draft: shuffled, figure-varied sample paragraphs with a few planted problems. */
export function draft(paragraphs: string[], seed: number): string {
  const rand = rng(seed);
  const out: string[] = ["某区委政法委2025年工作总结"];
  let len = 0;
  while (len < 5000) {
    const p = shuffleSentences(vary(paragraphs[Math.floor(rand() * paragraphs.length)], rand), rand);
    out.push(p);
    len += p.length;
  }
  out.splice(3, 0, "全年排查矛盾纠纷6200件，调解成功6150件，成功率98.2%。组织培训XX人次，扎实开展扫黑除恶专项斗争。");
  return out.join("\n").slice(0, 5000);
}

/** Reuse recall: copied passages of 40–120 characters from archive documents found with the right source. */
function reuseRecall(index: FingerprintIndex, reports: Awaited<ReturnType<typeof samples>>["reports"], seed: number) {
  const rand = rng(seed);
  let found = 0;
  let total = 0;
  let falseSpecific = 0;
  for (let i = 0; i < 40; i++) {
    const r = reports[i % reports.length];
    const t = r.document.cleanedText;
    const len = 40 + Math.floor(rand() * 80);
    const start = Math.floor(rand() * (t.length - len));
    const passage = t.slice(start, start + len);
    if (passage.replace(/\s/g, "").length < 30) continue;
    total++;
    const text = `一年来，我们坚持围绕中心工作，认真履行各项职责。${passage}这些做法取得了积极成效。`;
    const m = index.match(text);
    const hits = m.reuse.filter((f) => f.source?.docId === r.document.id && (f.stock || f.end - f.start >= 13));
    if (hits.length > 0) found++;
    falseSpecific += m.reuse.filter((f) => !f.stock && f.source?.docId !== r.document.id).length;
  }
  return { total, found, recall: total ? found / total : 1, falseSpecific };
}

/**
 * Held-out evaluation: errors injected at random places into a cleaned-up real report (sample 002,
 * a 2025 summary, with its half-width punctuation and XX blanks repaired first). Recall counts the
 * injected spans found at their exact offsets; precision counts findings of that kind anywhere.
 */
function injected(base: string, seed: number) {
  const rand = rng(seed);
  const kinds = ["placeholder", "punctuation", "repetition", "arithmetic", "outdated", "numbering", "number"] as const;
  const score: Record<string, { planted: number; found: number; tp: number }> = {};
  for (const k of kinds) score[k] = { planted: 0, found: 0, tp: 0 };
  for (let round = 0; round < 20; round++) {
    let text = base;
    const spans: Array<{ kind: string; start: number; end: number }> = [];
    const insertAt = (pos: number, ins: string, rel: number, len: number, kind: string) => {
      for (const sp of spans) if (sp.start >= pos) { sp.start += ins.length; sp.end += ins.length; }
      text = text.slice(0, pos) + ins + text.slice(pos);
      spans.push({ kind, start: pos + rel, end: pos + rel + len });
    };
    const replaceAt = (pos: number, len: number, rep: string, kind: string) => {
      const d = rep.length - len;
      for (const sp of spans) if (sp.start > pos) { sp.start += d; sp.end += d; }
      text = text.slice(0, pos) + rep + text.slice(pos + len);
      spans.push({ kind, start: pos, end: pos + rep.length });
    };
    const sentenceEnds = () => [...text.matchAll(/。(?!”)/g)].map((m) => m.index! + 1);
    const pick = <T,>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
    const free = (a: number, b: number) => spans.every((sp) => b <= sp.start - 2 || a >= sp.end + 2);
    for (let i = 0; i < 2; i++) {
      // placeholder: a figure replaced by XX
      const nums = [...text.matchAll(/(?<![\d.])\d{2,4}(?=[件人次个场名起项家])/g)].filter((m) => free(m.index!, m.index! + m[0].length));
      if (nums.length) { const m = pick(nums); replaceAt(m.index!, m[0].length, "XX", "placeholder"); }
      // punctuation: a full-width comma made half-width
      const commas = [...text.matchAll(/(?<=\p{Script=Han})，(?=\p{Script=Han})/gu)].filter((m) => free(m.index!, m.index! + 1));
      if (commas.length) { const m = pick(commas); replaceAt(m.index!, 1, ",", "punctuation"); }
      // repetition: 的 doubled
      const des = [...text.matchAll(/(?<=\p{Script=Han})的(?=\p{Script=Han})/gu)].filter((m) => free(m.index! - 1, m.index! + 2));
      if (des.length) { const m = pick(des); replaceAt(m.index!, 1, "的的", "repetition"); }
      // number: one Arabic statistic written in 汉字 in a report that writes them in Arabic (the
      // finding spans the figure with its unit; no 近/约 before it, no 余/左右/社区 after, which it would take in)
      const counts = [...text.matchAll(/(?<![\d.,，近约超逾])(\d{2,4})(人次|件次|户次|件|人|名|起|户|家|个|次|场|项|条|处|所|万元)(?![余多左以\d]|社区|乡镇)/g)]
        .filter((m) => free(m.index!, m.index! + m[0].length));
      if (counts.length) {
        const m = pick(counts);
        replaceAt(m.index!, m[0].length, chineseInteger(Number(m[1]))! + m[2], "number");
      }
    }
    {
      // One of each inserted sentence per round: two copies would (rightly) be a repetition.
      // arithmetic: a wrong rate after two counts
      const a = 200 + Math.floor(rand() * 800);
      const b = Math.floor(a * (0.5 + rand() * 0.4));
      const wrong = ((b / a) * 100 + 3 + rand() * 5).toFixed(1) + "%";
      const pre = `受理信访事项${a}件，按期办结${b}件，办结率`;
      insertAt(pick(sentenceEnds().filter((e) => free(e, e))), pre + wrong + "。", pre.length, wrong.length, "arithmetic");
      // outdated: an old congress as guidance
      const old = "深入学习贯彻党的十九大精神。";
      insertAt(pick(sentenceEnds().filter((e) => free(e, e))), old, 6, 5, "outdated");
      // numbering: a gap in 一是/二是/三是
      const run = "一是加强统筹调度。三是强化督导问效。";
      const ends = sentenceEnds().filter((e) => free(e, e) && text[e] === "\n");
      if (ends.length) insertAt(pick(ends) + 1, run + "\n", 9, 2, "numbering");
    }
    const found = checkRulesOnly(text);
    for (const k of kinds) {
      const mine = found.filter((f) => f.kind === k);
      const planted = spans.filter((s) => s.kind === k);
      score[k].planted += planted.length;
      score[k].found += mine.length;
      score[k].tp += planted.filter((s) => mine.some((f) => f.start === s.start && f.end === s.end)).length;
    }
  }
  return score;
}

/**
 * Findings per 10,000 characters on the five sample reports, by kind and severity: each sample is
 * checked as a draft against an archive of the other four (its own copy excluded), as a writer would
 * check a report against the office's archive. The samples are real reports, so these are mostly what
 * a proofreader would call noise on ordinary text.
 */
export async function samplesPer10k(reports: Awaited<ReturnType<typeof samples>>["reports"]) {
  const index = await openReuseIndex({ dataDir: null, logger: silentLogger });
  for (const r of reports) await index.addDocument({ ...r.document, chunks: r.chunks });
  const counts: Record<string, number> = {};
  let chars = 0;
  for (const r of reports) {
    const text = r.document.cleanedText;
    chars += text.length;
    const res = await checkText(text, { reuse: index, excludeDocIds: [r.document.id] });
    for (const f of res.findings) {
      const key = `${f.kind}/${f.severity}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
  }
  const per10k = (n: number) => Math.round((n / chars) * 1e5) / 10;
  const byKey = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => [k, { count: n, per10k: per10k(n) }]));
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const alarms = Object.entries(counts).filter(([k]) => !k.endsWith("/info")).reduce((a, [, n]) => a + n, 0);
  return { chars, total, per10k: per10k(total), warningsAndErrorsPer10k: per10k(alarms), byKey };
}

function checkRulesOnly(text: string) {
  return checkRules(text, { year: 2025, registry: loadRegistry() }, loadStockPhrases());
}

export async function run(opts: BenchOptions): Promise<BenchPart> {
  const { reports, paragraphs } = await samples();
  const rows: Array<[string, string]> = [];
  const figures: Record<string, unknown> = {};

  // Planted fixtures: precision/recall per kind (exact offsets).
  let tp = 0;
  let found = 0;
  let planted = 0;
  let hit = 0;
  for (const kind of PLANTED_KINDS) {
    const p = loadPlanted(kind);
    const r = await checkText(p.text);
    const s = scorePlanted(p, r.findings);
    tp += s.truePositives;
    found += s.found;
    planted += s.planted;
    hit += Math.round(s.recall * s.planted);
    figures[`planted_${kind}`] = s;
    rows.push([`planted ${kind}`, `P ${(s.precision * 100).toFixed(0)}%  R ${(s.recall * 100).toFixed(0)}%  (${s.truePositives}/${s.found} found, ${s.planted} planted)`]);
  }
  figures.planted_precision = found ? tp / found : 1;
  figures.planted_recall = planted ? hit / planted : 1;
  rows.push(["planted overall", `P ${((figures.planted_precision as number) * 100).toFixed(1)}%  R ${((figures.planted_recall as number) * 100).toFixed(1)}%`]);

  // Held-out: errors injected into a repaired real report.
  const base = fixPunctuation(reports.find((r) => r.document.year === 2025)!.document.cleanedText).replace(/XX|xx/g, "某");
  const inj = injected(base, 11);
  figures.injected = inj;
  let iTp = 0, iFound = 0, iPlanted = 0;
  for (const [k, v] of Object.entries(inj)) {
    iTp += v.tp; iFound += v.found; iPlanted += v.planted;
    rows.push([`injected ${k}`, `P ${(v.found ? (v.tp / v.found) * 100 : 100).toFixed(0)}%  R ${(v.planted ? (v.tp / v.planted) * 100 : 100).toFixed(0)}%  (${v.tp} of ${v.planted} injected found, ${v.found} findings)`]);
  }
  rows.push(["injected overall", `P ${((iTp / Math.max(1, iFound)) * 100).toFixed(1)}%  R ${((iTp / Math.max(1, iPlanted)) * 100).toFixed(1)}%`]);

  // Findings per 10k characters on the samples, by kind and severity.
  const dens = await samplesPer10k(reports);
  figures.samples_per10k = dens;
  rows.push(["samples: findings per 10k chars", `${dens.per10k} (${dens.total} in ${dens.chars.toLocaleString("en")} chars; warnings+errors ${dens.warningsAndErrorsPer10k})`]);
  for (const [k, v] of Object.entries(dens.byKey)) rows.push([`  ${k}`, `${v.per10k} per 10k (${v.count})`]);

  // Reuse recall against the real samples.
  const real = await openReuseIndex({ dataDir: null, logger: silentLogger });
  for (const r of reports) await real.addDocument({ ...r.document, chunks: r.chunks });
  const rr = reuseRecall(real, reports, 7);
  figures.reuse_copied = rr;
  rows.push(["reuse: copied passages found", `${rr.found}/${rr.total} (${(rr.recall * 100).toFixed(0)}%), other-source specific hits ${rr.falseSpecific}`]);

  // Check time against synthetic archives.
  const text = draft(paragraphs, 42);
  const sizes = opts.quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
  for (const n of sizes) {
    opts.log(`building a synthetic archive of ${n} chunks …`);
    const { index, buildMs, chars } = await buildArchive(n, paragraphs, n);
    await checkText(text, { reuse: index }); // warm-up (segmenter, registry)
    const times: number[] = [];
    let last = null as Awaited<ReturnType<typeof checkText>> | null;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      last = await checkText(text, { reuse: index });
      times.push(performance.now() - t0);
    }
    const ms = median(times);
    const st = index.stats();
    figures[`archive_${n}`] = { chunks: n, documents: st.documents, fingerprints: st.fingerprints, chars, buildMs: Math.round(buildMs), checkMsMedian: Math.round(ms * 10) / 10, findings: last?.stats };
    rows.push([`check 5,000 chars vs ${n.toLocaleString("en")} chunks`, `${ms.toFixed(1)} ms median of 5 (${st.fingerprints.toLocaleString("en")} fingerprints, index built in ${(buildMs / 1000).toFixed(1)} s)${n === 100_000 ? (ms <= 300 ? "  ✓ ≤ 300 ms" : "  ✗ > 300 ms") : ""}`]);
  }
  return { title: "Checking: speed against archive size, precision/recall on planted errors", rows, figures };
}
