/**
 * `npm run bench -- --only realset --realset FILE [--verbose]`: the checker on real excerpts labelled blind by a
 * proofreader before the checker ran on them (a JSON-lines file kept outside the repository: id, text, year,
 * split calib|test, errors [{quote, before, correction, class}]). Each excerpt goes through the route users take
 * (bench/route.ts: POST /api/check with the shipped samples as the archive). Prints recall per class and the
 * findings that match no label, for the calibration and the test half separately: tune on calib, report both.
 */
import { existsSync, readFileSync } from "node:fs";
import { openRoute } from "./route.ts";
import { emptyScore, ExcerptSchema, pct, scoreExcerpt, type SplitScore } from "./realset-score.ts";
import type { BenchOptions, BenchPart } from "./types.ts";

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export async function run(opts: BenchOptions): Promise<BenchPart> {
  const file = argValue("--realset") ?? process.env.ZONGJIE_REALSET;
  if (!file || !existsSync(file)) {
    return { title: "Real excerpts labelled blind", rows: [["skipped", "no labelled set (--realset FILE)"]], figures: {} };
  }
  const verbose = process.argv.includes("--verbose");
  const excerpts = readFileSync(file, "utf8").split("\n").filter((l) => l.trim()).map((l) => ExcerptSchema.parse(JSON.parse(l)));
  const route = await openRoute({ archive: "samples", log: opts.log });
  const scores: Record<string, SplitScore> = { calib: emptyScore(), test: emptyScore() };
  try {
    for (const ex of excerpts) {
      const findings = await route.checkText(ex.text, ex.year ?? undefined);
      scoreExcerpt(scores[ex.split], ex, findings);
    }
  } finally {
    await route.close();
  }
  const rows: Array<[string, string]> = [];
  const figures: Record<string, unknown> = {};
  for (const [split, s] of Object.entries(scores)) {
    const per10k = (n: number) => ((n / s.chars) * 10_000).toFixed(1);
    rows.push([`${split}: excerpts / characters`, `${s.excerpts} / ${s.chars}`]);
    rows.push([`${split}: labels found (recall)`, `${s.found} of ${s.labels} = ${pct(s.found, s.labels)}`]);
    rows.push([`${split}: findings matching a label (precision)`, `${s.matched} of ${s.findings} = ${pct(s.matched, s.findings)}`]);
    rows.push([`${split}: unlabelled findings per 10k`, per10k(s.unlabelled.length)]);
    for (const [cls, t] of Object.entries(s.byClass).sort((a, b) => b[1].labels - a[1].labels)) {
      rows.push([`${split}:   ${cls}`, `${t.found} of ${t.labels} (${pct(t.found, t.labels)})`]);
    }
    figures[split] = {
      recall: s.labels ? s.found / s.labels : null,
      precision: s.findings ? s.matched / s.findings : null,
      labels: s.labels,
      findings: s.findings,
      unlabelledPer10k: s.chars ? (s.unlabelled.length / s.chars) * 10_000 : null,
      byClass: s.byClass,
    };
    if (verbose) {
      for (const u of s.unlabelled) opts.log(`  ${split} unlabelled ${u.id} [${u.finding.kind}/${u.finding.severity}] 「${u.finding.text}」 ${u.finding.message}`);
      for (const m of s.missed) opts.log(`  ${split} missed ${m.id} [${m.label.class}] 「${m.label.quote}」→「${m.label.correction}」`);
    }
  }
  return { title: "Real excerpts labelled blind (POST /api/check, samples archive)", rows, figures };
}
