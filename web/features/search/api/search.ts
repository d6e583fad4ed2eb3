import type { Passage } from "../../../../server/store/types.ts";
import { client } from "../../../lib/api.ts";
import { ROLE_LABELS } from "../../../../server/corpus/types.ts";

/** The roles a writer filters by, in the order a summary has them. */
export const ROLE_FILTERS = (["work", "problems", "plans"] as const).map((role) => ({ role, label: ROLE_LABELS[role] }));
export type RoleFilter = (typeof ROLE_FILTERS)[number]["role"];

export const LEVELS = ["区", "县", "市"] as const;
export type Level = (typeof LEVELS)[number];

export interface SearchFilters {
  yearFrom: string;
  yearTo: string;
  levels: Level[];
  roles: RoleFilter[];
  /** A work line (工作条线) tag, "" for all. */
  workLine: string;
  /** Restrict to one document (picked from a result or by title). */
  doc: { id: string; title: string } | null;
}

export const noFilters: SearchFilters = { yearFrom: "", yearTo: "", levels: [], roles: [], workLine: "", doc: null };

/** Passages a search shows first, and how many 显示更多 brings (the server's ceiling). */
export const RESULT_COUNT = 20;
export const MORE_COUNT = 50;

/**
 * Year bounds as numbers, or a Chinese message saying what to fix. Checked here so the writer is
 * told before a request is sent (the server would refuse them too, in its own words).
 */
export function yearRange(f: SearchFilters): { yearFrom?: number; yearTo?: number } | string {
  const parse = (s: string, what: string): number | undefined | string => {
    const t = s.trim();
    if (!t) return undefined;
    if (!/^\d{4}$/.test(t)) return `${what}请填写四位年份，如 2024`;
    const n = Number(t);
    if (n < 1949 || n > 2100) return `${what}应在 1949 至 2100 之间`;
    return n;
  };
  const from = parse(f.yearFrom, "起始年度");
  if (typeof from === "string") return from;
  const to = parse(f.yearTo, "截止年度");
  if (typeof to === "string") return to;
  if (from !== undefined && to !== undefined && from > to) return `起始年度 ${from} 晚于截止年度 ${to}，请对调或改正`;
  return { yearFrom: from, yearTo: to };
}

/** How many of the nearest passages a search that matched nothing offers, as 相近内容. */
export const NEARBY_COUNT = 5;

/**
 * GET /api/search with the filters the page offers; the years must have passed `yearRange`. `matched` is false
 * when no passage is about the words (the server's relevance floor): the passages are then only the nearest ones.
 */
export async function searchPassages(q: string, f: SearchFilters, years: { yearFrom?: number; yearTo?: number }, k = RESULT_COUNT): Promise<{ passages: Passage[]; matched: boolean }> {
  const query: { q: string; k: string } & Record<string, string | string[]> = { q, k: String(k) };
  if (years.yearFrom !== undefined) query.yearFrom = String(years.yearFrom);
  if (years.yearTo !== undefined) query.yearTo = String(years.yearTo);
  if (f.levels.length) query.level = f.levels;
  if (f.roles.length) query.role = f.roles;
  if (f.workLine) query.tag = f.workLine;
  if (f.doc) query.docId = f.doc.id;
  const res = await client.api.search.$get({ query });
  const body = await res.json();
  return { passages: body.passages, matched: body.matched ?? body.passages.length > 0 };
}

/** GET /api/corpus?q= — a few documents whose title has the words, for the document filter. */
export async function findDocuments(words: string) {
  const res = await client.api.corpus.$get({ query: { q: words, limit: "8", sort: "title" } });
  return (await res.json()).documents.map((d) => ({ id: d.id, title: d.title, year: d.year, sourceName: d.sourceName }));
}

