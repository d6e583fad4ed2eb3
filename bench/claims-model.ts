/**
 * A decision learnt across writers, measured against the rule-read guard (refused on a figure or on
 * any strong change, server/rewrite/judge.ts):
 *
 *   npx tsx bench/claims-model.ts --calib A.jsonl --calib B.jsonl [--lambda 0.01]
 *
 * Every pair is read once (`readEvidence`: the figure guard, and the claim guard's changes as evidence,
 * server/claims/evidence.ts). Two models are fitted on our own pairs (the hand-written and colloquial
 * pairs, our clerk's notes, the sample reports' offline rewrites and planted changes) plus one
 * calibration file, and scored on the other (different writers), both directions: a logistic model over
 * the pair's features, and a noisy-or over its changes (each change a logistic vote, the pair refused
 * when any is). Slot policies (a claim merely missing, or read on a loose alignment, only flagged) are
 * scored the same way, and each file's unfaithful pairs are counted by what the guard read in them
 * (a strong change, only a weaker difference, nothing). A figure added or changed is refused in all.
 * Pair files are read, never copied; nothing is written.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TracedChange } from "../server/claims/compare-options.ts";
import { alignmentOf, changeFeatures } from "../server/claims/evidence.ts";
import { enumerate, polishOffline } from "../server/rewrite/offline.ts";
import { readEvidence, type RewriteEvidence } from "../server/rewrite/judge.ts";
import type { RewriteMode } from "../server/rewrite/types.ts";
import { COLLOQUIAL, COLLOQUIAL_UNIT } from "../test/server/claims/colloquial-pairs.ts";
import { PAIRS, UNIT } from "../test/server/claims/pairs.ts";
import { paragraphs, PLANTS, readPairsFile, type Judged } from "./claims.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

interface Example {
  set: string;
  label: 0 | 1;
  mode: RewriteMode;
  kind?: string;
  reading: RewriteEvidence;
  /** A planted change must be refused for its own kind. */
  plantedKind?: string;
}

const read = (set: string, from: string, text: string, mode: RewriteMode, label: 0 | 1, unit?: string, kind?: string): Example => ({
  set, label, mode, kind, reading: readEvidence(from, text, mode, unit ? { unit } : {}),
});

function fromJudged(set: string, j: { faithful: Judged[]; unfaithful: Judged[] }, unit: string): Example[] {
  return [
    ...j.faithful.map((x) => read(set, x.from, x.text, x.mode, 0, unit)),
    ...j.unfaithful.map((x) => read(set, x.from, x.text, x.mode, 1, unit, x.kind)),
  ];
}

/** Our own material: nothing here comes from a blind set. */
function ownExamples(): Example[] {
  const out: Example[] = [];
  for (const p of PAIRS) out.push(read("hand-written", p.before, p.after, "polish", p.changed.length ? 1 : 0, UNIT));
  for (const c of COLLOQUIAL) {
    out.push(read("colloquial", c.colloquial, c.faithful, "polish", 0, COLLOQUIAL_UNIT));
    for (const u of c.unfaithful) out.push(read("colloquial", c.colloquial, u.text, "polish", 1, COLLOQUIAL_UNIT));
  }
  out.push(...fromJudged("clerk-notes8", readPairsFile(path.join(ROOT, "test", "fixtures", "claims", "clerk-notes8.jsonl")), COLLOQUIAL_UNIT));
  for (const p of paragraphs()) {
    const polished = polishOffline(p);
    out.push(read("samples", p, polished, "polish", 0));
    out.push(read("samples", p, enumerate(polished), "enumerate", 0));
    for (const [kind, re, rep] of PLANTS) {
      if (!re.test(p)) continue;
      const changed = p.replace(re, rep);
      if (changed !== p) out.push({ ...read("planted", p, changed, "polish", 1), plantedKind: kind });
    }
  }
  return out;
}

interface PairModel {
  bias: number;
  weights: Record<string, number>;
}

/** Which features the models may use: all, or (`--no-rules`) not the rules' names, only kind, strength, alignment and direction. */
let usable = (_k: string) => true;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Refused by a pair model: a figure, or p ≥ 0.5 over the pair's features. */
const pairRefused = (m: PairModel) => (e: Example) =>
  figureRefused(e) || (e.reading.changes.length > 0 && sigmoid(Object.entries(e.reading.features).reduce((z, [k, v]) => z + (m.weights[k] ?? 0) * v, m.bias)) >= 0.5);

const figureRefused = (e: Example) => e.reading.figures.refusal.added.length > 0 || e.reading.figures.refusal.missing.length > 0;

