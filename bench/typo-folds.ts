/**
 * `npx tsx bench/typo-folds.ts prose [--folds 5] [--show]`: the typo check's false alarms on official prose
 * the counts never saw, estimated without the held-out files. The in-sample provincial-2026 files are cut
 * into folds; for each fold the word counts (bench/build-usage.ts) and the character counts
 * (bench/build-ngrams.ts) are built from every calibration file but the fold's, and the fold's files are
 * checked with them (checkTypos, the shipped samples as the archive). The false alarms found there are of
 * the held-out kind (coinages, names the tagger does not know), so a decision can be calibrated on them
 * while the held-out files stay unseen (their warnings are never printed anywhere but as totals).
 *
 * `npx tsx bench/typo-folds.ts odw [--split train] [--show]`: the same check (samples archive, shipped counts)
 * on ECSpell's official-document split, sentence P / R and false findings, with every wrong or missed flag
 * under `--show` (the training split only: the test split's misses are never printed).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MemoryArchiveLexicon } from "../server/checking/typo/archive.ts";
import { checkTypos, typoCandidatesWithMask, typoTuning, type TypoContext } from "../server/checking/typo/index.ts";
import { parseNgrams, type CharModel } from "../server/checking/typo/ngram.ts";
import { parseOfficialUsage, replaceOfficialUsage } from "../server/lists/official-usage.ts";
import type { Finding } from "../server/checking/types.ts";
import { prepareReport } from "../server/corpus/prepare.ts";
import { countUsage, usageLines } from "./build-usage.ts";
import { ngramCounts } from "./build-ngrams.ts";
import { proseDir, proseFiles } from "./prose.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\u3007]+/g;
const argv = process.argv.slice(2);
const show = argv.includes("--show");
const opt = (name: string, dflt: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);

async function samplesArchive(): Promise<MemoryArchiveLexicon> {
  const dir = path.join(ROOT, "corpus");
  const archive = new MemoryArchiveLexicon();
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".txt")).sort()) {
    const r = await prepareReport(f, readFileSync(path.join(dir, f)));
    archive.addDocument(r.document.id, r.document.cleanedText);
  }
  return archive;
}

/** Which rule proposed a finding: the word model (word), the real-word, homophone or order rules (swap), the character rule (char), else the list. */
function ruleOf(text: string, ctx: TypoContext, f: Finding): string {
  const { candidates, swaps, chars } = typoCandidatesWithMask(text, ctx);
  if (swaps.some((s) => s.offset === f.start && s.to === f.suggestion)) return "swap";
  if (chars.some((s) => s.offset === f.start && s.to === f.suggestion)) return "char";
  if (candidates.some((s) => s.offset === f.start && s.to === f.suggestion)) return "word";
  return "list";
}

const context = (text: string, start: number, end: number) => `${text.slice(Math.max(0, start - 10), start)}[${text.slice(start, end)}]${text.slice(end, end + 10)}`.replaceAll("\n", "⏎");

async function prose(): Promise<void> {
  const dir = proseDir();
  if (!dir) throw new Error("shared/data/official-prose/ not found");
  const folds = Number(opt("--folds", "5"));
  const all = proseFiles(dir).filter((f) => !f.heldOut);
  const provincial = all.filter((f) => f.name.startsWith("provincial-2026/"));
  const archive = await samplesArchive();
  const texts = new Map(all.map((f) => [f.name, readFileSync(f.file, "utf8")]));
  let chars = 0;
  let found = 0;
  for (let k = 0; k < folds; k++) {
    const fold = provincial.filter((_, i) => i % folds === k);
    const out = new Set(fold.map((f) => f.name));
    const runs = all.filter((f) => !out.has(f.name)).flatMap((f) => [...texts.get(f.name)!.matchAll(HAN)].map((m) => m[0]));
    const { words, pairs } = countUsage(runs);
    // The shipped file's line of traditional forms is kept (it comes from the dictionary, not the prose).
    const trad = readFileSync(path.join(ROOT, "server", "lists", "official-usage.tsv"), "utf8").split("\n").find((l) => l.startsWith("#traditional\t"));
    const withTrad = parseOfficialUsage(`${trad}\n${usageLines(words, pairs, 2).lines.join("\n")}`);
    const model: CharModel = parseNgrams(ngramCounts(runs, 2).bin);
    replaceOfficialUsage(withTrad);
    const ctx: TypoContext = { archive, charModel: model };
    let foldChars = 0;
    let foldFound = 0;
    for (const f of fold) {
      const text = texts.get(f.name)!.slice(0, 200_000);
      foldChars += text.length;
      for (const x of checkTypos(text, ctx)) {
        foldFound++;
        if (show) console.log(`  ${f.name}: ${ruleOf(text, ctx, x)} ${context(text, x.start, x.end)} → ${x.suggestion}  ${x.message}`);
      }
    }
    replaceOfficialUsage(null);
    chars += foldChars;
    found += foldFound;
    console.log(`fold ${k + 1}/${folds}: ${fold.length} files, ${foldFound} typo findings in ${foldChars} chars (${((foldFound / foldChars) * 1e4).toFixed(2)} per 10k)`);
  }
  console.log(`left-files-out provincial prose: ${found} typo findings in ${chars} chars, ${((found / chars) * 1e4).toFixed(2)} per 10k`);
}

