/**
 * A map that keeps at most `capacity` entries, dropping the least recently used one. A Map
 * iterates in insertion order and every hit re-inserts, so the first key is always the least
 * recently used. For caches keyed by what a caller chooses (SQL texts, query shapes): their
 * number is bounded by the cache, not by the callers.
 */
export class LruMap<K, V> {
  private readonly entries = new Map<K, V>();
  private readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, value);
  }
}
