/**
 * Ingest throughput per format (`npm run bench -- --only formats`): the five sample reports as
 * LibreOffice saved them (test/fixtures/formats/, made by make.ts) and as the original text files.
 * "read" is prepareReport alone (read → clean → structure → chunk); "ingest" is the whole pipeline into a
 * fresh LanceDB store (plus embed → write → index). Best of 3 rounds each (1 with --quick).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepareReport } from "../server/corpus/prepare.ts";
import { createLocalEmbedder } from "../server/embed/local.ts";
import { ingestBuffer } from "../server/ingest/ingest.ts";
import { openCorpusStore } from "../server/store/lance.ts";
import type { BenchOptions, BenchPart } from "./types.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const FORMATS_DIR = path.join(ROOT, "test/fixtures/formats");
const CORPUS = path.join(ROOT, "corpus");
const SAMPLES = ["000", "001", "002", "003", "004"];

function filesFor(format: string): Array<{ name: string; bytes: Uint8Array }> {
  if (format === "txt") {
    return readdirSync(CORPUS)
      .filter((f) => /^\d{3}_.*\.txt$/.test(f))
      .sort()
      .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(path.join(CORPUS, f))) }));
  }
  return SAMPLES.map((s) => ({ name: `${s}.${format}`, bytes: new Uint8Array(readFileSync(path.join(FORMATS_DIR, `${s}.${format}`))) }));
}

export async function run(opts: BenchOptions): Promise<BenchPart> {
  const rows: Array<[string, string]> = [];
  const figures: Record<string, unknown> = {};
  const rounds = opts.quick ? 1 : 3;
  for (const format of ["txt", "docx", "doc", "pdf", "ofd"]) {
    const files = filesFor(format);
    let chars = 0;
    let best = Infinity;
    for (let r = 0; r < rounds; r++) {
      chars = 0;
      const t = performance.now();
      for (const f of files) chars += (await prepareReport(f.name, f.bytes)).document.cleanedText.length;
      best = Math.min(best, performance.now() - t);
    }
    // The pipeline is timed into a fresh store each round, best of `rounds`: LanceDB's first writes
    // and a loaded machine make single rounds noisy.
    let ingestMs = Infinity;
    for (let r = 0; r < rounds; r++) {
      const dir = mkdtempSync(path.join(os.tmpdir(), "zongjie-bench-formats-"));
      const store = await openCorpusStore({ dataDir: dir, embedder: createLocalEmbedder(512) });
      try {
        const t = performance.now();
        for (const f of files) {
          const o = await ingestBuffer({ store }, f.name, f.bytes);
          if (o.status !== "added") throw new Error(`${f.name}: ${o.status}`);
        }
        ingestMs = Math.min(ingestMs, performance.now() - t);
      } finally {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const bytes = files.reduce((n, f) => n + f.bytes.length, 0);
    figures[format] = {
      files: files.length,
      bytes,
      chars,
      read: { ms: best, charsPerSec: (chars / best) * 1000, docsPerSec: (files.length / best) * 1000 },
      ingest: { ms: ingestMs, charsPerSec: (chars / ingestMs) * 1000, docsPerSec: (files.length / ingestMs) * 1000 },
    };
    const k = (n: number) => `${Math.round(n).toLocaleString("en")}`;
    rows.push([
      `${format} (5 samples, ${Math.round(bytes / 1024)} KB)`,
      `read ${k((chars / best) * 1000)} chars/s, ${((files.length / best) * 1000).toFixed(1)} docs/s; ingest ${k((chars / ingestMs) * 1000)} chars/s, ${((files.length / ingestMs) * 1000).toFixed(1)} docs/s`,
    ]);
    opts.log(`${format}: ${rows.at(-1)![1]}`);
  }
  return { title: "Ingest throughput per format (samples converted by LibreOffice)", rows, figures };
}
