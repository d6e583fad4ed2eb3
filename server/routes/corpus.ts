import { Hono } from "hono";
import { z } from "zod";
import { ingestBuffer, removeDocument } from "../corpus/ingest.ts";
import { LevelSchema } from "../corpus/types.ts";
import type { AppDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import type { DocumentSummary, IngestOutcome } from "../store/types.ts";
import { validate } from "./validate.ts";

const IdParam = z.object({ id: z.string().min(1).max(200) });

// One or more files under the form field "files" (a single file arrives as a File, several as an array).
const UploadForm = z.object({
  files: z.union([z.instanceof(File), z.array(z.instanceof(File)).min(1).max(50)], {
    error: "请在表单字段 files 中上传一个或多个文件",
  }),
});

const ListQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  sort: z.enum(["title", "year", "-year", "ingestedAt"]).default("title"),
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  level: LevelSchema.optional(),
  q: z.string().trim().max(100).optional(),
});
type ListQuery = z.infer<typeof ListQuery>;

// One collator for every sort: building it per comparison (localeCompare) costs more than the sort.
const titleOrder = new Intl.Collator("zh-CN");

/** One page of the archive: filtered by year, level and title words, sorted, then sliced. */
export function pageDocuments(all: DocumentSummary[], q: ListQuery): { documents: DocumentSummary[]; total: number } {
  const words = (q.q ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const hit = all.filter(
    (d) =>
      (q.year === undefined || d.year === q.year) &&
      (q.level === undefined || d.level === q.level) &&
      words.every((w) => d.title.toLowerCase().includes(w) || d.sourceName.toLowerCase().includes(w)),
  );
  const byTitle = (a: DocumentSummary, b: DocumentSummary) => titleOrder.compare(a.title, b.title);
  // Documents without a year go last in either direction: they are the ones a writer looks for least.
  const byYear = (dir: 1 | -1) => (a: DocumentSummary, b: DocumentSummary) =>
    a.year === b.year ? byTitle(a, b) : a.year === null ? 1 : b.year === null ? -1 : dir * (a.year - b.year);
  const compare =
    q.sort === "title" ? byTitle : q.sort === "year" ? byYear(1) : q.sort === "-year" ? byYear(-1) : (a: DocumentSummary, b: DocumentSummary) => b.ingestedAt.localeCompare(a.ingestedAt) || byTitle(a, b);
  hit.sort(compare);
  return { documents: hit.slice(q.offset, q.offset + q.limit), total: hit.length };
}

/** The per-file answer of an upload, in the editor's three outcomes. */
export interface UploadResult {
  name: string;
  status: "ingested" | "duplicate" | "error";
  docId?: string;
  title?: string;
  message?: string;
}

function toResult(o: IngestOutcome): UploadResult {
  if (o.status === "rejected") return { name: o.sourceName, status: "error", message: o.message };
  if (o.status === "unchanged") {
    return { name: o.sourceName, status: "duplicate", docId: o.docId, title: o.title, message: `内容与已收录的《${o.title}》相同，未重复收录` };
  }
  return { name: o.sourceName, status: "ingested", docId: o.docId, title: o.title };
}

function notFound(id: string): AppError {
  return new AppError("not_found:document", `找不到范文 ${id}`);
}

/** /api/corpus: list, show, upload and delete stored reports (thin: the work is in corpus/ingest and the store). */
export function createCorpusRoutes(deps: AppDeps) {
  const ingestDeps = { store: deps.store, hooks: deps.hooks, maxBytes: deps.config.maxUploadBytes, logger: deps.logger };
  return new Hono()
    .get("/", validate("query", ListQuery), async (c) => c.json(pageDocuments(await deps.store.listDocuments(), c.req.valid("query"))))
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
      // `outcomes` (the store's own words) stays for the CLI-shaped callers until they move to `results`.
      return c.json({ results: outcomes.map(toResult), outcomes });
    })
    .delete("/:id", validate("param", IdParam), async (c) => {
      const { id } = c.req.valid("param");
      if (!(await removeDocument(ingestDeps, id))) throw notFound(id);
      return c.json({ id, removed: true as const });
    });
}
