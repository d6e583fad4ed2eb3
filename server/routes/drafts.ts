import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps } from "../deps.ts";
import { draftToDocx } from "../docx/export.ts";
import { parseFactsText, ParseOverridesSchema } from "../drafting/facts.ts";
import { DraftOptionsSchema, DraftRequestSchema } from "../drafting/input.ts";
import { chooseEngine, generateDraft, prepareDraft, regenerateSection } from "../drafting/run.ts";
import type { DraftingDeps } from "../drafting/writer.ts";
import { DraftSchema, type DraftEvent } from "../drafting/types.ts";
import { AppError } from "../errors.ts";
import { sharedParsePool } from "../ingest/parse-pool.ts";
import { LIMITS, limitBody } from "../middleware/limits.ts";
import { streamEvents } from "./stream.ts";
import { validate, validateIfSent } from "./validate.ts";

const ParseBody = ParseOverridesSchema.extend({ text: z.string().min(1, "要点为空").max(200_000) });
// Form fields arrive as strings; an empty one means "not given" and the overrides are checked after.
const ParseForm = z.object({
  file: z.instanceof(File, { error: "请上传要点文件" }),
  unit: z.string().optional(),
  year: z.string().optional(),
  period: z.string().optional(),
});
const ImportForm = z.object({ file: z.instanceof(File, { error: "请上传稿件文件" }) });
const SectionBody = z.object({ draft: DraftSchema, sectionId: z.string().min(1).max(100), options: DraftOptionsSchema.optional() });
const ExportBody = z.object({ draft: DraftSchema.pick({ title: true, unit: true, sections: true, date: true }) });

/** filename*= (RFC 5987) for the title, with a plain ASCII fallback for old clients. */
function contentDisposition(title: string): string {
  const safe = title.replace(/[\\/:*?"<>|\r\n]+/g, "").slice(0, 80) || "初稿";
  return `attachment; filename="zongjie-draft.docx"; filename*=UTF-8''${encodeURIComponent(`${safe}.docx`)}`;
}

/** /api/drafts: parse facts, propose an outline, stream a draft (SSE), regenerate a section, export .docx. */
export function createDraftsRoutes(deps: AppDeps) {
  const parser = deps.parser ?? sharedParsePool();
  const drafting = (signal?: AbortSignal): DraftingDeps => ({
    store: deps.store,
    model: deps.model,
    prompts: deps.prompts,
    logger: deps.logger,
    signal,
    concurrency: deps.config.llm?.concurrency,
    lists: deps.lists,
  });

  return new Hono()
    .post("/parse", limitBody(deps.config.maxUploadBytes, "要点文件"), validateIfSent("form", ParseForm), validateIfSent("json", ParseBody), async (c) => {
      const form = c.req.valid("form");
      if (form) {
        const overrides = ParseOverridesSchema.safeParse({ unit: form.unit || undefined, year: form.year || undefined, period: form.period || undefined });
        if (!overrides.success) throw new AppError("bad_request:invalid_input", "单位、年度或时限填写有误");
        const { text } = await parser.read(form.file.name, new Uint8Array(await form.file.arrayBuffer()), { maxBytes: deps.config.maxUploadBytes });
        return c.json(parseFactsText(text, overrides.data));
      }
      const body = c.req.valid("json");
      if (!body) throw new AppError("bad_request:invalid_input", "请求参数无效：请填写要点文字，或上传要点文件");
      const { text, ...overrides } = body;
      return c.json(parseFactsText(text, overrides));
    })
    // The text of an uploaded draft (.docx/.doc/.wps with Word's automatic numbering restored, .pdf, .ofd,
    // or .txt/.md in UTF-8/GBK), for the editor's "import a draft": the browser cannot read these faithfully.
    .post("/import", limitBody(deps.config.maxUploadBytes, "稿件"), validate("form", ImportForm), async (c) => {
      const { file } = c.req.valid("form");
      const { text, format, encoding, notes } = await parser.read(file.name, new Uint8Array(await file.arrayBuffer()), { maxBytes: deps.config.maxUploadBytes });
      return c.json({ text, format, encoding, ...(notes?.length ? { notes } : {}) });
    })
    .post("/outline", limitBody(LIMITS.jsonBytes), validate("json", DraftRequestSchema), async (c) => {
      const { facts, outline, warnings } = await prepareDraft(c.req.valid("json"), drafting(c.req.raw.signal));
      return c.json({ outline, facts, warnings });
    })
    .post("/", limitBody(LIMITS.jsonBytes), validate("json", DraftRequestSchema), async (c) => {
      const request = c.req.valid("json");
      chooseEngine(request.options, deps.model); // refuse an unconfigured model before the stream starts
      return streamEvents<DraftEvent>(c, "POST /api/drafts", deps.logger, async (send, signal) => {
        try {
          await generateDraft(request, { ...drafting(signal), save: (d) => deps.saves.create(d) }, send);
        } catch {
          // generateDraft has already sent the `error` event (or the client went away).
        }
      });
    })
    .post("/section", limitBody(LIMITS.draftJsonBytes), validate("json", SectionBody), async (c) => {
      const { draft, sectionId, options } = c.req.valid("json");
      const next = await regenerateSection(draft, sectionId, drafting(c.req.raw.signal), () => {}, options);
      const section = next.sections.find((s) => s.id === sectionId)!;
      return c.json({ section, warnings: next.warnings.filter((w) => w.sectionId === sectionId), draft: next });
    })
    .post("/export", limitBody(LIMITS.draftJsonBytes), validate("json", ExportBody), async (c) => {
      const { draft } = c.req.valid("json");
      const { bytes, fonts } = await draftToDocx(draft);
      return c.body(new Uint8Array(bytes), 200, {
        "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Content-Disposition": contentDisposition(draft.title),
        // The fonts the document names: the editor tells the writer to install them.
        "X-Docx-Fonts": encodeURIComponent(fonts.join(",")),
      });
    });
}
