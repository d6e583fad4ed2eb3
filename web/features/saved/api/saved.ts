import type { Draft } from "../../../../server/drafting/types.ts";
import type { SavedDraft, SavedDraftSummary } from "../../../../server/saves/types.ts";
import { client } from "../../../lib/api.ts";

export interface SaveAck {
  id: string;
  version: number;
  updatedAt: string;
}

/** GET /api/drafts — saved drafts, newest first as the server lists them. */
export async function listSavedDrafts(): Promise<SavedDraftSummary[]> {
  const res = await client.api.drafts.$get();
  return (await res.json()).drafts;
}

export async function getSavedDraft(id: string): Promise<SavedDraft> {
  const res = await client.api.drafts[":id"].$get({ param: { id: encodeURIComponent(id) } });
  return res.json();
}

/** PUT /api/drafts/:id — rejects with ApiError code "conflict:draft_version" when another tab saved first. */
export async function saveDraft(id: string, baseVersion: number, draft: Draft): Promise<SaveAck> {
  const res = await client.api.drafts[":id"].$put({ param: { id: encodeURIComponent(id) }, json: { baseVersion, draft } });
  return res.json();
}

/** POST /api/drafts/new — keep a whole draft under a new id (a copy, an imported .docx). */
export async function createSavedDraft(draft: Draft): Promise<SaveAck> {
  const res = await client.api.drafts.new.$post({ json: { draft } });
  return res.json();
}

export async function deleteSavedDraft(id: string): Promise<void> {
  await client.api.drafts[":id"].$delete({ param: { id: encodeURIComponent(id) } });
}
