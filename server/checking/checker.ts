/**
 * The check as a service: what the API and its callers ask for, whoever runs it. The in-process checker is
 * always there; with CHECK_WORKERS > 0 the worker pool (pool.ts) serves instead, so checks never hold up
 * searches. Either way the caller writes `deps.checker.check(text)`.
 */
import type { OfficeLists } from "../lists/office.ts";
import { checkText } from "./check.ts";
import type { ArchiveLexicon } from "./typo/archive.ts";
import type { CheckResult, ReuseIndex } from "./types.ts";

export interface CheckRequest {
  year?: number;
  /** Archive documents to leave out (e.g. the draft's own earlier version). */
  excludeDocIds?: string[];
  /** A check running longer fails (worker pool only). */
  timeoutMs?: number;
}

export interface Checker {
  /** Worker threads serving checks; 0 when they run on the calling thread. */
  readonly size: number;
  check(text: string, opts?: CheckRequest): Promise<CheckResult>;
  close(): Promise<void>;
}

/** Checks on the calling thread, against the given archive indexes and office lists. */
export function inProcessChecker(d: { reuse?: ReuseIndex; archive?: ArchiveLexicon; lists: OfficeLists }): Checker {
  return {
    size: 0,
    check: (text, opts = {}) => checkText(text, { year: opts.year, excludeDocIds: opts.excludeDocIds, reuse: d.reuse, archive: d.archive, lists: d.lists }),
    close: async () => {},
  };
}
