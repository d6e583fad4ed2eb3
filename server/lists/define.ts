/**
 * The office's lists: one loader, one rule. Each list ships with the program (a file in this folder);
 * a file of the same name in the data folder EXTENDS it, entry by entry, and can switch a built-in
 * entry off. The rule, for the people who edit these files, is written out in docs/office-lists.md.
 *
 * The lists are loaded once at start into one object (lists/office.ts) that every check, draft and
 * rewrite is given: a check never reads a file. A file that cannot be read or does not fit its schema is
 * an AppError naming the file, so a broken office file stops the start with a Chinese message instead of
 * failing a request later.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { AppError } from "../errors.ts";

export const BUILTIN_DIR = path.dirname(fileURLToPath(import.meta.url));

/** How entries of one array field are told apart: an entry of the data file with the same key replaces the built-in one. */
export type EntryKey = (entry: unknown) => string;

export interface JsonListSpec<S extends z.ZodTypeAny> {
  /** File name, both in this folder and in the data folder. */
  file: string;
  /** The whole file, after merging; defaults and transforms apply to the merged result. */
  schema: S;
  /**
   * Key of an entry, per array field. Fields not named here key string entries by themselves and
   * object entries by their whole content. Object fields (records) merge by property name; any other
   * field in the data file replaces the built-in value.
   */
  keys?: Record<string, EntryKey>;
}

export interface ListLoader<T> {
  /** The list for a data folder (built-in alone when none is given or it has no such file); the files are read on each call but the built-in alone once. */
  (dataDir?: string | null): T;
  readonly file: string;
}

/** `{ "off": true, …key fields }` or `"!entry"`: switches the built-in entry with that key off. */
function isOff(entry: unknown): boolean {
  if (typeof entry === "string") return entry.startsWith("!");
  return typeof entry === "object" && entry !== null && (entry as { off?: unknown }).off === true;
}

function withoutOff(entry: unknown): unknown {
  if (typeof entry === "string") return entry.slice(1);
  const { off: _off, ...rest } = entry as Record<string, unknown>;
  return rest;
}

const defaultKey: EntryKey = (e) => (typeof e === "string" ? e : JSON.stringify(e));

function listError(file: string, detail: string, cause?: unknown): AppError {
  return new AppError("internal:office_list", `清单文件无法使用：${file}（${detail.slice(0, 300)}）`, cause === undefined ? {} : { cause });
}

function readJson(file: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw listError(file, e instanceof SyntaxError ? `不是有效的 JSON：${e.message}` : (e as Error).message, e);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw listError(file, "顶层应为 JSON 对象 {…}");
  return raw as Record<string, unknown>;
}

function zodDetail(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "（顶层）"}：${i.message}`).join("；");
}

/** Merge one array field: same key replaces in place, new keys append, switched-off keys are removed. */
function mergeArray(base: unknown[], extra: unknown[], key: EntryKey, file: string, field: string): unknown[] {
  const out = [...base];
  for (const e of extra) {
    const off = isOff(e);
    const k = key(off ? withoutOff(e) : e);
    const at = out.findIndex((b) => key(b) === k);
    if (off) {
      if (at < 0) throw listError(file, `${field} 中要关闭的条目在内置清单中不存在：${k}`);
      out.splice(at, 1);
    } else if (at >= 0) out[at] = e;
    else out.push(e);
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function merge(base: Record<string, unknown>, extra: Record<string, unknown>, spec: JsonListSpec<z.ZodTypeAny>, file: string) {
  const out: Record<string, unknown> = { ...base };
  for (const [field, value] of Object.entries(extra)) {
    if (field.startsWith("$") || field.startsWith("_")) continue; // comments
    const current = base[field];
    if (Array.isArray(current)) {
      if (!Array.isArray(value)) throw listError(file, `${field} 应为数组 […]`);
      out[field] = mergeArray(current, value, spec.keys?.[field] ?? defaultKey, file, field);
    } else if (isRecord(current)) {
      if (!isRecord(value)) throw listError(file, `${field} 应为对象 {…}`);
      const merged: Record<string, unknown> = { ...current };
      for (const [k, v] of Object.entries(value)) {
        if (isOff(v)) {
          if (!(k in merged)) throw listError(file, `${field} 中要关闭的条目在内置清单中不存在：${k}`);
          delete merged[k];
        } else merged[k] = v;
      }
      out[field] = merged;
    } else out[field] = value;
  }
  return out;
}

/** The data folder's file of a list, or "" when it has none. */
function officeFileOf(dataDir: string | null | undefined, file: string): string {
  if (!dataDir) return "";
  const candidate = path.join(dataDir, file);
  return existsSync(candidate) ? candidate : "";
}

/**
 * A JSON list: the built-in file merged with the data folder's file of the same name, validated as a
 * whole. `dataDir` may be omitted for the built-in list alone.
 */
export function defineList<S extends z.ZodTypeAny>(spec: JsonListSpec<S>): ListLoader<z.output<S>> {
  let builtinRaw: Record<string, unknown> | null = null;
  let builtin: { value: z.output<S> } | null = null;
  const builtinFile = path.join(BUILTIN_DIR, spec.file);
  const load = (dataDir?: string | null): z.output<S> => {
    const office = officeFileOf(dataDir, spec.file);
    if (!office && builtin) return builtin.value;
    builtinRaw ??= readJson(builtinFile);
    const raw = office ? merge(builtinRaw, readJson(office), spec, office) : builtinRaw;
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) throw listError(office || builtinFile, zodDetail(parsed.error), parsed.error);
    if (!office) builtin = { value: parsed.data };
    return parsed.data;
  };
  return Object.assign(load, { file: spec.file });
}

export interface TextListSpec {
  /** File name, both in this folder and in the data folder. */
  file: string;
  /** Form an entry is compared and returned in (e.g. normalised); entries it maps to "" are dropped. */
  entry?: (line: string) => string;
}

/**
 * A text list: one entry per line, `#` starts a comment line. The data folder's file adds entries; a
 * line `!entry` switches the built-in entry off. Entries are returned deduplicated, built-ins first.
 */
export function defineTextList(spec: TextListSpec): ListLoader<string[]> {
  const form = spec.entry ?? ((l: string) => l);
  const read = (file: string) => {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      throw listError(file, (e as Error).message, e);
    }
    return text.split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  };
  let builtin: string[] | null = null;
  const load = (dataDir?: string | null): string[] => {
    const office = officeFileOf(dataDir, spec.file);
    builtin ??= read(path.join(BUILTIN_DIR, spec.file)).map(form).filter(Boolean);
    if (!office) return builtin;
    const entries = new Set(builtin);
    for (const line of read(office)) {
      if (line.startsWith("!")) {
        const k = form(line.slice(1).trim());
        if (!entries.delete(k)) throw listError(office, `要关闭的条目在内置清单中不存在：${line.slice(1).trim()}`);
      } else {
        const k = form(line);
        if (k) entries.add(k);
      }
    }
    return [...entries];
  };
  return Object.assign(load, { file: spec.file });
}
