/** A span of text and whether it is marked. */
export interface Piece {
  text: string;
  mark: boolean;
}

const HAN = /[\u3400-\u9fff]/;

/**
 * Mark the runs of `passage` that also occur in `query` (character bigrams of Chinese text, joined
 * into runs of at least `minRun` characters): the "matching words" shown beside a source passage.
 */
export function markShared(passage: string, query: string, minRun = 2): Piece[] {
  const grams = new Set<string>();
  for (let i = 0; i + 1 < query.length; i++) {
    const g = query.slice(i, i + 2);
    if (HAN.test(g[0]) && HAN.test(g[1])) grams.add(g);
  }
  const marked = new Array<boolean>(passage.length).fill(false);
  for (let i = 0; i + 1 < passage.length; i++) {
    if (grams.has(passage.slice(i, i + 2))) marked[i] = marked[i + 1] = true;
  }
  // Drop runs shorter than minRun so isolated common pairs do not speckle the text.
  for (let i = 0; i < marked.length; ) {
    if (!marked[i]) { i++; continue; }
    let j = i;
    while (j < marked.length && marked[j]) j++;
    if (j - i < minRun) for (let k = i; k < j; k++) marked[k] = false;
    i = j;
  }
  const out: Piece[] = [];
  for (let i = 0; i < passage.length; ) {
    let j = i;
    while (j < passage.length && marked[j] === marked[i]) j++;
    out.push({ text: passage.slice(i, j), mark: marked[i] });
    i = j;
  }
  return out;
}

/** A slice of text with the indices of the ranges that cover it. */
export interface Segment {
  start: number;
  end: number;
  text: string;
  covering: number[];
}

/**
 * Cut `text` at every range boundary so overlapping ranges (findings) can be highlighted inline:
 * each segment lists the ranges covering it. Ranges are clamped to the text; empty ones are ignored.
 */
export function segmentByRanges(text: string, ranges: { start: number; end: number }[]): Segment[] {
  const cuts = new Set<number>([0, text.length]);
  const clamped = ranges.map((r) => ({ start: Math.max(0, Math.min(text.length, r.start)), end: Math.max(0, Math.min(text.length, r.end)) }));
  for (const r of clamped) if (r.end > r.start) { cuts.add(r.start); cuts.add(r.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    if (end <= start) continue;
    const covering: number[] = [];
    clamped.forEach((r, idx) => {
      if (r.start <= start && r.end >= end && r.end > r.start) covering.push(idx);
    });
    out.push({ start, end, text: text.slice(start, end), covering });
  }
  return out;
}
