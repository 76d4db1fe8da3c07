import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { PsLink } from "../../sim/network/psLink.ts";

interface Arrival {
  atMicros: number;
  bytes: number;
}

/** Drives one link through arrivals (completions at an instant before arrivals at it); returns each finish in µs. */
function runLink(capacity: number, arrivals: readonly Arrival[]): number[] {
  const link = new PsLink(capacity);
  const order = arrivals.map((_, i) => i).sort((x, y) => arrivals[x].atMicros - arrivals[y].atMicros || x - y);
  const done = new Array<number>(arrivals.length).fill(-1);
  let next = 0;
  for (;;) {
    const due = link.nextDueMicros();
    const arrivalAt = next < order.length ? arrivals[order[next]].atMicros : Number.POSITIVE_INFINITY;
    if (due < 0 && next >= order.length) break;
    if (due >= 0 && due <= arrivalAt) {
      for (let id = link.popDue(due); id >= 0; id = link.popDue(due)) done[id] = due;
    } else {
      const i = order[next++];
      link.add(arrivalAt, i, arrivals[i].bytes);
    }
  }
  return done;
}

/** Exact processor sharing in real numbers, stepping from event to event over every active job: the oracle. */
function fluidPs(capacity: number, arrivals: readonly Arrival[]): number[] {
  const order = arrivals.map((_, i) => i).sort((x, y) => arrivals[x].atMicros - arrivals[y].atMicros || x - y);
  const remaining = new Map<number, number>();
  const done = new Array<number>(arrivals.length).fill(-1);
  let now = 0;
  let next = 0;
  while (next < order.length || remaining.size > 0) {
    const n = remaining.size;
    const finishAt = n > 0 ? now + (Math.min(...remaining.values()) * n * 1e6) / capacity : Number.POSITIVE_INFINITY;
    const arrivalAt = next < order.length ? arrivals[order[next]].atMicros : Number.POSITIVE_INFINITY;
    const until = Math.min(finishAt, arrivalAt);
    for (const [id, left] of remaining) remaining.set(id, left - (n > 0 ? ((until - now) * capacity) / (n * 1e6) : 0));
    now = until;
    for (const [id, left] of remaining) {
      if (left <= 1e-6 * Math.max(1, arrivals[id].bytes)) {
        remaining.delete(id);
        done[id] = now;
      }
    }
    while (next < order.length && arrivals[order[next]].atMicros === now) {
      const i = order[next++];
      remaining.set(i, arrivals[i].bytes);
    }
  }
  return done;
}

const arrivalsArb = fc.array(
  fc.record({ atMicros: fc.integer({ min: 0, max: 20_000 }), bytes: fc.integer({ min: 1, max: 5_000_000 }) }),
  { minLength: 1, maxLength: 40 },
);
const capacityArb = fc.constantFrom(1e8, 1.25e9, 3e9);

