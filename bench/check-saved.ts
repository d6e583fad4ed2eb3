/**
 * `npx tsx bench/check-saved.ts --passages N --dir DIR [--rounds R] [--prof]` (not part of CI): the
 * check's archive evidence of the `--scale N --check` bench, built once and saved in DIR (the typo
 * table as archive.bin, the fingerprints' shared table as base.bin, as a server saves them), then read
 * back on later runs, so the check at 1M can be timed and profiled again without the build (25 minutes
 * at this machine's load). Times a 5,000-character check with the evidence and without, alternated on
 * the same drafts, wall clock and the process's CPU time, and the reuse and stale match alone; prints a
 * digest of the findings (for comparing two trees on the same saved archive). `--only evidence` (or
 * bare, or match) times that setting alone, e.g. under `node --cpu-prof --import tsx`.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkText } from "../server/checking/check.ts";
import { FingerprintIndex } from "../server/checking/reuse-index.ts";
import { MemoryArchiveLexicon } from "../server/checking/typo/archive.ts";
import { archiveTableFile, reuseBaseFile } from "../server/derived.ts";
import { silentLogger } from "../server/log.ts";
import { synthesize } from "./retrieval.ts";
import { rng } from "./rng.ts";
import { gc, samplePool } from "./scale.ts";
import { buildCheckArchive } from "./scale-check.ts";

const arg = (name: string, dflt?: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : dflt;
};
const passages = Number(arg("--passages", "100000"));
const dir = path.resolve(arg("--dir", path.join(os.tmpdir(), `zongjie-check-${passages}`))!);
const rounds = Number(arg("--rounds", "10"));
/** Time one setting alone (`--only evidence|bare|match`), e.g. to profile it. */
const only = arg("--only");
const log = (l: string) => console.error(`[${new Date().toISOString().slice(11, 19)} load ${os.loadavg()[0].toFixed(1)}] ${l}`);

const archive = new MemoryArchiveLexicon({ file: archiveTableFile(dir) });
let reuse = new FingerprintIndex(null, silentLogger);
const draftFile = path.join(dir, "draft.txt");
if (!existsSync(path.join(dir, "reuse", "base.bin")) || !existsSync(draftFile)) {
  mkdirSync(path.join(dir, "reuse"), { recursive: true });
  const pool = await samplePool(path.resolve(import.meta.dirname, "..", "corpus"));
  let doc = 0;
  const t = performance.now();
  const built = buildCheckArchive({
    passages, log, gc, reuse: true,
    reports: (count) => {
      const r = synthesize(pool, doc, count, 500 + doc);
      doc += r.length;
      return r;
    },
  }, archive);
  await archive.saved();
  await reuseBaseFile(dir).write(built.reuse.state().base!);
  writeFileSync(draftFile, built.draftSource);
  reuse = built.reuse;
  log(`built ${built.passages} passages, ${built.documents} documents in ${((performance.now() - t) / 1000).toFixed(1)} s; saved in ${dir}`);
} else {
  const t = performance.now();
  if (!archive.load()) throw new Error("archive.bin not read");
  const parts = await reuseBaseFile(dir).read();
  if (!parts) throw new Error("base.bin not read");
  reuse.follow({ base: parts, dead: [], recent: [] });
  log(`read back: ${parts.documents} documents, ${archive.stats().tableKeys} stretches in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

const base = readFileSync(draftFile, "utf8").slice(0, 5000);
const rand = rng(991);
const edited = () => {
  const chars = [...base];
  for (let k = 0; k < 40; k++) chars[Math.floor(rand() * chars.length)] = chars[Math.floor(rand() * chars.length)];
  return chars.join("");
};
const digest = createHash("sha256");
const settings = {
  evidence: { year: 2025, archive, reuse },
  bare: { year: 2025 },
} as const;
type Name = keyof typeof settings | "match";
const runs: Record<Name, { wall: number[]; cpu: number[] }> = { evidence: { wall: [], cpu: [] }, bare: { wall: [], cpu: [] }, match: { wall: [], cpu: [] } };
// Each setting checks its own edited draft each round, in alternating order: the paragraph rules'
// cache is shared by both (keyed by the office's lists), so a setting run second on the same text
// would find the first one's paragraphs judged already.
for (let i = 0; i < rounds + 3; i++) {
  const drafts = { evidence: edited(), bare: edited() };
  const order = i % 2 === 0 ? (["evidence", "bare", "match"] as const) : (["bare", "evidence", "match"] as const);
  for (const name of order) {
    if (only && name !== only) continue;
    const text = name === "match" ? drafts.evidence : drafts[name];
    const t = performance.now();
    const c0 = process.cpuUsage();
    const out = name === "match" ? reuse.match(text) : await checkText(text, settings[name]);
    const c = process.cpuUsage(c0);
    if (name !== "bare") digest.update(JSON.stringify("findings" in out ? out.findings : out));
    if (i < 3) continue;
    runs[name].wall.push(performance.now() - t);
    runs[name].cpu.push((c.user + c.system) / 1000);
  }
}
const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, r] of Object.entries(runs)) {
  if (r.wall.length === 0) continue;
  log(`${name.padEnd(8)} wall p50 ${p50(r.wall).toFixed(1)} ms (min ${Math.min(...r.wall).toFixed(1)}), CPU p50 ${p50(r.cpu).toFixed(1)} ms (min ${Math.min(...r.cpu).toFixed(1)})`);
}
log(`findings digest ${digest.digest("hex").slice(0, 16)} (${rounds + 3} drafts)`);
archive.close();
