import { client } from "../../../lib/api.ts";

/** GET /api/corpus/:id — the whole source document (cleaned text, structure). */
export async function getSourceDocument(id: string) {
  const res = await client.api.corpus[":id"].$get({ param: { id: encodeURIComponent(id) } });
  return res.json();
}

export type SourceDocument = Awaited<ReturnType<typeof getSourceDocument>>;
