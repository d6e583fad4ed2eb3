import { openReuseIndex, type FingerprintIndex } from "./checking/reuse-index.ts";
import type { ReuseIndex } from "./checking/types.ts";
import { silentLogger, type Logger } from "./log.ts";
import type { CorpusStore } from "./store/types.ts";

/**
 * Make the reuse index agree with the corpus store: add documents it lacks or holds an older version
 * of, drop the ones the store no longer has. The corpus hooks keep the index current; this repairs it
 * at start and after another process (the CLI) ingested into the same data folder.
 */
export async function reconcileReuseIndex(index: ReuseIndex, store: CorpusStore, logger: Logger): Promise<{ added: number; removed: number }> {
  const listed = await store.listDocuments();
  const ids = new Set(listed.map((d) => d.id));
  let removed = 0;
  for (const id of index.documentIds()) {
    if (!ids.has(id)) {
      await index.removeDocument(id);
      removed++;
    }
  }
  let added = 0;
  for (const s of listed) {
    const have = index.indexed(s.id);
    // Cheap check first (the hooks keep the index current; this only repairs), exact hash after.
    if (have && have.title === s.title && have.chars === s.charCount) continue;
    const stored = await store.getDocument(s.id);
    if (!stored) continue;
    if (have && have.contentHash === stored.document.contentHash) continue;
    const chunks = await store.getChunks(s.id);
    await index.addDocument({ ...stored.document, chunks });
    added++;
  }
  if (added || removed) logger.info(`查重索引已与范文库同步：新增 ${added} 篇，移除 ${removed} 篇`);
  return { added, removed };
}

/** A reuse index in memory built from the store's documents (for one-off checks without a data folder). */
export async function reuseIndexFromStore(store: CorpusStore): Promise<FingerprintIndex> {
  const index = await openReuseIndex({ dataDir: null, logger: silentLogger });
  await reconcileReuseIndex(index, store, silentLogger);
  return index;
}
