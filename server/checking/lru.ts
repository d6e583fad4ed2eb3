/**
 * Recent results kept per owner: the object the results' data hangs on (a reload of the office's lists or a
 * new archive makes a new owner, so stale results are never read). The least recently used go first.
 */
export class OwnedLru<V> {
  private readonly caches = new WeakMap<object, Map<string, V>>();
  /** Hits and misses (tests and benches). */
  readonly stats = { hits: 0, misses: 0 };

  constructor(private readonly size: number) {}

  /** The result kept for `key`, or `compute()`'s, kept from now on; `bypass` computes afresh (and keeps it). */
  get(owner: object, key: string, compute: () => V, bypass = false): V {
    let cache = this.caches.get(owner);
    if (!cache) this.caches.set(owner, (cache = new Map()));
    const hit = bypass ? undefined : cache.get(key);
    if (hit !== undefined) {
      this.stats.hits++;
      // Most recently used last.
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    this.stats.misses++;
    const value = compute();
    cache.set(key, value);
    if (cache.size > this.size) cache.delete(cache.keys().next().value!);
    return value;
  }
}
