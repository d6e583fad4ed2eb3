import { Hono } from "hono";
import { z } from "zod";
import { ingestBuffer, removeDocument } from "../ingest/ingest.ts";
import type { AppDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import type { IngestOutcome } from "../store/types.ts";
import { validate } from "./validate.ts";

const IdParam = z.object({ id: z.string().min(1).max(200) });

// One or more files under the form field "files" (a single file arrives as a File, several as an array).
const UploadForm = z.object({
  files: z.union([z.instanceof(File), z.array(z.instanceof(File)).min(1).max(50)], {
    error: "请在表单字段 files 中上传一个或多个文件",
  }),
});

function notFound(id: string): AppError {
  return new AppError("not_found:document", `找不到范文 ${id}`);
}

/** /api/corpus: list, show, upload and delete stored reports (thin: the work is in corpus/ingest and the store). */
export function createCorpusRoutes(deps: AppDeps) {
  const ingestDeps = { store: deps.store, hooks: deps.hooks, maxBytes: deps.config.maxUploadBytes, logger: deps.logger };
  return new Hono()
    .get("/", async (c) => c.json({ documents: await deps.store.listDocuments() }))
    .get("/:id", validate("param", IdParam), async (c) => {
      const { id } = c.req.valid("param");
      const stored = await deps.store.getDocument(id);
      if (!stored) throw notFound(id);
      const { document, ...summary } = stored;
      const chunks = await deps.store.getChunks(id);
      return c.json({
        document: summary,
        cleanedText: document.cleanedText,
        encoding: document.encoding,
        structure: document.structure,
        removed: document.removed,
        chunks,
      });
    })
    .post("/", validate("form", UploadForm), async (c) => {
      const { files } = c.req.valid("form");
      const list = Array.isArray(files) ? files : [files];
      const outcomes: IngestOutcome[] = [];
      for (const f of list) {
        if (f.size > deps.config.maxUploadBytes) {
          // Checked before reading the bytes; the reader would reject it too, but later.
          outcomes.push({
            status: "rejected",
            sourceName: f.name,
            code: "too_large:file",
            message: `文件《${f.name}》超过上传上限 ${Math.round(deps.config.maxUploadBytes / 1048576)} MB`,
          });
          continue;
        }
        outcomes.push(await ingestBuffer(ingestDeps, f.name, new Uint8Array(await f.arrayBuffer())));
      }
      return c.json({ outcomes });
    })
    .delete("/:id", validate("param", IdParam), async (c) => {
      const { id } = c.req.valid("param");
      if (!(await removeDocument(ingestDeps, id))) throw notFound(id);
      return c.json({ id, removed: true as const });
    });
}
