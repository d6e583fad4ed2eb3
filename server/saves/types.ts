import type { Draft } from "../drafting/types.ts";

export interface SavedDraftSummary {
  id: string;
  title: string;
  version: number;
  updatedAt: string;
  engine: Draft["engine"];
}

export interface SavedDraft extends SavedDraftSummary {
  draft: Draft;
}

/**
 * Drafts kept in the data folder: one file per draft, atomic writes (write temp + rename), a version
 * number per save. Saving with a stale `baseVersion` is a conflict (AppError "conflict:draft_version").
 */
export interface DraftSaveStore {
  list(): Promise<SavedDraftSummary[]>;
  get(id: string): Promise<SavedDraft | null>;
  create(draft: Draft): Promise<SavedDraft>;
  save(id: string, baseVersion: number, draft: Draft): Promise<SavedDraft>;
  remove(id: string): Promise<boolean>;
}
