/** Per-section retrieval of past passages: style examples for the model, references for the writer. */
import type { Logger } from "../log.ts";
import type { CorpusStore, Passage } from "../store/types.ts";
import type { Fact, OutlineSection, SourceRef } from "./types.ts";
import { dataBlocks } from "../text/untrusted.ts";

const QUERY_MAX = 400;

/** The query for a section: its heading and its facts (STORM-style: the outline drives retrieval). */
export function sectionQuery(section: OutlineSection, facts: Fact[]): string {
  const own = facts.filter((f) => section.factIds.includes(f.id));
  const parts = [section.heading, ...own.map((f) => f.text)];
  if (section.role === "opening") parts.push("坚持以习近平新时代中国特色社会主义思想为指导 现将工作总结如下");
  if (section.role === "closing") parts.push("新的一年 更加紧密地团结 作出新的更大贡献");
  return parts.filter(Boolean).join(" ").slice(0, QUERY_MAX);
}

/** A stored passage as a draft's source reference. */
export function toSourceRef(p: Passage): SourceRef {
  return { chunkId: p.id, docId: p.docId, title: p.title, headingPath: p.headingPath, text: p.text, start: p.start, end: p.end, score: p.score };
}

/**
 * Passages for one section: hybrid search filtered by the section's role and work line; when the
 * work-line filter finds nothing, the role alone. A store failure yields no sources, never a failed draft.
 */
export async function retrieveSources(
  store: CorpusStore | null | undefined,
  section: OutlineSection,
  facts: Fact[],
  opts: { k?: number; logger?: Logger } = {},
): Promise<SourceRef[]> {
  if (!store) return [];
  const k = opts.k ?? 3;
  const query = sectionQuery(section, facts);
  if (!query.trim()) return [];
  try {
    let found = await store.searchPassages(query, { k, role: section.role, ...(section.workLine ? { tags: [section.workLine] } : {}) });
    if (found.length === 0 && section.workLine) found = await store.searchPassages(query, { k, role: section.role });
    return found.map(toSourceRef);
  } catch (e) {
    opts.logger?.warn(`检索范文失败（小节 ${section.id}），本节不附参考段落`, e);
    return [];
  }
}

const PASSAGE_MAX = 600;

/** Passages as delimited data blocks for a prompt; delimiter look-alikes inside a passage are defused. */
export function passagesBlock(sources: SourceRef[]): string {
  return dataBlocks("范文片段", sources.map((s) => s.text.slice(0, PASSAGE_MAX)), "（无可用范文片段）");
}
