import type { Table } from "@lancedb/lancedb";
import { Slicer } from "../embed/slices.ts";
import type { Logger } from "../log.ts";
import type { CommitProtocol } from "./commit.ts";
import { MemorySearchIndex } from "./memory-index.ts";
import type { MemoryRow } from "./memory-rows.ts";
import { loadMemorySnapshot, saveMemorySnapshot, saveMemorySnapshotInSlices } from "./memory-snapshot.ts";
import { SnapshotChanged } from "./snapshot.ts";
import { rowToChunk, toFloat32, type Row } from "./rows.ts";
import { CHUNK_COLUMNS } from "./schema.ts";
import { sqlString } from "./sql.ts";

/** A load adding more rows than this is not waited for by searches (see sync). */
const WAIT_ROWS = 2000;

/**
 * Keeps the in-memory search copy (memory-index.ts) in step with the committed documents, lazily:
 * on the search after a commit it drops replaced and removed documents and loads the new ones' rows.
 */
export class MemorySync {
  private epoch = -1;
  /** Whether the copy at `epoch` serves searches (false: over budget). */
  private serves = false;
  private pending: Promise<MemorySearchIndex | null> | null = null;
  /** The load under way adds more rows than a search should wait for: the copy as it was serves until it is done. */
  private loadingBig = false;
  private overBudgetLogged = false;
  private loadedLogged = false;

  private readonly memory: MemorySearchIndex;
  private readonly budgetBytes: number;
  private readonly chunks: Table;
  private readonly commits: CommitProtocol;
  private readonly dimension: number;
  private readonly logger: Logger;
  /** Where the copy's snapshot lives (memory-snapshot.ts); none: always built from LanceDB. */
  private readonly snapshotDir: string | null;
  private snapshotTried = false;
  /** Rows added or dropped since the snapshot was written. */
  private changedSinceSnapshot = 0;
  private closed = false;
  /** Loads begun (each may change the copy): a snapshot being written stops when this moves. */
  private loadsBegun = 0;
  /** The snapshot being written, if any. */
  private writing: Promise<void> | null = null;
  private writingChanged = 0;

  constructor(o: { budgetMB: number; chunks: Table; commits: CommitProtocol; dimension: number; logger: Logger; coldDir?: string; snapshotDir?: string }) {
    this.snapshotDir = o.snapshotDir ?? null;
    this.memory = new MemorySearchIndex(o.dimension, { coldDir: o.coldDir });
    this.budgetBytes = o.budgetMB * 1024 * 1024;
    this.chunks = o.chunks;
    this.commits = o.commits;
    this.dimension = o.dimension;
    this.logger = o.logger;
  }

  /** Passages the budget holds, by the measured bytes per passage. */
  get capacity(): number {
    return Math.floor(this.budgetBytes / MemorySearchIndex.bytesPerRow(this.dimension));
  }

  /** Passages served from memory now (0: off, over budget or not loaded yet). */
  get passages(): number {
    return this.serves ? this.memory.size : 0;
  }

  /** What the copy holds: passages, bytes in memory (typed arrays) and in its temporary file. */
  stats(): { passages: number; memoryBytes: number; fileBytes: number; terms: number; mirrored: number } {
    return { passages: this.memory.size, memoryBytes: this.memory.memoryBytes, fileBytes: this.memory.fileBytes, terms: this.memory.terms, mirrored: this.memory.mirroredRows };
  }

  /**
   * Release the copy's temporary files; on the way, save a snapshot when at least 1% of the copy
   * changed since the last one (a graceful stop, so the next start reads it).
   */
  close(): void {
    // A sliced write still under way stops at its next piece: what it was saving counts as unsaved.
    const unsaved = this.changedSinceSnapshot + (this.writing ? this.writingChanged : 0);
    if (this.snapshotDir && this.inStep && unsaved > 0 && unsaved * 100 >= this.memory.size) {
      this.closed = true;
      try {
        saveMemorySnapshot(this.memory, this.snapshotDir);
        this.changedSinceSnapshot = 0;
      } catch (e) {
        this.logger.warn(`内存检索副本快照未能保存（下次启动从范文库重建）：${(e as Error).message}`);
      }
    }
    this.closed = true;
    this.memory.close();
  }

