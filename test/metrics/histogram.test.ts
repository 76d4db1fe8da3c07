import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../sim/errors.ts";
import { Histogram, LOWEST_TRACKED_VALUE } from "../../sim/metrics/histogram.ts";
import { createRng } from "../../sim/random.ts";

const PERCENTILES = [0, 1, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100];

/** Nearest-rank percentile of a sorted array: the smallest value with at least p% of values at or below it. */
function exactPercentile(sorted: number[], p: number): number {
  const rank = Math.max(1, Math.ceil(Number(((p / 100) * sorted.length).toPrecision(12))));
  return sorted[rank - 1];
}

function expectWithinBound(h: Histogram, values: number[]): void {
  const sorted = [...values].sort((a, b) => a - b);
  for (const p of PERCENTILES) {
    const exact = exactPercentile(sorted, p);
    // Values below LOWEST_TRACKED_VALUE share the zero bucket, hence the small absolute term.
    const bound = h.relativeErrorMax * exact + LOWEST_TRACKED_VALUE;
    expect(Math.abs(h.percentile(p) - exact), `p${p} of ${values.length} values (exact ${exact})`).toBeLessThanOrEqual(bound);
  }
}

function filled(values: ArrayLike<number>, options?: { significantDigits?: number }): Histogram {
  const h = new Histogram(options);
  for (let i = 0; i < values.length; i++) h.record(values[i]);
  return h;
}

function lognormalLatencies(seed: number, n: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Math.round(800 * Math.exp(0.9 * rng.normal())));
}

describe("Histogram", () => {
  it("documents an error bound of at most 10^-d for d significant digits, 0.78% at the default", () => {
    expect(new Histogram().relativeErrorMax).toBe(2 ** -7);
    for (const d of [1, 2, 3, 4]) expect(new Histogram({ significantDigits: d }).relativeErrorMax).toBeLessThanOrEqual(10 ** -d);
  });

  it.each([1, 2, 3, 4])("keeps every percentile within the documented bound at %i significant digits", (digits) => {
    const values = lognormalLatencies(digits, 50_000);
    expectWithinBound(filled(values, { significantDigits: digits }), values);
  });

  it("keeps any set of non-negative floats within the bound (property)", () => {
    const value = fc.oneof(
      fc.double({ min: 0, max: 1e15, noNaN: true }),
      fc.integer({ min: 0, max: 10_000 }),
      fc.double({ min: 0, max: 0.01, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), (values) => {
        const h = filled(values);
        expectWithinBound(h, values);
        expect(h.count).toBe(values.length);
        expect(h.min).toBe(Math.min(...values));
        expect(h.max).toBe(Math.max(...values));
      }),
      { seed: 20240601, numRuns: 300 },
    );
  });

  it("tracks count, exact min, max and mean, and weights values by count", () => {
    const h = new Histogram();
    h.record(100, 3);
    h.record(1_000);
    h.record(0.5);
    expect(h.count).toBe(5);
    expect(h.min).toBe(0.5);
    expect(h.max).toBe(1_000);
    expect(h.mean()).toBeCloseTo((300 + 1_000 + 0.5) / 5, 12);
    expect(Math.abs(h.percentile(50) - 100)).toBeLessThanOrEqual(100 * h.relativeErrorMax);
  });

  it("counts past 2^32 in one bucket without wrapping", () => {
    const h = new Histogram();
    h.record(42, 2 ** 32 - 1);
    h.record(42, 5);
    h.record(7);
    expect(h.count).toBe(2 ** 32 + 5);
    expect(h.percentile(0)).toBe(7);
    expect(Math.abs(h.percentile(1e-9) - 7)).toBeLessThanOrEqual(7 * h.relativeErrorMax);
    expect(Math.abs(h.percentile(50) - 42)).toBeLessThanOrEqual(42 * h.relativeErrorMax);
    expect(Histogram.fromJSON(JSON.parse(JSON.stringify(h))).percentile(50)).toBe(h.percentile(50));
  });

  it("summarizes an empty histogram as zeros, never NaN", () => {
    const summary = new Histogram().summary();
    expect(Object.values(summary).every((v) => v === 0)).toBe(true);
  });

  it("merging equals recording both streams into one histogram", () => {
    const low = lognormalLatencies(3, 20_000);
    const high = lognormalLatencies(4, 20_000).map((v) => v * 1_000 + 0.25);
    const merged = filled(low);
    merged.merge(filled(high));
    const single = filled([...low, ...high]);
    const { sum: mergedSum, ...mergedRest } = merged.toJSON();
    const { sum: singleSum, ...singleRest } = single.toJSON();
    expect(mergedRest).toEqual(singleRest);
    expect(mergedSum).toBeCloseTo(singleSum, 0);
    expect(merged.summary()).toEqual({ ...single.summary(), mean: merged.mean() });
    expect(merged.mean()).toBeCloseTo(single.mean(), 9);
  });

  it("refuses to merge histograms of different precision", () => {
    expect(() => new Histogram().merge(new Histogram({ significantDigits: 3 }))).toThrow(InputError);
  });

  it("survives a JSON round trip and a structured clone unchanged", () => {
    const h = filled(lognormalLatencies(5, 10_000));
    h.record(0);
    const fromText = Histogram.fromJSON(JSON.parse(JSON.stringify(h)));
    const fromClone = Histogram.fromJSON(structuredClone(h.toJSON()));
    for (const copy of [fromText, fromClone]) {
      expect(copy.toJSON()).toEqual(h.toJSON());
      expect(copy.summary()).toEqual(h.summary());
    }
  });

  it("rejects inconsistent JSON", () => {
    const data = filled([1, 2, 3]).toJSON();
    expect(() => Histogram.fromJSON({ ...data, count: 4 })).toThrow(/^histogram data\.count: expected the sum of the bucket counts, 3/);
    expect(() => Histogram.fromJSON({ ...data, counts: [-1] })).toThrow(InputError);
    expect(() => Histogram.fromJSON({ ...data, significantDigits: 9 })).toThrow(/significantDigits/);
    expect(() => Histogram.fromJSON({ ...data, firstKey: 1 })).toThrow(/^histogram bucket/);
  });

  it("forgets everything on reset", () => {
    const h = filled([5, 6, 7]);
    h.reset();
    expect(h.count).toBe(0);
    h.record(9);
    expect(h.summary()).toMatchObject({ count: 1, min: 9, max: 9, p50: 9, p9999: 9 });
  });

  it.each([
    ["a negative value", -1, 1, /^histogram value: expected a number from 0 to/],
    ["NaN", Number.NaN, 1, /^histogram value/],
    ["a value above highestValue", 2_000, 1, /^histogram value: expected a number from 0 to 1000 \(got 2000\)$/],
    ["a fractional count", 5, 1.5, /^histogram count: expected a whole number >= 0 \(got 1\.5\)$/],
  ])("rejects %s", (_, value, count, message) => {
    expect(() => new Histogram({ highestValue: 1_000 }).record(value, count)).toThrow(message);
  });

  it("rejects bad options and percentiles", () => {
    expect(() => new Histogram({ significantDigits: 5 })).toThrow(/^histogram\.significantDigits/);
    expect(() => new Histogram({ highestValue: Infinity })).toThrow(/^histogram\.highestValue/);
    expect(() => new Histogram().percentile(101)).toThrow(/^percentile: expected a number from 0 to 100/);
  });
});
