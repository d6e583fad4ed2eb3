/**
 * `npm run bench -- --only hostile`: the hostile-file probe of issue 19, re-run. The app is built as
 * `npm start` builds it (openAppDeps: parse and check workers, in a temp data folder with the shipped
 * sample reports), each file is sent through its upload route with `createApp(...).request`, and for
 * each the bench prints how long the route took, the process's peak resident memory while it ran (the
 * kernel's high-water mark, reset before each file; worker threads are in the same process), the
 * latency of the searches due every 50 ms meanwhile (each a query not asked before: a repeated one is a
 * cache hit), and the event-loop delay (perf_hooks'
 * monitorEventLoopDelay: how long a timer waited past its time, that is how long the thread serving HTTP
 * was held). A search's latency runs from when it was due, not from when it could be sent: a search
 * that could not even start while the thread was held counts that wait. Then the same while a zip of
 * 200 reports is ingested (after the probes, into the archive they grew; with --quick, first, into the
 * sample archive, and then only the big honest files). The files are generated here
 * (test/fixtures/hostile/make.ts); nothing is downloaded. `--probe WORD` runs only the files whose label
 * holds WORD (`--probe "45 MB"`; `--probe bulk` the zip of 200 reports alone).
 */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { strToU8, zipSync } from "fflate";
import { createApp } from "../server/app.ts";
import { openAppDeps } from "../server/compose.ts";
import { parseConfig } from "../server/env.ts";
import { ingestPaths } from "../server/ingest/ingest.ts";
import { silentLogger } from "../server/log.ts";
import { REPO_CORPUS_DIR } from "../server/runtime.ts";
import {
  archive,
  bigDocumentXml,
  docxFromXml,
  docxUnclosedXml,
  NUMBERING_XML,
  ofdFromPages,
  ofdPage,
  pdfBomb,
  pdfPagesChinese,
  reportText,
  W_NS,
} from "../test/fixtures/hostile/make.ts";
import type { BenchOptions, BenchPart } from "./types.ts";

const MB = 1024 * 1024;

/** Reset the kernel's peak-RSS mark for this process (Linux); false where that is not possible. */
function resetPeak(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

function peakRssMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux: fall back to the current figure
  }
  return process.memoryUsage.rss() / MB;
}

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/**
 * What the searches ask, in turn, each with its own number after it: the search cache answers a query
 * it has seen on the same committed version in microseconds, and these must measure a search.
 */
const QUERIES = ["矛盾纠纷多元化解", "平安建设 群众安全感", "政法队伍教育整顿", "网格化服务管理", "信访工作责任制", "扫黑除恶常态化"];
let searches = 0;

interface Probe {
  label: string;
  route: "/api/corpus" | "/api/check" | "/api/drafts/import";
  name: string;
  make: () => Uint8Array;
}