  /** Whether the copy is in step with the committed documents and serves searches. */
  get inStep(): boolean {
    return this.serves && this.epoch === this.commits.epoch;
  }

  /**
   * The copy, in step, or null when it cannot serve this search: over its memory budget, or a
   * document's rows are not all readable yet (another process's commit seen before its chunks;
   * LanceDB serves until the next try). One sync runs at a time; concurrent searches wait for it.
   */
  sync(opts: { wait?: boolean } = {}): Promise<MemorySearchIndex | null> {
    if (this.epoch === this.commits.epoch) return Promise.resolve(this.serves ? this.memory : null);
    this.pending ??= this.load()
      .catch((e: unknown) => {
        // The copy is only a faster path: if it cannot be loaded, LanceDB serves and the next search tries again.
        this.logger.warn(`内存检索副本载入失败，本次由 LanceDB 检索：${(e as Error).message}`);
        return null;
      })
      .finally(() => {
        this.pending = null;
        this.loadingBig = false;
      });
    // A big load (a document of thousands of passages) runs in slices for seconds: a search does not
    // wait for it but is served by the copy as it was (the new rows stay invisible until all are in;
    // a replaced or removed document is gone from it at once), or by LanceDB when there is no copy yet.
    // Asking LanceDB instead took seconds while it rebuilt its indexes for the new rows. `wait`: warm-up.
    if (this.loadingBig && !opts.wait) return Promise.resolve(this.serves ? this.memory : null);
    return this.pending;
  }

  private async load(): Promise<MemorySearchIndex | null> {
    this.loadsBegun++;
    // Searches meanwhile read the copy as it is; the tidy it needs after the load runs in slices at its end.
    this.memory.holdTidy(true);
    try {
      return await this.loadHeld(new Slicer());
    } finally {
      this.memory.holdTidy(false);
    }
  }

