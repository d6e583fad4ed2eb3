import { assertFileUsable } from "../../../lib/files.ts";
import { client } from "../../../lib/api.ts";
import { errorText } from "../../../lib/errors.ts";

export type CorpusSort = "title" | "year" | "-year" | "ingestedAt";

export interface ListParams {
  offset: number;
  limit: number;
  sort: CorpusSort;
  year?: number;
  level?: "区" | "县" | "市";
  q?: string;
}

/** GET /api/corpus — one page of the archive, filtered and sorted by the server, with the total. */
export async function listDocuments(p: ListParams) {
  const query: { offset: string; limit: string; sort: CorpusSort; year?: string; level?: ListParams["level"]; q?: string } = {
    offset: String(p.offset),
    limit: String(p.limit),
    sort: p.sort,
  };
  if (p.year !== undefined) query.year = String(p.year);
  if (p.level) query.level = p.level;
  if (p.q?.trim()) query.q = p.q.trim();
  const res = await client.api.corpus.$get({ query });
  return res.json();
}

export type DocumentPage = Awaited<ReturnType<typeof listDocuments>>;

export async function deleteDocument(id: string): Promise<void> {
  await client.api.corpus[":id"].$delete({ param: { id: encodeURIComponent(id) } });
}

async function uploadOne(f: File) {
  const res = await client.api.corpus.$post({ form: { files: f } });
  return (await res.json()).results;
}

/** One file's outcome as the server words it: ingested, duplicate (not stored twice) or error, with a message. */
export type UploadResult = Awaited<ReturnType<typeof uploadOne>>[number];

/**
 * POST /api/corpus one file at a time, so a batch of hundreds stays under the request size limit,
 * the writer sees each outcome as it comes, and one bad file never costs the others. A .zip is one
 * file here and comes back as one result per document inside it. A failed request becomes an error
 * result for that file; the batch goes on. `onResult` gets each file's results with the count done.
 */
export async function uploadDocuments(
  files: File[],
  onResult: (results: UploadResult[], done: number, total: number) => void,
  signal?: { cancelled: boolean },
): Promise<UploadResult[]> {
  const all: UploadResult[] = [];
  for (let i = 0; i < files.length; i++) {
    if (signal?.cancelled) break;
    const f = files[i];
    let results: UploadResult[];
    try {
      assertFileUsable(f); // empty or too large: said before anything is sent
      results = await uploadOne(f);
    } catch (e) {
      results = [{ name: f.name, status: "error", message: errorText(e) }];
    }
    all.push(...results);
    onResult(results, i + 1, files.length);
  }
  return all;
}
