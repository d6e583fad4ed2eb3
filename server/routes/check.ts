import { Hono } from "hono";
import { z } from "zod";
import { checkText } from "../checking/check.ts";
import { readSource } from "../corpus/read.ts";
import type { AppDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { validate } from "./validate.ts";

const MAX_CHARS = 200_000;
const Year = z.coerce.number().int().min(1949).max(2100);

export const CheckBodySchema = z.object({
  text: z.string().min(1, "text 不能为空").max(MAX_CHARS, `text 不能超过 ${MAX_CHARS} 个字符`),
  year: Year.optional(),
  /** Archive documents to leave out (e.g. the draft's own earlier version). */
  excludeDocIds: z.array(z.string().max(200)).max(100).optional(),
});

const CheckFormSchema = z.object({
  file: z.instanceof(File, { error: "请在表单字段 file 中上传 .txt、.md、.docx、.doc、.wps、.pdf 或 .ofd 文件" }),
  year: Year.optional(),
});

/** /api/check: JSON {text, year?} or a multipart upload (field `file`, optional `year`) → {year, findings, stats}. */
export function createCheckRoutes(deps: AppDeps) {
  const run = (text: string, year?: number, excludeDocIds?: string[]) =>
    deps.checker
      ? deps.checker.check(text, { year, excludeDocIds })
      : checkText(text, { year, reuse: deps.reuse, excludeDocIds, dataDir: deps.config.dataDir });
  return new Hono().post(
    "/",
    async (c, next) => {
      // An uploaded file takes the multipart branch; everything else must be JSON (validated below).
      if (!(c.req.header("content-type") ?? "").startsWith("multipart/form-data")) return next();
      const parsed = CheckFormSchema.safeParse(await c.req.parseBody());
      if (!parsed.success) {
        throw new AppError("bad_request:invalid_input", `请求参数无效：${parsed.error.issues.map((i) => `${i.path.join(".") || "form"}: ${i.message}`).join("；")}`);
      }
      const { file, year } = parsed.data;
      if (file.size > deps.config.maxUploadBytes) {
        throw new AppError("too_large:file", `文件《${file.name}》超过上传上限 ${Math.round(deps.config.maxUploadBytes / 1048576)} MB`);
      }
      const read = await readSource(file.name, new Uint8Array(await file.arrayBuffer()), { maxBytes: deps.config.maxUploadBytes });
      const text = read.text.slice(0, MAX_CHARS);
      const result = await run(text, year);
      // Offsets refer to this text, so the editor gets it back with the findings.
      return c.json({ ...result, text, format: read.format });
    },
    validate("json", CheckBodySchema),
    async (c) => {
      const { text, year, excludeDocIds } = c.req.valid("json");
      return c.json(await run(text, year, excludeDocIds));
    },
  );
}