describe("PsLink", () => {
  it("finishes a lone transfer after bytes / capacity, rounded up to the µs", () => {
    expect(runLink(1e9, [{ atMicros: 0, bytes: 1_000_000 }])).toEqual([1000]);
    expect(runLink(1e9, [{ atMicros: 7, bytes: 1_000_001 }])).toEqual([1008]);
    expect(runLink(3e9, [{ atMicros: 0, bytes: 1 }])).toEqual([1]);
  });

  it("shares equally: two equal transfers started together both finish at 2 · bytes / capacity", () => {
    expect(runLink(1e9, [{ atMicros: 0, bytes: 5_000_000 }, { atMicros: 0, bytes: 5_000_000 }])).toEqual([10_000, 10_000]);
  });

  it("matches an exact fluid processor-sharing oracle to within a µs for random arrivals", () => {
    fc.assert(
      fc.property(capacityArb, arrivalsArb, (capacity, arrivals) => {
        const got = runLink(capacity, arrivals);
        const exact = fluidPs(capacity, arrivals);
        for (let i = 0; i < arrivals.length; i++) {
          expect(got[i]).toBeGreaterThanOrEqual(Math.ceil(exact[i] - 1e-3) - 1);
          expect(got[i]).toBeLessThanOrEqual(Math.ceil(exact[i]) + 1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("is work-conserving: its busy periods end exactly when a FIFO server's would", () => {
    fc.assert(
      fc.property(capacityArb, arrivalsArb, (capacity, arrivals) => {
        // Any work-conserving discipline empties the link at the same instants; FIFO is easy to compute.
        const sorted = [...arrivals].sort((x, y) => x.atMicros - y.atMicros);
        let freeAt = 0;
        for (const { atMicros, bytes } of sorted) freeAt = Math.max(freeAt, atMicros) + (bytes * 1e6) / capacity;
        const last = Math.max(...runLink(capacity, arrivals));
        expect(Math.abs(last - Math.ceil(freeAt))).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it("completes simultaneous arrivals in size order at the processor-sharing closed form", () => {
    fc.assert(
      fc.property(capacityArb, fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 60 }), (capacity, sizes) => {
        const got = runLink(capacity, sizes.map((bytes) => ({ atMicros: 0, bytes })));
        const sorted = [...sizes].sort((x, y) => x - y);
        // The k-th smallest finishes once everything smaller is done and it has had its own share of the rest.
        let before = 0;
        const closed = new Map<number, number>();
        sorted.forEach((size, k) => {
          if (!closed.has(size)) closed.set(size, ((before + (sorted.length - k) * size) * 1e6) / capacity);
          before += size;
        });
        sizes.forEach((size, i) => expect(Math.abs(got[i] - Math.ceil(closed.get(size)!))).toBeLessThanOrEqual(1));
        const bySize = sizes.map((size, i) => [size, got[i]]).sort((x, y) => x[0] - y[0]);
        for (let k = 1; k < bySize.length; k++) expect(bySize[k][1]).toBeGreaterThanOrEqual(bySize[k - 1][1]);
      }),
      { numRuns: 200 },
    );
  });

  it("is fair: a transfer that arrived no later and is no larger never finishes later", () => {
    fc.assert(
      fc.property(capacityArb, arrivalsArb, (capacity, arrivals) => {
        const got = runLink(capacity, arrivals);
        for (let i = 0; i < arrivals.length; i++) {
          for (let j = 0; j < arrivals.length; j++) {
            if (arrivals[i].atMicros <= arrivals[j].atMicros && arrivals[i].bytes <= arrivals[j].bytes) {
              expect(got[i]).toBeLessThanOrEqual(got[j]);
            }
          }
          // Nobody beats the bare link speed.
          expect(got[i]).toBeGreaterThanOrEqual(arrivals[i].atMicros + Math.floor((arrivals[i].bytes * 1e6) / capacity));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("frees a cancelled transfer's share for the others", () => {
    const link = new PsLink(1e9);
    link.add(0, 0, 2_000_000);
    const doomed = link.add(0, 1, 2_000_000);
    link.cancel(1000, doomed);
    // 0.5 MB served by t = 1000 µs at half speed, the remaining 1.5 MB at full speed.
    expect(link.nextDueMicros()).toBe(2500);
    expect(link.popDue(2500)).toBe(0);
    expect(link.active).toBe(0);
    expect(link.nextDueMicros()).toBe(-1);
  });

  it("serves at the new rate after a capacity change, and at the old rate before it", () => {
    const link = new PsLink(1e9);
    const entry = link.add(0, 0, 3_000_000);
    link.setCapacity(1000, 0.5e9);
    // 1 MB by 1000 µs, the other 2 MB at 0.5 GB/s take 4000 µs more.
    expect(link.nextDueMicros()).toBe(5000);
    expect(link.remainingBytes(3000, entry)).toBeCloseTo(1_000_000, 3);
  });
});
