import { describe, expect, it } from "vitest";
import { metricStats } from "../../sim/sweep/aggregateSweep.ts";
import { sweepMetrics } from "../../sim/sweep/sweepMetrics.ts";
import { fakeRun } from "../thresholds/fakeRun.ts";

const metric = (name: string) => {
  const found = sweepMetrics([]).find((m) => m.name === name);
  if (found === undefined) throw new Error(`no metric ${name}`);
  return found;
};

describe("the figures a sweep keeps", () => {
  it("read a latency as null, not 0 ms, for a run that measured no record of it, so it stays out of the mean", () => {
    // The silent run's result says 0 ms, as an empty histogram's percentiles read, with no record in any interval.
    const silent = fakeRun("kafka", (run) => {
      Object.assign(run.result, { publishLatency99pct: 0, endToEndLatency99pct: 0 });
      run.result.intervals.publishLatency = [];
      run.result.intervals.endToEndLatency = [];
    });
    const measured = fakeRun("kafka");
    for (const name of ["publishLatency99pct", "endToEndLatency99pct"]) {
      expect(metric(name).value(silent), name).toBeNull();
    }
    expect(metric("publishLatency99pct").value(measured)).toBe(30);
    expect(metric("endToEndLatency99pct").value(measured)).toBe(40);
    const p99 = metric("publishLatency99pct");
    expect(metricStats(p99.name, [p99.value(silent), p99.value(measured)])).toMatchObject({ n: 1, mean: 30 });
  });
});
