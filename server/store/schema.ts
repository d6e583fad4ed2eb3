import { Field, FixedSizeList, Float32, Int32, List, Schema, Utf8 } from "apache-arrow";

/**
 * Explicit Arrow schemas for the LanceDB tables. Inferred schemas would turn every JS number into
 * Float64 and every vector into a variable list; fixing them here keeps ints as Int32 and vectors as
 * FixedSizeList(dim, Float32), which is what the vector index needs.
 * Column names are snake_case because LanceDB's SQL filters fold unquoted identifiers to lower case.
 */
export const SCHEMA_VERSION = "1";

export const TABLES = { meta: "meta", documents: "documents", chunks: "chunks" } as const;

const utf8 = (name: string, nullable = false) => new Field(name, new Utf8(), nullable);
const int32 = (name: string, nullable = false) => new Field(name, new Int32(), nullable);

export const metaSchema = new Schema([utf8("key"), utf8("value")]);

export const documentsSchema = new Schema([
  utf8("id"),
  utf8("source_name"),
  utf8("title"),
  int32("year", true),
  utf8("level", true),
  utf8("format"),
  utf8("content_hash"),
  int32("chunk_count"),
  int32("char_count"),
  utf8("ingested_at"),
  utf8("json"), // the whole PreparedDocument (cleaned text, structure, removals)
]);

export function chunksSchema(dimension: number): Schema {
  return new Schema([
    utf8("id"),
    utf8("doc_id"),
    int32("seq"),
    utf8("title"),
    int32("year", true),
    utf8("heading_path"), // JSON array of strings
    utf8("role"),
    new Field("tags", new List(new Field("item", new Utf8(), true)), false),
    utf8("text"),
    int32("start_offset"),
    int32("end_offset"),
    utf8("content_hash"), // the document version these chunks belong to
    utf8("tokens"), // jieba-segmented embedding text, space-joined, FTS-indexed
    new Field("vector", new FixedSizeList(dimension, new Field("item", new Float32(), true)), false),
  ]);
}

export interface DocumentRow {
  id: string;
  source_name: string;
  title: string;
  year: number | null;
  level: string | null;
  format: string;
  content_hash: string;
  chunk_count: number;
  char_count: number;
  ingested_at: string;
  json: string;
}

export interface ChunkRow {
  id: string;
  doc_id: string;
  seq: number;
  title: string;
  year: number | null;
  heading_path: string;
  role: string;
  tags: string[];
  text: string;
  start_offset: number;
  end_offset: number;
  content_hash: string;
  tokens: string;
  vector: Float32Array;
}

/** Columns returned by searches and getChunks (never the vector or tokens: they are big and internal). */
export const CHUNK_COLUMNS = [
  "id",
  "doc_id",
  "seq",
  "title",
  "year",
  "heading_path",
  "role",
  "tags",
  "text",
  "start_offset",
  "end_offset",
  "content_hash",
];
