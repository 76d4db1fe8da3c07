import { describe, expect, it } from "vitest";
import { Histogram } from "../../sim/metrics/histogram.ts";
import { IntervalHistograms } from "../../sim/metrics/intervalHistograms.ts";
import { createRng } from "../../sim/random.ts";

describe("IntervalHistograms", () => {
  it("summarizes each interval from its own values, skipping empty intervals", () => {
    const latencies = new IntervalHistograms(1_000_000);
    for (let i = 0; i < 100; i++) latencies.record(i * 1_000, 500);
    for (let i = 0; i < 100; i++) latencies.record(2_000_000 + i * 1_000, 50_000);
    const summaries = latencies.summaries();
    expect(summaries.map((s) => s.startMicros)).toEqual([0, 2_000_000]);
    expect(summaries[0]).toMatchObject({ count: 100, min: 500, max: 500, p99: 500 });
    expect(summaries[1]).toMatchObject({ count: 100, min: 50_000, max: 50_000, p50: 50_000 });
  });

  it("totals to the same histogram as recording every value into one", () => {
    const rng = createRng(9);
    const perInterval = new IntervalHistograms(250_000, { significantDigits: 3 });
    const single = new Histogram({ significantDigits: 3 });
    for (let i = 0; i < 20_000; i++) {
      const t = rng.int(0, 5_000_000);
      const latency = Math.round(2_000 * Math.exp(0.7 * rng.normal()));
      perInterval.record(t, latency);
      single.record(latency);
    }
    const { sum: totalSum, ...total } = perInterval.total().toJSON();
    const { sum: singleSum, ...expected } = single.toJSON();
    expect(total).toEqual(expected);
    expect(totalSum).toBeCloseTo(singleSum, 0);
    expect(perInterval.summaries().reduce((n, s) => n + s.count, 0)).toBe(20_000);
  });

  it("returns the histogram for a time, or undefined where nothing was recorded", () => {
    const latencies = new IntervalHistograms(100);
    latencies.record(250, 7, 3);
    expect(latencies.at(299)?.count).toBe(3);
    expect(latencies.at(300)).toBeUndefined();
    expect(latencies.at(0)).toBeUndefined();
  });

  it("rejects bad options up front", () => {
    expect(() => new IntervalHistograms(100, { significantDigits: 7 })).toThrow(/^histogram\.significantDigits/);
    expect(() => new IntervalHistograms(-5)).toThrow(/^intervalMicros/);
  });
});
