export { openCorpusStore, LanceCorpusStore, buildWhere, sqlString, defaultEmbeddingText, type OpenStoreOptions } from "./lance.ts";
export { segment, segmentJoined } from "./segment.ts";
