/**
 * A parse worker thread (see parse-pool.ts): reads one file at a time on request, so a file that is slow
 * or hungry to read holds up only this thread, which the pool can end. Nothing here touches the store.
 */
import { parentPort, workerData } from "node:worker_threads";
import { documentKind } from "../corpus/document-kind.ts";
import { prepareReport } from "../corpus/prepare.ts";
import { readSource } from "../corpus/read.ts";
import { isPdf, pdfTextPages, preloadPdfJs } from "../corpus/read-pdf.ts";
import { AppError } from "../errors.ts";
import { openArchive } from "./archive.ts";
import { CHUNK_PART, type DeriveEvidence, type ParseControl, type ParseReply, type ParseRequest } from "./parse-protocol.ts";
import type { PreparedReport } from "../corpus/types.ts";

const port = parentPort!;

/** The smallest PDF with one line of text (pdf.js rebuilds the missing cross-reference table). */
const WARM_UP_PDF = new TextEncoder().encode(
  [
    "%PDF-1.4",
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj",
    "4 0 obj << /Length 36 >> stream\nBT /F1 12 Tf 20 100 Td (warm) Tj ET\nendstream endobj",
    "5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj",
    "trailer << /Root 1 0 R >>",
    "%%EOF",
  ].join("\n"),
);

function fail(id: number, e: unknown): ParseReply {
  if (e instanceof AppError) return { type: "error", id, code: e.code, message: e.message, details: e.details };
  return { type: "error", id, code: "internal:parse", message: "", unexpected: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
}

/**
 * pdf.js is large to load (seconds on a busy machine): it is loaded in the background from the start,
 * and a PDF waits for it before it reports `begin`, the moment its deadline starts. A report to be
 * prepared with its evidence waits in the same way for the derive module.
 */
const warm = (async () => {
  await preloadPdfJs();
  await pdfTextPages("warm-up.pdf", WARM_UP_PDF).catch(() => undefined); // loads pdf.js's own worker code
})().catch(() => undefined);

/** The derive module the pool named (parse-protocol.ts), loaded in the background; null: none, or it would not load. */
const deriver: Promise<DeriveEvidence | null> = (async () => {
  const url = (workerData as { derive?: string } | null)?.derive;
  if (!url) return null;
  const m = (await import(url)) as { deriveEvidence?: DeriveEvidence };
  return typeof m.deriveEvidence === "function" ? m.deriveEvidence : null;
})().catch(() => null);

/** Parts of a report's chunks wait for the pool's `more` before the next goes (see sendReport). */
const more = new Map<number, () => void>();

/**
 * Send a prepared report in parts: the chunks 500 at a time, each after the pool took the last one in,
 * then the report and its evidence (buffers moved). One message of 19,000 chunks took 0.3 s to read
 * back on the thread serving HTTP, in one block.
 */
async function sendReport(id: number, report: PreparedReport, transfer: ArrayBuffer[]): Promise<void> {
  const { chunks } = report;
  if (chunks.length > CHUNK_PART) {
    for (let i = 0; i < chunks.length; i += CHUNK_PART) {
      const taken = new Promise<void>((resolve) => more.set(id, resolve));
      port.postMessage({ type: "chunks", id, chunks: chunks.slice(i, i + CHUNK_PART) } satisfies ParseReply);
      await taken;
    }
    report = { ...report, chunks: [] };
  }
  port.postMessage({ type: "prepare", id, report } satisfies ParseReply, transfer);
}

port.on("message", async (m: ParseRequest | ParseControl) => {
  if (m.type === "more") {
    const go = more.get(m.id);
    more.delete(m.id);
    go?.();
    return;
  }
  const progress = (p: { page: number; pages: number }) => port.postMessage({ type: "progress", id: m.id, ...p } satisfies ParseReply);
  // The file moved (a page read, a step done): the pool starts its deadline again. At most four a second.
  let lastAlive = 0;
  const onPage = () => {
    const now = Date.now();
    if (now - lastAlive < 250) return;
    lastAlive = now;
    port.postMessage({ type: "alive", id: m.id } satisfies ParseReply);
  };
  if (isPdf(m.bytes)) await warm;
  // The derive module (the checker's lexicons) takes seconds to load on a busy machine: that is start-up, not
  // the file's reading, so the file's deadline starts after it (a sample once timed out at load 8 without this).
  const derive = m.type === "prepare" && m.derive ? await deriver : null;
  port.postMessage({ type: "begin", id: m.id } satisfies ParseReply);
  try {
    switch (m.type) {
      case "read": {
        const result = await readSource(m.name, m.bytes, { maxBytes: m.maxBytes, maxChars: m.maxChars, onOcrProgress: progress, onPage });
        port.postMessage({ type: "read", id: m.id, result } satisfies ParseReply);
        return;
      }
      case "prepare": {
        const report = await prepareReport(m.name, m.bytes, { maxBytes: m.maxBytes, maxChars: m.maxChars, onOcrProgress: progress, onPage, onStep: onPage });
        // A facts list, a blank template or a text that is no report never becomes a 范文 (corpus/document-kind.ts).
        // Judged here: on a big document it is a second of work the thread serving HTTP is spared.
        const kind = documentKind(report.document.cleanedText);
        if (kind.kind !== "report") throw new AppError("bad_request:not_a_report", `《${report.document.sourceName}》：${kind.reason}`, { details: { kind: kind.kind } });
        // The derived indexes' share of the work (fingerprints, archive terms) is done here too.
        onPage();
        let transfer: ArrayBuffer[] = [];
        if (derive) {
          try {
            const d = derive(report);
            report.evidence = d.evidence;
            transfer = d.transfer;
          } catch {
            // The thread serving HTTP works it out itself (server/derived.ts).
          }
        }
        await sendReport(m.id, report, transfer);
        return;
      }
      case "expand": {
        const out = openArchive(m.name, m.bytes, m.maxBytes);
        if (!out) {
          port.postMessage({ type: "expand", id: m.id, document: true, files: [], problems: [] } satisfies ParseReply);
          return;
        }
        const files = out.files.map((f) => ({ name: f.name, bytes: f.bytes.slice() }));
        const problems = out.problems.map((p) => ({ name: p.name, code: p.error.code, message: p.error.message }));
        port.postMessage({ type: "expand", id: m.id, files, problems } satisfies ParseReply, files.map((f) => f.bytes.buffer as ArrayBuffer));
        return;
      }
    }
  } catch (e) {
    port.postMessage(fail(m.id, e));
  }
});
port.postMessage({ type: "ready" } satisfies ParseReply);
