/**
 * `npm run bench:load [-- --duration 30 --connections 50 --chunks 10000 --rounds 1 --search-share 0.7 --query-pool N --json --keep --data DIR --quick --profile DIR --server DIR]`
 *
 * `--server DIR`: run the server of another checkout (an A/B of two trees on the same data, same minute).
 *
 * Load test of the real server on loopback: builds a corpus of 10k+ chunks in a temp data folder
 * (the sample reports' paragraphs recombined with their figures varied), starts `server/index.ts`
 * on a free 127.0.0.1 port, then drives a mix of search (GET /api/search) and check
 * (POST /api/check) requests with autocannon for a fixed time. Reports throughput, p50/p95/p99 and
 * errors per endpoint, and the server's RSS before, right after and after a short idle.
 * Bounded: fixed duration, a request cap, a watchdog; it stops and cleans up by itself.
 */
// @ts-expect-error autocannon ships no type declarations; the little we use is typed below.
import autocannonUntyped from "autocannon";
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cleanText } from "../server/corpus/clean.ts";
import { prepareReport } from "../server/corpus/prepare.ts";
import { parseHeading } from "../server/text/headings.ts";
import { createLocalEmbedder } from "../server/embed/local.ts";
import { openCorpusStore } from "../server/store/lance.ts";
import { freePort } from "../test/helpers/ports.ts";
import type { BenchOptions, BenchPart } from "./types.ts";
import { rng } from "./rng.ts";

/** The part of autocannon's API this bench uses (see node_modules/autocannon/README.md). */
namespace autocannon {
  export interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    setupRequest?: (req: Request) => Request;
  }
  export interface Options {
    url: string;
    connections: number;
    duration: number;
    maxOverallRequests?: number;
    timeout?: number;
    requests: Request[];
  }
  export interface Result {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
  }
  export interface Instance {
    on(event: "response", fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  }
}
const autocannon = autocannonUntyped as (opts: autocannon.Options, cb: (err: Error | null, res: autocannon.Result) => void) => autocannon.Instance;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CORPUS = path.join(ROOT, "corpus");

export interface LoadOptions {
  durationSec: number;
  connections: number;
  minChunks: number;
  /** Share of connections doing search (the rest check). */
  searchShare: number;
  /**
   * 0 (default): every search query is distinct, so no cache helps (worst case). N > 0: queries are
   * drawn from a pool of N, as when a few writers draft and regenerate the same outline's sections.
   */
  queryPool?: number;
  /** Load rounds back to back (memory after each shows growth vs. plateau); figures are of the last. */
  rounds: number;
  /** Reuse (and keep) a data folder built earlier, skipping the corpus build when it has enough chunks. */
  dataDir?: string;
  keep: boolean;
  /** Write the server's CPU profile (V8 `--cpu-prof`) into this folder when it stops. */
  profileDir?: string;
  /** The checkout whose server runs (default: this one). */
  serverRoot?: string;
  log: (line: string) => void;
}


export interface Pools {
  openings: string[];
  headings: string[];
  bodies: string[];
}

export function samplePools(): Pools {
  const pools: Pools = { openings: [], headings: [], bodies: [] };
  for (const f of readdirSync(CORPUS).filter((n) => n.endsWith(".txt")).sort()) {
    const lines = cleanText(readFileSync(path.join(CORPUS, f), "utf8")).text.split("\n");
    let seenHeading = false;
    for (const line of lines.slice(1)) {
      const h = parseHeading(line);
      if (h && !h.runIn && h.level <= 2) {
        pools.headings.push(h.text);
        seenHeading = true;
      } else if (line.length >= 40) {
        (seenHeading ? pools.bodies : pools.openings).push(line);
      }
    }
  }
  return pools;
}

const UNITS = ["东湖", "西山", "南岭", "北川", "青松", "白河", "金水", "云台", "临江", "长宁", "安平", "永和", "清源", "高新", "望城", "石门"];
const LEVELS = ["区", "县", "市"];
const CN = ["一", "二", "三", "四", "五", "六", "七", "八"];

