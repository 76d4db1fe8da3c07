import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventQueue, PAYLOAD_STRIDE } from "../sim/eventQueue.ts";

interface Popped {
  atMicros: number;
  target: number;
  kind: number;
  a: number;
  b: number;
  ref: unknown;
}

/** Pops one event the way the engine does: read the payload and ref, then release the slot. */
function pop(queue: EventQueue): Popped {
  const atMicros = queue.peekAt();
  const slot = queue.popSlot();
  const base = slot * PAYLOAD_STRIDE;
  const p = queue.payload;
  const event = { atMicros, target: p[base], kind: p[base + 1], a: p[base + 2], b: p[base + 3], ref: queue.refOf(slot) };
  queue.release(slot);
  return event;
}

type Command = { op: "push"; atMicros: number; withRef: boolean } | { op: "pop" };

const command: fc.Arbitrary<Command> = fc.oneof(
  // A narrow time range makes equal times, and so the seq tie-break, common.
  fc.record({ op: fc.constant("push" as const), atMicros: fc.integer({ min: 0, max: 40 }), withRef: fc.boolean() }),
  fc.record({ op: fc.constant("pop" as const) }),
);

describe("EventQueue", () => {
  it("pops any interleaving of pushes and pops in (atMicros, insertion order), with payloads intact, while growing", () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 400 }), fc.integer({ min: 1, max: 8 }), (commands, initialCapacity) => {
        // A tiny initial capacity makes growth happen mid-sequence, between pops, with slots in use.
        const queue = new EventQueue(initialCapacity);
        // The model: a plain list kept sorted by (atMicros, seq); seq is the push counter.
        const model: (Popped & { seq: number })[] = [];
        let seq = 0;
        for (const c of commands) {
          if (c.op === "push") {
            const event = { atMicros: c.atMicros, target: seq % 7, kind: seq, a: seq * 0.5, b: -seq, ref: c.withRef ? { seq } : undefined, seq };
            queue.push(event.atMicros, event.target, event.kind, event.a, event.b, event.ref);
            model.push(event);
            seq++;
            model.sort((x, y) => x.atMicros - y.atMicros || x.seq - y.seq);
          } else if (model.length > 0) {
            const { seq: _, ...expected } = model.shift()!;
            expect(pop(queue)).toEqual(expected);
          }
          expect(queue.size).toBe(model.length);
        }
        while (model.length > 0) {
          const { seq: _, ...expected } = model.shift()!;
          expect(pop(queue)).toEqual(expected);
        }
        expect(queue.size).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it("rejects an initial capacity below 1", () => {
    for (const capacity of [0, -1, 1.5, Number.NaN]) expect(() => new EventQueue(capacity)).toThrow(/^initialCapacity: /);
  });

  it("grows past its initial capacity and still pops everything in order", () => {
    const queue = new EventQueue();
    const initialCapacity = queue.capacity;
    const count = initialCapacity * 5 + 3;
    // A fixed permutation of times with many duplicates; a plain LCG keeps the test free of randomness sources.
    let x = 12345;
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      times.push(x % 1000);
      queue.push(times[i], 0, i, 0, 0, i % 3 === 0 ? { i } : undefined);
    }
    expect(queue.capacity).toBeGreaterThan(initialCapacity);
    const expected = times.map((atMicros, kind) => ({ atMicros, kind })).sort((p, q) => p.atMicros - q.atMicros || p.kind - q.kind);
    const popped: { atMicros: number; kind: number }[] = [];
    while (queue.size > 0) {
      const event = pop(queue);
      expect(event.ref).toEqual(event.kind % 3 === 0 ? { i: event.kind } : undefined);
      popped.push({ atMicros: event.atMicros, kind: event.kind });
    }
    expect(popped).toEqual(expected);
  });

  it("reuses released slots, so a steady push-pop load does not grow the queue", () => {
    const queue = new EventQueue();
    const capacity = queue.capacity;
    for (let i = 0; i < 10; i++) queue.push(i, 0, 0, 0, 0, undefined);
    for (let i = 0; i < 100_000; i++) {
      const event = pop(queue);
      queue.push(event.atMicros + 10, 0, 0, 0, 0, i % 2 === 0 ? [i] : undefined);
    }
    expect(queue.size).toBe(10);
    expect(queue.capacity).toBe(capacity);
  });
});
