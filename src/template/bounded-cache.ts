/**
 * The compiled-template cache: least recently used entries go first, bounded by entry count
 * and by estimated bytes. A Map keeps insertion order, so "used" is delete-then-set and the
 * oldest entry is the first key. Written here rather than taken from lru-cache (which the
 * context cache uses) because it is all the template side needs, and lru-cache's 62 KB of
 * module source were a fifth of what `dynamic-context/template` made Node compile at start.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private totalBytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Estimated bytes of every entry held. */
  get bytes(): number {
    return this.totalBytes;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Keep `value` (replacing any entry of `key`), then evict the oldest until both bounds hold. An entry larger than maxBytes alone is not kept. */
  set(key: string, value: V, bytes: number): void {
    this.delete(key);
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { value, bytes });
    this.totalBytes += bytes;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.totalBytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
  }
}
