/**
 * Facts from a batch of submissions: each file read through the parse pool (the same readers, limits
 * and errors as ingest; a bad file is that file's error), tagged with its unit, its candidates extracted
 * (offline, or proposed by the model and verified), then merged across files.
 */
import { sourceBaseName } from "../corpus/prepare.ts";
import { DEFAULT_MAX_BYTES, fileTooLarge } from "../corpus/formats.ts";
import { AppError, toAppError } from "../errors.ts";
import { sharedParsePool, type ParseService } from "../ingest/parse-pool.ts";
import type { ChatModel, PromptLibrary } from "../llm/types.ts";
import type { Logger } from "../log.ts";
import type { WorkLineList } from "../lists/work-lines.ts";
import { extractCandidates } from "./extract.ts";
import { mergeAcrossFiles } from "./merge.ts";
import { proposeWithModel } from "./model.ts";
import { unitOf } from "./unit.ts";
import type { Candidate, Extraction, FileResult } from "./types.ts";

export interface SubmissionFile {
  name: string;
  bytes: Uint8Array;
  /** The unit as the writer set it; default: from the title or the file name. */
  unit?: string;
}

export interface FactsDeps {
  parser?: ParseService;
  maxBytes?: number;
  logger?: Logger;
  workLines?: WorkLineList;
  /** With a model and its prompts, the model proposes the facts and only verified ones are kept. */
  model?: ChatModel | null;
  prompts?: PromptLibrary;
  signal?: AbortSignal;
}

export const MAX_SUBMISSIONS = 100;

/** Read and extract every file, in order; `onFile` after each one (progress). */
export async function extractSubmissions(files: SubmissionFile[], deps: FactsDeps, onFile?: (r: FileResult, done: number, total: number) => void): Promise<Extraction> {
  if (files.length === 0) throw new AppError("bad_request:facts_no_files", "请选择一个或多个报送材料文件");
  if (files.length > MAX_SUBMISSIONS) throw new AppError("bad_request:facts_too_many", `一次最多导入 ${MAX_SUBMISSIONS} 份报送材料`);
  const parser = deps.parser ?? sharedParsePool();
  const maxBytes = deps.maxBytes ?? DEFAULT_MAX_BYTES;
  const useModel = Boolean(deps.model && deps.prompts);
  const results: FileResult[] = [];
  const all: Candidate[] = [];
  for (const [i, f] of files.entries()) {
    deps.signal?.throwIfAborted();
    const name = sourceBaseName(f.name) || f.name;
    let result: FileResult;
    try {
      if (f.bytes.byteLength > maxBytes) throw fileTooLarge(name, f.bytes.byteLength, maxBytes);
      const { document } = await parser.prepare(name, f.bytes, { maxBytes });
      const unit = f.unit?.trim() || unitOf(document.title, name);
      const opts = { unit, idPrefix: `s${i + 1}.`, workLines: deps.workLines };
      let candidates: Candidate[];
      let refused: number | undefined;
      if (useModel) {
        const proposed = await proposeWithModel(document, opts, { model: deps.model!, prompts: deps.prompts!, signal: deps.signal, logger: deps.logger });
        candidates = proposed.kept;
        refused = proposed.refused.length;
      } else {
        candidates = extractCandidates(document, opts);
      }
      all.push(...candidates);
      result = { file: name, status: "read", unit, title: document.title, candidates: candidates.length, ...(refused !== undefined ? { refused } : {}) };
    } catch (e) {
      const err = toAppError(e);
      // A model that fails or a cancelled request is not the file's fault.
      if (err.code.startsWith("upstream:") || err.code === "bad_request:cancelled" || deps.signal?.aborted) throw err;
      if (!(e instanceof AppError)) deps.logger?.error(`读取报送材料 ${name} 时出现意外错误`, e);
      result = { file: name, status: "rejected", code: err.code, message: err.message };
    }
    results.push(result);
    onFile?.(result, i + 1, files.length);
  }
  const merged = mergeAcrossFiles(all);
  return { files: results, ...merged, engine: useModel ? "model" : "offline" };
}
