import { Hono } from "hono";
import { z } from "zod";
import { LevelSchema, RoleSchema } from "../corpus/types.ts";
import type { AppDeps } from "../deps.ts";
import { anyMatch } from "../text/query-match.ts";
import { validate } from "./validate.ts";

// Repeated (?tag=a&tag=b) or comma-separated (?tag=a,b) values both work.
const stringList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(/[,，]/)).map((s) => s.trim()).filter(Boolean));

const year = z.coerce.number().int().min(1949).max(2100);

const SearchQuery = z.object({
  q: z.string().trim().min(1, "请输入检索内容").max(500),
  k: z.coerce.number().int().min(1).max(50).default(8),
  role: stringList.pipe(z.array(RoleSchema).max(10)).optional(),
  tag: stringList.pipe(z.array(z.string().max(40)).max(20)).optional(),
  yearFrom: year.optional(),
  yearTo: year.optional(),
  level: stringList.pipe(z.array(LevelSchema).max(3)).optional(),
  docId: stringList.pipe(z.array(z.string().max(200)).max(50)).optional(),
  mode: z.enum(["hybrid", "vector", "text"]).default("hybrid"),
});

/**
 * Level is a property of the document, not of its passages, and the store filters by one docId or by
 * docIds to leave out: a level or several documents become one of those two (or "none" when nothing
 * can match). The document list is read only when such a filter is asked for.
 */
async function documentScope(deps: AppDeps, levels?: string[], docIds?: string[]): Promise<{ docId?: string; excludeDocIds?: string[] } | "none"> {
  const wantLevel = levels && levels.length ? new Set(levels) : null;
  const wantDoc = docIds && docIds.length ? new Set(docIds) : null;
  if (!wantLevel && wantDoc?.size === 1) return { docId: [...wantDoc][0] };
  if (!wantLevel && !wantDoc) return {};
  const all = await deps.store.listDocuments();
  const keep = all.filter((d) => (!wantLevel || (d.level !== null && wantLevel.has(d.level))) && (!wantDoc || wantDoc.has(d.id)));
  if (keep.length === 0) return "none";
  if (keep.length === 1) return { docId: keep[0].id };
  const kept = new Set(keep.map((d) => d.id));
  return { excludeDocIds: all.filter((d) => !kept.has(d.id)).map((d) => d.id) };
}

/** /api/search: hybrid passage search with filters. */
export function createSearchRoutes(deps: AppDeps) {
  return new Hono().get("/", validate("query", SearchQuery), async (c) => {
    const q = c.req.valid("query");
    const scope = await documentScope(deps, q.level, q.docId);
    if (scope === "none") return c.json({ query: q.q, passages: [], matched: false });
    const passages = await deps.store.searchPassages(q.q, {
      k: q.k,
      role: q.role && q.role.length ? q.role : undefined,
      tags: q.tag && q.tag.length ? q.tag : undefined,
      yearFrom: q.yearFrom,
      yearTo: q.yearTo,
      ...scope,
      mode: q.mode,
    });
    // `matched`: whether any passage is about the words (text/query-match.ts). When none is, the passages are
    // only the nearest the archive has, and the editor shows them apart, as 相近内容. A vector-only search
    // asks for meaning, not words, so its passages are taken as they come.
    const matched = passages.length > 0 && (q.mode === "vector" || anyMatch(q.q, passages.map((p) => p.text)));
    return c.json({ query: q.q, passages, matched });
  });
}
