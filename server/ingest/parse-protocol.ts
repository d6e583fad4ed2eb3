import type { Chunk, PreparedReport } from "../corpus/types.ts";
import type { ReadResult } from "../corpus/read.ts";

/** Messages between the parse pool and its workers. */
export type ParseRequest =
  | { type: "read"; id: number; name: string; bytes: Uint8Array; maxBytes?: number; maxChars?: number }
  /** `derive`: also work out the derived indexes' evidence (ingest; not a facts submission). */
  | { type: "prepare"; id: number; name: string; bytes: Uint8Array; maxBytes?: number; maxChars?: number; derive?: boolean }
  | { type: "expand"; id: number; name: string; bytes: Uint8Array; maxBytes: number };

/** Send the next part of a report's chunks (the thread serving HTTP took a turn after the last part). */
export type ParseControl = { type: "more"; id: number };

export type ParseReply =
  | { type: "ready" }
  /** The worker has what it needs for this file (pdf.js loaded…): the file's deadline starts now. */
  | { type: "begin"; id: number }
  | { type: "progress"; id: number; page: number; pages: number }
  /** A long file is moving (another PDF page read, a step of preparing it done): its deadline starts again, within its total time. */
  | { type: "alive"; id: number }
  | { type: "read"; id: number; result: ReadResult }
  /** A part of a prepared report's chunks; the report follows the last part (with its chunks left out). */
  | { type: "chunks"; id: number; chunks: Chunk[] }
  | { type: "prepare"; id: number; report: PreparedReport }
  /** `document`: the .zip is one document under a .zip name (or a damaged zip), to be read as a single file. */
  | { type: "expand"; id: number; document?: true; files: Array<{ name: string; bytes: Uint8Array }>; problems: Array<{ name: string; code: string; message: string }> }
  | { type: "error"; id: number; code: string; message: string; details?: Record<string, unknown>; unexpected?: string };

/** Chunks per `chunks` message: each message is read back in one block on the thread serving HTTP (~8 ms for 500). */
export const CHUNK_PART = 500;

/**
 * A module the parse worker loads (given by a higher layer through the pool's `derive` option) whose
 * `deriveEvidence` works out, from a prepared report, what the derived indexes need (server/derived.ts):
 * the evidence goes back with the report, its buffers moved rather than copied.
 */
export type DeriveEvidence = (report: PreparedReport) => { evidence: unknown; transfer: ArrayBuffer[] };
