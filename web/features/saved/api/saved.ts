import type { Draft } from "../../../../server/drafting/types.ts";
import type { SavedDraft, SavedDraftSummary } from "../../../../server/saves/types.ts";
import { apiJson } from "../../../lib/api.ts";

export interface SaveAck {
  id: string;
  version: number;
  updatedAt: string;
}

/** GET /api/drafts — saved drafts, newest first as the server lists them. */
export async function listSavedDrafts(): Promise<SavedDraftSummary[]> {
  const r = await apiJson<{ drafts: SavedDraftSummary[] }>("/api/drafts");
  return r.drafts;
}

export function getSavedDraft(id: string): Promise<SavedDraft> {
  return apiJson<SavedDraft>(`/api/drafts/${encodeURIComponent(id)}`);
}

/** PUT /api/drafts/:id — rejects with ApiError code "conflict:draft_version" when another tab saved first. */
export function saveDraft(id: string, baseVersion: number, draft: Draft): Promise<SaveAck> {
  return apiJson<SaveAck>(`/api/drafts/${encodeURIComponent(id)}`, { method: "PUT", body: { baseVersion, draft } });
}

/** POST /api/drafts/new — keep a whole draft under a new id (a copy, an imported .docx). */
export function createSavedDraft(draft: Draft): Promise<SaveAck> {
  return apiJson<SaveAck>("/api/drafts/new", { method: "POST", body: { draft } });
}

export async function deleteSavedDraft(id: string): Promise<void> {
  await apiJson(`/api/drafts/${encodeURIComponent(id)}`, { method: "DELETE" });
}
