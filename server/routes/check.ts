import { Hono } from "hono";
import { z } from "zod";
import { fileTooLarge, SUPPORTED_FORMATS } from "../corpus/formats.ts";
import type { AppDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { sharedParsePool } from "../ingest/parse-pool.ts";
import { proofreadWithModel } from "../checking/model-pass.ts";
import { limitBody, LIMITS } from "../middleware/limits.ts";
import type { ModelCheckEvent } from "./check-events.ts";
import { streamEvents } from "./stream.ts";
import { validate, validateIfSent } from "./validate.ts";
import { settleReusedResult } from "../checking/reused.ts";

const MAX_CHARS = 200_000;
const Year = z.coerce.number().int().min(1949).max(2100);

export const CheckBodySchema = z.object({
  text: z.string().min(1, "要检查的文字为空").max(MAX_CHARS, `要检查的文字不能超过 ${MAX_CHARS} 个字符`),
  year: Year.optional(),
  /** Archive documents to leave out (e.g. the draft's own earlier version). */
  excludeDocIds: z.array(z.string().max(200)).max(100).optional(),
  /** Sentences of last year's summary the writer kept on purpose: not stale, but their figures must be this year's. */
  reused: z.array(z.string().max(2000)).max(500).optional(),
});

const ModelCheckBodySchema = z.object({
  text: z.string().min(1, "要检查的文字为空").max(MAX_CHARS, `要检查的文字不能超过 ${MAX_CHARS} 个字符`),
});

const CheckFormSchema = z.object({
  file: z.instanceof(File, { error: `请上传文件（${SUPPORTED_FORMATS}）` }),
  year: Year.optional(),
});

/** /api/check: JSON {text, year?} or a multipart upload (field `file`, optional `year`) → {year, findings, stats}. */
export function createCheckRoutes(deps: AppDeps) {
  const parser = deps.parser ?? sharedParsePool();
  const run = (text: string, year?: number, excludeDocIds?: string[]) => deps.checker.check(text, { year, excludeDocIds });
  return new Hono().post(
    "/",
    validateIfSent("form", CheckFormSchema),
    validateIfSent("json", CheckBodySchema),
    async (c) => {
      const form = c.req.valid("form");
      if (form) {
        const { file, year } = form;
        if (file.size > deps.config.maxUploadBytes) throw fileTooLarge(file.name, file.size, deps.config.maxUploadBytes);
        const read = await parser.read(file.name, new Uint8Array(await file.arrayBuffer()), { maxBytes: deps.config.maxUploadBytes });
        const text = read.text.slice(0, MAX_CHARS);
        const result = await run(text, year);
        // Offsets refer to this text, so the editor gets it back with the findings.
        return c.json({ ...result, text, format: read.format, ...(read.notes?.length ? { notes: read.notes } : {}) });
      }
      const body = c.req.valid("json");
      if (!body) throw new AppError("bad_request:invalid_input", "请求参数无效：请填写要检查的文字，或上传文件");
      const { text, year, excludeDocIds, reused } = body;
      return c.json(settleReusedResult(text, await run(text, year, excludeDocIds), reused));
    },
  )
    // The model's proofreading pass, streamed as the events of check-events.ts: `progress` per chunk, `thinking`
    // while a reasoning model thinks (never the thought), `warning`, `done`, `error`.
    // Rules answer at once on POST /; this runs after, so a slow or failing model never holds up or loses them.
    .post("/model", limitBody(LIMITS.jsonBytes), validate("json", ModelCheckBodySchema), async (c) => {
      const model = deps.model;
      if (!model) throw new AppError("unavailable:model", "尚未接入大模型，模型复核不可用，规则检查照常可用；如需接入大模型请联系管理员配置");
      const { text } = c.req.valid("json");
      return streamEvents<ModelCheckEvent>(c, "POST /api/check/model", deps.logger, async (send, signal) => {
        const result = await proofreadWithModel(text, model, deps.prompts, {
          signal,
          concurrency: deps.config.llm?.concurrency,
          onProgress: (p) => send({ event: "progress", data: p }),
          onThinking: (p) => send({ event: "thinking", data: p }),
          names: deps.lists.names,
        });
        for (const w of result.warnings) send({ event: "warning", data: { message: w } });
        send({ event: "done", data: { engine: result.engine, chunks: result.chunks, failedChunks: result.failedChunks, kept: result.findings.length, rejected: result.rejected } });
      });
    });
}
