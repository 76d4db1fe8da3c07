// Outcomes of the library's zone-brownout and s3-brownout scenarios, on their miniatures: 4 MiB/s on 6 partitions,
// the clock ×0.1 (the brownout from 18 s to 30 s, the run cut at 40 s), clients as configured (latency is the point).
// Latencies are compared before the brownout, inside it (after its first second) and after it (from 2 s past).

import { describe, expect, it } from "vitest";
import type { RunReport } from "../../sim/report/reportTypes.ts";
import type { Scenario } from "../../sim/scenario/index.ts";
import { loadLibraryScenario, miniature } from "./miniature.ts";
import { configOf, meanPublishLatency, reportOf } from "./outcomes.ts";

const MiB = 2 ** 20;
const small = (name: string): Scenario => miniature(loadLibraryScenario(name), { timeScale: 0.1, testDurationMicros: 40e6, produceBytesPerSecond: 4 * MiB, partitionsPerTopic: 6 });

function phases(scenario: Scenario, report: RunReport, field: "p50" | "p99") {
  const fault = scenario.faults[0] as { at: number; duration: number };
  const from = fault.at / 1e6;
  const to = (fault.at + fault.duration) / 1e6;
  return {
    before: meanPublishLatency(report, field, 1, from),
    inside: meanPublishLatency(report, field, from + 1, to),
    after: meanPublishLatency(report, field, to + 2, report.result.simulatedSeconds),
  };
}

describe("scenario zone-brownout (miniature)", () => {
  const scenario = small("zone-brownout");
  const addedMs = (scenario.faults[0] as { addedLatencyMicros: number }).addedLatencyMicros / 1000;

  it("adds at least one cross-zone follower round trip to classic Kafka's acks=all writes, and nothing once the link recovers", () => {
    const report = reportOf(scenario, configOf(scenario, "kafka"));
    const p50 = phases(scenario, report, "p50");
    // Every partition has a replica in zone 0: its high watermark waits for a fetch response and the next fetch
    // across the slowed path, 2 × 10 ms at least.
    expect(p50.inside - p50.before).toBeGreaterThan(2 * addedMs);
    expect(Math.abs(p50.after - p50.before)).toBeLessThan(2);
    expect(report.recovery[0].produceErrors).toBe(0);
    expect(report.result.invariants.violations).toEqual([]);
  });

  it("leaves diskless writes alone: a client, its agent and the regional S3 endpoint are all in one zone", () => {
    const report = reportOf(scenario, configOf(scenario, "diskless"));
    const p50 = phases(scenario, report, "p50");
    expect(Math.abs(p50.inside - p50.before)).toBeLessThan(0.1 * p50.before);
    expect(p50.inside - p50.before).toBeLessThan(addedMs);
    expect(report.recovery[0].produceErrors).toBe(0);
  });
});

describe("scenario s3-brownout (miniature)", () => {
  const scenario = small("s3-brownout");

  it.each(["diskless", "automq-s3-wal"])("slows %s's acknowledgements by the slower PUTs, and only inside the brownout", (name) => {
    const report = reportOf(scenario, configOf(scenario, name));
    const p50 = phases(scenario, report, "p50");
    // Every acknowledgement waits for at least one PUT, whose median first byte goes from 30 ms to 5 × 30 ms.
    expect(p50.inside - p50.before).toBeGreaterThan(100);
    expect(Math.abs(p50.after - p50.before)).toBeLessThan(0.2 * p50.before);
    // Three attempts at 1% refusals each: a request fails for good once in a million.
    expect(report.recovery[0].produceErrors).toBe(0);
    expect(report.recovery[0].ackedRecordsLost).toBe(0);
  });

  it.each(["kafka-tiered", "automq-ebs-wal"])("leaves %s's acknowledgements alone: S3 only receives its background uploads", (name) => {
    const report = reportOf(scenario, configOf(scenario, name));
    const p50 = phases(scenario, report, "p50");
    expect(Math.abs(p50.inside - p50.before)).toBeLessThan(0.1 * p50.before);
    expect(report.recovery[0].produceErrors).toBe(0);
  });
});
