import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { DueHeap } from "../../sim/network/dueHeap.ts";

describe("DueHeap", () => {
  it("starts every id idle (Infinity) and reports Infinity when empty", () => {
    const heap = new DueHeap();
    expect(heap.topKey()).toBe(Number.POSITIVE_INFINITY);
    expect([heap.add(), heap.add(), heap.add()]).toEqual([0, 1, 2]);
    expect(heap.topKey()).toBe(Number.POSITIVE_INFINITY);
    expect(heap.top()).toBe(0);
  });

  it("always has on top the smallest key, the lowest id among equals, whatever order ids are added and keys move in", () => {
    const key = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(Number.POSITIVE_INFINITY));
    // An op with no key adds an id; one with a key moves an existing id's key.
    const op = fc.record({ id: fc.nat(), key: fc.option(key, { nil: undefined, freq: 6 }) });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const heap = new DueHeap();
        const keys: number[] = [];
        for (const { id, key } of ops) {
          if (key === undefined || keys.length === 0) {
            expect(heap.add()).toBe(keys.length);
            keys.push(Number.POSITIVE_INFINITY);
          } else {
            heap.set(id % keys.length, key);
            keys[id % keys.length] = key;
          }
          const min = Math.min(...keys);
          expect(heap.topKey()).toBe(min);
          expect(heap.top()).toBe(keys.indexOf(min));
        }
      }),
      { numRuns: 200 },
    );
  });
});
