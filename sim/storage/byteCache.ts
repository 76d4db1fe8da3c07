// A byte-bounded LRU cache over numeric keys: the OS page cache, AutoMQ's log and block caches and a diskless
// broker's object cache are all this. Recency is a Map's insertion order (a hit re-inserts the key at the end),
// so eviction order is deterministic and nothing but the entry itself is allocated.

import { InputError, requireNonNegativeInteger } from "../errors.ts";
import type { Bytes } from "../units.ts";

/** Hit and miss counts of a ByteLruCache since it was created. */
export interface ByteCacheStats {
  /** Lookups that found their key. */
  hits: number;
  /** Lookups that did not. */
  misses: number;
  /** Bytes of the entries found, in bytes. */
  hitBytes: Bytes;
  /** Bytes the caller asked for on misses, in bytes. */
  missBytes: Bytes;
  /** Bytes pushed out to make room, in bytes (replacements and deletes are not evictions). */
  evictedBytes: Bytes;
  /** hits / (hits + misses); 0 before the first lookup. */
  hitRatio: number;
  /** hitBytes / (hitBytes + missBytes); 0 before any byte was asked for. */
  byteHitRatio: number;
}

/** LRU cache bounded by the sum of its entries' sizes, in bytes. */
export class ByteLruCache {
  /** The most bytes the entries may hold together. */
  readonly capacityBytes: Bytes;
  readonly #entries = new Map<number, number>();
  #usedBytes = 0;
  #hits = 0;
  #misses = 0;
  #hitBytes = 0;
  #missBytes = 0;
  #evictedBytes = 0;

  constructor(capacityBytes: Bytes) {
    this.capacityBytes = requireNonNegativeInteger("capacityBytes", capacityBytes);
  }

  /** Bytes held by the entries now. */
  get usedBytes(): Bytes {
    return this.#usedBytes;
  }

  /** Number of entries now. */
  get size(): number {
    return this.#entries.size;
  }

  /** Looks key up, counts a hit or a miss, and on a hit makes it the most recently used. `bytes` sizes a miss. */
  get(key: number, bytes: Bytes = 0): boolean {
    requireKey(key);
    requireNonNegativeInteger("bytes", bytes);
    const size = this.#entries.get(key);
    if (size === undefined) {
      this.#misses++;
      this.#missBytes += bytes;
      return false;
    }
    this.#entries.delete(key);
    this.#entries.set(key, size);
    this.#hits++;
    this.#hitBytes += size;
    return true;
  }

  /** True when key is cached; counts nothing and leaves recency alone. */
  has(key: number): boolean {
    return this.#entries.has(requireKey(key));
  }

  /** Size of key's entry in bytes, or -1 when absent; counts nothing. */
  sizeOf(key: number): Bytes {
    return this.#entries.get(requireKey(key)) ?? -1;
  }

  /** Caches key with the given size as most recently used, evicting LRU entries until it fits. Returns whether
   * it was cached: an entry larger than the whole capacity is not (and any older copy of it is dropped). */
  put(key: number, bytes: Bytes): boolean {
    requireKey(key);
    requireNonNegativeInteger("bytes", bytes);
    const old = this.#entries.get(key);
    if (old !== undefined) {
      this.#entries.delete(key);
      this.#usedBytes -= old;
    }
    if (bytes > this.capacityBytes) return false;
    // Map iteration starts at the oldest insertion, which is the least recently used entry.
    while (this.#usedBytes + bytes > this.capacityBytes) {
      const lru = this.#entries.keys().next().value as number;
      const lruBytes = this.#entries.get(lru) as number;
      this.#entries.delete(lru);
      this.#usedBytes -= lruBytes;
      this.#evictedBytes += lruBytes;
    }
    this.#entries.set(key, bytes);
    this.#usedBytes += bytes;
    return true;
  }

  /** Drops key; returns whether it was cached. Not counted as an eviction. */
  delete(key: number): boolean {
    const size = this.#entries.get(requireKey(key));
    if (size === undefined) return false;
    this.#entries.delete(key);
    this.#usedBytes -= size;
    return true;
  }

  /** Drops every entry (a crash losing memory); counters are kept. */
  clear(): void {
    this.#entries.clear();
    this.#usedBytes = 0;
  }

  /** Counters since creation, as plain data. */
  stats(): ByteCacheStats {
    const lookups = this.#hits + this.#misses;
    const lookupBytes = this.#hitBytes + this.#missBytes;
    return {
      hits: this.#hits,
      misses: this.#misses,
      hitBytes: this.#hitBytes,
      missBytes: this.#missBytes,
      evictedBytes: this.#evictedBytes,
      hitRatio: lookups === 0 ? 0 : this.#hits / lookups,
      byteHitRatio: lookupBytes === 0 ? 0 : this.#hitBytes / lookupBytes,
    };
  }
}

function requireKey(key: number): number {
  if (typeof key !== "number" || !Number.isSafeInteger(key)) throw new InputError("key", key, "a safe integer");
  return key;
}
