import type { Role } from "../corpus/types.ts";
import { ROLES } from "../corpus/types.ts";
import type { SearchFilters } from "./types.ts";

/** SQL string literal with quotes escaped (filters are built from user input). */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** Turn search filters into one SQL `where` prefilter, or undefined when there is none. */
export function buildWhere(f: SearchFilters): string | undefined {
  const parts: string[] = [];
  if (f.role !== undefined) {
    const roles = (Array.isArray(f.role) ? f.role : [f.role]).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    if (roles.length === 0) parts.push("false");
    else parts.push(`role IN (${roles.map(sqlString).join(", ")})`);
  }
  if (f.tags && f.tags.length > 0) parts.push(`array_has_any(tags, make_array(${f.tags.map(sqlString).join(", ")}))`);
  if (f.yearFrom !== undefined) parts.push(`year >= ${Math.trunc(f.yearFrom)}`);
  if (f.yearTo !== undefined) parts.push(`year <= ${Math.trunc(f.yearTo)}`);
  if (f.docId !== undefined) parts.push(`doc_id = ${sqlString(f.docId)}`);
  if (f.excludeDocIds && f.excludeDocIds.length > 0) parts.push(`doc_id NOT IN (${f.excludeDocIds.map(sqlString).join(", ")})`);
  return parts.length ? parts.join(" AND ") : undefined;
}
