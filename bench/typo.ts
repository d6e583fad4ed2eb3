/**
 * Typo bench: the typo findings of POST /api/check (bench/route.ts) on ECSpell's official-document set
 * (`odw.test` by default; `--split train` for the calibration run), each sentence sent as a user
 * sends it, with two archives in the data folder: the shipped samples, and the official-prose files
 * the usage lexicon was built from (a realistic archive of about a hundred documents). `--direct`
 * adds checkTypos with no archive. Then the five sample reports, and the cost on a 5,000-character
 * draft. Figures are measured, never tuned on the test split. `--verbose` prints every false alarm;
 * `--samples-only` skips the official-prose archive.
 * (The training sentences are no stand-in archive for the test split: over half of the test
 * sentences occur verbatim in the training file, so such a figure would measure the overlap.)
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import os from "node:os";
import { checkText } from "../server/checking/check.ts";
import { MemoryArchiveLexicon } from "../server/checking/typo/archive.ts";
import { checkTypos, type TypoContext } from "../server/checking/typo/index.ts";
import { prepareReport } from "../server/corpus/prepare.ts";
import type { Finding } from "../server/checking/types.ts";
import { proseDir, proseFiles } from "./prose.ts";
import { openRoute } from "./route.ts";
import type { BenchOptions, BenchPart } from "./types.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function dataDir(): string | null {
  for (const up of ["..", path.join("..", "..")]) {
    const dir = path.join(ROOT, up, "shared", "data", "ecspell-odw");
    if (existsSync(path.join(dir, "odw.test"))) return dir;
  }
  return null;
}

interface Pair {
  wrong: number;
  written: string;
  correct: string;
}

function readSplit(dir: string, split: string): Pair[] {
  return readFileSync(path.join(dir, `odw.${split}`), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => {
      const [n, written, correct] = l.split("\t");
      return { wrong: Number(n), written, correct };
    })
    .filter((p) => p.written && p.correct && p.written.length === p.correct.length);
}

export interface SpellScores {
  sentences: number;
  withErrors: number;
  flagged: number;
  detectionP: number;
  detectionR: number;
  detectionF1: number;
  strictP: number;
  strictR: number;
  strictF1: number;
  charCorrectionP: number;
  flaggedChars: number;
  falsePer10k: number;
  correctChars: number;
}

const f1 = (p: number, r: number) => (p + r > 0 ? (2 * p * r) / (p + r) : 0);

/** The typo findings of one sentence: through the route (bench/route.ts), or checkTypos directly. */
export type TypoChecker = (text: string) => Promise<Finding[]> | Finding[];

/** Sentence-level detection (a flagged sentence counts when every flagged character is wrong; strict: exactly the wrong ones) and character-level correction precision. */
export async function scoreSplit(pairs: Pair[], check: TypoChecker | TypoContext, log?: (l: string) => void): Promise<SpellScores> {
  const typos = typeof check === "function" ? check : (t: string) => checkTypos(t, check);
  let flagged = 0, tp = 0, strictTp = 0, flaggedChars = 0, rightChars = 0, falseFindings = 0, correctChars = 0;
  const withErrors = pairs.filter((p) => p.written !== p.correct).length;
  for (const p of pairs) {
    const gold = new Set<number>();
    for (let i = 0; i < p.written.length; i++) if (p.written[i] !== p.correct[i]) gold.add(i);
    const marked = new Map<number, string>();
    for (const f of await typos(p.written)) {
      for (let i = f.start; i < f.end; i++) {
        const s = f.suggestion?.[i - f.start];
        if (s !== undefined && s !== p.written[i]) marked.set(i, s);
      }
    }
    if (marked.size > 0) {
      flagged++;
      const allWrong = [...marked.keys()].every((i) => gold.has(i));
      if (allWrong && gold.size > 0) tp++;
      if (allWrong && marked.size === gold.size && gold.size > 0) strictTp++;
      for (const [i, s] of marked) {
        flaggedChars++;
        if (p.correct[i] === s && gold.has(i)) rightChars++;
        else log?.(`  ${gold.has(i) ? "wrong fix" : "false"}: ${p.written.slice(Math.max(0, i - 8), i)}[${p.written[i]}→${s}]${p.written.slice(i + 1, i + 9)}`);
      }
    }
    const onCorrect = await typos(p.correct);
    falseFindings += onCorrect.length;
    correctChars += p.correct.length;
    for (const f of onCorrect) log?.(`  alarm on correct text: ${p.correct.slice(Math.max(0, f.start - 8), f.start)}[${f.text}→${f.suggestion}]${p.correct.slice(f.end, f.end + 8)}`);
  }
  const detectionP = flagged ? tp / flagged : 0;
  const detectionR = withErrors ? tp / withErrors : 0;
  const strictP = flagged ? strictTp / flagged : 0;
  const strictR = withErrors ? strictTp / withErrors : 0;
  return {
    sentences: pairs.length,
    withErrors,
    flagged,
    detectionP,
    detectionR,
    detectionF1: f1(detectionP, detectionR),
    strictP,
    strictR,
    strictF1: f1(strictP, strictR),
    charCorrectionP: flaggedChars ? rightChars / flaggedChars : 0,
    flaggedChars,
    falsePer10k: correctChars ? (falseFindings / correctChars) * 10_000 : 0,
    correctChars,
  };
}

