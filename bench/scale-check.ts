/**
 * The check's archive evidence at N passages (`--scale N --check`): the typo check's shared archive
 * table and the reuse fingerprints, built from a synthetic archive, with the time of a 5,000-character
 * check and the false protections hashing costs.
 *
 * The synthetic archive repeats the sample reports' wording, so on its own it would hold far fewer
 * distinct stretches than a real one. Its vocabulary is grown to what a real archive of that size
 * holds: distinct two- and three-character stretches follow Heaps' law, K = 517,220 · (C / 1,758,105)^0.71
 * for C Han characters, fitted on the official-prose folder (1.76M Han characters, 83 published
 * reports, measured by counting archiveTerms; see docs/scale.md). Each document adds the new stretches
 * its characters bring as stretches of random characters (hashed like the real ones).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkText } from "../server/checking/check.ts";
import { reuseBaseFile } from "../server/derived.ts";
import { FingerprintIndex } from "../server/checking/reuse-index.ts";
import { fingerprintDocument } from "../server/checking/reuse-entry.ts";
import { archiveTerms, MemoryArchiveLexicon } from "../server/checking/typo/archive.ts";
import type { PreparedReport } from "../server/corpus/types.ts";
import { silentLogger } from "../server/log.ts";
import { rng } from "./rng.ts";

const HEAPS_K0 = 517_220;
const HEAPS_C0 = 1_758_105;
const HEAPS_BETA = 0.71;
const heaps = (chars: number) => HEAPS_K0 * (chars / HEAPS_C0) ** HEAPS_BETA;

export interface CheckScaleFigures {
  passages: number;
  documents: number;
  hanChars: number;
  tableKeys: number;
  tableBytes: number;
  archiveBuildMs: number;
  reuseHeapBytes: number;
  /** The reuse fingerprints' shared table (postings, sentence keys, texts): read by every worker in place. */
  reuseTableBytes: number;
  reuseBuildMs: number;
  /** Saving the shared table and reading it back (what a start does instead of fingerprinting every document). */
  reuseSaveMs: number;
  reuseReadMs: number;
  /** The reuse and stale match alone, for the same drafts. */
  matchMs: { p50: number; p95: number };
  /** Wall-clock p50 and slowest, and the process's CPU time p50 (ms). */
  checkMs: { p50: number; p95: number; cpu: number };
  /** The same drafts checked without the archive and fingerprints. */
  bareMs: { p50: number; p95: number; cpu: number };
  chars: number;
  falseProtection: { probes: number; any: number; twoOrMore: number };
}

function randomHan(rand: () => number, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += String.fromCharCode(0x4e00 + Math.floor(rand() * 0x5000));
  return s;
}

export interface CheckArchiveOptions {
  passages: number;
  reports: (count: number) => PreparedReport[];
  log: (l: string) => void;
  gc: () => void;
  reuse: boolean;
}

/** The synthetic archive's typo table and reuse fingerprints (both merged), and the first 6,000 characters of its wording. */
export function buildCheckArchive(o: CheckArchiveOptions, archive = new MemoryArchiveLexicon()) {
  const rand = rng(991);
  const reuse = new FingerprintIndex(null, silentLogger);
  o.gc();
  const heap0 = process.memoryUsage().heapUsed;
  let archiveBuildMs = 0;
  let reuseBuildMs = 0;
  let hanChars = 0;
  let passages = 0;
  let documents = 0;
  let draftSource = "";
  while (passages < o.passages) {
    for (const r of o.reports(Math.min(20_000, o.passages - passages))) {
      const text = r.document.cleanedText;
      const before = hanChars;
      hanChars += (text.match(/\p{Script=Han}/gu) ?? []).length;
      let t = performance.now();
      const own = archiveTerms(text);
      // New stretches a real archive would gain with these characters (see above).
      const extra = Math.max(0, Math.round(heaps(hanChars) - heaps(before)) - (documents === 0 ? own.length : 0));
      const terms = new Uint32Array(own.length + extra);
      terms.set(own);
      for (let i = own.length; i < terms.length; i++) terms[i] = Math.floor(rand() * 4294967296) >>> 0;
      archive.put({ id: r.document.id, terms });
      archiveBuildMs += performance.now() - t;
      if (o.reuse) {
        t = performance.now();
        reuse.addFingerprinted([fingerprintDocument({ ...r.document, chunks: r.chunks })]);
        reuseBuildMs += performance.now() - t;
      }
      if (draftSource.length < 6000) draftSource += text;
      passages += r.chunks.length;
      documents++;
    }
    o.log(`check scale: ${passages} / ${o.passages} passages, ${archive.stats().tableKeys + archive.stats().pending} stretches`);
  }
  let t = performance.now();
  archive.mergeNow();
  archiveBuildMs += performance.now() - t;
  t = performance.now();
  reuse.mergeNow();
  reuseBuildMs += performance.now() - t;
  o.gc();
  const reuseHeapBytes = process.memoryUsage().heapUsed - heap0;
  return { rand, archive, reuse, archiveBuildMs, reuseBuildMs, reuseHeapBytes, hanChars, passages, documents, draftSource };
}

