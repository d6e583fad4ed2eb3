import type { Chunk, PreparedDocument } from "../../../../server/corpus/types.ts";
import type { DocumentSummary, IngestOutcome } from "../../../../server/store/types.ts";
import { ApiError, apiJson, authHeaders } from "../../../lib/api.ts";

export type CorpusDocument = DocumentSummary & { document: PreparedDocument; chunks?: Chunk[] };

/** GET /api/corpus — the documents in the archive. */
export async function listDocuments(): Promise<DocumentSummary[]> {
  const r = await apiJson<{ documents: DocumentSummary[] } | DocumentSummary[]>("/api/corpus");
  return Array.isArray(r) ? r : r.documents;
}

export function getDocument(id: string): Promise<CorpusDocument> {
  return apiJson<CorpusDocument>(`/api/corpus/${encodeURIComponent(id)}`);
}

export async function deleteDocument(id: string): Promise<void> {
  await apiJson(`/api/corpus/${encodeURIComponent(id)}`, { method: "DELETE" });
}

/**
 * POST /api/corpus (multipart field "files") through XMLHttpRequest, which alone reports upload
 * progress; `onProgress` gets 0–1.
 */
export function uploadDocuments(files: File[], onProgress: (fraction: number) => void): Promise<IngestOutcome[]> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const f of files) form.append("files", f, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/corpus");
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
        const b = body as { results?: IngestOutcome[]; outcomes?: IngestOutcome[] } | IngestOutcome[] | null;
        resolve(Array.isArray(b) ? b : (b?.results ?? b?.outcomes ?? []));
      } else {
        const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
        reject(new ApiError(err?.code ?? `http:${xhr.status}`, err?.message ?? `上传失败（HTTP ${xhr.status}）`, xhr.status));
      }
    };
    xhr.send(form);
  });
}
