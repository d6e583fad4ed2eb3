/**
 * Cost bench (`npm run bench -- --only cost`): the CPU time of a cold check of a 5,000-character draft
 * made of the sample reports (every line new to the caches: each round marks every line), the typo
 * check alone and the whole check (`checkText`, every rule, no reuse index), in this process after
 * start-up. CPU time is the steadier figure on a shared machine; `--rounds N` sets the rounds (default
 * 40, 10 with --quick). For a profile: `node --import tsx --cpu-prof bench/index.ts --only cost`.
 */
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkText } from "../server/checking/check.ts";
import { checkTypos } from "../server/checking/typo/index.ts";
import { prepareReport } from "../server/corpus/prepare.ts";
import type { BenchOptions, BenchPart } from "./types.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

export async function run(opts: BenchOptions): Promise<BenchPart> {
  const dir = path.join(ROOT, "corpus");
  const files = readdirSync(dir).filter((f) => f.endsWith(".txt")).sort();
  const reports = await Promise.all(files.map((f) => prepareReport(f, readFileSync(path.join(dir, f)))));
  const base = reports.map((r) => r.document.cleanedText).join("\n").slice(0, 5000);
  const lines = base.split("\n");
  const argv = process.argv;
  const at = argv.indexOf("--rounds");
  const rounds = at >= 0 ? Number(argv[at + 1]) : opts.quick ? 10 : 40;
  const cold = (i: number) => lines.map((l) => (l ? `第${i}轮${l}` : l)).join("\n");
  await checkText(base, { year: 2025 }); // the dictionary, confusion sets, counts and caches of the rules are built on first use
  const rows: BenchPart["rows"] = [];
  const figures: Record<string, unknown> = {};
  const measure = async (label: string, key: string, offset: number, run: (t: string) => unknown) => {
    const cpu: number[] = [];
    const wall: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const text = cold(offset + i);
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      await run(text);
      const c1 = process.cpuUsage(c0);
      wall.push(performance.now() - t0);
      cpu.push((c1.user + c1.system) / 1000);
    }
    rows.push([label, `CPU p50 / p95 ${quantile(cpu, 0.5).toFixed(1)} / ${quantile(cpu, 0.95).toFixed(1)} ms (wall ${quantile(wall, 0.5).toFixed(1)} / ${quantile(wall, 0.95).toFixed(1)} ms, ${rounds} rounds)`]);
    figures[key] = { cpuP50: quantile(cpu, 0.5), cpuP95: quantile(cpu, 0.95), wallP50: quantile(wall, 0.5), wallP95: quantile(wall, 0.95) };
  };
  await measure("typo check of a 5,000-char draft, cold", "typoColdMs", 0, (t) => checkTypos(t));
  await measure("whole check (checkText, no reuse index), cold", "checkColdMs", 10_000, (t) => checkText(t, { year: 2025 }));
  rows.push(["machine load (1-minute average, 2 cores)", os.loadavg()[0].toFixed(1)]);
  return { title: "Cost of a cold check", rows, figures };
}
