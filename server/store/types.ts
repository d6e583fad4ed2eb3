import type { Chunk, PreparedDocument, PreparedReport, Role } from "../corpus/types.ts";

export interface SearchFilters {
  role?: Role | Role[];
  /** A chunk matches when it carries any of these tags. */
  tags?: string[];
  yearFrom?: number;
  yearTo?: number;
  docId?: string;
  excludeDocIds?: string[];
}

export interface SearchOptions extends SearchFilters {
  k?: number; // default 8
  mode?: "hybrid" | "vector" | "text"; // default hybrid
}

export interface Passage extends Chunk {
  score: number;
}

export interface DocumentSummary {
  id: string;
  sourceName: string;
  title: string;
  year: number | null;
  level: PreparedDocument["level"];
  format: PreparedDocument["format"];
  /** sha256 of the cleaned text: the same report uploaded under another name is recognised by it. */
  contentHash: string;
  chunkCount: number;
  charCount: number;
  ingestedAt: string; // ISO time
}

export interface StoredDocument extends DocumentSummary {
  document: PreparedDocument;
}

export type IngestOutcome =
  | { status: "added" | "replaced" | "unchanged"; docId: string; title: string; chunks: number; sourceName: string }
  | { status: "rejected"; sourceName: string; code: string; message: string };

export interface IngestProgress {
  phase: "read" | "embed" | "write" | "index";
  file: string;
  done: number; // files done so far
  total: number; // files in this run
}

export interface StoreInfo {
  embedder: string;
  dimension: number;
  documents: number;
  chunks: number;
}

/**
 * The corpus store (LanceDB in the data folder). Everything that reads or writes past reports goes
 * through here; tests use a real instance in a temp folder.
 */
export interface CorpusStore {
  info(): Promise<StoreInfo>;
  /** Store a prepared report, replacing an older version of the same document id. */
  putReport(report: PreparedReport): Promise<IngestOutcome>;
  removeDocument(id: string): Promise<boolean>;
  listDocuments(): Promise<DocumentSummary[]>;
  getDocument(id: string): Promise<StoredDocument | null>;
  getChunks(docId: string): Promise<Chunk[]>;
  /** Hybrid (vector + jieba full-text, fused) search with filters. */
  searchPassages(query: string, options?: SearchOptions): Promise<Passage[]>;
  /** True when searches are served from an in-memory copy rather than the database's indexes. */
  readonly searchesFromMemory?: boolean;
  /** Load what searches need ahead of the first one (the server calls it at start). */
  warmUp?(): Promise<void>;
  close(): Promise<void>;
}

/** Called by the ingest pipeline after a document is committed or removed (derived indexes). */
export interface CorpusHooks {
  afterPut?(report: PreparedReport): Promise<void>;
  afterRemove?(docId: string): Promise<void>;
}
