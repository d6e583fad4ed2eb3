import type { Chunk, PreparedDocument } from "../../../../server/corpus/types.ts";
import type { DocumentSummary } from "../../../../server/store/types.ts";
import { apiJson } from "../../../lib/api.ts";

export type SourceDocument = DocumentSummary & { document: PreparedDocument; chunks?: Chunk[] };

/** GET /api/corpus/:id — the whole source document (cleaned text, structure). */
export function getSourceDocument(id: string): Promise<SourceDocument> {
  return apiJson<SourceDocument>(`/api/corpus/${encodeURIComponent(id)}`);
}
