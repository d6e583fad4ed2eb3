import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Work on the thread that serves HTTP is cut into slices: after about `SLICE_MS` of it, the event loop
 * gets a turn, so a search issued while a big document is embedded and committed waits behind one
 * slice, not behind the whole document (a 45 MB document.xml is 19,000 chunks: seconds of embedding,
 * segmenting and Arrow building in one block before). The total work is the same.
 */
export const SLICE_MS = 10;

/** Counts time since the last turn given to the event loop; `tick()` gives one when a slice is used up. */
export class Slicer {
  private since = performance.now();
  constructor(private readonly sliceMs = SLICE_MS) {}

  /** Resolves at once inside a slice; after a turn of the event loop once the slice is used up. */
  async tick(): Promise<void> {
    if (performance.now() - this.since < this.sliceMs) return;
    await nextTurn();
    this.since = performance.now();
  }
}

/** `items.map(fn)`, giving the event loop a turn after every slice of work. */
export async function mapInSlices<T, U>(items: readonly T[], fn: (item: T, index: number) => U, sliceMs = SLICE_MS): Promise<U[]> {
  const slicer = new Slicer(sliceMs);
  const out: U[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    out[i] = fn(items[i], i);
    await slicer.tick();
  }
  return out;
}
