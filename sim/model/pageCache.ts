// A broker's OS page cache seen as a byte clock: every byte written or read from disk advances the clock, and a
// byte is still cached while fewer than `capacityBytes` have entered after it. For append-only logs this is what
// LRU does (the oldest pages go first), and it is O(1) per write; cold reads advance the clock too, which is how a
// catch-up reader evicts the tail that other consumers need.

import { OffsetTimeIndex } from "./offsetTimeIndex.ts";

/** Page cache of one broker, shared by every log replica it hosts. */
export class PageCache {
  /** Bytes that have entered the cache since the broker started. */
  clock = 0;
  hitBytes = 0;
  missBytes = 0;

  constructor(readonly capacityBytes: number) {}

  /** Counts bytes entering the cache and returns the clock after them. */
  insert(bytes: number): number {
    this.clock += bytes;
    return this.clock;
  }

  /** Whether data that entered at `enteredAt` is still cached. */
  holds(enteredAt: number): boolean {
    return this.clock - enteredAt < this.capacityBytes;
  }

  /** Drops everything (a restarted broker starts cold). */
  clear(): void {
    this.clock += this.capacityBytes;
  }

  /** Fraction of read bytes served from memory. */
  hitRatio(): number {
    const total = this.hitBytes + this.missBytes;
    return total === 0 ? 1 : this.hitBytes / total;
  }
}

/** For one log replica on one broker: the page-cache clock at which each offset entered the cache. */
export class CacheClockIndex {
  readonly #index = new OffsetTimeIndex();

  /** Records that the log grew to endOffset while the cache clock moved from clockFrom to clockTo. */
  append(endOffset: number, clockFrom: number, clockTo: number): void {
    this.#index.append(endOffset, clockFrom, clockTo);
  }

  /** Clock value at which the byte at offset entered the cache. */
  clockAt(offset: number): number {
    return this.#index.timeAt(offset);
  }
}