export async function run(opts: BenchOptions): Promise<BenchPart> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "zongjie-hostile-"));
  const config = parseConfig({ ZONGJIE_DATA: dataDir, LOG_LEVEL: "error" });
  const deps = await openAppDeps(config, { logger: silentLogger });
  const rows: Array<[string, string]> = [];
  const figures: Record<string, unknown> = {};
  try {
    opts.log("  ingesting the sample reports …");
    await ingestPaths({ store: deps.store, hooks: deps.hooks, parser: deps.parser, maxBytes: config.maxUploadBytes, logger: silentLogger }, [REPO_CORPUS_DIR]);
    const app = createApp(deps);
    const search = async () => {
      const t = performance.now();
      const res = await app.request(`/api/search?q=${encodeURIComponent(`${QUERIES[searches % QUERIES.length]} ${searches++}`)}&k=5`, { headers: { host: "127.0.0.1" } });
      await res.arrayBuffer();
      return performance.now() - t;
    };
    for (let i = 0; i < 5; i++) await search(); // the segmenter and the index are loaded before measuring
    const canReset = resetPeak();

    /** Send one upload, with a search due every 50 ms until it answers (latency from when it was due). */
    const measure = async (route: string, field: string, files: Array<[string, Uint8Array]>) => {
      resetPeak();
      const baseMb = process.memoryUsage.rss() / MB;
      const form = new FormData();
      for (const [name, bytes] of files) form.append(field, new File([new Uint8Array(bytes)], name));
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      const started = performance.now();
      let done = false;
      const upload = Promise.resolve(app.request(route, { method: "POST", body: form, headers: { host: "127.0.0.1" } }))
        .then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }))
        .finally(() => (done = true));
      const latencies: number[] = [];
      let due = performance.now();
      while (!done) {
        due += 50;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (done) break;
        await search();
        latencies.push(performance.now() - due);
        // One wait is counted once: the next search is due 50 ms after this one answered at the latest.
        due = Math.max(due, performance.now() - 50);
      }
      const answer = await upload;
      delay.disable();
      return { seconds: (performance.now() - started) / 1000, baseMb, peakMb: peakRssMb(), latencies, loopMaxMs: delay.max / 1e6, loopP99Ms: delay.percentile(99) / 1e6, ...answer };
    };

    const outcome = (status: number, body: Record<string, unknown>): string => {
      const results = body.results as Array<{ status: string; message?: string }> | undefined;
      if (results) return results.map((r) => (r.status === "error" ? `拒绝：${r.message}` : `${r.status}${r.message ? `（${r.message}）` : ""}`)).join("；");
      const err = body.error as { message?: string } | undefined;
      if (err) return `${status} ${err.message}`;
      const notes = body.notes as string[] | undefined;
      return `${status} 读取 ${String(body.text ?? "").length} 字${notes ? `；${notes.join("；")}` : ""}`;
    };

    const bomb = (variant: Parameters<typeof pdfBomb>[0]) => () => pdfBomb(variant, 300);
    const probes: Probe[] = [
      { label: "PDF deflate bomb, /Fl#61teDecode", route: "/api/corpus", name: "炸弹-转义.pdf", make: bomb("hex-escaped") },
      { label: "PDF deflate bomb, /Filter 5 0 R", route: "/api/corpus", name: "炸弹-引用.pdf", make: bomb("indirect") },
      { label: "PDF deflate bomb, /Subtype /Image", route: "/api/corpus", name: "炸弹-图像.pdf", make: bomb("image") },
      { label: "PDF deflate bomb, padding before stream", route: "/api/corpus", name: "炸弹-填充.pdf", make: bomb("padded") },
      {
        label: "OFD, 65,000 unclosed <ofd:TextObject>",
        route: "/api/corpus",
        name: "未闭合.ofd",
        make: () => ofdFromPages([`<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>${"<ofd:TextObject>".repeat(65_000)}</ofd:Layer></ofd:Content></ofd:Page>`]),
      },
      {
        label: "OFD, five pages pointing at that page",
        route: "/api/corpus",
        name: "五页同源.ofd",
        make: () =>
          ofdFromPages(
            [`<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>${"<ofd:TextObject>".repeat(60_000)}</ofd:Layer></ofd:Content></ofd:Page>`],
            {},
            Array(5).fill("Pages/Page_0/Content.xml"),
          ),
      },
      {
        label: ".docx, 60,000 empty unknown elements + numbering",
        route: "/api/corpus",
        name: "空元素.docx",
        make: () => docxFromXml(`<?xml version="1.0"?><w:document ${W_NS}><w:body><w:p><w:r><w:t>某县委政法委工作总结</w:t></w:r></w:p>${"<w:zz/>".repeat(60_000)}</w:body></w:document>`, { "word/numbering.xml": NUMBERING_XML }),
      },
      { label: ".docx, 50,000 unclosed paragraphs + numbering", route: "/api/corpus", name: "未闭合.docx", make: () => docxFromXml(docxUnclosedXml(50_000), { "word/numbering.xml": NUMBERING_XML }) },
      { label: ".docx, document.xml of 45 MB (honest)", route: "/api/corpus", name: "大文件.docx", make: () => docxFromXml(bigDocumentXml(45), { "word/numbering.xml": NUMBERING_XML }, 6) },
      { label: "PDF, 2,000 pages of Chinese prose (honest)", route: "/api/corpus", name: "两千页.pdf", make: () => pdfPagesChinese(2000) },
      { label: "OFD with &#x110000; (draft import)", route: "/api/drafts/import", name: "无效字符.ofd", make: () => ofdFromPages([ofdPage(["某县委政法委工作总结", "全年化解&#x110000;矛盾纠纷一千二百件。"])]) },
      { label: "UTF-8 text with %PDF- in its first KB", route: "/api/corpus", name: "说明.txt", make: () => strToU8(`${reportText(901)}\n附注：扫描件常以 %PDF-1.7 开头。`) },
      {
        label: ".zip, one encrypted entry of three",
        route: "/api/corpus",
        name: "材料.zip",
        make: () => archive({ "甲.txt": strToU8(reportText(902)), "乙.txt": strToU8(reportText(903)), "丙.txt": strToU8(reportText(904)) }, ["乙.txt"]),
      },
      {
        label: "OFD of 2,100 entries",
        route: "/api/corpus",
        name: "多文件.ofd",
        make: () => {
          const extra: Record<string, Uint8Array> = {};
          for (let i = 0; i < 2100; i++) extra[`Doc_0/Res/r${i}.xml`] = strToU8("<r/>");
          return ofdFromPages([ofdPage(["标题"])], extra);
        },
      },
    ];
    /** Bulk ingest: a zip of 200 reports, a search due every 50 ms while it is ingested. */
    const runBulk = async () => {
      opts.log("  a zip of 200 reports …");
      const files: Record<string, Uint8Array> = {};
      for (let i = 0; i < 200; i++) files[`归档/${2000 + (i % 25)}/报告${i}.txt`] = strToU8(reportText(1000 + i));
      const zip = zipSync(files, { level: 6 });
      const bulk = await measure("/api/corpus", "files", [["归档.zip", zip]]);
      const results = bulk.body.results as Array<{ status: string }>;
      const ingested = results.filter((r) => r.status === "ingested").length;
      const lat = bulk.latencies;
      const chunksAfter = (await deps.store.info()).chunks;
      rows.push([
        "200-report .zip, bulk ingest",
        `${bulk.seconds.toFixed(1)} s（${ingested}/200 篇导入，导入后库中共 ${chunksAfter} 段）· RSS ${bulk.baseMb.toFixed(0)} → 峰值 ${bulk.peakMb.toFixed(0)} MB · 检索 ${lat.length} 次 p50 ${pct(lat, 50).toFixed(0)} / p95 ${pct(lat, 95).toFixed(0)} / 最大 ${Math.max(0, ...lat).toFixed(0)} ms · 事件循环延迟最大 ${bulk.loopMaxMs.toFixed(0)} ms，p99 ${bulk.loopP99Ms.toFixed(0)} ms`,
      ]);
      figures.bulk = { seconds: bulk.seconds, ingested, chunksAfter, peakRssMb: bulk.peakMb, searches: lat.length, searchP50: pct(lat, 50), searchP95: pct(lat, 95), searchMax: Math.max(0, ...lat), loopDelayMaxMs: bulk.loopMaxMs, loopDelayP99Ms: bulk.loopP99Ms };
    };
    const table: Array<Record<string, unknown>> = [];
    rows.push(["machine load (1-minute average, 2 cores) before the probes", os.loadavg()[0].toFixed(1)]);
    // --probe WORD: only the probes whose label holds WORD (and no bulk ingest unless WORD is "bulk").
    const probeArg = process.argv.indexOf("--probe");
    const only = probeArg >= 0 ? process.argv[probeArg + 1] : undefined;
    // --quick: the bulk ingest first, on the sample archive alone, then only the big honest files.
    if (opts.quick && !only) await runBulk();
    const chosen = probes.filter((p) => (only ? p.label.includes(only) : !opts.quick || p.label.includes("(honest)")));
    for (const p of chosen) {
      opts.log(`  ${p.label} …`);
      const bytes = p.make();
      const field = p.route === "/api/corpus" ? "files" : "file";
      const m = await measure(p.route, field, [[p.name, bytes]]);
      const said = outcome(m.status, m.body);
      const lat = m.latencies;
      rows.push([
        p.label,
        `${(bytes.length / 1024).toFixed(0)} KB · ${m.seconds.toFixed(1)} s · RSS ${m.baseMb.toFixed(0)} → 峰值 ${m.peakMb.toFixed(0)} MB · 检索 ${lat.length} 次 p50 ${pct(lat, 50).toFixed(0)} / p95 ${pct(lat, 95).toFixed(0)} / 最大 ${Math.max(0, ...lat).toFixed(0)} ms · 事件循环延迟最大 ${m.loopMaxMs.toFixed(0)} ms · ${said.slice(0, 90)}`,
      ]);
      table.push({ file: p.label, bytes: bytes.length, seconds: m.seconds, rssBeforeMb: m.baseMb, peakRssMb: m.peakMb, searches: lat.length, searchP50: pct(lat, 50), searchP95: pct(lat, 95), searchMax: Math.max(0, ...lat), loopDelayMaxMs: m.loopMaxMs, loopDelayP99Ms: m.loopP99Ms, outcome: said });
    }
    figures.probes = table;
    figures.peakResetSupported = canReset;
    if ((!opts.quick && !only) || only === "bulk") await runBulk();

    rows.push(["machine load (1-minute average, 2 cores) after", os.loadavg()[0].toFixed(1)]);
  } finally {
    await deps.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { title: "Hostile files through the upload routes (time, peak RSS of the process, search latency meanwhile)", rows, figures };
}
