// Outcomes of the library's zone-isolation scenario, on its miniature: 4 MiB/s on 6 partitions, the clock ×0.25
// (zone 0's links at 1% from 30 s, the zone lost from 45 s to 75 s, the run cut at 80 s), the zone-to-zone capacity
// scaled with the load. replica.lag.time.max.ms is scaled with the clock (30 s → 7.5 s) so the in-sync sets shrink
// inside the shorter isolation, as they do at full size; the session timeout (9 s) is not.

import { describe, expect, it } from "vitest";
import { KAFKA_DEFAULTS } from "../../sim/model/kafkaConfig.ts";
import type { RunReport } from "../../sim/report/reportTypes.ts";
import { loadLibraryScenario, miniature } from "./miniature.ts";
import { configOf, publishedPerInterval, reportOf, sum, withKnobs } from "./outcomes.ts";

const MiB = 2 ** 20;
const RATE = 4 * MiB;
const SCALE = 0.25;
const SCENARIO = miniature(loadLibraryScenario("zone-isolation"), { timeScale: SCALE, testDurationMicros: 80e6, produceBytesPerSecond: RATE, partitionsPerTopic: 6 });
const [ISOLATED, LOST] = SCENARIO.faults;
const LAG_TIME_MICROS = 30e6 * SCALE;
const run = (name: string): RunReport => {
  const config = configOf(SCENARIO, name);
  return reportOf(SCENARIO, name.startsWith("kafka") ? withKnobs(config, { replicaLagTimeMaxMicros: LAG_TIME_MICROS }) : config);
};

describe("scenario zone-isolation (miniature)", () => {
  it("classic Kafka with acks=all stalls writes while zone 0 is isolated and loses nothing; partitions left with only their lost leader in sync wait for the zone", () => {
    const report = run("kafka");
    const [isolated, lost] = report.recovery;
    expect(isolated.ackedRecordsLost + lost.ackedRecordsLost).toBe(0);
    expect(report.result.invariants.ackedBytesLost).toBe(0);
    expect(report.result.invariants.violations).toEqual([]);
    // Zone 0's slow followers stay in every partition's in-sync set for replica.lag.time.max.ms: acks=all writes
    // wait for them, then those led in zone 0 fall below min.insync.replicas and are refused. Kafka's rule credits a
    // follower with the leader's log end as of its previous fetch, and the ISR expiry runs every lag/2: a follower
    // is dropped between lag and 1.5 × lag after it last caught up.
    expect(isolated.detectSeconds).toBeGreaterThanOrEqual(LAG_TIME_MICROS / 1e6);
    expect(isolated.detectSeconds).toBeLessThanOrEqual((1.5 * LAG_TIME_MICROS) / 1e6);
    expect(isolated.detectedBy).toBe("follower dropped from ISR");
    // Every partition has a replica in zone 0, so every acks=all write crosses the slowed links: writes trickle.
    const stalled = sum(publishedPerInterval(report, ISOLATED.at / 1e6, ISOLATED.at / 1e6 + isolated.detectSeconds!));
    expect(stalled).toBeLessThan(0.75 * RATE * isolated.detectSeconds!);
    // No in-sync replica of zone 0's partitions survives the zone, and unclean election is off: they wait for it.
    const outageSeconds = (LOST as { duration: number }).duration / 1e6;
    expect(lost.offlinePartitionsMax).toBeGreaterThan(0);
    expect(lost.offlineSeconds).toBeGreaterThanOrEqual(outageSeconds);
  });

  it("classic Kafka with acks=1 and unclean election keeps writing, then loses what zone 0's leaders acknowledged alone and reports how much", () => {
    const report = run("kafka-acks1-unclean");
    const [isolated, lost] = report.recovery;
    expect(isolated.produceErrors).toBe(0);
    expect(isolated.ackedRecordsLost).toBe(0);
    // The stale followers are elected after the session timeout: offline no longer than that.
    expect(lost.offlineSeconds).toBe(KAFKA_DEFAULTS.brokerSessionTimeoutMicros / 1e6);
    expect(lost.ackedRecordsLost).toBeGreaterThan(0);
    expect(lost.ackedRecordsLost).toBeCloseTo(lost.ackedBytesLost / 1024, 6);
    expect(report.result.invariants.ackedBytesLost).toBe(lost.ackedBytesLost);
    // Permitted by the configuration, so not an invariant violation.
    expect(report.result.invariants.violations).toEqual([]);
    // What can be lost is at most what zone 0's leaders (a third of the partitions) acknowledged since their links
    // slowed: a third of everything published from then to the loss.
    const sinceSlow = sum(publishedPerInterval(report, ISOLATED.at / 1e6, LOST.at / 1e6));
    expect(lost.ackedBytesLost).toBeLessThanOrEqual(sinceSlow / 3);
    // And at least what they acknowledged after their followers were dropped: zone 0's own producer keeps writing to
    // them at a third of its third of the rate.
    const afterDrop = (LOST.at - ISOLATED.at - LAG_TIME_MICROS) / 1e6;
    expect(lost.ackedBytesLost).toBeGreaterThan(0.9 * (RATE / 9) * afterDrop);
  });

  it("diskless has no leaders to isolate: it loses nothing and refuses nothing while zone 0 is slow", () => {
    const report = run("diskless");
    const [isolated, lost] = report.recovery;
    expect(isolated.produceErrors).toBe(0);
    expect(isolated.ackedRecordsLost + lost.ackedRecordsLost).toBe(0);
    expect(lost.offlinePartitionsMax).toBe(0);
    expect(report.result.invariants.violations).toEqual([]);
  });
});
