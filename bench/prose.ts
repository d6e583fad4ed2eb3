/**
 * `npm run bench -- --only prose [--verbose] [--show typo,repetition]`: false alarms on professionally
 * edited official prose (shared/data/official-prose/: provincial 2026 政府工作报告, the national
 * reports, the congress reports). Every warning or error there is almost certainly false. Each file is
 * checked through the route users take (bench/route.ts: POST /api/check, the shipped samples as the
 * archive) with `year` = the year the report reviews: provincial-2026 → 2025, national-gwr YYYY.txt →
 * YYYY − 1, congress NN.txt → the year of that congress (1949 for the
 * ones before it: the route takes no earlier year). Prints warnings + errors per 10,000 characters
 * by kind and by rule, in-sample (what the official-usage lexicon was built from) and held-out (the
 * provincial-2026 files at odd positions in name order, never used to build it). `--show` prints the
 * in-sample findings only: the held-out ones are totals, so that no rule is tuned on them.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Finding } from "../server/checking/types.ts";
import { openRoute } from "./route.ts";
import type { BenchOptions, BenchPart } from "./types.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The official-prose folder in the shared data folder next to the repository (one or two levels up), or null. */
export function proseDir(): string | null {
  for (const up of ["..", path.join("..", "..")]) {
    const dir = path.join(ROOT, up, "shared", "data", "official-prose");
    if (existsSync(path.join(dir, "provincial-2026"))) return dir;
  }
  return null;
}

// The year of each CPC National Congress.
const CONGRESS_YEAR: Record<number, number> = {
  1: 1921, 2: 1922, 3: 1923, 4: 1925, 5: 1927, 6: 1928, 7: 1945, 8: 1956, 9: 1969, 10: 1973,
  11: 1977, 12: 1982, 13: 1987, 14: 1992, 15: 1997, 16: 2002, 17: 2007, 18: 2012, 19: 2017, 20: 2022,
};

export interface ProseFile {
  /** folder/name, e.g. provincial-2026/2026-北京市.txt */
  name: string;
  file: string;
  /** The year the report reviews (the `year` a writer would check it with); undefined: the route infers it. */
  year?: number;
  /** Held out of the official-usage lexicon: the provincial-2026 files at odd positions (0-based) in name order. */
  heldOut: boolean;
}

/** Every file of the official-prose folder with its review year and split. */
export function proseFiles(dir: string): ProseFile[] {
  const out: ProseFile[] = [];
  const names = (sub: string) => readdirSync(path.join(dir, sub)).filter((f) => f.endsWith(".txt")).sort();
  names("provincial-2026").forEach((f, i) => out.push({ name: `provincial-2026/${f}`, file: path.join(dir, "provincial-2026", f), year: 2025, heldOut: i % 2 === 1 }));
  for (const f of names("national-gwr")) {
    // A file not named by its year (None.txt: a resolution on a report) is checked with the year the route infers.
    const y = Number(f.slice(0, 4));
    out.push({ name: `national-gwr/${f}`, file: path.join(dir, "national-gwr", f), year: Number.isInteger(y) ? y - 1 : undefined, heldOut: false });
  }
  for (const f of names("congress")) {
    const held = CONGRESS_YEAR[Number(f.slice(0, 2))];
    // /api/check takes years from 1949 on: the congresses before it are checked as of 1949.
    const year = held && Math.max(1949, held);
    if (year) out.push({ name: `congress/${f}`, file: path.join(dir, "congress", f), year, heldOut: false });
  }
  return out;
}

/**
 * The Han runs of the official prose the shipped counts are built from (every file but the held-out ones),
 * with how many files and characters they came from (bench/build-usage.ts, bench/build-ngrams.ts).
 */
export function trainingHanRuns(): { files: number; chars: number; runs: string[] } {
  const dir = proseDir();
  if (!dir) throw new Error("shared/data/official-prose/ not found");
  const runs: string[] = [];
  let chars = 0;
  let files = 0;
  for (const f of proseFiles(dir)) {
    if (f.heldOut) continue;
    files++;
    for (const m of readFileSync(f.file, "utf8").matchAll(/[\u3400-\u4dbf\u4e00-\u9fff\u3007]+/g)) {
      runs.push(m[0]);
      chars += m[0].length;
    }
  }
  return { files, chars, runs };
}