  private async loadHeld(slicer: Slicer): Promise<MemorySearchIndex | null> {
    const mem = this.memory;
    const epoch = this.commits.epoch;
    const committed = new Map(this.commits.committed);
    let total = 0;
    for (const c of committed.values()) total += c.chunkCount;
    if (total * MemorySearchIndex.bytesPerRow(this.dimension) > this.budgetBytes) {
      if (!this.overBudgetLogged) {
        this.logger.info(`范文库 ${total} 个段落超出内存检索预算（${Math.round(this.budgetBytes / 1048576)} MB，约可容纳 ${this.capacity} 个段落），改由 LanceDB 索引检索`);
        this.overBudgetLogged = true;
      }
      mem.clear();
      this.epoch = epoch;
      this.serves = false;
      return null;
    }
    this.overBudgetLogged = false;
    if (!this.snapshotTried && this.snapshotDir) {
      this.snapshotTried = true;
      try {
        const got = loadMemorySnapshot(mem, this.snapshotDir);
        if (got) this.logger.info(`内存检索副本从快照载入 ${got.passages} 个段落（${(got.ms / 1000).toFixed(1)} 秒），再与范文库核对增删`);
      } catch (e) {
        mem.clear();
        this.logger.warn(`内存检索副本快照无法读取，改为从范文库重建：${(e as Error).message}`);
      }
    }
    // What the codes and postings leave of the budget mirrors the first rows' float vectors.
    mem.setMirrorBytes(this.budgetBytes - total * MemorySearchIndex.bytesPerRow(this.dimension));
    const held = mem.held();
    const before = mem.size;
    for (const [id, hash] of held) if (committed.get(id)?.hash !== hash) mem.removeDocument(id);
    this.changedSinceSnapshot += before - mem.size;
    const missing = [...committed].filter(([id, c]) => held.get(id) !== c.hash && c.chunkCount > 0);
    let complete = true;
    if (missing.length > 0) {
      const started = performance.now();
      // The rows are read and filed in slices of ~10 ms: the event loop gets a turn between them.
      const byDoc = new Map<string, MemoryRow[]>();
      const read = async (where: string | undefined) => {
        let qb = this.chunks.query().select([...CHUNK_COLUMNS, "tokens", "vector"]).limit(100_000_000);
        if (where) qb = qb.where(where);
        // Batch by batch, so the Arrow data of the whole table is never in memory at once.
        for await (const batch of qb) {
          for (const r of batch.toArray() as Row[]) {
            await slicer.tick();
            const id = String(r.doc_id);
            if (committed.get(id)?.hash !== String(r.content_hash)) continue;
            let rows = byDoc.get(id);
            if (!rows) byDoc.set(id, (rows = []));
            rows.push({ chunk: rowToChunk(r), vector: toFloat32(r.vector), tokens: String(r.tokens).split(" ").filter(Boolean) });
          }
        }
      };
      // Most documents missing (the first search): one scan; otherwise only theirs.
      let adding = 0;
      for (const [, c] of missing) adding += c.chunkCount;
      this.loadingBig = adding > WAIT_ROWS;
      mem.reserve(adding);
      if (missing.length * 2 > committed.size) await read(undefined);
      else for (let i = 0; i < missing.length; i += 200) await read(`doc_id IN (${missing.slice(i, i + 200).map(([id]) => sqlString(id)).join(", ")})`);
      for (const [id, c] of missing) {
        const rows = byDoc.get(id) ?? [];
        if (rows.length !== c.chunkCount || rows.some((r) => r.vector.length !== this.dimension)) {
          complete = false;
          continue;
        }
        await mem.setDocumentInSlices(id, c.hash, rows.sort((a, b) => a.chunk.seq - b.chunk.seq), () => slicer.tick());
        this.changedSinceSnapshot += rows.length;
      }
      this.logger.debug(`内存检索副本载入 ${missing.length} 篇文档（${Math.round(performance.now() - started)} ms）`);
    }
    if (!complete) return null;
    await mem.tidyInSlices(() => slicer.tick());
    if (!this.loadedLogged && mem.size > 0) {
      this.loadedLogged = true;
      this.logger.info(
        `内存检索副本：${mem.size} 个段落由内存检索，其中 ${mem.mirroredRows} 个段落的原始向量也在内存中（约 ${Math.round(mem.memoryBytes / 1048576)} MB，预算 ${Math.round(this.budgetBytes / 1048576)} MB，约可容纳 ${this.capacity} 个段落）`,
      );
    }
    this.epoch = epoch;
    this.serves = true;
    this.maybeSnapshot();
    return mem;
  }

  /**
   * Save a snapshot once a fifth of the copy (at least 2,000 passages) changed since the last one:
   * after the first build, and after large ingests. Small edits are read from LanceDB at the next
   * start (a few documents). The save runs after the current search, a few megabytes at a time with
   * searches served between them (memory-snapshot.ts); a load begun meanwhile stops it, and the next
   * load tries again.
   */
  private maybeSnapshot(): void {
    const dir = this.snapshotDir;
    if (!dir || this.writing || this.changedSinceSnapshot < Math.max(2_000, this.memory.size / 5)) return;
    const changed = (this.writingChanged = this.changedSinceSnapshot);
    this.changedSinceSnapshot = 0;
    const begun = this.loadsBegun;
    const unchanged = () => !this.closed && this.loadsBegun === begun;
    this.writing = new Promise<void>((r) => setImmediate(r))
      .then(async () => {
        if (!unchanged() || !this.inStep) throw new SnapshotChanged("");
        const f = await saveMemorySnapshotInSlices(this.memory, dir, { unchanged });
        this.logger.info(`内存检索副本已存快照：${f.passages} 个段落，${Math.round(f.bytes / 1048576)} MB，用时 ${(f.ms / 1000).toFixed(1)} 秒（分片写入，检索不等待）`);
      })
      .catch((e: unknown) => {
        this.changedSinceSnapshot += changed;
        if (!(e instanceof SnapshotChanged)) this.logger.warn(`内存检索副本快照未能保存（下次启动从范文库重建）：${(e as Error).message}`);
      })
      .finally(() => (this.writing = null));
  }

  /** The snapshot being written, if any (tests, a graceful stop). */
  snapshotWritten(): Promise<void> {
    return this.writing ?? Promise.resolve();
  }
}
