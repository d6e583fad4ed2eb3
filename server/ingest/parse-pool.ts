import { Worker } from "node:worker_threads";
import { DEFAULT_MAX_CHARS } from "../corpus/formats.ts";
import type { ReadResult } from "../corpus/read.ts";
import type { OcrProgress } from "../corpus/read-pdf.ts";
import type { PreparedReport } from "../corpus/types.ts";
import { isZip, listZipEntries, ZIP_LIMITS } from "../corpus/zip.ts";
import { AppError, type ErrorCode } from "../errors.ts";
import { silentLogger, type Logger } from "../log.ts";
import type { ExpandedArchive } from "./archive.ts";
import type { ParseReply, ParseRequest } from "./parse-protocol.ts";

/**
 * Every uploaded or ingested file is read in a worker thread of this pool, never on the thread that
 * serves HTTP, so a file that is slow or hungry to read cannot hold up searches, checks or saves. The
 * pool is separate from the check workers. Each file gets:
 * - a deadline on progress: `timeoutMs` for a file up to 5 MB, and as much again for every further 5 MB
 *   (of what a zip container declares it holds, for a .docx or .ofd), started afresh whenever the
 *   worker reports that the file moved (another PDF page read, a step of preparing it done), so a big
 *   honest file is read however long it is as a whole, and a parser stuck in one step is stopped;
 * - a total time: ten deadlines, however the file moves (a scanned PDF being OCR'd, whose every page
 *   starts the deadline afresh, is bound by its page count instead). A bomb is stopped by the inflate
 *   budgets and the character cap as it grows, not by the clock;
 * - a heap cap (`resourceLimits.maxOldGenerationSizeMb`), and a watch on the process's resident memory
 *   while it is read (pdf.js and the inflaters allocate outside the JavaScript heap): past `memoryMb` of
 *   growth the reading is stopped;
 * - a cap on the characters extracted (`maxChars`).
 * A file that passes one gets a Chinese error naming the limit; its worker is ended and replaced, and
 * the memory it held goes with it. Files wait their turn in order; the main thread holds only bytes.
 */
export interface ParseService {
  /** Read a file into text (check and draft-import uploads). */
  read(name: string, bytes: Uint8Array, opts?: ParseOptions): Promise<ReadResult>;
  /** Read, clean, parse and chunk a report (ingest); a text that is no report (a facts list, a blank template…) is refused as `not_a_report`. */
  prepare(name: string, bytes: Uint8Array, opts?: ParseOptions): Promise<PreparedReport>;
  /**
   * The report files of a .zip archive, each within `maxBytes`; a damaged or encrypted entry is a problem, not a
   * failure. Null: the .zip is one document (or a damaged zip), to be read as a single file.
   */
  expand(name: string, bytes: Uint8Array, maxBytes: number): Promise<ExpandedArchive | null>;
  /** Start the workers ahead of the first file. */
  warm(): ParseService;
  close(): Promise<void>;
}

export interface ParseOptions {
  maxBytes?: number;
  onOcrProgress?: (p: OcrProgress) => void;
}

export interface ParseLimits {
  /** Deadline for a file up to 5 MB, in ms (default 20 s); it grows by as much for every further 5 MB. */
  timeoutMs: number;
  /** Heap of a parse worker, in MB (default 1024). */
  heapMb: number;
  /** Growth of the process's resident memory allowed while one file is read, in MB (default 2048). */
  memoryMb: number;
  /** Characters one file may yield (default 3 million). */
  maxChars: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { timeoutMs: 20_000, heapMb: 1024, memoryMb: 2048, maxChars: DEFAULT_MAX_CHARS };

export interface ParsePoolOptions extends Partial<ParseLimits> {
  /** Worker threads (default 1). */
  size?: number;
  /** The worker's script (default parse-worker-entry.mjs); the pool's own tests give a stand-in whose timing they control. */
  entry?: URL;
  /** Files waiting beyond this many are refused with 503 (default 1000). */
  maxQueue?: number;
  logger?: Logger;
}

const ENTRY = new URL("./parse-worker-entry.mjs", import.meta.url);
const STEP_BYTES = 5 * 1024 * 1024;
/** A file that keeps moving may have its deadline started again, up to this many deadlines in all. */
export const MAX_DEADLINES = 10;
/** How long a new worker may take to load its readers (tsx, pdf.js) before its first file begins. */
const STARTUP_MS = 180_000;

/**
 * What a file's deadline is scaled by: its size, or for a zip container (.docx, .ofd, an archive) what its
 * directory says it holds, up to the containers' 50 MB limit (a directory that lies is stopped by the
 * counted inflation, whatever the deadline). Reading the directory is cheap and touches no entry.
 */
export function workSize(bytes: Uint8Array): number {
  if (!isZip(bytes)) return bytes.length;
  try {
    const declared = listZipEntries("", bytes).reduce((n, e) => n + e.uncompressedSize, 0);
    return Math.max(bytes.length, Math.min(declared, ZIP_LIMITS.maxTotalUncompressed));
  } catch {
    return bytes.length;
  }
}

/** The deadline of a file of `size` bytes: the base for up to 5 MB, and as much again per further 5 MB. */
export function parseDeadlineMs(base: number, size: number): number {
  return Math.round(base * Math.max(1, size / STEP_BYTES));
}

type Job = {
  request: ParseRequest;
  name: string;
  size: number;
  resolve(reply: ParseReply): void;
  reject(e: Error): void;
  onProgress?: (p: OcrProgress) => void;
  /** When the worker began reading it (its readers loaded). */
  begun?: number;
};

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  watch: NodeJS.Timeout | null;
  /** Why this slot's worker was ended (the error its job gets). */
  ending: AppError | null;
}