/** A finding's rule: its message with the quoted and counted parts taken out (“…”, figures). */
export function ruleOf(f: Finding): string {
  const m = f.message
    .replace(/“[^”]*”/g, "“”")
    .replace(/《[^》]*》/g, "《》")
    .replace(/（[^）]*）/g, "")
    .replace(/\d+/g, "N");
  return `${f.kind}: ${m.split(/[：，。；]/)[0].slice(0, 24)}`;
}

const MAX_CHARS = 200_000;

export async function run(opts: BenchOptions): Promise<BenchPart> {
  const argv = process.argv.slice(2);
  const verbose = argv.includes("--verbose");
  const showAt = argv.indexOf("--show");
  const show = new Set(showAt >= 0 ? (argv[showAt + 1] ?? "").split(",") : verbose ? ["*"] : []);
  const dir = proseDir();
  if (!dir) return { title: "Official prose false alarms", rows: [["official prose", "skipped: shared/data/official-prose/ not found"]], figures: {} };
  const route = await openRoute({ archive: "samples", log: opts.log });
  const splits = { "in-sample": { chars: 0, files: 0, byKind: new Map<string, number>(), byRule: new Map<string, number>() }, "held-out": { chars: 0, files: 0, byKind: new Map<string, number>(), byRule: new Map<string, number>() } };
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const t0 = performance.now();
  try {
    for (const pf of proseFiles(dir)) {
      const text = readFileSync(pf.file, "utf8").slice(0, MAX_CHARS);
      const s = splits[pf.heldOut ? "held-out" : "in-sample"];
      s.chars += text.length;
      s.files++;
      for (const f of await route.checkText(text, pf.year)) {
        if (f.severity === "info") continue;
        bump(s.byKind, f.kind);
        bump(s.byRule, ruleOf(f));
        // Only the in-sample findings are printed: the held-out files are seen as totals, never read.
        if (!pf.heldOut && (show.has("*") || show.has(f.kind))) {
          const ctx = `${text.slice(Math.max(0, f.start - 12), f.start)}[${text.slice(f.start, f.end)}]${text.slice(f.end, f.end + 12)}`.replaceAll("\n", "⏎");
          opts.log(`  ${pf.name} (${pf.year}) ${f.kind}/${f.severity}: ${ctx}  ${f.message}`);
        }
      }
    }
  } finally {
    await route.close();
  }
  const rows: Array<[string, string]> = [];
  const figures: Record<string, unknown> = {};
  const per10k = (n: number, chars: number) => (chars ? (n / chars) * 10_000 : 0);
  for (const [label, s] of Object.entries(splits)) {
    const total = [...s.byKind.values()].reduce((a, b) => a + b, 0);
    rows.push([`${label}: warnings + errors per 10k chars`, `${per10k(total, s.chars).toFixed(2)} (${total} in ${s.chars} chars, ${s.files} files)`]);
    const kinds = [...s.byKind].sort((a, b) => b[1] - a[1]);
    for (const [k, n] of kinds) rows.push([`${label}:   kind ${k}`, `${per10k(n, s.chars).toFixed(2)} (${n})`]);
    const rules = [...s.byRule].sort((a, b) => b[1] - a[1]).slice(0, verbose ? 100 : 15);
    for (const [r, n] of rules) rows.push([`${label}:     ${r}`, `${per10k(n, s.chars).toFixed(2)} (${n})`]);
    figures[label] = { chars: s.chars, files: s.files, per10k: per10k(total, s.chars), byKind: Object.fromEntries(s.byKind), byRule: Object.fromEntries(s.byRule) };
  }
  rows.push(["time (all files, through the route)", `${((performance.now() - t0) / 1000).toFixed(1)} s`]);
  return { title: "Official prose: warnings and errors (false alarms), through POST /api/check, samples as archive", rows, figures };
}
