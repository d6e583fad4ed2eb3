import { useCallback, useRef, useState } from "react";
import { ApiError } from "../../../lib/api.ts";
import { MORE_COUNT, NEARBY_COUNT, RESULT_COUNT, noFilters, searchPassages, yearRange, type SearchFilters } from "./search.ts";
import type { Passage } from "../../../../server/store/types.ts";
import { errorText } from "../../../lib/errors.ts";

export interface SearchState {
  /** The text in the query box. */
  query: string;
  filters: SearchFilters;
  /** What the shown results answer: the query and filters of the last search sent. */
  asked: { q: string; filters: SearchFilters; k: number } | null;
  results: Passage[] | null;
  /** False when no passage is about the words: `results` are then the nearest few, shown as 相近内容. */
  matched: boolean;
  status: "idle" | "loading" | "done" | "error";
  error: string | null;
  /** Index of the result the keyboard is on. */
  selected: number;
}

const initial: SearchState = { query: "", filters: noFilters, asked: null, results: null, matched: true, status: "idle", error: null, selected: 0 };

function explain(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 0) return "无法连接服务器：请确认 zongjie 服务正在运行，然后按 Enter 重试。";
    if (e.status === 401) return "需要访问令牌：请在弹出的窗口中输入令牌后重试。";
    return `检索失败：${e.message}`;
  }
  return `检索失败：${errorText(e)}`;
}

/**
 * The search page's state, held by the shell so a writer who opens a document and comes back finds
 * the query, the filters, the results and the selected one as they left them.
 */
export function useSearch() {
  const [state, setState] = useState<SearchState>(initial);
  const ticket = useRef(0);

  const setQuery = useCallback((query: string) => setState((s) => ({ ...s, query })), []);
  const select = useCallback((selected: number) => setState((s) => ({ ...s, selected })), []);

  /** Send a search for `q` with `filters`; answers of older searches that come late are dropped. */
  const run = useCallback(async (q: string, filters: SearchFilters, k = RESULT_COUNT) => {
    const text = q.trim();
    if (!text) {
      setState((s) => ({ ...s, filters, status: "error", error: "请输入要检索的词句，例如“矛盾纠纷多元化解”，再按 Enter。", results: null, asked: null }));
      return;
    }
    const years = yearRange(filters);
    if (typeof years === "string") {
      setState((s) => ({ ...s, filters, status: "error", error: years }));
      return;
    }
    const mine = ++ticket.current;
    setState((s) => ({ ...s, filters, status: "loading", error: null }));
    try {
      const found = await searchPassages(text, filters, years, k);
      if (mine !== ticket.current) return;
      const results = found.matched ? found.passages : found.passages.slice(0, NEARBY_COUNT);
      // Showing more keeps the writer's place in the list; a new search starts at the top.
      setState((s) => ({ ...s, status: "done", results, matched: found.matched, asked: { q: text, filters, k }, selected: k > RESULT_COUNT ? s.selected : 0 }));
    } catch (e) {
      if (mine !== ticket.current) return;
      setState((s) => ({ ...s, status: "error", error: explain(e) }));
    }
  }, []);

  /**
   * Change the filters; once something has been searched, the results follow at once, unless
   * `rerun` is false (a year being typed, not yet four digits).
   */
  const setFilters = useCallback(
    (filters: SearchFilters, rerun = true) => {
      setState((s) => ({ ...s, filters }));
      // The words in the box are what the writer sees; the last asked ones stand in if it was cleared.
      if (state.asked && rerun) void run(state.query.trim() || state.asked.q, filters);
    },
    [run, state.asked, state.query],
  );

  /** The same search again with the server's ceiling of passages. */
  const more = useCallback(() => {
    if (state.asked) void run(state.asked.q, state.asked.filters, MORE_COUNT);
  }, [run, state.asked]);

  return { state, setQuery, select, run, setFilters, more };
}

export type SearchSession = ReturnType<typeof useSearch>;