export class ParsePool implements ParseService {
  readonly limits: ParseLimits;
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly maxQueue: number;
  private readonly logger: Logger;
  private readonly entry: URL;
  private nextId = 1;
  private closed = false;
  /** Workers replaced (after a timeout, a memory breach or a crash): diagnostics and tests. */
  replaced = 0;
  private restarts: number[] = [];

  constructor(opts: ParsePoolOptions = {}) {
    this.limits = {
      timeoutMs: opts.timeoutMs ?? DEFAULT_PARSE_LIMITS.timeoutMs,
      heapMb: opts.heapMb ?? DEFAULT_PARSE_LIMITS.heapMb,
      memoryMb: opts.memoryMb ?? DEFAULT_PARSE_LIMITS.memoryMb,
      maxChars: opts.maxChars ?? DEFAULT_PARSE_LIMITS.maxChars,
    };
    this.size = Math.max(1, Math.trunc(opts.size ?? 1));
    this.maxQueue = opts.maxQueue ?? 1000;
    this.logger = opts.logger ?? silentLogger;
    this.entry = opts.entry ?? ENTRY;
  }

  /** The worker threads (diagnostics and tests); started on first use. */
  get workers(): Worker[] {
    return this.slots.map((s) => s.worker);
  }

  /** Files being read now, and files waiting for a worker (diagnostics and tests). */
  get active(): number {
    return this.slots.filter((s) => s.job !== null).length;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Start the workers now, so that the first file does not wait for them to load their readers. */
  warm(): this {
    while (!this.closed && this.slots.length < this.size) this.slots.push(this.spawn());
    return this;
  }

  read(name: string, bytes: Uint8Array, opts: ParseOptions = {}): Promise<ReadResult> {
    return this.run<ReadResult>({ type: "read", id: 0, name, bytes, maxBytes: opts.maxBytes, maxChars: this.limits.maxChars }, opts.onOcrProgress, (r) =>
      r.type === "read" ? r.result : undefined,
    );
  }

  prepare(name: string, bytes: Uint8Array, opts: ParseOptions = {}): Promise<PreparedReport> {
    return this.run<PreparedReport>({ type: "prepare", id: 0, name, bytes, maxBytes: opts.maxBytes, maxChars: this.limits.maxChars }, opts.onOcrProgress, (r) =>
      r.type === "prepare" ? r.report : undefined,
    );
  }

  expand(name: string, bytes: Uint8Array, maxBytes: number): Promise<ExpandedArchive | null> {
    return this.run<ExpandedArchive | null>({ type: "expand", id: 0, name, bytes, maxBytes }, undefined, (r) => {
      if (r.type !== "expand") return undefined;
      if (r.document) return null;
      return { files: r.files, problems: r.problems.map((p) => ({ name: p.name, error: new AppError(p.code as ErrorCode, p.message) })) };
    });
  }

  private run<T>(request: ParseRequest, onProgress: ((p: OcrProgress) => void) | undefined, pick: (r: ParseReply) => T | undefined): Promise<T> {
    if (this.closed) return Promise.reject(new AppError("unavailable:parse_closed", "文件解析服务已关闭"));
    if (this.queue.length >= this.maxQueue) return Promise.reject(new AppError("unavailable:parse_busy", "待解析的文件过多，请稍后重试"));
    request.id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        request,
        name: request.name,
        size: workSize(request.bytes),
        onProgress,
        reject,
        resolve: (reply) => {
          const value = pick(reply);
          if (value === undefined) reject(new AppError("internal:parse", `读取文件《${request.name}》时出现意外错误`));
          else resolve(value);
        },
      });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      let slot = this.slots.find((s) => s.job === null && s.ending === null);
      if (!slot && this.slots.length < this.size) {
        slot = this.spawn();
        this.slots.push(slot);
      }
      if (!slot) return;
      this.start(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.entry, {
      name: "zongjie-parse",
      resourceLimits: { maxOldGenerationSizeMb: this.limits.heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    });
    worker.unref();
    const slot: Slot = { worker, job: null, timer: null, watch: null, ending: null };
    worker.on("message", (m: ParseReply) => this.onMessage(slot, m));
    worker.on("error", (e: Error & { code?: string }) => {
      if (e.code === "ERR_WORKER_OUT_OF_MEMORY") slot.ending ??= this.memoryError(slot.job, this.limits.heapMb);
      else this.logger.error(`解析线程出错：${e.message}`);
    });
    worker.on("exit", (code) => this.onExit(slot, code));
    return slot;
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    // Until the worker says `begin` (its readers loaded), only a generous start-up deadline runs.
    this.arm(slot, job, STARTUP_MS);
    const rssAtStart = process.memoryUsage.rss();
    const cap = this.limits.memoryMb * 1024 * 1024;
    slot.watch = setInterval(() => {
      if (process.memoryUsage.rss() - rssAtStart > cap) this.end(slot, this.memoryError(job, this.limits.memoryMb));
    }, 100);
    slot.watch.unref();
    const { request } = job;
    // The bytes are copied to the worker; the caller keeps its own.
    slot.worker.postMessage(request);
  }

