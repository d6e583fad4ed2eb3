/**
 * The one check every file the editor accepts goes through before it is read or uploaded: not empty, not over the
 * server's upload limit (told by GET /api/health; 10 MB until it answers). The file's text is then read by the
 * server, which knows UTF-8, GB18030 and Big5: the browser never decodes a file itself.
 */

import { DEFAULT_MAX_BYTES, tooLargeMessage } from "../../server/corpus/formats.ts";

const MB = 1024 * 1024;
let limitBytes = DEFAULT_MAX_BYTES;

/** The server's upload limit, in MB, as /api/health reports it. */
export function setUploadLimitMB(mb: number | undefined): void {
  if (typeof mb === "number" && Number.isFinite(mb) && mb > 0) limitBytes = mb * MB;
}

export function uploadLimitBytes(): number {
  return limitBytes;
}

/** Why a file cannot be taken, in the writer's words, or null when it can. */
export function fileProblem(file: Pick<File, "name" | "size">): string | null {
  if (file.size === 0) return `文件为空：《${file.name}》没有内容`;
  if (file.size > limitBytes) return tooLargeMessage(limitBytes, file);
  return null;
}

/** Throws the writer's message when a file cannot be taken (see fileProblem). */
export function assertFileUsable(file: Pick<File, "name" | "size">): void {
  const p = fileProblem(file);
  if (p) throw new Error(p);
}
