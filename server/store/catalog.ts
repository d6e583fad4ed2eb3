import { z } from "zod";
import { LevelSchema } from "../corpus/types.ts";
import type { CorpusStore, DocumentSummary } from "./types.ts";

/**
 * The corpus list as an office with 1,000+ reports uses it: filtered by year, administrative level
 * (区/县/市, found by structure parsing at ingest and stored on the document row) and words of the
 * title or file name, sorted, and paged. The summaries are small (no text), so the filtering is done
 * here over the store's listing: about 1 ms per 1,000 documents.
 */

export const CATALOG_SORTS = ["title", "year", "-year", "ingestedAt"] as const;

// The editor sends every parameter, blank when unset (`?year=&level=`): blank means "not given".
const blank = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema);

export const CatalogQuerySchema = z.object({
  offset: blank(z.coerce.number({ error: "offset 须为非负整数" }).int("offset 须为非负整数").min(0, "offset 须为非负整数").default(0)),
  limit: blank(z.coerce.number({ error: "limit 须为 1–500 的整数" }).int("limit 须为 1–500 的整数").min(1, "limit 须为 1–500 的整数").max(500, "limit 最大为 500").default(50)),
  sort: blank(z.enum(CATALOG_SORTS, { error: "sort 只能是 title、year、-year 或 ingestedAt" }).default("title")),
  year: blank(z.coerce.number({ error: "year 须为四位年份" }).int("year 须为四位年份").min(1949, "year 须为四位年份").max(2100, "year 须为四位年份").optional()),
  level: blank(z.enum(LevelSchema.options, { error: "level 只能是 区、县 或 市" }).optional()),
  q: blank(z.string().trim().max(100, "q 最长 100 字").optional()),
});
export type CatalogQuery = z.infer<typeof CatalogQuerySchema>;

export interface CatalogPage {
  documents: DocumentSummary[];
  /** Documents matching the filters, before paging. */
  total: number;
}

const collator = new Intl.Collator("zh-Hans-CN");
const fold = (s: string) => s.normalize("NFKC").toLowerCase();

function compare(sort: CatalogQuery["sort"]): (a: DocumentSummary, b: DocumentSummary) => number {
  const byTitle = (a: DocumentSummary, b: DocumentSummary) => collator.compare(a.title, b.title) || a.id.localeCompare(b.id);
  switch (sort) {
    case "title":
      return byTitle;
    case "year":
    case "-year": {
      const dir = sort === "year" ? 1 : -1;
      // Reports without a year go last either way.
      return (a, b) => (a.year === null ? 1 : 0) - (b.year === null ? 1 : 0) || dir * ((a.year ?? 0) - (b.year ?? 0)) || byTitle(a, b);
    }
    case "ingestedAt":
      // Newest first: the list an office checks after an upload.
      return (a, b) => b.ingestedAt.localeCompare(a.ingestedAt) || byTitle(a, b);
  }
}

export async function listCatalog(store: CorpusStore, query: Partial<CatalogQuery> = {}): Promise<CatalogPage> {
  const q = CatalogQuerySchema.parse(query);
  const words = q.q ? fold(q.q).split(/\s+/).filter(Boolean) : [];
  const matching = (await store.listDocuments()).filter((d) => {
    if (q.year !== undefined && d.year !== q.year) return false;
    if (q.level !== undefined && d.level !== q.level) return false;
    if (words.length) {
      const hay = fold(`${d.title} ${d.sourceName}`);
      if (!words.every((w) => hay.includes(w))) return false;
    }
    return true;
  });
  matching.sort(compare(q.sort));
  return { documents: matching.slice(q.offset, q.offset + q.limit), total: matching.length };
}
