import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import type { AppDeps } from "../deps.ts";
import { AppError, toAppError } from "../errors.ts";
import { sharedParsePool } from "../ingest/parse-pool.ts";
import { proofreadWithModel } from "../checking/model-pass.ts";
import { limitBody, LIMITS } from "../middleware/limits.ts";
import { validate, validateIfSent } from "./validate.ts";

const MAX_CHARS = 200_000;
const Year = z.coerce.number().int().min(1949).max(2100);

export const CheckBodySchema = z.object({
  text: z.string().min(1, "text 不能为空").max(MAX_CHARS, `text 不能超过 ${MAX_CHARS} 个字符`),
  year: Year.optional(),
  /** Archive documents to leave out (e.g. the draft's own earlier version). */
  excludeDocIds: z.array(z.string().max(200)).max(100).optional(),
});

const ModelCheckBodySchema = z.object({
  text: z.string().min(1, "text 不能为空").max(MAX_CHARS, `text 不能超过 ${MAX_CHARS} 个字符`),
});

const CheckFormSchema = z.object({
  file: z.instanceof(File, { error: "请在表单字段 file 中上传 .txt、.md、.docx、.doc、.wps、.pdf 或 .ofd 文件" }),
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
        if (file.size > deps.config.maxUploadBytes) {
          throw new AppError("too_large:file", `文件《${file.name}》超过上传上限 ${Math.round(deps.config.maxUploadBytes / 1048576)} MB`);
        }
        const read = await parser.read(file.name, new Uint8Array(await file.arrayBuffer()), { maxBytes: deps.config.maxUploadBytes });
        const text = read.text.slice(0, MAX_CHARS);
        const result = await run(text, year);
        // Offsets refer to this text, so the editor gets it back with the findings.
        return c.json({ ...result, text, format: read.format, ...(read.notes?.length ? { notes: read.notes } : {}) });
      }
      const body = c.req.valid("json");
      if (!body) throw new AppError("bad_request:invalid_input", "请求参数无效：请发送 JSON（text 为待检查文字），或上传文件（字段名 file）");
      const { text, year, excludeDocIds } = body;
      return c.json(await run(text, year, excludeDocIds));
    },
  )
    // The model's proofreading pass, streamed: `progress` {done,total,findings} per chunk, `warning`, `done`, `error`.
    // Rules answer at once on POST /; this runs after, so a slow or failing model never holds up or loses them.
    .post("/model", limitBody(LIMITS.jsonBytes), validate("json", ModelCheckBodySchema), async (c) => {
      const model = deps.model;
      if (!model) throw new AppError("unavailable:model", "未配置模型（LLM_BASE_URL 等），模型复核不可用；规则检查照常可用");
      const { text } = c.req.valid("json");
      const ctrl = new AbortController();
      return streamSSE(
        c,
        async (stream) => {
          stream.onAbort(() => ctrl.abort());
          let chain = Promise.resolve();
          const send = (event: string, data: unknown) => {
            chain = chain.then(() => stream.writeSSE({ event, data: JSON.stringify(data) })).catch(() => {});
          };
          const result = await proofreadWithModel(text, model, deps.prompts, {
            signal: ctrl.signal,
            concurrency: deps.config.llm?.concurrency,
            onProgress: (p) => send("progress", p),
          });
          for (const w of result.warnings) send("warning", { message: w });
          send("done", { engine: result.engine, chunks: result.chunks, failedChunks: result.failedChunks, kept: result.findings.length, rejected: result.rejected });
          await chain;
        },
        async (e, stream) => {
          const err = toAppError(e);
          deps.logger.error(`POST /api/check/model 数据流出错 → ${err.code}`, err.cause ?? err);
          await stream.writeSSE({ event: "error", data: JSON.stringify({ code: err.code, message: err.message }) });
        },
      );
    });
}
