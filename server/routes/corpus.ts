import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { fileTooLarge } from "../corpus/formats.ts";
import { CatalogQuerySchema, listCatalog } from "../store/catalog.ts";
import { ingestUploads, KnownContent, removeDocument, type FileOutcome } from "../ingest/ingest.ts";
import { toIngestResult } from "../ingest/results.ts";
import { validate } from "./validate.ts";

const IdParam = z.object({ id: z.string().min(1).max(200) });

// One or more files under the form field "files" (a single file arrives as a File, several as an array).
const UploadForm = z.object({
  files: z.union([z.instanceof(File), z.array(z.instanceof(File)).min(1).max(500, "一次最多上传 500 个文件，更多请打包为 .zip")], {
    error: "请选择一个或多个文件上传",
  }),
});

function notFound(id: string): AppError {
  return new AppError("not_found:document", `找不到范文 ${id}`);
}

/** /api/corpus: list, show, upload and delete stored reports (thin: the work is in ingest/ and the store). */
export function createCorpusRoutes(deps: AppDeps) {
  const ingestDeps = { store: deps.store, hooks: deps.hooks, maxBytes: deps.config.maxUploadBytes, logger: deps.logger, parser: deps.parser };
  return new Hono()
    // Optional as a whole so that the typed client may call it with no query at all (every field has a default).
    .get("/", validate("query", CatalogQuerySchema.optional()), async (c) => c.json(await listCatalog(deps.store, c.req.valid("query") ?? {})))
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
      const known = await KnownContent.load(deps.store);
      const named: Array<{ name: string; outcome: FileOutcome }> = [];
      // One file at a time, so that one bad file never stops the others and memory holds one upload's bytes.
      for (const f of list) {
        if (f.size > deps.config.maxUploadBytes) {
          // Checked before reading the bytes; the reader would reject it too, but later.
          const { code, message } = fileTooLarge(f.name, f.size, deps.config.maxUploadBytes);
          named.push({ name: f.name, outcome: { status: "rejected", sourceName: f.name, code, message } });
          continue;
        }
        named.push(...(await ingestUploads(ingestDeps, [{ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }], known)));
      }
      return c.json({ results: named.map((r) => toIngestResult(r.name, r.outcome)) });
    })
    .delete("/:id", validate("param", IdParam), async (c) => {
      const { id } = c.req.valid("param");
      if (!(await removeDocument(ingestDeps, id))) throw notFound(id);
      return c.json({ id, removed: true as const });
    });
}
