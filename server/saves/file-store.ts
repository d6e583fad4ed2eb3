import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, statSync, unlinkSync } from "node:fs";
import { open, readdir, readFile, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { type Draft, DraftSchema } from "../drafting/types.ts";
import { keyedLock } from "../async.ts";
import { AppError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { LegacyDraftSchema } from "./legacy-draft.ts";
import { migrateLegacyDraft } from "./migrate.ts";
import type { DraftSaveStore, SavedDraft, SavedDraftSummary } from "./types.ts";

/**
 * Draft ids are generated here and only here: "d-" + base36 time + hex randomness. Anything else
 * is refused before it reaches the file system, so an id can never name a path ("../x", "a/b", "").
 */
export const DRAFT_ID_RE = /^d-[0-9a-z]{9,12}[0-9a-f]{12}$/;

/** The save format written now. Format 1 held the draft's first shape (see legacy-draft.ts). */
const FORMAT_VERSION = 2;

const RecordHeadSchema = z.object({
  format: z.literal("zongjie-draft-save"),
  id: z.string().regex(DRAFT_ID_RE),
  version: z.number().int().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A draft's file on disk: the draft plus the bookkeeping needed for versions. */
const RecordSchema = RecordHeadSchema.extend({ formatVersion: z.literal(FORMAT_VERSION), draft: DraftSchema });
type SaveRecord = z.infer<typeof RecordSchema>;

/** A file of format 1, read as the current record: the draft migrated, the format bumped (on disk at the next save). */
const LegacyRecordSchema = RecordHeadSchema.extend({ formatVersion: z.literal(1), draft: LegacyDraftSchema }).transform(
  (r): SaveRecord => ({ ...r, formatVersion: FORMAT_VERSION, draft: migrateLegacyDraft(r.draft) }),
);

const AnyRecordSchema = z.union([RecordSchema, LegacyRecordSchema]);

/** A file in the drafts folder that could not be read (crash debris, hand edits, disk trouble). */
export interface SaveProblem {
  file: string;
  reason: string;
}

export interface DraftSaveStoreOptions {
  logger?: Logger;
  /** Injectable clock for tests. */
  now?: () => Date;
  /** Called right before the new version is renamed into place; tests use it to simulate a crash. */
  beforeCommit?: (id: string, version: number) => Promise<void> | void;
}

export interface FileDraftSaveStore extends DraftSaveStore {
  /** The folder holding the drafts (`<dataDir>/drafts`). */
  readonly dir: string;
  /** Files skipped by the last `list()` (or a `get` that fell back to the backup), for the log and UI. */
  problems(): SaveProblem[];
}

/** Generate a fresh draft id (sortable by creation time, unguessable). */
export function newDraftId(now = Date.now()): string {
  return `d-${Math.max(0, Math.floor(now)).toString(36).padStart(9, "0")}${randomBytes(6).toString("hex")}`;
}

/** True when `id` has the shape of a generated draft id (and so is safe to use as a file name). */
export function isDraftId(id: string): boolean {
  return DRAFT_ID_RE.test(id);
}

function checkId(id: string): void {
  if (!isDraftId(id)) throw new AppError("bad_request:draft_id", "稿件编号无效");
}

function validateDraft(draft: unknown): Draft {
  const parsed = DraftSchema.safeParse(draft);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "draft"}: ${i.message}`);
    throw new AppError("bad_request:invalid_draft", `稿件内容格式无效：${issues.join("；")}`, {
      details: { issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String), message: i.message })) },
    });
  }
  return parsed.data;
}

function summary(r: SaveRecord): SavedDraftSummary {
  return { id: r.id, title: r.draft.title, version: r.version, updatedAt: r.updatedAt, engine: r.draft.engine };
}

function toSaved(r: SaveRecord): SavedDraft {
  return { ...summary(r), draft: r.draft };
}

/** fsync a directory so a rename inside it survives power loss (best effort where unsupported). */
async function syncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, "r");
    await fh.sync();
  } catch {
    // Some file systems refuse fsync on directories; the rename is still atomic there.
  } finally {
    await fh?.close();
  }
}

/** Write `data` to `file` atomically: temp file in the same folder, fsync, rename over, fsync folder. */
async function writeAtomic(file: string, data: string, beforeRename?: () => Promise<void> | void): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const fh = await open(tmp, "wx", 0o600);
    try {
      await fh.writeFile(data, "utf8");
      await fh.sync();
    } finally {
      await fh.close();
    }
    await beforeRename?.();
    await rename(tmp, file);
  } catch (e) {
    // Whatever failed (disk full mid-write, the rename), the target still holds the previous version.
    await unlink(tmp).catch(() => {});
    throw e;
  }
  await syncDir(dir);
}

const STORAGE_ERRORS = new Set(["ENOSPC", "EDQUOT", "EACCES", "EPERM", "EROFS", "EIO", "EMFILE", "ENFILE"]);

/** A file-system failure while saving, as an error the editor can show (the draft stays in the browser). */
function storageError(e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (!code || !STORAGE_ERRORS.has(code)) return e;
  const why = code === "ENOSPC" || code === "EDQUOT" ? "磁盘空间不足" : code === "EIO" ? "磁盘读写出错" : code.endsWith("FILE") ? "打开的文件过多" : "数据目录不可写";
  return new AppError("unavailable:storage", `稿件未能保存：${why}（${code}）。已保存的上一版本完好；请处理后重试，或先导出 .docx 留底。`, {
    cause: e,
    details: { errno: code },
  });
}

/**
 * Open (creating if needed) the draft store in `<dataDir>/drafts`. One JSON file per draft, written
 * atomically; the version before the last save is kept as `<id>.prev.json`.
 */
export function openDraftSaveStore(dataDir: string, options: DraftSaveStoreOptions = {}): FileDraftSaveStore {
  const dir = path.join(path.resolve(dataDir), "drafts");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const now = options.now ?? (() => new Date());
  const logger = options.logger;
  let lastProblems: SaveProblem[] = [];
  const summaries = new Map<string, { stamp: string; summary: SavedDraftSummary }>();

  // Temp files left by a crash mid-write are garbage: the rename never happened, so the previous
  // version is still the current file. Only old ones are removed, in case another process is writing.
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(".tmp")) continue;
    const p = path.join(dir, name);
    try {
      if (Date.now() - statSync(p).mtimeMs > 60_000) unlinkSync(p);
    } catch {
      // Already gone or unreadable: harmless.
    }
  }

  const mainFile = (id: string) => path.join(dir, `${id}.json`);
  const prevFile = (id: string) => path.join(dir, `${id}.prev.json`);

  // Saves of one id run one after another; different ids don't wait for each other.
  const withLock = keyedLock();

  type ReadResult = { ok: true; record: SaveRecord; raw: string } | { ok: false; missing: boolean; reason: string };

  async function readRecord(file: string, id: string): Promise<ReadResult> {
    let raw: string;
    try {
      raw = await readFile(file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return { ok: false, missing: true, reason: "文件不存在" };
      return { ok: false, missing: false, reason: `无法读取：${(e as Error).message}` };
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return { ok: false, missing: false, reason: "文件不完整或不是有效的 JSON" };
    }
    const parsed = AnyRecordSchema.safeParse(json);
    if (!parsed.success) return { ok: false, missing: false, reason: "文件格式不符" };
    if (parsed.data.id !== id) return { ok: false, missing: false, reason: "文件名与稿件编号不一致" };
    return { ok: true, record: parsed.data, raw };
  }

  function report(problem: SaveProblem) {
    logger?.warn(`草稿文件已跳过：${problem.file}（${problem.reason}）`);
  }

  /** The current record of `id`, falling back to the backup when the main file is damaged. */
  async function current(id: string): Promise<{ record: SaveRecord; raw: string; fromBackup: boolean } | null> {
    const main = await readRecord(mainFile(id), id);
    if (main.ok) return { record: main.record, raw: main.raw, fromBackup: false };
    if (!main.missing) report({ file: `${id}.json`, reason: main.reason });
    const prev = await readRecord(prevFile(id), id);
    if (prev.ok) return { record: prev.record, raw: prev.raw, fromBackup: true };
    return null;
  }

  async function write(record: SaveRecord, previousRaw: string | null): Promise<void> {
    try {
      // Keep the version being replaced, so a bad save (or a bad edit) can be undone by hand.
      if (previousRaw !== null) await writeAtomic(prevFile(record.id), previousRaw);
      await writeAtomic(mainFile(record.id), JSON.stringify(record), () => options.beforeCommit?.(record.id, record.version));
    } catch (e) {
      throw storageError(e);
    }
  }

  return {
    dir,

    problems: () => [...lastProblems],

    async list() {
      const names = await readdir(dir);
      const ids = new Set<string>();
      const problems: SaveProblem[] = [];
      for (const name of names) {
        if (name.startsWith(".") || !name.endsWith(".json")) continue;
        const id = name.endsWith(".prev.json") ? name.slice(0, -".prev.json".length) : name.slice(0, -".json".length);
        if (!isDraftId(id)) {
          problems.push({ file: name, reason: "文件名不是稿件编号" });
          continue;
        }
        ids.add(id);
      }
      const out: SavedDraftSummary[] = [];
      for (const id of ids) {
        // Unchanged files (same inode, size and mtime) are not read again: a list of many large drafts stays cheap.
        const st = await stat(mainFile(id)).catch(() => null);
        const stamp = st ? `${st.ino}:${st.size}:${st.mtimeMs}` : null; // every save renames a new inode in
        const cached = summaries.get(id);
        if (stamp && cached?.stamp === stamp) {
          out.push(cached.summary);
          continue;
        }
        const main = await readRecord(mainFile(id), id);
        if (main.ok) {
          const s = summary(main.record);
          if (stamp) summaries.set(id, { stamp, summary: s });
          out.push(s);
          continue;
        }
        summaries.delete(id);
        if (!main.missing) problems.push({ file: `${id}.json`, reason: main.reason });
        // Main file gone or damaged: the backup is the last good version.
        const prev = await readRecord(prevFile(id), id);
        if (prev.ok) out.push(summary(prev.record));
        else if (!prev.missing) problems.push({ file: `${id}.prev.json`, reason: prev.reason });
      }
      problems.forEach(report);
      lastProblems = problems;
      out.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id < b.id ? 1 : -1));
      return out;
    },

    async get(id) {
      if (!isDraftId(id)) return null;
      const cur = await current(id);
      return cur ? toSaved(cur.record) : null;
    },

    async create(draft) {
      const valid = validateDraft(draft);
      const t = now().toISOString();
      const id = newDraftId(now().getTime());
      return withLock(id, async () => {
        const record: SaveRecord = { format: "zongjie-draft-save", formatVersion: FORMAT_VERSION, id, version: 1, createdAt: t, updatedAt: t, draft: valid };
        await write(record, null);
        return toSaved(record);
      });
    },

    async save(id, baseVersion, draft) {
      checkId(id);
      if (!Number.isInteger(baseVersion) || baseVersion < 1) {
        throw new AppError("bad_request:draft_version", "版本号无效：baseVersion 应为正整数");
      }
      const valid = validateDraft(draft);
      return withLock(id, async () => {
        const cur = await current(id);
        if (!cur) throw new AppError("not_found:draft", "稿件不存在或已被删除");
        const { record: old } = cur;
        if (old.version !== baseVersion) {
          throw new AppError(
            "conflict:draft_version",
            `另一个窗口已保存了更新的版本（第 ${old.version} 版，${old.updatedAt}），本次保存（基于第 ${baseVersion} 版）未生效。请先复制您的修改，重新打开该稿件后再粘贴并保存。`,
            { details: { id, currentVersion: old.version, baseVersion, updatedAt: old.updatedAt } },
          );
        }
        // Timestamps never go backwards, even if the clock does.
        let t = now().toISOString();
        if (t < old.updatedAt) t = old.updatedAt;
        const record: SaveRecord = { ...old, version: old.version + 1, updatedAt: t, draft: valid };
        await write(record, cur.fromBackup ? null : cur.raw);
        return toSaved(record);
      });
    },

    async remove(id) {
      if (!isDraftId(id)) return false;
      return withLock(id, async () => {
        let removed = false;
        for (const f of [mainFile(id), prevFile(id)]) {
          try {
            await unlink(f);
            removed = true;
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
          }
        }
        if (removed) await syncDir(dir);
        return removed;
      });
    },
  };
}
