import { DraftEventSchema, type Draft, type DraftEvent, type DraftInput, type DraftSection, type DraftWarning, type Fact, type Outline } from "../../../../server/drafting/types.ts";
import { client } from "../../../lib/api.ts";
import { readEvents } from "../../../lib/events.ts";
import type { DraftTrail } from "../../../../server/drafting/provenance.ts";

/** POST /api/drafts/parse — the writer's facts text (header lines, bullets) → DraftInput. */
export async function parseFacts(text: string): Promise<DraftInput> {
  const res = await client.api.drafts.parse.$post({ json: { text } });
  return res.json();
}

/** POST /api/drafts/parse with an uploaded .txt/.docx of facts. */
export async function parseFactsFile(file: File): Promise<DraftInput> {
  const res = await client.api.drafts.parse.$post({ form: { file } });
  return res.json();
}

/** POST /api/drafts/import — the text of an uploaded draft, read by the server (restores Word's automatic 一、（一）numbering). */
export async function importDraftText(file: File): Promise<{ text: string; format: string; encoding: string }> {
  const res = await client.api.drafts.import.$post({ form: { file } });
  return res.json();
}

/** POST /api/drafts/outline — the proposed outline and the parsed facts. */
export async function proposeOutline(input: DraftInput): Promise<{ outline: Outline; facts: Fact[]; warnings: DraftWarning[] }> {
  const res = await client.api.drafts.outline.$post({ json: input });
  return res.json();
}

/**
 * POST /api/drafts — generate, calling `onEvent` for each stream event in order. Resolves when the
 * stream ends; rejects with ApiError when the request itself is refused.
 */
export async function streamDraft(
  body: DraftInput & DraftTrail & { outline?: Outline; locked?: Record<string, string> },
  onEvent: (e: DraftEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  const res = await client.api.drafts.$post({ json: body }, { headers: { Accept: "text/event-stream" }, init: { signal } });
  await readEvents(res, DraftEventSchema, onEvent, signal);
}

/** POST /api/drafts/section — regenerate one section of a draft. */
export async function regenerateSection(draft: Draft, sectionId: string): Promise<{ section: DraftSection; warnings: DraftWarning[] }> {
  const res = await client.api.drafts.section.$post({ json: { draft, sectionId } });
  return res.json();
}

/** POST /api/drafts/export — the draft as a .docx in 公文 format. */
export async function exportDocx(draft: Draft): Promise<Blob> {
  const res = await client.api.drafts.export.$post({ json: { draft } });
  return res.blob();
}

export type RewriteMode = "polish" | "expand" | "shorten" | "enumerate";

/** POST /api/rewrite — a rewrite of one section's text with the changes as a diff (refused when a figure or a claim would change). */
export async function rewriteText(text: string, mode: RewriteMode, role?: DraftSection["role"], workLine?: string | null, unit?: string) {
  const res = await client.api.rewrite.$post({ json: { text, mode, ...(role ? { role } : {}), ...(workLine ? { workLine } : {}), ...(unit ? { unit } : {}) } });
  return res.json();
}

export type RewriteResult = Awaited<ReturnType<typeof rewriteText>>;