/** A finding in its line, newlines shown as ⏎ so each finding is one log line. */
const context = (text: string, start: number, end: number) =>
  `${text.slice(Math.max(0, start - 10), start)}[${text.slice(start, end)}]${text.slice(end, end + 10)}`.replaceAll("\n", "⏎");

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

function scoreRows(label: string, s: SpellScores): Array<[string, string]> {
  return [
    [`${label}: sentence detection P / R / F1`, `${pct(s.detectionP)} / ${pct(s.detectionR)} / ${pct(s.detectionF1)} (${s.flagged} flagged of ${s.sentences}, ${s.withErrors} with typos)`],
    [`${label}: strict (exactly the wrong characters) P / R / F1`, `${pct(s.strictP)} / ${pct(s.strictR)} / ${pct(s.strictF1)}`],
    [`${label}: character correction precision`, `${pct(s.charCorrectionP)} of ${s.flaggedChars} flagged characters`],
    [`${label}: typo findings per 10k chars of correct text`, `${s.falsePer10k.toFixed(2)} (${s.correctChars} chars)`],
  ];
}

export async function run(opts: BenchOptions): Promise<BenchPart> {
  const argv = process.argv.slice(2);
  const at = argv.indexOf("--split");
  const split = at >= 0 ? argv[at + 1] : "test";
  const verbose = argv.includes("--verbose");
  const rows: Array<[string, string]> = [];
  const figures: Record<string, unknown> = {};
  const dir = dataDir();
  const log = verbose ? opts.log : undefined;
  if (!dir) {
    opts.log("typo: ECSpell data not found (shared/data/ecspell-odw/): skipping the ECSpell figures");
    rows.push(["ECSpell odw", "skipped: shared/data/ecspell-odw/ not found"]);
  } else {
    const pairs = readSplit(dir, split);
    // The path users take: each sentence through POST /api/check, with an archive in the data folder.
    const prose = proseDir();
    const archives: Array<[string, "samples" | string[]]> = [["samples archive", "samples"]];
    // `--samples-only`: the shipped samples' archive alone (half the time on a shared machine).
    if (prose && !argv.includes("--samples-only")) archives.push(["official-prose archive (83 calibration files)", proseFiles(prose).filter((f) => !f.heldOut).map((f) => f.file)]);
    else opts.log("typo: shared/data/official-prose/ not found: only the samples archive");
    for (const [label, archive] of archives) {
      const route = await openRoute({ archive, log: opts.log });
      try {
        const scores = await scoreSplit(pairs, async (t) => (await route.checkText(t)).filter((f) => f.kind === "typo"), log);
        rows.push(...scoreRows(`odw.${split}, route, ${label} (${route.documents} docs)`, scores));
        figures[`${split}:${label}`] = scores;
      } finally {
        await route.close();
      }
    }
    if (argv.includes("--direct")) {
      const plain = await scoreSplit(pairs, {}, log);
      rows.push(...scoreRows(`odw.${split}, checkTypos with no archive (not a user path)`, plain));
      figures[`${split}:direct`] = plain;
    }
  }

  // The five sample reports are real third-party text: a finding there is most likely a false alarm.
  const corpusDir = path.join(ROOT, "corpus");
  const files = readdirSync(corpusDir).filter((f) => f.endsWith(".txt")).sort();
  const reports = await Promise.all(files.map((f) => prepareReport(f, readFileSync(path.join(corpusDir, f)))));
  let sampleChars = 0, sampleFindings = 0, looFindings = 0;
  for (const r of reports) {
    const text = r.document.cleanedText;
    sampleChars += text.length;
    const found = checkTypos(text);
    sampleFindings += found.length;
    for (const f of found) opts.log(`  sample ${r.document.sourceName}: ${context(text, f.start, f.end)} → ${f.suggestion}  (${f.message})`);
    // The office's archive holds its other reports: here, the four other samples.
    const archive = new MemoryArchiveLexicon();
    for (const o of reports) if (o !== r) archive.addDocument(o.document.id, o.document.cleanedText);
    const withArchive = checkTypos(text, { archive });
    looFindings += withArchive.length;
    for (const f of withArchive) opts.log(`  sample ${r.document.sourceName}, other four as archive: ${context(text, f.start, f.end)} → ${f.suggestion}`);
  }
  rows.push(["five sample reports: typo findings per 10k chars", `${((sampleFindings / sampleChars) * 10_000).toFixed(2)} (${sampleFindings} in ${sampleChars} chars)`]);
  rows.push(["same, the other four samples as the archive", `${((looFindings / sampleChars) * 10_000).toFixed(2)} (${looFindings})`]);
  figures.samplesPer10k = (sampleFindings / sampleChars) * 10_000;
  figures.samplesWithArchivePer10k = (looFindings / sampleChars) * 10_000;

  // Cost on a 5,000-character draft made of the sample reports' text, in this process (CPU time is the
  // steadier figure on a shared machine). Cold: every line new to the line cache (each round marks every
  // line); edit: one paragraph changed since the last check, as when a writer re-checks after an edit.
  const base = reports.map((r) => r.document.cleanedText).join("\n").slice(0, 5000);
  const lines = base.split("\n");
  checkTypos(base); // the dictionary, confusion sets and usage counts are built on first use
  const rounds = opts.quick ? 10 : 30;
  const measure = (label: string, key: string, make: (i: number) => string, run: (t: string) => unknown) => {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const text = make(i);
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      run(text);
      const c1 = process.cpuUsage(c0);
      wall.push(performance.now() - t0);
      cpu.push((c1.user + c1.system) / 1000);
    }
    rows.push([label, `CPU p50 / p95 ${quantile(cpu, 0.5).toFixed(1)} / ${quantile(cpu, 0.95).toFixed(1)} ms (wall ${quantile(wall, 0.5).toFixed(1)} / ${quantile(wall, 0.95).toFixed(1)} ms)`]);
    figures[key] = { cpuP50: quantile(cpu, 0.5), cpuP95: quantile(cpu, 0.95), wallP50: quantile(wall, 0.5), wallP95: quantile(wall, 0.95) };
  };
  const cold = (i: number) => lines.map((l) => (l ? `第${i}轮${l}` : l)).join("\n");
  const edited = (i: number) => lines.map((l, k) => (k === i % lines.length && l ? `${l}此段已修改第${i}次` : l)).join("\n");
  measure("typo check of a 5,000-char draft, cold", "typoColdMs", cold, (t) => checkTypos(t));
  measure("typo check, re-check after one paragraph changed", "typoEditMs", edited, (t) => checkTypos(t));
  // What the character rule and its veto cost (the line cache is per context guards, so these lines are cold too).
  measure("typo check cold without the character rule (char-rule.ts)", "typoColdNoCharMs", (i) => cold(i + 500), (t) => checkTypos(t, { guards: { charRule: false } }));
  measure("whole check (checkText, all rules, no reuse index), cold", "checkColdMs", (i) => cold(i + 1000), (t) => checkText(t, { year: 2025 }));
  measure("whole check, re-check after one paragraph changed", "checkEditMs", (i) => edited(i + 1000), (t) => checkText(t, { year: 2025 }));
  rows.push(["machine load (1-minute average, 2 cores)", os.loadavg()[0].toFixed(1)]);
  return { title: `Typo check (错别字), ECSpell odw.${split}`, rows, figures };
}
