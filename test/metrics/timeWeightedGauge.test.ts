import { describe, expect, it } from "vitest";
import { InputError } from "../../sim/errors.ts";
import { TimeWeightedGauge } from "../../sim/metrics/timeWeightedGauge.ts";

describe("TimeWeightedGauge", () => {
  it("integrates a piecewise-constant level exactly", () => {
    // Level 2 on [0, 10), 5 on [10, 14), 0 on [14, 20): integral 2·10 + 5·4 + 0·6 = 40 over 20 µs.
    const gauge = new TimeWeightedGauge(0, 2);
    gauge.set(10, 5);
    gauge.add(14, -5);
    expect(gauge.integral(20)).toBe(40);
    expect(gauge.mean(20)).toBe(2);
    expect(gauge.max).toBe(5);
    expect(gauge.min).toBe(0);
    expect(gauge.value).toBe(0);
  });

  it("measures from its start time, not from zero", () => {
    const gauge = new TimeWeightedGauge(1_000_000, 3);
    gauge.add(1_000_500, 1);
    expect(gauge.integral(1_001_000)).toBe(3 * 500 + 4 * 500);
    expect(gauge.mean(1_001_000)).toBe(3.5);
  });

  it("gives the same integral however often it is read or set to the same level", () => {
    const sparse = new TimeWeightedGauge(0);
    const dense = new TimeWeightedGauge(0);
    sparse.set(100, 7);
    for (let t = 0; t <= 1_000; t += 50) {
      if (t >= 100) dense.set(t, 7);
      dense.integral(t);
    }
    expect(dense.integral(1_000)).toBe(sparse.integral(1_000));
  });

  it("reports the current level as the mean when no time has passed", () => {
    const gauge = new TimeWeightedGauge(5, 9);
    expect(gauge.mean(5)).toBe(9);
    gauge.set(5, 4);
    expect(gauge.mean(5)).toBe(4);
    expect(gauge.max).toBe(9);
  });

  it("rejects time going backwards, NaN and non-finite levels", () => {
    const gauge = new TimeWeightedGauge(0);
    gauge.set(10, 1);
    expect(() => gauge.set(9, 1)).toThrow(/^gauge nowMicros: expected a time >= the last change at 10 µs \(got 9\)$/);
    expect(() => gauge.integral(Number.NaN)).toThrow(InputError);
    expect(() => gauge.add(11, Infinity)).toThrow(/^gauge value/);
    expect(() => new TimeWeightedGauge(Number.NaN)).toThrow(/^gauge startMicros/);
    expect(gauge.integral(20)).toBe(10);
  });
});