/** Vary every Arabic figure (same number of digits) so no two generated reports are alike. */
function varyFigures(text: string, r: () => number): string {
  return text.replace(/\d+(?:\.\d+)?/g, (m) => {
    if (/^(19|20)\d{2}$/.test(m)) return String(2015 + Math.floor(r() * 10));
    return m.replace(/\d/g, (d, i) => (i === 0 && d !== "0" ? String(1 + Math.floor(r() * 9)) : String(Math.floor(r() * 10))));
  });
}

function pick<T>(xs: T[], r: () => number): T {
  return xs[Math.floor(r() * xs.length)];
}

/** One synthetic 工作总结 built from sample paragraphs. */
export function synthReport(i: number, pools: Pools, r: () => number): string {
  const year = 2016 + (i % 9);
  const unit = `${pick(UNITS, r)}${pick(LEVELS, r)}委政法委`;
  const lines = [`${unit}${year}年工作总结`, varyFigures(pick(pools.openings, r), r)];
  const sections = 3 + Math.floor(r() * 3);
  for (let s = 0; s < sections; s++) {
    lines.push(`${CN[s]}、${pick(pools.headings, r)}`);
    const paras = 3 + Math.floor(r() * 5);
    for (let p = 0; p < paras; p++) lines.push(varyFigures(pick(pools.bodies, r), r));
  }
  return lines.join("\n");
}

/** Fill `dataDir` with synthetic reports until the store holds at least `minChunks` chunks. */
export async function buildLoadCorpus(dataDir: string, minChunks: number, log: (l: string) => void): Promise<{ documents: number; chunks: number; ms: number }> {
  const t0 = performance.now();
  // Same embedder as the server's default configuration (EMBEDDER=local, EMBED_DIMENSION=512).
  const store = await openCorpusStore({ dataDir, embedder: createLocalEmbedder(512), optimizeAfterRows: 2000 });
  try {
    let { chunks, documents } = await store.info();
    if (chunks >= minChunks) return { documents, chunks, ms: 0 };
    const pools = samplePools();
    const r = rng(20240101);
    for (let i = documents; chunks < minChunks; i++) {
      const report = await prepareReport(`合成报告${String(i).padStart(4, "0")}.txt`, new TextEncoder().encode(synthReport(i, pools, r)));
      const out = await store.putReport(report);
      if (out.status === "added" || out.status === "replaced") chunks += out.chunks;
      if (i % 50 === 0) log(`  语料构建中：${i + 1} 篇，${chunks} 段`);
    }
    await (store as unknown as { maintain?: (force?: boolean) => Promise<void> }).maintain?.(true);
    const info = await store.info();
    return { documents: info.documents, chunks: info.chunks, ms: performance.now() - t0 };
  } finally {
    await store.close();
  }
}

/** Resident memory of a process in MB (Linux /proc), null elsewhere. */
function rssMB(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/**
 * CPU time (ms) of each thread of a process so far, by thread id (Linux /proc schedstat: time on a
 * CPU in ns), or null elsewhere. The server's main thread (id = pid) serves every HTTP request and
 * every search; the other threads are the check workers, the parse workers, LanceDB's and libuv's.
 */
function threadCpuMs(pid: number): Map<number, number> | null {
  try {
    const out = new Map<number, number>();
    for (const t of readdirSync(`/proc/${pid}/task`)) out.set(Number(t), Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, "utf8").split(" ")[0]) / 1e6);
    return out;
  } catch {
    return null;
  }
}

/** CPU ms of the main thread (id = pid) and of the other threads between two readings. */
function cpuBetween(pid: number, before: Map<number, number> | null, after: Map<number, number> | null): { mainMs: number; otherMs: number } | null {
  if (!before || !after) return null;
  let mainMs = 0;
  let otherMs = 0;
  for (const [t, ms] of after) {
    const d = ms - (before.get(t) ?? 0);
    if (t === pid) mainMs += d;
    else otherMs += d;
  }
  return { mainMs, otherMs };
}

async function waitHealthy(base: string, child: ChildProcess, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`服务进程已退出（代码 ${child.exitCode}）`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error("服务在限定时间内没有就绪");
}

// Requests of each kind sent one at a time (service time and CPU per request without queueing).
const SERIAL = 100;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

