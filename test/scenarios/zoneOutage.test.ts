// Outcomes of the library's zone-outage scenario, on its miniature: 4 MiB/s on 6 partitions, the clock ×0.1 (zone 0
// down from 18 s to 30 s, the run cut at 45 s). The outage still outlasts broker.session.timeout.ms (9 s, not
// scaled), so every design goes through its real failover.

import { describe, expect, it } from "vitest";
import { KAFKA_DEFAULTS } from "../../sim/model/kafkaConfig.ts";
import type { RunReport } from "../../sim/report/reportTypes.ts";
import { loadLibraryScenario, miniature } from "./miniature.ts";
import { configOf, mean, publishedPerInterval, reportOf, sum } from "./outcomes.ts";

const MiB = 2 ** 20;
const RATE = 4 * MiB;
const SCENARIO = miniature(loadLibraryScenario("zone-outage"), { timeScale: 0.1, testDurationMicros: 45e6, produceBytesPerSecond: RATE, partitionsPerTopic: 6 });
const [OUTAGE] = SCENARIO.faults;
const FROM = OUTAGE.at / 1e6;
const TO = (OUTAGE.at + (OUTAGE as { duration: number }).duration) / 1e6;
const run = (name: string): RunReport => reportOf(SCENARIO, configOf(SCENARIO, name));

describe("scenario zone-outage (miniature)", () => {
  it("keeps the miniature's outage longer than the session timeout, as the full-size scenario's is", () => {
    expect(TO - FROM).toBe(12);
    expect(TO - FROM).toBeGreaterThan(KAFKA_DEFAULTS.brokerSessionTimeoutMicros / 1e6);
  });

  it("classic Kafka (RF=3, min.insync=2) loses no acknowledged record, stalls every write until the election, then writes at the surviving zones' rate", () => {
    const report = run("kafka");
    const [m] = report.recovery;
    const timeout = KAFKA_DEFAULTS.brokerSessionTimeoutMicros / 1e6;
    expect(m.ackedRecordsLost).toBe(0);
    expect(report.result.invariants.violations).toEqual([]);
    expect(m.detectSeconds).toBe(timeout);
    expect(m.detectedBy).toBe("leaders elected");
    // Every partition has one replica in each zone, and acks=all waits for every in-sync replica: until the
    // controller fences zone 0's brokers, no write completes anywhere.
    expect(sum(publishedPerInterval(report, FROM, FROM + timeout))).toBe(0);
    // After the election two in-sync replicas remain (= min.insync.replicas): the producers of zones 1 and 2 write
    // at their full rate; zone 0's producer is down with its zone.
    for (const bytes of publishedPerInterval(report, FROM + timeout + 1, TO)) expect(bytes).toBeGreaterThan(0.95 * (2 / 3) * RATE);
    // Zone 0's replicas must copy at least every byte acknowledged while they were down, and at most what was
    // acknowledged until they were all back in sync; every byte of it comes from another zone.
    const duringOutage = sum(publishedPerInterval(report, FROM, TO));
    const untilInSync = sum(publishedPerInterval(report, FROM, Math.ceil(FROM + m.durabilityRestoredSeconds!) + 1));
    expect(m.recoveryBytes).toBeGreaterThanOrEqual(duringOutage * 0.999);
    expect(m.recoveryBytes).toBeLessThanOrEqual(untilInSync * 1.001);
    expect(m.recoveryCrossZoneBytes).toBe(m.recoveryBytes);
    expect(m.durabilityRestoredSeconds!).toBeGreaterThan(TO - FROM);
  });

  it("AutoMQ with an S3 WAL fails zone 0's partitions over after the session timeout, reading their WAL back from S3, not across zones", () => {
    const report = run("automq-s3-wal");
    const [m] = report.recovery;
    expect(m.ackedRecordsLost).toBe(0);
    expect(report.result.invariants.violations).toEqual([]);
    expect(m.detectSeconds).toBe(KAFKA_DEFAULTS.brokerSessionTimeoutMicros / 1e6);
    expect(m.offlineSeconds).toBeGreaterThanOrEqual(9);
    // The zone-outage threshold's 20 s: detection plus a failover no longer than detection.
    expect(m.offlineSeconds).toBeLessThan(20);
    expect(m.offlineSeconds).toBeLessThan(TO - FROM);
    expect(m.recoveryBytes).toBeGreaterThan(0);
    expect(m.recoveryCrossZoneBytes).toBe(0);
  });

  it("AutoMQ with an EBS WAL keeps zone 0's partitions offline until the zone returns: a zonal volume cannot be attached elsewhere", () => {
    const report = run("automq-ebs-wal");
    const [m] = report.recovery;
    expect(m.ackedRecordsLost).toBe(0);
    expect(report.result.invariants.violations).toEqual([]);
    // Offline from the outage's start until the zone is back and the brokers have reopened their WAL.
    expect(m.offlineSeconds).toBeGreaterThanOrEqual(TO - FROM);
    expect(m.offlineSeconds).toBeLessThan(TO - FROM + 3);
    expect(m.recoveryCrossZoneBytes).toBe(0);
  });

  it("diskless moves no data and loses no time: zone 0's clients and agents are gone, the others keep writing", () => {
    const report = run("diskless");
    const [m] = report.recovery;
    expect(m.ackedRecordsLost).toBe(0);
    expect(m.recoveryBytes).toBe(0);
    expect(m.offlinePartitionsMax).toBe(0);
    expect(m.detectSeconds).toBe(0);
    expect(report.result.invariants.violations).toEqual([]);
    // Acknowledgements come in batch-sized steps: compare the outage's mean with the surviving producers' rate.
    expect(mean(publishedPerInterval(report, FROM + 1, TO))).toBeGreaterThan(0.95 * (2 / 3) * RATE);
  });
});
