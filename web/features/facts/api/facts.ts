import type { AuditEntry } from "../../../../server/docx/audit.ts";
import type { Derivation, Provenance } from "../../../../server/drafting/provenance.ts";
import type { Draft } from "../../../../server/drafting/types.ts";
import { FactsEventSchema, type FactsEvent } from "../../../../server/facts/types.ts";
import { client } from "../../../lib/api.ts";
import { readEvents } from "../../../lib/events.ts";

/** POST /api/facts/extract — the units' submissions, read one by one; `onEvent` for progress, each file and the result. */
export async function extractFacts(files: File[], units: Record<string, string>, onEvent: (e: FactsEvent) => void, signal?: AbortSignal): Promise<void> {
  const form = Object.keys(units).length ? { files, units: JSON.stringify(units) } : { files };
  const res = await client.api.facts.extract.$post({ form }, { headers: { Accept: "text/event-stream" }, init: { signal } });
  await readEvents(res, FactsEventSchema, onEvent, signal);
}

type AuditDraft = Pick<Draft, "title" | "unit" | "year" | "sections" | "facts">;
const auditBody = (d: AuditDraft, provenance: Provenance, derivations: Derivation[]) => ({ draft: { title: d.title, unit: d.unit, year: d.year, sections: d.sections, facts: d.facts }, provenance, derivations });

/** POST /api/facts/audit — the audit sheet of a draft as rows, unsourced figures first. */
export async function auditSheet(d: AuditDraft, provenance: Provenance, derivations: Derivation[] = []): Promise<{ entries: AuditEntry[]; unsourced: number }> {
  const res = await client.api.facts.audit.$post({ json: auditBody(d, provenance, derivations) });
  return res.json();
}

/** POST /api/facts/audit/export — the audit sheet as a .docx. */
export async function exportAudit(d: AuditDraft, provenance: Provenance, derivations: Derivation[] = []): Promise<Blob> {
  const res = await client.api.facts.audit.export.$post({ json: auditBody(d, provenance, derivations) });
  return res.blob();
}

/** POST /api/drafts/parse then /api/facts/skeleton — last year's summary as this year's skeleton, for the facts box's text. */
export async function skeletonFor(file: File, factsText: string) {
  const input = await (await client.api.drafts.parse.$post({ json: { text: factsText } })).json();
  const res = await client.api.facts.skeleton.$post({ form: { file, input: JSON.stringify(input) } });
  return { input, ...(await res.json()) };
}

export type SkeletonResult = Awaited<ReturnType<typeof skeletonFor>>;
