import { describe, expect, it } from "vitest";
import { INSTANCE_TYPES } from "../../sim/model/cluster.ts";
import { createRun } from "../../sim/model/run.ts";
import { RunStats } from "../../sim/model/runStats.ts";
import { createWorkload } from "../../sim/model/workload.ts";

const MiB = 2 ** 20;

describe("client-side run statistics", () => {
  it("counts every record in the latency histograms, however few each request carries", () => {
    const stats = new RunStats(1_000_000, 0);
    // 1,000 requests of 0.3 records each: rounding each would record none.
    for (let i = 0; i < 1000; i++) stats.recordPublish(10_000 + i, i, i + 1, 0.3);
    // Exact but for the float sum of the fractions: within one record.
    expect(Math.abs(stats.publishLatency.count - 300)).toBeLessThanOrEqual(1);
    for (let i = 0; i < 1000; i++) stats.recordEndToEnd(10_000 + i, i, i + 1, 2.7);
    expect(Math.abs(stats.endToEndLatency.count - 2700)).toBeLessThanOrEqual(1);
  });

  it("leaves warm-up out of the measured counts but not out of the totals", () => {
    const stats = new RunStats(1_000_000, 5_000_000);
    stats.countPublished(1_000_000, 10, 10_240);
    stats.countPublished(6_000_000, 4, 4_096);
    stats.countConsumed(2_000_000, 20, 20_480);
    stats.countConsumed(7_000_000, 8, 8_192);
    expect([stats.publishedRecords, stats.publishedBytes, stats.consumedRecords, stats.consumedBytes]).toEqual([14, 14_336, 28, 28_672]);
    expect([stats.measuredPublishedRecords, stats.measuredPublishedBytes, stats.measuredConsumedRecords, stats.measuredConsumedBytes]).toEqual([4, 4_096, 8, 8_192]);
  });

  function lowRateRun(warmupMicros: number, producerBytesPerSecond: number) {
    const run = createRun({
      seed: 3,
      intervalMicros: 1_000_000,
      architecture: { kind: "kafka" },
      cluster: { zones: 3, brokersPerZone: 1, instance: INSTANCE_TYPES["r6i.xlarge"] },
      workload: createWorkload({
        produceBytesPerSecond: producerBytesPerSecond,
        partitionsPerTopic: 64,
        subscriptionsPerTopic: 2,
        warmupDurationMicros: warmupMicros,
        testDurationMicros: 10_000_000,
      }),
    });
    while (!run.done) run.advance(run.world.engine.nowMicros + 5_000_000);
    return run;
  }

  it("reports OMB's rates over the measured span only, so a warm-up does not inflate them", () => {
    const result = lowRateRun(10_000_000, 4 * MiB).result();
    expect(result.publishBytesRate / (4 * MiB)).toBeCloseTo(1, 1);
    expect(result.consumeBytesRate / result.publishBytesRate).toBeCloseTo(2, 1);
  });

  it("measures latency at a rate of a few records per request (1 MiB/s of 1 KiB over 64 partitions)", () => {
    const run = lowRateRun(0, 1 * MiB);
    const stats = run.world.stats;
    // Every acknowledged and every consumed record is in a histogram (to within the carried fraction).
    expect(Math.abs(stats.publishLatency.count - stats.measuredPublishedRecords)).toBeLessThanOrEqual(1);
    expect(Math.abs(stats.endToEndLatency.count - stats.measuredConsumedRecords)).toBeLessThanOrEqual(1);
    const result = run.result();
    expect(result.publishLatency50pct).toBeGreaterThan(0);
    expect(result.endToEndLatency99pct).toBeGreaterThan(0);
  });
});
