/**
 * Whether a search found anything about its words, from a plain signal independent of how the ranking fuses its
 * scores: the share of the query's terms that occur in a passage. A term is a pair of adjacent Han characters
 * within a run of the query (a run of one is its character) or a word of Latin letters or digits. A passage
 * about the words holds most of them; the nearest passage of an archive that does not hold the words shares a
 * common pair or two (工作, 推进) and little else.
 */

/** Below this share of the query's terms in the best passage, the search says 未找到相关段落. */
export const MATCH_FLOOR = 0.5;

/** The query's terms (Han pairs, Latin words and numbers, lower-cased), each once. */
export function queryTerms(query: string): string[] {
  const terms = new Set<string>();
  const folded = query.replace(/[\uff10-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toLowerCase();
  for (const run of folded.match(/[\u3400-\u4dbf\u4e00-\u9fff]+|[a-z0-9]+/g) ?? []) {
    if (!/^[\u3400-\u4dbf\u4e00-\u9fff]/.test(run) || run.length === 1) terms.add(run);
    else for (let i = 0; i + 1 < run.length; i++) terms.add(run.slice(i, i + 2));
  }
  return [...terms];
}

/** The share (0–1) of the query's terms found in the text. */
export function termCoverage(terms: string[], text: string): number {
  if (terms.length === 0) return 0;
  const t = text.toLowerCase();
  return terms.filter((w) => t.includes(w)).length / terms.length;
}

/** Whether any of the passages is about the query: its best coverage reaches MATCH_FLOOR. */
export function anyMatch(query: string, texts: string[]): boolean {
  const terms = queryTerms(query);
  return texts.some((t) => termCoverage(terms, t) >= MATCH_FLOOR);
}
