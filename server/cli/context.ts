import type { Writable } from "node:stream";
import type { ParseArgsConfig } from "node:util";
import { loadConfig } from "../env.ts";
import { loadOfficeLists, type OfficeLists } from "../lists/office.ts";

/** The flags a subcommand takes, as node:util's parseArgs reads them. */
export type CliOptions = NonNullable<ParseArgsConfig["options"]>;

export interface CliContext {
  /** --data DIR, when given; otherwise the configured ZONGJIE_DATA. */
  dataDir?: string;
  stdout: Writable;
  stderr: Writable;
  /** Progress bars only on a terminal; a one-line summary otherwise. */
  isTTY: boolean;
  /** The office's lists of the data folder, loaded (and validated) once by the first command that needs them. */
  lists?: OfficeLists;
}

/** The office's lists of the command's data folder, loaded once per context. */
export function contextLists(ctx: CliContext): OfficeLists {
  return (ctx.lists ??= loadOfficeLists(loadConfig({ dataDir: ctx.dataDir }).dataDir));
}
