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

  it("always has on top the smallest key, among equals the one set first, whatever order ids are added and keys move in", () => {
    const key = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(Number.POSITIVE_INFINITY));
    // An op with no key adds an id; one with a key moves an existing id's key.
    const op = fc.record({ id: fc.nat(), key: fc.option(key, { nil: undefined, freq: 6 }) });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const heap = new DueHeap();
        const keys: number[] = [];
        const setAt: number[] = [];
        let sets = 0;
        for (const { id, key } of ops) {
          if (key === undefined || keys.length === 0) {
            expect(heap.add()).toBe(keys.length);
            keys.push(Number.POSITIVE_INFINITY);
            setAt.push(sets++);
          } else {
            const target = id % keys.length;
            heap.set(target, key);
            // Setting the key an id already has is no change and keeps its place among equals.
            if (keys[target] !== key) setAt[target] = sets++;
            keys[target] = key;
          }
          const min = Math.min(...keys);
          const first = keys.map((k, i) => i).filter((i) => keys[i] === min).sort((x, y) => setAt[x] - setAt[y])[0];
          expect(heap.topKey()).toBe(min);
          expect(heap.top()).toBe(first);
        }
      }),
      { numRuns: 200 },
    );
  });
});
