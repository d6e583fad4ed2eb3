import type { PreparedReport } from "../corpus/types.ts";
import type { ReadResult } from "../corpus/read.ts";

/** Messages between the parse pool and its workers. */
export type ParseRequest =
  | { type: "read"; id: number; name: string; bytes: Uint8Array; maxBytes?: number; maxChars?: number }
  | { type: "prepare"; id: number; name: string; bytes: Uint8Array; maxBytes?: number; maxChars?: number }
  | { type: "expand"; id: number; name: string; bytes: Uint8Array; maxBytes: number };

export type ParseReply =
  | { type: "ready" }
  /** The worker has what it needs for this file (pdf.js loaded…): the file's deadline starts now. */
  | { type: "begin"; id: number }
  | { type: "progress"; id: number; page: number; pages: number }
  /** A long file is moving (another PDF page read, a step of preparing it done): its deadline starts again, within its total time. */
  | { type: "alive"; id: number }
  | { type: "read"; id: number; result: ReadResult }
  | { type: "prepare"; id: number; report: PreparedReport }
  /** `document`: the .zip is one document under a .zip name (or a damaged zip), to be read as a single file. */
  | { type: "expand"; id: number; document?: true; files: Array<{ name: string; bytes: Uint8Array }>; problems: Array<{ name: string; code: string; message: string }> }
  | { type: "error"; id: number; code: string; message: string; details?: Record<string, unknown>; unexpected?: string };