interface EndpointStats {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  statuses: Record<string, number>;
}

const TERMS = [
  "矛盾纠纷排查化解", "扫黑除恶常态化", "平安建设", "枫桥经验", "反电信网络诈骗", "政法队伍教育整顿", "网格化管理", "信访积案化解",
  "社会治安防控体系", "法治宣传教育", "安全生产专项整治", "重点人员服务管理", "综治中心规范化建设", "执法司法监督", "防范化解重大风险",
  "命案防控", "校园周边治安", "禁毒工作", "见义勇为", "市域社会治理现代化", "政法委", "调解成功率", "刑事案件发案数",
  "视频监控点位", "群众安全感", "反邪教警示教育", "重大活动安保", "涉恶犯罪团伙", "案件评查", "法律服务", "廉政警示教育",
  "基层社会治理", "多元化解", "源头预防", "专项整治", "重点领域", "风险隐患", "法治建设", "队伍建设", "智慧政法",
];
/** Distinct queries (two or three terms), so no cache can answer the bench from memory. */
function query(i: number): string {
  const r = rng(1000 + i);
  const n = 2 + Math.floor(r() * 2);
  return Array.from({ length: n }, () => pick(TERMS, r)).join(" ");
}

function runCannon(opts: autocannon.Options, onLatency: (status: number, ms: number) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const inst = autocannon(opts, (err, res) => (err ? reject(err) : resolve(res)));
    inst.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => onLatency(status, ms));
  });
}

function stats(lat: number[], statuses: Record<string, number>, res: autocannon.Result): EndpointStats {
  const sorted = [...lat].sort((a, b) => a - b);
  const ok = Object.entries(statuses).filter(([s]) => s.startsWith("2")).reduce((n, [, c]) => n + c, 0);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    requests: lat.length,
    rps: round(lat.length / res.duration),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? NaN),
    errors: res.errors + res.timeouts + (lat.length - ok),
    non2xx: lat.length - ok,
    statuses,
  };
}

