import type { Chunk, PreparedReport, Role } from "../corpus/types.ts";
import { mapInSlices } from "../embed/slices.ts";
import type { Embedder } from "../embed/types.ts";
import { AppError } from "../errors.ts";
import type { ChunkRow, DocumentRow } from "./schema.ts";
import { segmentJoined } from "./segment.ts";
import type { DocumentSummary } from "./types.ts";

/** A row as LanceDB returns it (Arrow cells already converted to JS values, lists as Vectors). */
export type Row = Record<string, unknown>;

export function rowToChunk(r: Row): Chunk {
  return {
    id: String(r.id),
    docId: String(r.doc_id),
    seq: Number(r.seq),
    title: String(r.title),
    year: r.year === null || r.year === undefined ? null : Number(r.year),
    headingPath: JSON.parse(String(r.heading_path)) as string[],
    role: r.role as Role,
    tags: listToArray(r.tags),
    text: String(r.text),
    start: Number(r.start_offset),
    end: Number(r.end_offset),
  };
}

function listToArray(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.map(String);
  // Arrow list cells come back as Vectors: iterable, with toArray().
  const maybe = v as { toArray?: () => unknown[] };
  if (typeof maybe.toArray === "function") return Array.from(maybe.toArray(), String);
  return Array.from(v as Iterable<unknown>, String);
}

export function rowToSummary(r: Row): DocumentSummary {
  return {
    id: String(r.id),
    sourceName: String(r.source_name),
    title: String(r.title),
    year: r.year === null || r.year === undefined ? null : Number(r.year),
    level: (r.level ?? null) as DocumentSummary["level"],
    format: r.format as DocumentSummary["format"],
    contentHash: String(r.content_hash),
    chunkCount: Number(r.chunk_count),
    charCount: Number(r.char_count),
    ingestedAt: String(r.ingested_at),
  };
}

/** A vector cell as a Float32Array of its own (not a view that would keep a whole Arrow batch alive). */
export function toFloat32(v: unknown): Float32Array {
  const maybe = v as { toArray?: () => ArrayLike<number> };
  const arr = typeof maybe?.toArray === "function" ? maybe.toArray() : (v as ArrayLike<number>);
  return Float32Array.from(arr);
}

/**
 * The chunks rows of these reports: each chunk embedded and segmented from the same text, and
 * tagged with its document's contentHash (which is what the commit protocol keys visibility on).
 */
export async function embedChunkRows(
  reports: PreparedReport[],
  embedder: Embedder,
  embeddingText: (c: Chunk) => string,
): Promise<ChunkRow[]> {
  const allChunks = reports.flatMap((r) => r.chunks.map((c) => ({ c, hash: r.document.contentHash })));
  const texts = allChunks.map(({ c }) => embeddingText(c));
  const vectors = allChunks.length ? await embedder.embed(texts) : [];
  const dim = embedder.dimension;
  if (vectors.length !== allChunks.length) {
    throw new AppError("internal:embed_count", `向量数量 ${vectors.length} 与段落数量 ${allChunks.length} 不符`);
  }
  vectors.forEach((v, i) => {
    if (v.length !== dim) throw new AppError("internal:embed_dimension", `段落 ${allChunks[i].c.id} 的向量长度为 ${v.length}，应为 ${dim}`);
  });
  // Segmenting is the costly part (jieba): in slices, so a big document does not hold up searches.
  return mapInSlices(allChunks, ({ c, hash }, i) => ({
    id: c.id,
    doc_id: c.docId,
    seq: c.seq,
    title: c.title,
    year: c.year,
    heading_path: JSON.stringify(c.headingPath),
    role: c.role,
    tags: c.tags,
    text: c.text,
    start_offset: c.start,
    end_offset: c.end,
    content_hash: hash,
    tokens: segmentJoined(texts[i]),
    vector: vectors[i],
  }));
}

/** The documents row of a report: written last, it is the report's commit marker. */
export function documentRow(report: PreparedReport, ingestedAt: string): DocumentRow {
  const d = report.document;
  return {
    id: d.id,
    source_name: d.sourceName,
    title: d.title,
    year: d.year,
    level: d.level,
    format: d.format,
    content_hash: d.contentHash,
    chunk_count: report.chunks.length,
    char_count: d.cleanedText.length,
    ingested_at: ingestedAt,
    json: JSON.stringify(d),
  };
}
