import { WORK_LINE_IDS } from "../../../../server/text/work-lines.ts";
import { hasFilters, LEVELS, ROLE_FILTERS, noFilters, yearRange, type Level, type RoleFilter, type SearchFilters } from "../api/search.ts";
import { DocumentPicker } from "./DocumentPicker.tsx";

function toggle<T>(list: T[], v: T): T[] {
  return list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
}

/** The search page's filters: year range, level, content (成效/问题/打算), work line, one document. */
export function FilterPanel({ filters, setFilters }: { filters: SearchFilters; setFilters: (f: SearchFilters, rerun?: boolean) => void }) {
  // A year being typed is not sent until it has four digits (or is cleared).
  const setYear = (which: "yearFrom" | "yearTo", value: string) => setFilters({ ...filters, [which]: value }, /^\s*(\d{4})?\s*$/.test(value));
  const filtered = hasFilters(filters);
  const yearsBad = typeof yearRange(filters) === "string";

  return (
    <aside className="panel search-filters" aria-label="筛选">
      <div className="filter-head">
        <h3>筛选</h3>
        {filtered ? <button type="button" className="link small" onClick={() => setFilters(noFilters)}>清除全部</button> : null}
      </div>
      <fieldset>
        <legend>年度</legend>
        <div className="row">
          <input type="text" inputMode="numeric" className="year" aria-label="起始年度" placeholder="从" aria-invalid={yearsBad} value={filters.yearFrom} onChange={(e) => setYear("yearFrom", e.target.value)} />
          <span>至</span>
          <input type="text" inputMode="numeric" className="year" aria-label="截止年度" placeholder="至" aria-invalid={yearsBad} value={filters.yearTo} onChange={(e) => setYear("yearTo", e.target.value)} />
        </div>
      </fieldset>
      <fieldset>
        <legend>层级</legend>
        <div className="kind-filter">
          {LEVELS.map((l: Level) => (
            <button key={l} type="button" className={`chip${filters.levels.includes(l) ? " on" : ""}`} aria-pressed={filters.levels.includes(l)} onClick={() => setFilters({ ...filters, levels: toggle(filters.levels, l) })}>
              {l}级
            </button>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>内容</legend>
        <div className="kind-filter">
          {ROLE_FILTERS.map((r) => (
            <button key={r.role} type="button" className={`chip${filters.roles.includes(r.role) ? " on" : ""}`} aria-pressed={filters.roles.includes(r.role)} onClick={() => setFilters({ ...filters, roles: toggle<RoleFilter>(filters.roles, r.role) })}>
              {r.label}
            </button>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>工作条线</legend>
        <select aria-label="工作条线" value={filters.workLine} onChange={(e) => setFilters({ ...filters, workLine: e.target.value })}>
          <option value="">全部条线</option>
          {WORK_LINE_IDS.map((w) => <option key={w} value={w}>{w}</option>)}
        </select>
      </fieldset>
      <fieldset>
        <legend>文档</legend>
        {filters.doc ? (
          <div className="doc-chip">
            <span>《{filters.doc.title}》</span>
            <button type="button" className="ghost small" aria-label={`不再只看《${filters.doc.title}》`} onClick={() => setFilters({ ...filters, doc: null })}>×</button>
          </div>
        ) : (
          <DocumentPicker onPick={(doc) => setFilters({ ...filters, doc })} />
        )}
      </fieldset>
    </aside>
  );
}