/** Run the load test; returns the figures (also printed by the CLI entry). */
export async function runLoad(o: LoadOptions): Promise<BenchPart> {
  const dataDir = o.dataDir ?? (await mkdtemp(path.join(tmpdir(), "zongjie-load-")));
  let server: ChildProcess | null = null;
  const watchdog = setTimeout(() => {
    o.log("超时：压测未在限定时间内结束，强制停止");
    server?.kill("SIGKILL");
    process.exit(2);
  }, (o.durationSec * o.rounds + 600) * 1000);
  watchdog.unref();
  try {
    o.log(`数据目录：${dataDir}`);
    const corpus = await buildLoadCorpus(dataDir, o.minChunks, o.log);
    o.log(`语料：${corpus.documents} 篇，${corpus.chunks} 段${corpus.ms ? `（构建 ${(corpus.ms / 1000).toFixed(1)} 秒）` : "（沿用已有）"}`);

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // One node process (no tsx wrapper), so the pid we measure is the server's.
    const profile = o.profileDir ? ["--cpu-prof", "--cpu-prof-dir", o.profileDir] : [];
    const serverRoot = o.serverRoot ?? ROOT;
    server = spawn(process.execPath, [...profile, "--import", "tsx", path.join(serverRoot, "server/index.ts")], {
      cwd: serverRoot,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, HOST: "127.0.0.1", PORT: String(port), ZONGJIE_DATA: dataDir, LOG_LEVEL: "warn" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let serverErr = "";
    server.stderr!.on("data", (d) => (serverErr = (serverErr + d).slice(-4000)));
    const tStart = performance.now();
    await waitHealthy(base, server, 180_000).catch((e) => {
      throw new Error(`${(e as Error).message}\n${serverErr}`);
    });
    const startupMs = performance.now() - tStart;
    const health = (await (await fetch(`${base}/api/health`)).json()) as { counts?: { chunks?: number } };
    o.log(`服务就绪（${(startupMs / 1000).toFixed(1)} 秒），范文库 ${health.counts?.chunks ?? "?"} 段`);

    const pools = samplePools();
    const checkTexts = Array.from({ length: 40 }, (_, i) => synthReport(100_000 + i, pools, rng(7 + i)).slice(0, 1500));
    const pool = o.queryPool ?? 0;
    const searchPath = (i: number) => `/api/search?q=${encodeURIComponent(query(pool > 0 ? i % pool : i))}&k=8`;

    // Warm up (JIT, caches, lazily built indexes) so the measurement is of the steady state.
    for (let i = 0; i < 20; i++) {
      await fetch(base + searchPath(i));
      await fetch(`${base}/api/check`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text: checkTexts[i % checkTexts.length] }) });
    }
    // How the server serves after warm-up: searches from the in-memory copy or LanceDB, check worker threads.
    const serving = ((await (await fetch(`${base}/api/health`)).json()) as { serving?: { search: string; checkWorkers: number } }).serving ?? null;
    o.log(`服务方式：检索 ${serving?.search ?? "?"}，检查线程 ${serving?.checkWorkers ?? "?"} 个`);
    // Service time without queueing: the same requests one at a time.
    const single = async (fn: (i: number) => Promise<Response>) => {
      const ms: number[] = [];
      for (let i = 0; i < SERIAL; i++) {
        const t = performance.now();
        await (await fn(i)).arrayBuffer();
        ms.push(performance.now() - t);
      }
      ms.sort((a, b) => a - b);
      return { p50: Math.round(percentile(ms, 50) * 10) / 10, p95: Math.round(percentile(ms, 95) * 10) / 10 };
    };
    const pid = server.pid!;
    let t0 = threadCpuMs(pid);
    const serialSearch = await single((i) => fetch(base + searchPath(50_000 + i)));
    const searchCpu = cpuBetween(pid, t0, (t0 = threadCpuMs(pid)));
    const serialCheck = await single((i) =>
      fetch(`${base}/api/check`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text: checkTexts[i % checkTexts.length] }) }),
    );
    const checkCpu = cpuBetween(pid, t0, threadCpuMs(pid));
    // CPU per request one at a time: what a search costs the main thread, and a check the main thread and the worker.
    const perRequest = searchCpu && checkCpu && {
      searchMainMs: Math.round((searchCpu.mainMs / SERIAL) * 100) / 100,
      checkMainMs: Math.round((checkCpu.mainMs / SERIAL) * 100) / 100,
      checkOtherMs: Math.round((checkCpu.otherMs / SERIAL) * 100) / 100,
    };
    o.log(`单请求（无并发）：检索 p50 ${serialSearch.p50} ms / p95 ${serialSearch.p95} ms；检查 p50 ${serialCheck.p50} ms / p95 ${serialCheck.p95} ms`);
    if (perRequest) o.log(`单请求 CPU：检索主线程 ${perRequest.searchMainMs} ms；检查主线程 ${perRequest.checkMainMs} ms、其他线程 ${perRequest.checkOtherMs} ms`);
    const rssBefore = rssMB(server.pid!);
    const loadBefore = loadavg()[0];

    const searchConns = Math.max(1, Math.round(o.connections * o.searchShare));
    const checkConns = Math.max(1, o.connections - searchConns);
    let sn = 0;
    let cn = 0;
    const cap = 2_000_000; // a count bound on top of the time bound
    const oneRound = async () => {
      const searchLat: number[] = [];
      const checkLat: number[] = [];
      const searchStatus: Record<string, number> = {};
      const checkStatus: Record<string, number> = {};
      const [searchRes, checkRes] = await Promise.all([
        runCannon(
          {
            url: base,
            connections: searchConns,
            duration: o.durationSec,
            maxOverallRequests: cap,
            timeout: 10,
            requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: searchPath(sn++) }) }],
          },
          (s, ms) => {
            searchLat.push(ms);
            searchStatus[s] = (searchStatus[s] ?? 0) + 1;
          },
        ),
        runCannon(
          {
            url: base,
            connections: checkConns,
            duration: o.durationSec,
            maxOverallRequests: cap,
            timeout: 10,
            requests: [
              {
                method: "POST",
                path: "/api/check",
                headers: { "content-type": "application/json" },
                setupRequest: (req) => ({ ...req, body: JSON.stringify({ text: checkTexts[cn++ % checkTexts.length] }) }),
              },
            ],
          },
          (s, ms) => {
            checkLat.push(ms);
            checkStatus[s] = (checkStatus[s] ?? 0) + 1;
          },
        ),
      ]);
      return { search: stats(searchLat, searchStatus, searchRes), check: stats(checkLat, checkStatus, checkRes), duration: searchRes.duration };
    };
    // Later rounds show whether memory keeps growing (a leak) or levels off (caches).
    const rssSeries: Array<number | null> = [];
    let last!: Awaited<ReturnType<typeof oneRound>>;
    // CPU time of the server's threads during the last round: the main thread (HTTP, searches) and the rest.
    let cpu: { mainMs: number; otherMs: number } | null = null;
    // The machine's load during the rounds (1-minute average, sampled every 2 s): the figures of a run on a
    // loaded machine are read beside it.
    const loadSamples: number[] = [];
    const sampler = setInterval(() => loadSamples.push(loadavg()[0]), 2000);
    for (let round = 1; round <= o.rounds; round++) {
      o.log(`压测第 ${round}/${o.rounds} 轮 ${o.durationSec} 秒：检索 ${searchConns} 个连接，检查 ${checkConns} 个连接`);
      const cpuBefore = threadCpuMs(server.pid!);
      last = await oneRound();
      cpu = cpuBetween(server.pid!, cpuBefore, threadCpuMs(server.pid!));
      rssSeries.push(rssMB(server.pid!));
      o.log(`  检索 p95 ${last.search.p95} ms，检查 p95 ${last.check.p95} ms，RSS ${rssSeries.at(-1)} MB`);
    }
    clearInterval(sampler);
    const rssAfter = rssMB(server.pid!);
    const loadAfter = loadavg()[0];
    const loadDuring = loadSamples.length ? loadSamples.reduce((a, b) => a + b, 0) / loadSamples.length : loadAfter;
    const loadMax = loadSamples.length ? Math.max(...loadSamples) : loadAfter;
    await new Promise((r) => setTimeout(r, 5000));
    const rssIdle = rssMB(server.pid!);

    const { search, check } = last;
    const total = search.requests + check.requests;
    const figures = {
      corpus,
      startupMs: Math.round(startupMs),
      durationSec: o.durationSec,
      connections: { search: searchConns, check: checkConns },
      queryPool: pool,
      serving,
      totalRps: Math.round((total / last.duration) * 10) / 10,
      search,
      check,
      serial: { search: serialSearch, check: serialCheck, cpu: perRequest },
      rssMB: { before: rssBefore, afterEachRound: rssSeries, after: rssAfter, afterIdle5s: rssIdle },
      machine: {
        cpus: cpus().length, loadAvg1mBefore: Math.round(loadBefore * 100) / 100, loadAvg1mAfter: Math.round(loadAfter * 100) / 100,
        loadAvg1mDuring: Math.round(loadDuring * 100) / 100, loadAvg1mMaxDuring: Math.round(loadMax * 100) / 100,
      },
      serverCpu: cpu && {
        mainMs: cpu.mainMs,
        otherMs: cpu.otherMs,
        mainPerRequestMs: Math.round((cpu.mainMs / Math.max(1, total)) * 100) / 100,
        otherPerCheckMs: Math.round((cpu.otherMs / Math.max(1, check.requests)) * 10) / 10,
      },
      targets: { zeroErrors: search.errors + check.errors === 0, searchP95Under50ms: search.p95 <= 50 },
    };
    const fmt = (e: EndpointStats) => `${e.requests} 次，${e.rps}/秒，p50 ${e.p50} ms，p95 ${e.p95} ms，p99 ${e.p99} ms，最大 ${e.max} ms，错误 ${e.errors}`;
    return {
      title: `负载测试（${o.connections} 并发，${o.durationSec} 秒${o.rounds > 1 ? ` × ${o.rounds} 轮，取末轮` : ""}，${corpus.chunks} 段范文，${pool > 0 ? `检索词取自 ${pool} 个查询的池` : "每个检索词都不同"}）`,
      rows: [
        ["检索 GET /api/search", fmt(search)],
        ["检查 POST /api/check", fmt(check)],
        ["合计吞吐", `${figures.totalRps} 次/秒`],
        ["服务方式", serving ? `检索：${serving.search === "memory" ? "内存副本" : "LanceDB 索引"}；检查线程 ${serving.checkWorkers} 个（0 = 主线程）` : "未知"],
        ["单请求（无并发）", `检索 p50 ${serialSearch.p50} ms、p95 ${serialSearch.p95} ms；检查 p50 ${serialCheck.p50} ms、p95 ${serialCheck.p95} ms`],
        ["单请求 CPU", perRequest ? `检索：主线程 ${perRequest.searchMainMs} ms；检查：主线程 ${perRequest.checkMainMs} ms，其他线程 ${perRequest.checkOtherMs} ms` : "未知"],
        ["机器", `${cpus().length} 核，1 分钟负载：压测前 ${figures.machine.loadAvg1mBefore}，压测中平均 ${figures.machine.loadAvg1mDuring}（最高 ${figures.machine.loadAvg1mMaxDuring}），压测后 ${figures.machine.loadAvg1mAfter}`],
        ["服务 CPU", figures.serverCpu ? `主线程 ${(figures.serverCpu.mainMs / 1000).toFixed(1)} 秒（每次请求 ${figures.serverCpu.mainPerRequestMs} ms），其他线程 ${(figures.serverCpu.otherMs / 1000).toFixed(1)} 秒（每次检查 ${figures.serverCpu.otherPerCheckMs} ms）` : "未知"],
        ["内存 RSS", `压测前 ${rssBefore} MB → 各轮后 ${rssSeries.join(" / ")} MB → 空闲 5 秒后 ${rssIdle} MB`],
        ["目标：零错误", figures.targets.zeroErrors ? "达到" : `未达到（${search.errors + check.errors} 个错误）`],
        ["目标：检索 p95 ≤ 50 ms", figures.targets.searchP95Under50ms ? "达到" : `未达到（${search.p95} ms）`],
      ],
      figures,
    };
  } finally {
    clearTimeout(watchdog);
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once("exit", r));
      server.kill("SIGTERM");
      const t = setTimeout(() => server?.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(t);
    }
    if (!o.keep && !o.dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

/** bench/index.ts entry point: a shorter run with --quick. */
export async function run(opts: BenchOptions): Promise<BenchPart> {
  return runLoad({ durationSec: opts.quick ? 5 : 30, connections: 50, minChunks: opts.quick ? 2000 : 10_000, searchShare: 0.7, rounds: 1, keep: false, log: opts.log });
}

async function main() {
  const argv = process.argv.slice(2);
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = argv.includes("--quick");
  const part = await runLoad({
    durationSec: Number(arg("duration") ?? (quick ? 5 : 30)),
    connections: Number(arg("connections") ?? 50),
    minChunks: Number(arg("chunks") ?? (quick ? 2000 : 10_000)),
    searchShare: Number(arg("search-share") ?? 0.7),
    queryPool: Math.max(0, Number(arg("query-pool") ?? 0)),
    rounds: Math.max(1, Math.min(10, Number(arg("rounds") ?? 1))),
    dataDir: arg("data") ? path.resolve(arg("data")!) : undefined,
    keep: argv.includes("--keep"),
    profileDir: arg("profile") ? path.resolve(arg("profile")!) : undefined,
    serverRoot: arg("server") ? path.resolve(arg("server")!) : undefined,
    log: (l) => process.stderr.write(l + "\n"),
  });
  if (argv.includes("--json")) {
    process.stdout.write(JSON.stringify(part.figures, null, 2) + "\n");
  } else {
    const w = Math.max(...part.rows.map(([k]) => k.length));
    process.stdout.write(`\n${part.title}\n${"-".repeat(60)}\n`);
    for (const [k, v] of part.rows) process.stdout.write(`${k.padEnd(w)}  ${v}\n`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(`压测失败：${(e as Error).stack ?? e}\n`);
      process.exit(1);
    },
  );
}
