/** Turns texts into fixed-length vectors. One seam; `local` (default, no weights) and `openai`. */
export interface Embedder {
  /** e.g. "local-hash-ngram-v1" or "openai:bge-m3"; recorded in the store's metadata. */
  readonly name: string;
  readonly dimension: number;
  embed(texts: string[], options?: { signal?: AbortSignal }): Promise<Float32Array[]>;
}
