import { Worker } from "node:worker_threads";
import { AppError, type ErrorCode } from "../errors.ts";
import { silentLogger, type Logger } from "../log.ts";
import type { WorkerHeld, WorkerReply, WorkerRequest } from "./check-worker.ts";
import type { FingerprintIndex, ReuseChange } from "./reuse-index.ts";
import type { ArchiveChange, MemoryArchiveLexicon } from "./typo/archive.ts";
import type { CheckResult } from "./types.ts";
import type { Checker, CheckRequest } from "./checker.ts";
import type { OfficeLists } from "../lists/office.ts";

/**
 * Checks run in worker threads, off the thread that serves HTTP.
 *
 * Why: a cold check of a 1,500-character draft costs tens of milliseconds of CPU (the typo check,
 * reuse matching and the rules: median 65 ms, 36–189 ms, over 21 drafts against a 1,000-chunk archive,
 * measured on a machine at load 15; it was ~3.5 ms before the typo check), and on the main thread every
 * search queued behind a batch of checks waits for all of them. Measured with `npm run bench:load`
 * (35 search + 15 check connections, 10k chunks) when checks cost far less: with them on the main thread,
 * search p95 was 118 ms even with in-memory search; see the README for the figures after.
 *
 * The workers read the reuse fingerprints and the typo check's archive table where the main thread
 * keeps them: shared tables in SharedArrayBuffers, sent once by reference, never copied (the main
 * thread's indexes stay the owners: they write the log and reconcile with the store). The changes
 * since a table was built reach the workers as messages in the order they happen, then a new shared
 * table replaces them; a check is sent after them, so it always sees the index as it was when the
 * request arrived. A worker that dies or overruns `timeoutMs` fails only its own checks with a clear
 * error and is replaced; its replacement is given the shared tables and the changes since.
 */

export interface CheckPoolOptions {
  reuse: FingerprintIndex;
  /**
   * Word use across the archive for the typo check: its table is in SharedArrayBuffers that every
   * worker reads (one table for all), and its changes since the table was built follow as messages.
   */
  archive?: MemoryArchiveLexicon;
  /** The office's lists, loaded at start; each worker gets a copy. */
  lists: OfficeLists;
  /** Worker threads (default 1: the other core of a 2-core machine). */
  size?: number;
  /** A check running longer than this fails and its worker is replaced (default 30 s). */
  timeoutMs?: number;
  /** Checks waiting beyond this many per worker are refused with 503 (default 256). */
  maxQueuePerWorker?: number;
  logger?: Logger;
}

interface Pending {
  resolve(r: CheckResult): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  ready: Promise<void>;
}

const ENTRY = new URL("./check-worker-entry.mjs", import.meta.url);

export class CheckPool implements Checker {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closed = false;
  private readonly unsubscribe: () => void;
  readonly size: number;
  private readonly timeoutMs: number;
  private readonly maxQueue: number;
  private readonly logger: Logger;
  /** Replacements in the last minute; past 10 the pool stops replacing and reports the failure. */
  private restarts: number[] = [];

  private constructor(private readonly opts: CheckPoolOptions) {
    this.size = Math.max(1, Math.trunc(opts.size ?? 1));
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.maxQueue = opts.maxQueuePerWorker ?? 256;
    this.logger = opts.logger ?? silentLogger;
    const offReuse = opts.reuse.subscribe((c) => this.broadcast(c));
    const offArchive = opts.archive?.subscribe((c) => this.broadcastArchive(c));
    this.unsubscribe = () => {
      offReuse();
      offArchive?.();
    };
  }

  /** Start the workers and wait until each holds the index. */
  static async open(opts: CheckPoolOptions): Promise<CheckPool> {
    const pool = new CheckPool(opts);
    for (let i = 0; i < pool.size; i++) pool.slots.push(pool.spawn());
    try {
      await Promise.all(pool.slots.map((s) => s.ready));
    } catch (e) {
      await pool.close();
      throw new AppError("internal:check_worker", `检查线程无法启动：${(e as Error).message}`, { cause: e });
    }
    return pool;
  }

  /** The worker threads (diagnostics and tests). */
  get workers(): Worker[] {
    return this.slots.map((s) => s.worker);
  }

