/**
 * The one home of the server's concurrency helpers: a bounded pool of tasks and the locks that
 * serialise writes. It imports nothing, so every layer may use it.
 */

/**
 * Run `task` over `items` with at most `limit` running at once, taken in order of start. When
 * `stop()` turns true no further item is started (the running ones finish). A task that throws
 * ends the run with that error once the running tasks have settled their current item.
 */
export async function runBounded<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<void>, stop?: () => boolean): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop?.()) {
      const i = next++;
      await task(items[i], i);
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
}

/** Calls run one after another, in the order they were made; one that fails does not block the next. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * A lock per key: calls for one key run one after another, calls for different keys do not wait
 * for each other. A key's entry is dropped once its last call has settled.
 */
export function keyedLock(): <T>(key: string, fn: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const prev = tails.get(key) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => {});
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}

/**
 * Writes that must leave in the order they were asked for, even when asked from concurrent tasks:
 * `push` queues one, `drain` waits for all queued so far. A failed write is dropped silently (the
 * reader went away) and the ones after it still run.
 */
export function orderedWriter<T>(write: (item: T) => Promise<unknown>): { push: (item: T) => void; drain: () => Promise<void> } {
  let chain: Promise<void> = Promise.resolve();
  return {
    push: (item) => {
      chain = chain.then(() => write(item)).then(
        () => undefined,
        () => undefined,
      );
    },
    drain: () => chain,
  };
}