async function odw(): Promise<void> {
  const split = opt("--split", "train");
  const dirs = [path.join(ROOT, "..", "shared", "data", "ecspell-odw"), path.join(ROOT, "..", "..", "shared", "data", "ecspell-odw")];
  const dir = dirs.find((d) => existsSync(path.join(d, `odw.${split}`)));
  if (!dir) throw new Error("ecspell-odw not found");
  const pairs = readFileSync(path.join(dir, `odw.${split}`), "utf8").split("\n").filter((l) => l.trim()).map((l) => l.split("\t")).filter(([, w, c]) => w && c && w.length === c.length);
  const ctx: TypoContext = { archive: await samplesArchive() };
  const log = show && split !== "test";
  let withErrors = 0, flagged = 0, tp = 0, falseFindings = 0, correctChars = 0;
  for (const [, written, correct] of pairs) {
    const gold = new Set<number>();
    for (let i = 0; i < written.length; i++) if (written[i] !== correct[i]) gold.add(i);
    if (gold.size) withErrors++;
    const marked = new Map<number, string>();
    for (const f of checkTypos(written, ctx)) for (let i = f.start; i < f.end; i++) if (f.suggestion?.[i - f.start] && f.suggestion[i - f.start] !== written[i]) marked.set(i, f.suggestion[i - f.start]);
    const right = marked.size > 0 && gold.size > 0 && [...marked.keys()].every((i) => gold.has(i));
    if (marked.size) flagged++;
    if (right) tp++;
    if (log && marked.size && !right) console.log(`  wrong: ${[...marked].map(([i, s]) => `${written.slice(Math.max(0, i - 6), i)}[${written[i]}→${s}]${written.slice(i + 1, i + 7)}${gold.has(i) ? "(" + correct[i] + ")" : ""}`).join(" ")}`);
    if (log && !marked.size && gold.size) console.log(`  missed: ${[...gold].map((i) => `${written.slice(Math.max(0, i - 6), i)}[${written[i]}→${correct[i]}]${written.slice(i + 1, i + 7)}`).join(" ")}`);
    const onCorrect = checkTypos(correct, ctx);
    falseFindings += onCorrect.length;
    correctChars += correct.length;
    if (log) for (const f of onCorrect) console.log(`  alarm on correct: ${ruleOf(correct, ctx, f)} ${context(correct, f.start, f.end)} → ${f.suggestion}`);
  }
  console.log(`odw.${split}, checkTypos with the samples archive: P ${((tp / flagged) * 100).toFixed(1)}% R ${((tp / withErrors) * 100).toFixed(1)}% (${tp} right of ${flagged} flagged, ${withErrors} with typos), ${falseFindings} false findings on correct sentences (${((falseFindings / correctChars) * 1e4).toFixed(2)} per 10k)`);
}

/**
 * `real FILE…`: the typo labels of blind-labelled real excerpts (calibration halves only), found or missed by
 * checkTypos with the samples archive and the excerpt's year, and the typo findings that match no label.
 */
async function real(files: string[]): Promise<void> {
  const ctx0: TypoContext = { archive: await samplesArchive() };
  let labels = 0, found = 0, unlabelled = 0;
  for (const file of files) {
    for (const line of readFileSync(file, "utf8").split("\n").filter((l) => l.trim())) {
      const ex = JSON.parse(line) as { id: string; text: string; year?: number | null; split: string; errors: Array<{ quote: string; before: string; correction: string; class: string }> };
      if (ex.split !== "calib") continue;
      const fs = checkTypos(ex.text, { ...ctx0, year: ex.year ?? undefined });
      const used = new Set<Finding>();
      for (const e of ex.errors.filter((e) => e.class === "typo")) {
        labels++;
        let at = ex.text.indexOf(e.before + e.quote);
        at = at >= 0 ? at + e.before.length : ex.text.indexOf(e.quote);
        const hit = fs.find((f) => f.start < at + e.quote.length && at < f.end);
        if (hit) (found++, used.add(hit));
        console.log(`  ${hit ? "found" : "missed"} ${ex.id}: ${e.before}[${e.quote}→${e.correction}]${hit ? `  (${hit.text}→${hit.suggestion})` : ""}`);
      }
      for (const f of fs) if (!used.has(f)) (unlabelled++, console.log(`  unlabelled ${ex.id}: ${ruleOf(ex.text, { ...ctx0, year: ex.year ?? undefined }, f)} ${context(ex.text, f.start, f.end)} → ${f.suggestion}`));
    }
  }
  console.log(`real excerpts (calibration halves): typo labels found ${found} of ${labels}; ${unlabelled} typo findings match no typo label`);
}

// `--veto X`: the character model's veto margin (typoTuning.charVeto), for a study of the margin.
if (argv.includes("--veto")) typoTuning.charVeto = Number(opt("--veto", "0"));
const mode = argv[0];
if (mode === "prose") await prose();
else if (mode === "odw") await odw();
else if (mode === "real") await real(argv.slice(1).filter((a) => !a.startsWith("--")));
else console.log("usage: npx tsx bench/typo-folds.ts prose|odw|real [--folds 5] [--split train] [--show] [calib.jsonl …]");
