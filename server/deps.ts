import type { ArchiveLexicon } from "./checking/typo/archive.ts";
import type { Checker } from "./checking/checker.ts";
import type { ReuseIndex } from "./checking/types.ts";
import type { Embedder } from "./embed/types.ts";
import type { Config } from "./env.ts";
import type { ParseService } from "./ingest/parse-pool.ts";
import type { ChatModel, PromptLibrary } from "./llm/types.ts";
import type { OfficeLists } from "./lists/office.ts";
import type { Logger } from "./log.ts";
import type { DraftSaveStore } from "./saves/types.ts";
import type { CorpusHooks, CorpusStore } from "./store/types.ts";

/** Every outside dependency, built once in index.ts (or by a test) and passed to createApp. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  store: CorpusStore;
  embedder: Embedder;
  hooks: CorpusHooks;
  reuse: ReuseIndex;
  /** The office's lists, loaded and validated once at start; every check, draft and rewrite is given them. */
  lists: OfficeLists;
  /** Word use across the archive (typo check), kept current by the corpus hooks. */
  archive?: ArchiveLexicon;
  /** Reads uploaded files in worker threads with a deadline and memory caps; absent: the process's shared pool. */
  parser?: ParseService;
  /** Runs /api/check: the worker pool (server/checking/pool.ts), or in-process when CHECK_WORKERS=0. */
  checker: Checker;
  /** null: no endpoint configured, the offline engine serves drafting and rewriting. */
  model: ChatModel | null;
  prompts: PromptLibrary;
  saves: DraftSaveStore;
  /** Folder with the built editor (web/dist); omitted in API-only tests. */
  webRoot?: string;
}
