import type { Writable } from "node:stream";

export interface CliContext {
  /** --data DIR, when given; otherwise the configured ZONGJIE_DATA. */
  dataDir?: string;
  stdout: Writable;
  stderr: Writable;
  /** Progress bars only on a terminal; a one-line summary otherwise. */
  isTTY: boolean;
}
