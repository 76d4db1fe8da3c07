// Outcomes of the library's scale-out scenario, on its miniature: 2 MiB/s on 18 partitions (54 replicas: 9 per
// broker on six, 6 on nine), the clock ×0.1 (brokers 6, 7 and 8 join at 24 s, the run cut at 55 s).

import { describe, expect, it } from "vitest";
import type { RunReport } from "../../sim/report/reportTypes.ts";
import { loadLibraryScenario, miniature } from "./miniature.ts";
import { configOf, publishedPerInterval, reportOf, sum, withKnobs } from "./outcomes.ts";

const MiB = 2 ** 20;
const RATE = 2 * MiB;
const SCENARIO = miniature(loadLibraryScenario("scale-out"), { timeScale: 0.1, testDurationMicros: 55e6, produceBytesPerSecond: RATE, partitionsPerTopic: 18 });
const JOIN = SCENARIO.faults[0].at / 1e6;
const LEADERS = 6;
const run = (name: string, knobs: Record<string, unknown> = {}): RunReport => reportOf(SCENARIO, withKnobs(configOf(SCENARIO, name), knobs));

describe("scenario scale-out (miniature)", () => {
  it("makes classic Kafka copy whole logs to the joining brokers: at least a third of the replicas' bytes at the join", () => {
    const report = run("kafka");
    const [m] = report.recovery;
    // 18 of 54 replicas move, each with its whole log: a third of the three copies of everything acknowledged.
    expect(m.recoveryBytes).toBeGreaterThanOrEqual(sum(publishedPerInterval(report, 0, JOIN)));
    expect(m.recoveryCrossZoneBytes).toBeGreaterThan(0);
    expect(m.reassignmentCompletedSeconds).not.toBeNull();
    expect(m.durabilityRestoredSeconds!).toBeGreaterThanOrEqual(m.reassignmentCompletedSeconds!);
    expect(m.ackedRecordsLost).toBe(0);
    expect(m.offlinePartitionsMax).toBe(0);
    expect(report.result.invariants.violations).toEqual([]);
  });

  it("makes a throttled classic reassignment take at least its bytes over the leaders' replication quota", () => {
    const throttle = 2 * MiB;
    const report = run("kafka", { recoveryThrottleBytesPerSecond: throttle });
    const [m] = report.recovery;
    // leader.replication.throttled.rate is per leader broker: six leaders send at most 6 × 2 MiB/s between them (plus
    // one quota window of credit each), however fast the joining brokers could write. The move must copy at least a
    // third of the three copies of what was acknowledged before the join.
    const atLeast = sum(publishedPerInterval(report, 0, JOIN));
    expect(m.reassignmentCompletedSeconds).not.toBeNull();
    expect(m.recoveryBytes).toBeGreaterThanOrEqual(atLeast);
    expect(m.recoveryBytes).toBeLessThanOrEqual(LEADERS * throttle * (m.reassignmentCompletedSeconds! + 1));
    expect(m.reassignmentCompletedSeconds!).toBeGreaterThan(atLeast / (LEADERS * throttle) - 1);
  });

  it("makes AutoMQ move partitions without copying data, each move done within AutoMQ's published 1.5 s", () => {
    const report = run("automq-s3-wal");
    const [m] = report.recovery;
    expect(m.recoveryBytes).toBe(0);
    // "typically within about 1.5 seconds" (architectures.md B0), all moves running together.
    expect(m.reassignmentCompletedSeconds!).toBeLessThan(1.5);
    expect(m.offlineSeconds).toBeLessThan(1.5);
    expect(m.ackedRecordsLost).toBe(0);
    expect(report.result.invariants.violations).toEqual([]);
  });

  it("makes joining diskless agents serve at once: no partition to move, no byte to copy", () => {
    const [m] = run("diskless").recovery;
    expect(m.recoveryBytes).toBe(0);
    expect(m.reassignmentCompletedSeconds).toBe(0);
    expect(m.offlinePartitionsMax).toBe(0);
  });
});
