import { foldTraditional } from "../text/traditional.ts";
import { loadWorkLineList, type WorkLineList } from "../lists/work-lines.ts";
import { WORK_LINE_IDS, workLineOrder } from "../text/work-lines.ts";

/**
 * Work-line tagging by weighted keyword scoring. Deterministic (no model): the same text always gets the
 * same tags in the same order, so chunks, facts and outline sections agree. The weighted keywords are
 * the office list lists/work-lines.json (built in, extended by the data folder's file).
 */

/** Score of each work line for the text (higher = more about it). Keys are WORK_LINES ids; `list`: the office's keywords (default: built-in). */
export function scoreWorkLines(text: string, list: WorkLineList = loadWorkLineList()): Map<string, number> {
  const { lexicon } = list;
  // The lexicon is Simplified; Traditional text (a Big5 report kept as written) is scored through a fold.
  text = foldTraditional(text);
  const scores = new Map<string, number>();
  for (const id of WORK_LINE_IDS) {
    const list = lexicon.get(id) ?? [];
    // Within one work line, characters already matched by a longer keyword are not counted again
    // (扫黑除恶 must not also score 扫黑 and 除恶).
    const used = new Uint8Array(text.length);
    let score = 0;
    for (const { word, weight } of list) {
      let from = 0;
      let hits = 0;
      for (;;) {
        const at = text.indexOf(word, from);
        if (at < 0) break;
        let free = true;
        for (let k = at; k < at + word.length; k++) if (used[k]) { free = false; break; }
        if (free) {
          for (let k = at; k < at + word.length; k++) used[k] = 1;
          hits++;
        }
        from = at + word.length;
      }
      // Diminishing returns: the fifth mention of 网格 says less than the first.
      if (hits > 0) score += weight * (1 + Math.log2(hits));
    }
    scores.set(id, Math.round(score * 100) / 100);
  }
  return scores;
}

/** Work-line tags (WORK_LINES ids) for a text: best first, at most `max` (default 3); [] when nothing fits. */
export function tagWorkLines(text: string, max = 3, list?: WorkLineList): string[] {
  const scores = scoreWorkLines(text, list);
  let best = 0;
  for (const s of scores.values()) best = Math.max(best, s);
  // A tag needs real evidence (one specific keyword, or two lesser ones) and must not be a faint echo
  // of the main subject. A short fact ("走访企业120家") has room for one keyword only, so it needs less.
  const floor = Math.max(text.length <= 60 ? 1.5 : 2.5, best * 0.35);
  return [...scores.entries()]
    .filter(([, s]) => s >= floor)
    .sort((a, b) => b[1] - a[1] || workLineOrder(a[0]) - workLineOrder(b[0]))
    .slice(0, max)
    .map(([id]) => id);
}
