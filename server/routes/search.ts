import { Hono } from "hono";
import { z } from "zod";
import { RoleSchema } from "../corpus/types.ts";
import type { AppDeps } from "../deps.ts";
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
  docId: z.string().min(1).max(200).optional(),
  mode: z.enum(["hybrid", "vector", "text"]).default("hybrid"),
});

/** /api/search: hybrid passage search with filters. */
export function createSearchRoutes(deps: AppDeps) {
  return new Hono().get("/", validate("query", SearchQuery), async (c) => {
    const q = c.req.valid("query");
    const passages = await deps.store.searchPassages(q.q, {
      k: q.k,
      role: q.role && q.role.length ? q.role : undefined,
      tags: q.tag && q.tag.length ? q.tag : undefined,
      yearFrom: q.yearFrom,
      yearTo: q.yearTo,
      docId: q.docId,
      mode: q.mode,
    });
    return c.json({ query: q.q, passages });
  });
}
