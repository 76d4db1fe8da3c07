// Outcomes of the library's broker-replacement scenario, on its miniature: 4 MiB/s on 6 partitions (each broker
// hosts 3 replicas and leads 1), the clock ×0.1 (broker 2 lost with its volume at 30 s, an empty replacement at
// 36 s, the run cut at 60 s). Tiered storage's own clock — segment rolls, local.retention.ms, the remote task
// interval — is scaled with it, so its local window is the same share of the history as at full size.

import { describe, expect, it } from "vitest";
import type { RunReport } from "../../sim/report/reportTypes.ts";
import { loadLibraryScenario, miniature } from "./miniature.ts";
import { configOf, publishedPerInterval, reportOf, sum, withKnobs } from "./outcomes.ts";

const MiB = 2 ** 20;
const RATE = 4 * MiB;
const PARTITIONS = 6;
const SCALE = 0.1;
const FULL = loadLibraryScenario("broker-replacement");
const SCENARIO = miniature(FULL, { timeScale: SCALE, testDurationMicros: 60e6, produceBytesPerSecond: RATE, partitionsPerTopic: PARTITIONS });
const [REPLACEMENT] = SCENARIO.faults;
const LOSS = REPLACEMENT.at / 1e6;
const START = (REPLACEMENT.at + (REPLACEMENT as { duration: number }).duration) / 1e6;
// The broker hosts 6 × 3 / 6 = 3 replicas: half of every byte produced.
const SHARE = 3 / PARTITIONS;

// The full-size tiered settings (32 MiB segments at 100 MiB/s over 64 partitions: a roll every 20.5 s; one minute
// local; a task every 30 s) on the miniature's clock and per-partition rate.
const fullTiered = FULL.architectures.find((a) => a.name === "kafka-tiered")!.architecture as { kafka: { segmentBytes: number; tiered: { localRetentionMicros: number; taskIntervalMicros: number } } };
const FULL_PARTITION_RATE = (100 * MiB) / 64;
const ROLL_SECONDS = (fullTiered.kafka.segmentBytes / FULL_PARTITION_RATE) * SCALE;
const LOCAL_SECONDS = (fullTiered.kafka.tiered.localRetentionMicros / 1e6) * SCALE;
const TASK_SECONDS = (fullTiered.kafka.tiered.taskIntervalMicros / 1e6) * SCALE;

function run(name: string): RunReport {
  const config = configOf(SCENARIO, name);
  if (name !== "kafka-tiered") return reportOf(SCENARIO, config);
  return reportOf(SCENARIO, withKnobs(config, {
    segmentBytes: Math.round((RATE / PARTITIONS) * ROLL_SECONDS),
    tiered: { localRetentionMicros: Math.round(LOCAL_SECONDS * 1e6), taskIntervalMicros: Math.round(TASK_SECONDS * 1e6) },
  }));
}

describe("scenario broker-replacement (miniature)", () => {
  const classic = run("kafka");

  it("makes classic Kafka's empty replacement copy the broker's whole share of the retained bytes, all across zones", () => {
    const [m] = classic.recovery;
    expect(m.ackedRecordsLost).toBe(0);
    expect(classic.result.invariants.violations).toEqual([]);
    // It copies every byte its replicas hold: at least its share of what was acknowledged before the loss, at most
    // its share of all the producers offered until it was back in sync (offered bytes spread evenly over partitions).
    const beforeLoss = SHARE * sum(publishedPerInterval(classic, 0, LOSS));
    const offeredUntilInSync = SHARE * RATE * (LOSS + m.durabilityRestoredSeconds! + 1);
    expect(m.recoveryBytes).toBeGreaterThanOrEqual(beforeLoss);
    expect(m.recoveryBytes).toBeLessThanOrEqual(offeredUntilInSync);
    // Rack-aware placement: the other replicas of its partitions are all in other zones.
    expect(m.recoveryCrossZoneBytes).toBe(m.recoveryBytes);
    expect(m.durabilityRestoredSeconds!).toBeGreaterThan(START - LOSS);
  });

  it("makes tiered Kafka's replacement copy only its local window: tiered / classic ≈ local window / history", () => {
    const tiered = run("kafka-tiered");
    const [m] = tiered.recovery;
    const [c] = classic.recovery;
    expect(m.ackedRecordsLost).toBe(0);
    // Leaders keep locally what is not yet uploaded or rolled less than local.retention.ms ago: at least that long,
    // at most that plus a segment still filling and a task interval before the expiry runs. The replacement starts
    // from the leaders' local log start; the classic one from offset 0, START seconds of history.
    const windowMin = LOCAL_SECONDS / START;
    const windowMax = (LOCAL_SECONDS + ROLL_SECONDS + TASK_SECONDS + 1) / START;
    const ratio = m.recoveryBytes / c.recoveryBytes;
    expect(ratio).toBeGreaterThan(windowMin * 0.9);
    expect(ratio).toBeLessThan(windowMax);
  });

  it("moves no data when a diskless agent is lost: agents hold nothing", () => {
    const report = run("diskless");
    const [m] = report.recovery;
    expect(m.recoveryBytes).toBe(0);
    expect(m.ackedRecordsLost).toBe(0);
    expect(m.offlinePartitionsMax).toBe(0);
    expect(report.result.invariants.violations).toEqual([]);
  });

  it("reopens AutoMQ's partitions from S3 with an S3 WAL, copying nothing across zones", () => {
    const report = run("automq-s3-wal");
    const [m] = report.recovery;
    expect(m.ackedRecordsLost).toBe(0);
    expect(m.recoveryCrossZoneBytes).toBe(0);
    expect(m.offlineSeconds).toBeLessThan(m.windowEndAtSeconds - m.startAtSeconds);
    expect(report.result.invariants.violations).toEqual([]);
  });

  it("loses the un-uploaded WAL of AutoMQ with an EBS WAL when the volume goes with the broker: everything it led since its last upload", () => {
    const report = run("automq-ebs-wal");
    const [m] = report.recovery;
    // No upload before the loss: s3.wal.upload.interval.ms is 60 s and the upload threshold (500 MiB) is far away,
    // so the lost WAL holds all the broker led — one partition of six — from the start.
    const led = sum(publishedPerInterval(report, 0, LOSS)) / PARTITIONS;
    expect(m.ackedBytesLost).toBeGreaterThan(0.95 * led);
    expect(m.ackedBytesLost).toBeLessThan(1.05 * led);
    expect(m.recoveryCrossZoneBytes).toBe(0);
    // The loss is permitted by the fault (the volume is gone). Consumers that had read past the truncated end reset
    // to the latest offset, as Kafka consumers do on OFFSET_OUT_OF_RANGE, so bytes stay conserved.
    expect(report.result.invariants.violations).toEqual([]);
  });
});
