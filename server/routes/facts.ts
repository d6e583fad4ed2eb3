import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps } from "../deps.ts";
import { fileTooLarge } from "../corpus/formats.ts";
import { buildAuditSheet } from "../docx/audit.ts";
import { DerivationsSchema, ProvenanceSchema } from "../drafting/provenance.ts";
import { auditToDocx } from "../docx/audit-docx.ts";
import { DraftSchema } from "../drafting/types.ts";
import { LIMITS, limitBody } from "../middleware/limits.ts";
import { AppError } from "../errors.ts";
import { extractSubmissions, MAX_SUBMISSIONS } from "../facts/batch.ts";
import { buildFacts } from "../drafting/facts.ts";
import { DraftInputSchema } from "../drafting/types.ts";
import { skeletonFrom } from "../facts/skeleton.ts";
import { sharedParsePool } from "../ingest/parse-pool.ts";
import type { FactsEvent } from "../facts/types.ts";
import { streamEvents } from "./stream.ts";
import { validate } from "./validate.ts";

// Files under "files" (one arrives as a File, several as an array); `units`: a JSON object file name → unit
// the writer set; `engine`: "offline" to skip a configured model.
const ExtractForm = z.object({
  files: z.union([z.instanceof(File), z.array(z.instanceof(File)).min(1).max(MAX_SUBMISSIONS, `一次最多导入 ${MAX_SUBMISSIONS} 份报送材料`)], {
    error: "请选择一个或多个报送材料文件",
  }),
  units: z.string().max(20_000).optional(),
  engine: z.enum(["offline", "llm"], { error: "提取方式只能是 offline 或 llm" }).optional(),
});
const AuditBody = z.object({
  draft: DraftSchema.pick({ title: true, unit: true, year: true, sections: true, facts: true, provenance: true, derivations: true }),
  /** Where each imported fact came from (the chosen candidates); a fact not listed was typed by hand. Default: the draft's own. */
  provenance: ProvenanceSchema.optional(),
  /** Derived figures (同比 changes) with their formulas; only confirmed ones license their figure. */
  derivations: DerivationsSchema.optional(),
});
// Last year's summary as a file, and this year's facts as the JSON form of the facts (DraftInput).
const SkeletonForm = z.object({
  file: z.instanceof(File, { error: "请上传去年的工作总结" }),
  input: z.string({ error: "请先填写今年的要点" }).max(2_000_000),
});
const UnitsSchema = z.record(z.string().max(300), z.string().trim().min(1).max(100));

/**
 * /api/facts: candidate facts from the units' submissions, streamed (progress per file, then the whole
 * extraction); the audit sheet (核稿单) of a draft, as a table and as a .docx.
 */
export function createFactsRoutes(deps: AppDeps) {
  return new Hono()
    .post("/audit", limitBody(LIMITS.draftJsonBytes), validate("json", AuditBody), async (c) => {
      const { draft, provenance, derivations } = c.req.valid("json");
      const entries = buildAuditSheet(draft, provenance ?? draft.provenance, derivations ?? draft.derivations);
      return c.json({ entries, unsourced: entries.filter((e) => e.unsourced).length });
    })
    .post("/audit/export", limitBody(LIMITS.draftJsonBytes), validate("json", AuditBody), async (c) => {
      const { draft, provenance, derivations } = c.req.valid("json");
      const bytes = await auditToDocx(draft.title, buildAuditSheet(draft, provenance ?? draft.provenance, derivations ?? draft.derivations));
      const name = `核稿单-${draft.title.replace(/[\\/:*?"<>|\r\n]+/g, "").slice(0, 60) || "初稿"}.docx`;
      return c.body(new Uint8Array(bytes), 200, {
        "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Content-Disposition": `attachment; filename="zongjie-audit.docx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      });
    })
    // Last year's summary as this year's skeleton: the outline (its headings, this year's facts placed), the
    // sections needing material, last year's sentences with their figures marked, year-over-year derived figures.
    .post("/skeleton", validate("form", SkeletonForm), async (c) => {
      const { file, input: raw } = c.req.valid("form");
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        throw new AppError("bad_request:invalid_input", "今年的要点格式有误");
      }
      const input = DraftInputSchema.safeParse(parsed);
      if (!input.success) throw new AppError("bad_request:invalid_input", "今年的要点格式有误：请先在事实材料中写明单位、年度和要点");
      if (file.size > deps.config.maxUploadBytes) throw fileTooLarge(file.name, file.size, deps.config.maxUploadBytes);
      const { document } = await (deps.parser ?? sharedParsePool()).prepare(file.name, new Uint8Array(await file.arrayBuffer()), { maxBytes: deps.config.maxUploadBytes });
      const facts = await buildFacts(input.data, { store: deps.store, logger: deps.logger, lists: deps.lists, signal: c.req.raw.signal });
      return c.json({ facts, ...skeletonFrom(document, facts, input.data) });
    })
    .post("/extract", validate("form", ExtractForm), async (c) => {
    const form = c.req.valid("form");
    const list = Array.isArray(form.files) ? form.files : [form.files];
    let units: Record<string, string> = {};
    if (form.units) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(form.units);
      } catch {
        throw new AppError("bad_request:invalid_input", "单位设置格式有误");
      }
      const u = UnitsSchema.safeParse(parsed);
      if (!u.success) throw new AppError("bad_request:invalid_input", "单位设置格式有误：每个文件的单位名称应为 1 到 100 个字");
      units = u.data;
    }
    if (form.engine === "llm" && !deps.model) throw new AppError("unavailable:model", "尚未接入大模型，请改用离线提取，如需接入大模型请联系管理员配置");
    const model = form.engine === "offline" ? null : deps.model;
    // The bytes are taken before the stream starts, so a client that goes away leaves nothing half-read.
    const files = await Promise.all(list.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()), unit: units[f.name] })));
    return streamEvents<FactsEvent>(c, "POST /api/facts/extract", deps.logger, async (send, signal) => {
      const extraction = await extractSubmissions(
        files,
        { parser: deps.parser, maxBytes: deps.config.maxUploadBytes, logger: deps.logger, workLines: deps.lists.workLines, model, prompts: deps.prompts, signal },
        (r, done, total) => {
          send({ event: "file", data: r });
          send({ event: "progress", data: { done, total, file: r.file } });
        },
      );
      send({ event: "done", data: extraction });
    });
  });
}
