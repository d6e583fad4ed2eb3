import type { IngestOutcome } from "../../../../server/store/types.ts";
import { ApiError, authHeaders, client } from "../../../lib/api.ts";

/** GET /api/corpus — the documents in the archive. */
export async function listDocuments() {
  const res = await client.api.corpus.$get();
  return (await res.json()).documents;
}

/** GET /api/corpus/:id — summary, cleaned text, structure, what cleaning removed, chunks. */
export async function getDocument(id: string) {
  const res = await client.api.corpus[":id"].$get({ param: { id: encodeURIComponent(id) } });
  return res.json();
}

export type CorpusDocument = Awaited<ReturnType<typeof getDocument>>;

export async function deleteDocument(id: string): Promise<void> {
  await client.api.corpus[":id"].$delete({ param: { id: encodeURIComponent(id) } });
}

/**
 * POST /api/corpus (multipart field "files") through XMLHttpRequest, which alone reports upload
 * progress; `onProgress` gets 0–1. The typed client cannot carry it: hc sends with fetch, and fetch
 * tells nothing of an upload's progress. The path still comes from hc, so a renamed route fails to build.
 */
export function uploadDocuments(files: File[], onProgress: (fraction: number) => void): Promise<IngestOutcome[]> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const f of files) form.append("files", f, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", client.api.corpus.$path());
    for (const [k, v] of Object.entries(authHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError("network:unreachable", "上传失败：无法连接服务器", 0));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* handled below */
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve((body as { outcomes?: IngestOutcome[] } | null)?.outcomes ?? []);
      } else {
        const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
        reject(new ApiError(err?.code ?? `http:${xhr.status}`, err?.message ?? `上传失败（HTTP ${xhr.status}）`, xhr.status));
      }
    };
    xhr.send(form);
  });
}