  /**
   * (Re)start the deadline of the slot's file: a deadline from now, or what is left of its total time if
   * that is sooner (then passing it names the total time).
   */
  private arm(slot: Slot, job: Job, startup?: number): void {
    if (slot.timer) clearTimeout(slot.timer);
    const deadline = startup ?? parseDeadlineMs(this.limits.timeoutMs, job.size);
    const total = MAX_DEADLINES * parseDeadlineMs(this.limits.timeoutMs, job.size);
    const left = startup === undefined && job.begun !== undefined ? total - (Date.now() - job.begun) : Infinity;
    const ms = Math.max(0, Math.min(deadline, left));
    const secs = (n: number) => Math.max(1, Math.round(n / 1000));
    slot.timer = setTimeout(() => {
      this.end(
        slot,
        ms < deadline
          ? new AppError("timeout:parse", `文件《${job.name}》解析超过总时限（${secs(total)} 秒），已中止；文件过大或结构异常，请拆分后再上传`, {
              details: { limit: "total", seconds: secs(total) },
            })
          : new AppError("timeout:parse", `文件《${job.name}》解析超时（${secs(deadline)} 秒），已中止：其间读取没有任何进展，文件可能已损坏或结构异常`, {
              details: { limit: "timeout", seconds: secs(deadline) },
            }),
      );
    }, ms);
    slot.timer.unref();
  }

  private memoryError(job: Job | null, mb: number): AppError {
    return new AppError("too_large:parse_memory", `文件《${job?.name ?? "未命名文件"}》解析时占用内存超过上限（${mb} MB），已中止；文件可能是炸弹文件或已损坏`, {
      details: { limit: "memory", mb },
    });
  }

  /** Stop the slot's worker: its file gets `why`, and a new worker takes its place. */
  private end(slot: Slot, why: AppError): void {
    if (slot.ending) return;
    slot.ending = why;
    this.clearTimers(slot);
    void slot.worker.terminate();
  }

  private clearTimers(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    if (slot.watch) clearInterval(slot.watch);
    slot.timer = slot.watch = null;
  }

  private onMessage(slot: Slot, m: ParseReply): void {
    if (m.type === "ready") return;
    const job = slot.job;
    if (!job || m.id !== job.request.id || slot.ending) return;
    if (m.type === "begin") {
      job.begun = Date.now();
      this.arm(slot, job);
      return;
    }
    if (m.type === "alive") {
      // A long document moving (a page read, a step done): its deadline starts again, within its total time.
      this.arm(slot, job);
      return;
    }
    if (m.type === "progress") {
      // OCR reports each page: the deadline starts again for the next one, and the total grows with the pages.
      job.begun = Date.now();
      this.arm(slot, job);
      job.onProgress?.({ page: m.page, pages: m.pages });
      return;
    }
    this.clearTimers(slot);
    slot.job = null;
    slot.worker.unref();
    if (m.type === "error") {
      if (m.unexpected) this.logger.error(`读取 ${job.name} 时出现意外错误：${m.unexpected}`);
      job.reject(
        m.unexpected
          ? new AppError("bad_request:unreadable", `文件《${job.name}》无法读取：文件结构异常`)
          : new AppError(m.code as ErrorCode, m.message, { details: m.details }),
      );
    } else job.resolve(m);
    this.dispatch();
  }

  private onExit(slot: Slot, code: number): void {
    this.clearTimers(slot);
    const job = slot.job;
    slot.job = null;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    if (job) {
      job.reject(slot.ending ?? new AppError("internal:parse_worker", `读取文件《${job.name}》时解析线程意外退出，请重试`));
    }
    if (this.closed) return;
    this.replaced++;
    this.logger.warn(`解析线程已退出（代码 ${code}${slot.ending ? `：${slot.ending.message}` : ""}），已换用新线程`);
    // The replacement starts now, so the next file does not wait for it; a thread that keeps dying is
    // replaced only when a file needs it (dispatch), never in a loop.
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < 60_000);
    if (this.restarts.length < 10 && this.slots.length < this.size) {
      this.restarts.push(now);
      this.slots.push(this.spawn());
    }
    this.dispatch();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new AppError("unavailable:parse_closed", "文件解析服务已关闭"));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }
}

let shared: ParsePool | null = null;

/**
 * The pool of a process that was given none (tests, scripts, the CLI before its runtime is open): one,
 * with the default limits, whose idle workers never keep the process alive.
 */
export function sharedParsePool(): ParsePool {
  shared ??= new ParsePool();
  return shared;
}