/** L2-regularised logistic regression by full-batch gradient descent; each class weighs half in each set. */
function fit(examples: Example[], lambda: number, setWeight: (set: string) => number): PairModel {
  const train = examples.filter((e) => !figureRefused(e) && e.reading.changes.length > 0);
  const names = [...new Set(train.flatMap((e) => Object.keys(e.reading.features)))].filter(usable).sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const xs = train.map((e) => Object.entries(e.reading.features).filter(([k]) => usable(k)).map(([k, v]) => [index.get(k)!, v] as const));
  const counts = new Map<string, number>();
  for (const e of train) counts.set(`${e.set}|${e.label}`, (counts.get(`${e.set}|${e.label}`) ?? 0) + 1);
  const ws = train.map((e) => setWeight(e.set) / counts.get(`${e.set}|${e.label}`)!);
  const total = ws.reduce((a, b) => a + b, 0);
  const w = new Float64Array(names.length);
  let b = 0;
  const rate = 0.5;
  for (let it = 0; it < 4000; it++) {
    const g = new Float64Array(names.length);
    let gb = 0;
    train.forEach((e, n) => {
      let z = b;
      for (const [i, v] of xs[n]) z += w[i] * v;
      const err = (1 / (1 + Math.exp(-z)) - e.label) * ws[n];
      gb += err;
      for (const [i, v] of xs[n]) g[i] += err * v;
    });
    for (let i = 0; i < w.length; i++) w[i] -= rate * (g[i] / total + lambda * w[i]);
    b -= rate * (gb / total);
  }
  const weights: Record<string, number> = {};
  names.forEach((n, i) => Math.abs(w[i]) > 1e-3 && (weights[n] = Number(w[i].toFixed(4))));
  return { bias: b, weights };
}

/**
 * Per change: q = σ(w·x + b) that this change is a changed claim; a pair is unfaithful when any of its
 * changes is (noisy-or, p = 1 − Π(1 − q)), the shape of "refused on any strong change".
 */
function fitNoisyOr(examples: Example[], lambda: number, setWeight: (set: string) => number) {
  const train = examples.filter((e) => !figureRefused(e) && e.reading.changes.length > 0);
  const featuresOf = (e: Example) => e.reading.changes.map((c) => [...changeFeatures(c), `mode:${e.mode}`].filter(usable));
  const names = [...new Set(train.flatMap((e) => featuresOf(e).flat()))].sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const xs = train.map((e) => featuresOf(e).map((fs) => fs.map((k) => index.get(k)!)));
  const counts = new Map<string, number>();
  for (const e of train) counts.set(`${e.set}|${e.label}`, (counts.get(`${e.set}|${e.label}`) ?? 0) + 1);
  const ws = train.map((e) => setWeight(e.set) / counts.get(`${e.set}|${e.label}`)!);
  const total = ws.reduce((a, b) => a + b, 0);
  const w = new Float64Array(names.length);
  let b = -1;
  for (let it = 0; it < 4000; it++) {
    const g = new Float64Array(names.length);
    let gb = 0;
    train.forEach((e, n) => {
      const qs = xs[n].map((fs) => 1 / (1 + Math.exp(-(b + fs.reduce((z, i) => z + w[i], 0)))));
      const p = Math.min(1 - 1e-9, Math.max(1e-9, 1 - qs.reduce((r, q) => r * (1 - q), 1)));
      qs.forEach((q, c) => {
        const d = (e.label === 1 ? -((1 - p) * q) / p : q) * ws[n];
        gb += d;
        for (const i of xs[n][c]) g[i] += d;
      });
    });
    for (let i = 0; i < w.length; i++) w[i] -= 0.5 * (g[i] / total + lambda * w[i]);
    b -= 0.5 * (gb / total);
  }
  const weight = new Map(names.map((n, i) => [n, w[i]]));
  return (e: Example) => {
    if (figureRefused(e)) return true;
    const p = 1 - e.reading.changes.reduce((r, c) => r * (1 - 1 / (1 + Math.exp(-(b + [...changeFeatures(c), `mode:${e.mode}`].reduce((z, k) => z + (weight.get(k) ?? 0), 0))))), 1);
    return p >= 0.5;
  };
}

/** The rule-read guard: refused on a figure or on any strong change. */
const ruleRefused = (e: Example) => figureRefused(e) || e.reading.changes.some((c) => !c.weak);

