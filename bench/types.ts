/** What each bench part (bench/<part>.ts) returns from `run(opts)`, and the options it gets. */
export interface BenchPart {
  title: string;
  /** rows for the printed table: label → value (already formatted) */
  rows: Array<[string, string]>;
  /** the same figures as numbers, for --json */
  figures: Record<string, unknown>;
}
export interface BenchOptions {
  quick: boolean;
  /** --quality-only: the retrieval part measures quality and skips the scale runs. */
  qualityOnly?: boolean;
  log: (line: string) => void;
}
