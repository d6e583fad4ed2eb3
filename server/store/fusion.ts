/**
 * How much each signal of hybrid search counts, from its measured reliability. The calibration
 * (run by `npm run bench -- --only retrieval` on test/fixtures/queries.json, never on the held-out
 * set) compares, query by query, whether each signal alone puts a relevant passage in the top k:
 *
 * - When one signal finds significantly more of the queries the other misses (a two-sided sign
 *   test on the queries exactly one of them finds, p < 0.05), it dominates: the other only orders
 *   the dominant signal's ties and the passages the dominant one does not find at all, so hybrid
 *   cannot rank below the better signal's top k. A weak embedder (the local hashed n-grams) can
 *   then add passages a query shares no word with, and never push out one it does.
 * - Otherwise the two are weighted by their recall alone (convex fusion of normalised scores).
 */
export interface FusionWeights {
  vector: number;
  text: number;
  /** The signal that decides the order; the other breaks its ties and fills in after it. */
  dominant?: "vector" | "text";
}

/** Per query, the 1-based rank of the first relevant passage each signal alone returns (0: none in its top 10). */
export interface SignalRanks {
  text: number;
  vector: number;
}

export interface Calibration {
  weights: FusionWeights;
  queries: number;
  textRecall: number;
  vectorRecall: number;
  /** Queries only the text signal finds in the top k, and only the vector signal. */
  textOnly: number;
  vectorOnly: number;
  /** Two-sided sign-test p of the difference. */
  p: number;
}

/** Two-sided binomial sign test: the chance of a split at least this uneven among n with p = ½. */
export function signTest(a: number, b: number): number {
  const n = a + b;
  if (n === 0) return 1;
  const lo = Math.min(a, b);
  let tail = 0;
  let c = 1; // C(n, 0)
  for (let i = 0; i <= lo; i++) {
    tail += c;
    c = (c * (n - i)) / (i + 1);
  }
  return Math.min(1, (2 * tail) / 2 ** n);
}

export function calibrateFusion(ranks: SignalRanks[], k = 5): Calibration {
  const inTop = (r: number) => r > 0 && r <= k;
  let t = 0;
  let v = 0;
  let textOnly = 0;
  let vectorOnly = 0;
  for (const r of ranks) {
    if (inTop(r.text)) t++;
    if (inTop(r.vector)) v++;
    if (inTop(r.text) && !inTop(r.vector)) textOnly++;
    if (inTop(r.vector) && !inTop(r.text)) vectorOnly++;
  }
  const n = Math.max(1, ranks.length);
  const p = signTest(textOnly, vectorOnly);
  const textRecall = t / n;
  const vectorRecall = v / n;
  const weights: FusionWeights =
    p < 0.05 ? (textOnly > vectorOnly ? { text: 1, vector: 0, dominant: "text" } : { text: 0, vector: 1, dominant: "vector" }) : { text: textRecall || 1, vector: vectorRecall || 1 };
  return { weights, queries: ranks.length, textRecall, vectorRecall, textOnly, vectorOnly, p };
}

/**
 * The shipped weights per embedder. The local embedder's come from the calibration on
 * queries.json (26 queries: text alone finds 24 in the top 5, vectors alone 18; 6 found only by
 * text, none only by vectors, p = 0.03), so text dominates. A served embedding model (bge-m3 …) has
 * no calibration here: its signal counts as much as the text's until one is measured.
 */
export const LOCAL_FUSION: FusionWeights = { text: 1, vector: 0, dominant: "text" };

export function fusionFor(embedderName: string): FusionWeights {
  return embedderName.startsWith("local-") ? LOCAL_FUSION : { vector: 1, text: 1 };
}