function score(examples: Example[], refused: (e: Example) => boolean) {
  const f = examples.filter((e) => e.label === 0);
  const u = examples.filter((e) => e.label === 1);
  const byKind: Record<string, string> = {};
  for (const k of [...new Set(u.map((e) => e.kind ?? "?"))].sort()) {
    const of = u.filter((e) => (e.kind ?? "?") === k);
    byKind[k] = `${of.filter(refused).length}/${of.length}`;
  }
  const pct = (a: number, b: number) => `${a}/${b} (${b ? ((100 * a) / b).toFixed(1) : "0"}%)`;
  return { faithful: pct(f.filter((e) => !refused(e)).length, f.length), unfaithful: pct(u.filter(refused).length, u.length), byKind };
}

/** Our unfaithful pairs and planted changes a decision lets through: what must stay 0. */
const floorMisses = (own: Example[], refused: (e: Example) => boolean) => own.filter((e) => e.label === 1 && !refused(e)).length;

/** Each file's unfaithful pairs by what the guard read: a strong change (or a figure), only a weaker difference, nothing. */
function readKinds(set: Example[]): string {
  const u = set.filter((e) => e.label === 1);
  const strong = u.filter(ruleRefused).length;
  const weakOnly = u.filter((e) => !ruleRefused(e) && e.reading.changes.length > 0).length;
  return `${strong} strong, ${weakOnly} only a weaker difference, ${u.length - strong - weakOnly} nothing read (of ${u.length})`;
}

/** Slot policies: refused on a figure or on a strong change the policy keeps; the rest are flags. */
const POLICIES: Record<string, (c: TracedChange) => boolean> = {
  rules: () => true,
  "missing is a flag (names, approvals dropped)": (c) => !/^(name:dropped|approval:dropped)/.test(c.rule ?? ""),
  "loose alignment is a flag": (c) => alignmentOf(c) !== "loose",
  "both": (c) => !/^(name:dropped|approval:dropped)/.test(c.rule ?? "") && alignmentOf(c) !== "loose",
};

function policies(own: Example[], blind: Example[][], names: string[]) {
  for (const [name, keep] of Object.entries(POLICIES)) {
    const refused = (e: Example) => figureRefused(e) || e.reading.changes.some((c) => !c.weak && keep(c));
    const o = score(own, refused);
    const floorMiss = floorMisses(own, refused);
    process.stdout.write(`policy "${name}": own ${o.faithful} / ${o.unfaithful}, floor misses ${floorMiss}\n`);
    blind.forEach((set, i) => {
      const m = score(set, refused);
      process.stdout.write(`  ${names[i]}: ${m.faithful} faithful accepted, ${m.unfaithful} unfaithful refused ${JSON.stringify(m.byKind)}\n`);
    });
  }
}

function report(name: string, own: Example[], blind: Example[][], calibs: string[], fitted: number | null, refused: (e: Example) => boolean) {
  const o = score(own, refused);
  process.stdout.write(`${name}: own pairs ${o.faithful} faithful accepted, ${o.unfaithful} unfaithful refused; own unfaithful let through ${floorMisses(own, refused)}\n`);
  blind.forEach((set, j) => {
    const m = score(set, refused);
    process.stdout.write(`  ${j === fitted ? "fitted on" : fitted === null ? "scored on" : "checked on"} ${calibs[j]}: ${m.faithful} faithful accepted, ${m.unfaithful} unfaithful refused ${JSON.stringify(m.byKind)}\n`);
  });
}

function main() {
  const argv = process.argv.slice(2);
  const calibs = argv.flatMap((a, i) => (argv[i - 1] === "--calib" ? [a] : []));
  const lambda = Number(argv[argv.indexOf("--lambda") + 1]) || 0.01;
  if (argv.includes("--no-rules")) usable = (k) => !k.startsWith("rule:");
  const own = ownExamples();
  const blind = calibs.map((file) => fromJudged(path.basename(path.dirname(file)), readPairsFile(file), COLLOQUIAL_UNIT));
  process.stdout.write(`own pairs ${own.length}; lambda ${lambda}\n`);
  blind.forEach((set, i) => process.stdout.write(`${calibs[i]}: unfaithful read as ${readKinds(set)}\n`));
  report("rules (refused on any strong change)", own, blind, calibs, null, ruleRefused);
  blind.forEach((set, i) => report(`logistic over the pair, fitted with ${calibs[i]}`, own, blind, calibs, i, pairRefused(fit([...own, ...set], lambda, () => 1))));
  blind.forEach((set, i) => report(`noisy-or over the changes, fitted with ${calibs[i]}`, own, blind, calibs, i, fitNoisyOr([...own, ...set], lambda, () => 1)));
  policies(own, blind, calibs);
}

main();
