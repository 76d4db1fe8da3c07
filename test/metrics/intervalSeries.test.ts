import { describe, expect, it } from "vitest";
import { InputError } from "../../sim/errors.ts";
import { INTERVALS_MAX, IntervalSeries } from "../../sim/metrics/intervalSeries.ts";
import { createRng } from "../../sim/random.ts";

describe("IntervalSeries", () => {
  it("puts each amount in bucket floor(now / interval), with half-open intervals", () => {
    const series = new IntervalSeries(1_000, ["bytes", "puts"]);
    series.add(0, 0, 10);
    series.add(999, 0, 5);
    series.add(1_000, 0, 7);
    series.add(3_500, 1, 1);
    const { values, names, intervalMicros } = series.snapshot();
    expect(intervalMicros).toBe(1_000);
    expect(names).toEqual(["bytes", "puts"]);
    expect(Array.from(values[0])).toEqual([15, 7, 0, 0]);
    expect(Array.from(values[1])).toEqual([0, 0, 0, 1]);
  });

  it("returns the intervals that start before untilMicros, zero-filled past the last write", () => {
    const series = new IntervalSeries(1_000, ["a"]);
    series.add(1_500, 0, 2);
    expect(Array.from(series.snapshot(1_000).values[0])).toEqual([0]);
    expect(Array.from(series.snapshot(1_001).values[0])).toEqual([0, 2]);
    expect(Array.from(series.snapshot(5_000).values[0])).toEqual([0, 2, 0, 0, 0]);
    expect(series.snapshot(0).values[0].length).toBe(0);
  });

  it("does not depend on how the run is sliced or when snapshots are taken", () => {
    const rng = createRng(3);
    const events = Array.from({ length: 5_000 }, () => [rng.int(0, 10_000_000), rng.int(0, 2), rng.int(1, 1_000)] as const)
      .sort((x, y) => x[0] - y[0]);
    const whole = new IntervalSeries(100_000, ["a", "b"]);
    for (const [t, s, amount] of events) whole.add(t, s, amount);
    const sliced = new IntervalSeries(100_000, ["a", "b"]);
    const cuts = [0, 1_234_567, 1_300_000, 5_000_001, 10_000_000];
    let next = 0;
    for (const cut of cuts) {
      for (; next < events.length && events[next][0] < cut; next++) sliced.add(events[next][0], events[next][1], events[next][2]);
      const partial = sliced.snapshot(cut);
      const full = whole.snapshot(10_000_000);
      // Every interval that ended by the cut already holds its final total.
      const complete = Math.floor(cut / 100_000);
      for (let s = 0; s < 2; s++) expect(Array.from(partial.values[s].subarray(0, complete))).toEqual(Array.from(full.values[s].subarray(0, complete)));
    }
    expect(sliced.snapshot(10_000_000)).toEqual(whole.snapshot(10_000_000));
  });

  it("conserves the total added across growth by doubling", () => {
    const series = new IntervalSeries(10, ["x"]);
    let total = 0;
    for (let t = 0; t < 100_000; t += 7) {
      series.add(t, 0, 3);
      total += 3;
    }
    expect(series.snapshot().values[0].reduce((a, b) => a + b, 0)).toBe(total);
  });

  it("hands out copies that later adds do not change", () => {
    const series = new IntervalSeries(10, ["x"]);
    series.add(5, 0, 1);
    const before = series.snapshot();
    series.add(5, 0, 1);
    expect(before.values[0][0]).toBe(1);
    expect(series.snapshot().values[0][0]).toBe(2);
  });

  it("looks up series by name", () => {
    const series = new IntervalSeries(10, ["a", "b"]);
    expect(series.seriesIndex("b")).toBe(1);
    expect(() => series.seriesIndex("c")).toThrow(/^series name: expected one of a, b/);
  });

  it("rejects bad intervals, names, series, amounts and times", () => {
    expect(() => new IntervalSeries(0, ["a"])).toThrow(/^intervalMicros: expected a whole number of µs > 0/);
    expect(() => new IntervalSeries(1.5, ["a"])).toThrow(InputError);
    expect(() => new IntervalSeries(10, [])).toThrow(/^names/);
    expect(() => new IntervalSeries(10, ["a", "a"])).toThrow(/^names: expected distinct non-empty strings/);
    const series = new IntervalSeries(10, ["a"]);
    expect(() => series.add(0, 1, 1)).toThrow(/^series: expected an index from 0 to 0 \(got 1\)$/);
    expect(() => series.add(0, 0, Number.NaN)).toThrow(/^a amount: expected a finite number/);
    expect(() => series.add(-1, 0, 1)).toThrow(/^nowMicros/);
    expect(() => series.add(10 * INTERVALS_MAX, 0, 1)).toThrow(/^nowMicros: expected a time from 0 to/);
    expect(() => series.snapshot(Number.NaN)).toThrow(/^untilMicros/);
  });
});