  private spawn(): Slot {
    const worker = new Worker(ENTRY, { workerData: { lists: this.opts.lists }, name: "zongjie-check" });
    const pending = new Map<number, Pending>();
    let markReady!: () => void;
    let failReady!: (e: Error) => void;
    const ready = new Promise<void>((res, rej) => {
      markReady = res;
      failReady = rej;
    });
    ready.catch(() => undefined); // observed by open(); a replacement's failure surfaces as exit below
    const slot: Slot = { worker, pending, ready };
    worker.on("message", (m: WorkerReply) => {
      if (m.type === "ready") return markReady();
      if (m.type === "held") return this.heldReplies.get(m.id)?.(m.held);
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.type === "result") p.resolve(m.result);
      else p.reject(new AppError(m.code as ErrorCode, m.message));
    });
    worker.on("error", (e) => {
      this.logger.error(`检查线程出错：${e.message}`);
      failReady(e);
    });
    worker.on("exit", (code) => {
      failReady(new Error(`exit ${code}`));
      for (const [, p] of pending) {
        clearTimeout(p.timer);
        p.reject(new AppError("internal:check_worker", "检查线程意外退出，本次检查未完成，请重试"));
      }
      pending.clear();
      this.replace(slot, code);
    });
    worker.postMessage({ type: "init", reuse: this.opts.reuse.state(), archive: this.opts.archive?.snapshot() ?? null } satisfies WorkerRequest);
    return slot;
  }

  private replace(slot: Slot, code: number) {
    if (this.closed) return;
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < 60_000);
    if (this.restarts.length >= 10) {
      this.logger.error("检查线程一分钟内反复退出，已停止重启；检查请求将返回错误");
      this.slots.splice(i, 1);
      return;
    }
    this.restarts.push(now);
    this.logger.warn(`检查线程已退出（代码 ${code}），正在重启`);
    this.slots[i] = this.spawn();
  }

  /** A change to the fingerprints; a new shared table goes by reference (SharedArrayBuffer), not copied. */
  private broadcast(c: ReuseChange) {
    const msg: WorkerRequest = { type: "reuse", change: c };
    for (const s of this.slots) s.worker.postMessage(msg);
  }

  /** A change to the archive table; a new shared table goes by reference (SharedArrayBuffer), not copied. */
  private broadcastArchive(c: ArchiveChange) {
    const msg: WorkerRequest = { type: "archive", change: c };
    for (const s of this.slots) s.worker.postMessage(msg);
  }

  private readonly heldReplies = new Map<number, (h: WorkerHeld) => void>();

  /** What each worker holds of the archive evidence, after every change sent so far (diagnostics, tests). */
  async held(): Promise<WorkerHeld[]> {
    return Promise.all(this.slots.map((s) => {
      const id = this.nextId++;
      return new Promise<WorkerHeld>((resolve) => {
        this.heldReplies.set(id, (h) => {
          this.heldReplies.delete(id);
          resolve(h);
        });
        s.worker.postMessage({ type: "held", id } satisfies WorkerRequest);
      });
    }));
  }

  check(text: string, opts: CheckRequest = {}): Promise<CheckResult> {
    if (this.closed) return Promise.reject(new AppError("unavailable:check_closed", "检查服务已关闭"));
    if (this.slots.length === 0) return Promise.reject(new AppError("unavailable:check_worker", "检查线程不可用，请查看服务日志并重启服务"));
    // The least busy worker.
    const slot = this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    if (slot.pending.size >= this.maxQueue) {
      return Promise.reject(new AppError("unavailable:check_busy", "检查请求过多，请稍后重试"));
    }
    const id = this.nextId++;
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    return new Promise<CheckResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (!slot.pending.delete(id)) return;
        reject(new AppError("timeout:check", `检查超过 ${Math.round(timeoutMs / 1000) || 1} 秒仍未完成，已中止；请缩短文本后重试`));
        // The worker may be stuck in this check: replace it (its other checks fail with a clear error).
        void slot.worker.terminate();
      }, timeoutMs);
      slot.pending.set(id, { resolve, reject, timer });
      slot.worker.postMessage({ type: "check", id, text, year: opts.year, excludeDocIds: opts.excludeDocIds } satisfies WorkerRequest);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }
}
