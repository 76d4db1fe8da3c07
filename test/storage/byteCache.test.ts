import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { ByteLruCache } from "../../sim/storage/byteCache.ts";
import { InputError } from "../../sim/errors.ts";

// A deliberately naive reference: an array ordered from least to most recently used.
class ReferenceLru {
  entries: Array<[number, number]> = [];
  evicted = 0;
  constructor(readonly capacity: number) {}
  used(): number {
    return this.entries.reduce((sum, [, bytes]) => sum + bytes, 0);
  }
  get(key: number): boolean {
    const at = this.entries.findIndex(([k]) => k === key);
    if (at < 0) return false;
    this.entries.push(...this.entries.splice(at, 1));
    return true;
  }
  put(key: number, bytes: number): void {
    this.delete(key);
    if (bytes > this.capacity) return;
    while (this.used() + bytes > this.capacity) this.evicted += this.entries.shift()![1];
    this.entries.push([key, bytes]);
  }
  delete(key: number): void {
    const at = this.entries.findIndex(([k]) => k === key);
    if (at >= 0) this.entries.splice(at, 1);
  }
}

describe("ByteLruCache", () => {
  it("evicts the least recently used entry, where a hit refreshes recency", () => {
    const cache = new ByteLruCache(300);
    cache.put(1, 100);
    cache.put(2, 100);
    cache.put(3, 100);
    expect(cache.get(1)).toBe(true); // order is now 2, 3, 1
    cache.put(4, 100); // evicts 2
    expect([1, 2, 3, 4].map((k) => cache.has(k))).toEqual([true, false, true, true]);
    cache.put(5, 150); // needs 150 free: evicts 3, then 1
    expect([1, 3, 4, 5].map((k) => cache.has(k))).toEqual([false, false, true, true]);
    expect(cache.usedBytes).toBe(250);
    expect(cache.stats().evictedBytes).toBe(300);
  });

  it("does not cache an entry larger than its capacity, and drops the older copy of that key", () => {
    const cache = new ByteLruCache(1000);
    cache.put(7, 400);
    cache.put(8, 500);
    expect(cache.put(7, 1001)).toBe(false);
    expect(cache.has(7)).toBe(false);
    expect(cache.has(8)).toBe(true);
    expect(cache.usedBytes).toBe(500);
    expect(cache.stats().evictedBytes).toBe(0);
  });

  it("replacing a key's size adjusts used bytes without counting an eviction", () => {
    const cache = new ByteLruCache(1000);
    cache.put(1, 600);
    cache.put(1, 200);
    expect(cache.usedBytes).toBe(200);
    expect(cache.sizeOf(1)).toBe(200);
    expect(cache.stats().evictedBytes).toBe(0);
  });

  it("counts hits and misses by request and by bytes, and derives both ratios from them", () => {
    const cache = new ByteLruCache(1 << 20);
    cache.put(1, 4096);
    cache.put(2, 1024);
    cache.get(1);
    cache.get(1);
    cache.get(2);
    cache.get(3, 8192);
    const stats = cache.stats();
    expect(stats.hits).toBe(3);
    expect(stats.misses).toBe(1);
    expect(stats.hitBytes).toBe(4096 * 2 + 1024);
    expect(stats.missBytes).toBe(8192);
    expect(stats.hitRatio).toBe(3 / 4);
    expect(stats.byteHitRatio).toBe(9216 / (9216 + 8192));
    expect(new ByteLruCache(10).stats().hitRatio).toBe(0);
  });

  it("has, sizeOf and delete leave hit counts and recency untouched", () => {
    const cache = new ByteLruCache(200);
    cache.put(1, 100);
    cache.put(2, 100);
    expect(cache.has(1)).toBe(true);
    cache.put(3, 100); // 1 was not refreshed by has(), so it is the one evicted
    expect(cache.has(1)).toBe(false);
    expect(cache.delete(2)).toBe(true);
    expect(cache.delete(2)).toBe(false);
    expect(cache.usedBytes).toBe(100);
    expect(cache.stats().hits + cache.stats().misses).toBe(0);
  });

  it("matches a reference LRU and never exceeds its byte bound under random operations", () => {
    const op = fc.oneof(
      fc.record({ op: fc.constant("put" as const), key: fc.integer({ min: 0, max: 15 }), bytes: fc.integer({ min: 0, max: 700 }) }),
      fc.record({ op: fc.constant("get" as const), key: fc.integer({ min: 0, max: 15 }), bytes: fc.integer({ min: 0, max: 700 }) }),
      fc.record({ op: fc.constant("delete" as const), key: fc.integer({ min: 0, max: 15 }), bytes: fc.constant(0) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1500 }), fc.array(op, { maxLength: 200 }), (capacity, ops) => {
        const cache = new ByteLruCache(capacity);
        const reference = new ReferenceLru(capacity);
        let putBytes = 0;
        let deletedBytes = 0;
        for (const { op, key, bytes } of ops) {
          if (op === "put") {
            const old = Math.max(0, cache.sizeOf(key));
            cache.put(key, bytes);
            reference.put(key, bytes);
            // A replaced or refused key's old bytes leave without being an eviction.
            deletedBytes += old;
            if (bytes <= capacity) putBytes += bytes;
          } else if (op === "get") {
            expect(cache.get(key, bytes)).toBe(reference.get(key));
          } else {
            deletedBytes += Math.max(0, cache.sizeOf(key));
            cache.delete(key);
            reference.delete(key);
          }
          expect(cache.usedBytes).toBeLessThanOrEqual(capacity);
          expect(cache.usedBytes).toBe(reference.used());
        }
        expect(cache.stats().evictedBytes).toBe(reference.evicted);
        // Conservation: every byte admitted is still held, was evicted, or was removed by replace/delete.
        expect(putBytes).toBe(cache.usedBytes + cache.stats().evictedBytes + deletedBytes);
        expect(cache.size).toBe(reference.entries.length);
      }),
      { seed: 20240611, numRuns: 300 },
    );
  });

  it("rejects a bad capacity, key or size with an InputError naming the field", () => {
    expect(() => new ByteLruCache(-1)).toThrow(InputError);
    expect(() => new ByteLruCache(1.5)).toThrow(/capacityBytes/);
    const cache = new ByteLruCache(10);
    expect(() => cache.put(1.5, 1)).toThrow(/key: expected a safe integer \(got 1.5\)/);
    expect(() => cache.put(1, Number.NaN)).toThrow(/bytes/);
    expect(() => cache.get(1, -3)).toThrow(/bytes/);
  });
});