export async function runCheckScale(o: CheckArchiveOptions): Promise<CheckScaleFigures> {
  const { rand, archive, reuse, archiveBuildMs, reuseBuildMs, reuseHeapBytes, hanChars, passages, documents, draftSource } = buildCheckArchive(o);
  let t = 0;
  // The shared table saved and read back as a start reads it.
  const dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-scale-check-"));
  let reuseSaveMs = 0;
  let reuseReadMs = 0;
  try {
    const file = reuseBaseFile(dir);
    const parts = reuse.state().base;
    if (parts) {
      const { mkdir } = await import("node:fs/promises");
      await mkdir(path.join(dir, "reuse"), { recursive: true });
      t = performance.now();
      await file.write(parts);
      reuseSaveMs = performance.now() - t;
      t = performance.now();
      const back = await file.read();
      reuseReadMs = performance.now() - t;
      if (!back || back.documents !== parts.documents) throw new Error("共享表读回不一致");
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // A 5,000-character draft from the archive's own wording, each round with a few characters changed
  // (new lines for the typo check's line cache, as an edited draft has).
  const base = draftSource.slice(0, 5000);
  // Edits swap characters of the draft itself (what an edit does, unlike random rare characters).
  const edited = () => {
    const chars = [...base];
    for (let k = 0; k < 40; k++) chars[Math.floor(rand() * chars.length)] = chars[Math.floor(rand() * chars.length)];
    return chars.join("");
  };
  // The two settings alternate, after three warm-up rounds of each (the first checks of a process
  // build the checker's lexicons and compile its code: timed one setting after the other, whichever
  // ran first paid for that). Each checks a draft of its own, and they take turns going first: the
  // paragraph rules' cache is shared by both (it is keyed by the office's lists), so a setting run
  // second on the same text found the first one's paragraphs judged already, and the evidence, run
  // first, was charged for the rules (session 11: 35 of the 40 ms it seemed to add at 20k).
  const withArchive: Parameters<typeof checkText>[1] = { year: 2025, archive, reuse: o.reuse ? reuse : undefined };
  const bare: Parameters<typeof checkText>[1] = { year: 2025 };
  const runs: Record<"archive" | "bare", { wall: number[]; cpu: number[] }> = { archive: { wall: [], cpu: [] }, bare: { wall: [], cpu: [] } };
  for (let i = 0; i < 13; i++) {
    const drafts = { archive: edited(), bare: edited() };
    const order = [["archive", withArchive], ["bare", bare]] as const;
    for (const [name, opts] of i % 2 === 0 ? order : [order[1], order[0]]) {
      const text = drafts[name];
      t = performance.now();
      const c0 = process.cpuUsage();
      await checkText(text, opts);
      const c = process.cpuUsage(c0);
      if (i < 3) continue;
      runs[name].wall.push(performance.now() - t);
      runs[name].cpu.push((c.user + c.system) / 1000);
    }
  }
  const summary = (r: { wall: number[]; cpu: number[] }) => {
    const w = [...r.wall].sort((x, y) => x - y);
    const c = [...r.cpu].sort((x, y) => x - y);
    return { p50: w[Math.floor(w.length / 2)], p95: w[w.length - 1], cpu: c[Math.floor(c.length / 2)] };
  };
  const checkMs = summary(runs.archive);
  const matchTimes: number[] = [];
  for (let i = 0; i < 12; i++) {
    const text = edited();
    t = performance.now();
    reuse.match(text);
    if (i >= 2) matchTimes.push(performance.now() - t);
  }
  matchTimes.sort((a, b) => a - b);
  const matchMs = { p50: matchTimes[Math.floor(matchTimes.length / 2)], p95: matchTimes[matchTimes.length - 1] };
  const bareMs = summary(runs.bare);
  // False protections: stretches of random characters (absent from the archive's real text, with
  // near certainty) that the table says the archive uses, through hash collisions alone.
  let any = 0;
  let twoOrMore = 0;
  const probes = 200_000;
  for (let i = 0; i < probes; i++) {
    const df = archive.documentFrequency(randomHan(rand, 2 + (i % 2)));
    if (df >= 1) any++;
    if (df >= 2) twoOrMore++;
  }
  const s = archive.stats();
  archive.close();
  return {
    passages,
    documents,
    hanChars,
    tableKeys: s.tableKeys,
    tableBytes: s.tableBytes,
    archiveBuildMs,
    reuseHeapBytes,
    reuseTableBytes: reuse.tableBytes,
    reuseBuildMs,
    reuseSaveMs,
    reuseReadMs,
    matchMs,
    checkMs,
    bareMs,
    chars: base.length,
    falseProtection: { probes, any, twoOrMore },
  };
}
