import { describe, expect, it } from "vitest";
import { applyFaults, recoveryMetrics } from "../../sim/faults/index.ts";
import type { KafkaArchitecture } from "../../sim/model/kafka.ts";
import { KAFKA_DEFAULTS } from "../../sim/model/kafkaConfig.ts";
import { MiB, smallRun } from "../support/runs.ts";
import { publishedPerInterval } from "./support.ts";

const S = 1_000_000;
const RATE = 20 * MiB;
const SLO = 50_000;
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe("faults on classic Kafka", () => {
  it("loses no acknowledged record in a zone outage (RF=3, min.insync=2) and keeps accepting writes from the other zones", () => {
    const timeout = KAFKA_DEFAULTS.brokerSessionTimeoutMicros;
    const run = smallRun({ workload: { produceBytesPerSecond: RATE, testDurationMicros: 35 * S } });
    const arch = run.arch as KafkaArchitecture;
    const faults = applyFaults(run, [{ kind: "zoneOutage", at: 5 * S, duration: 12 * S, zone: 0 }]);
    const ledByZone0 = sum(arch.groups.filter((g) => g.leader === 0).map((g) => g.partitions));
    // When the zone comes back, broker 0 (the only one there) must copy what its replicas lack; by the time every
    // replica is back in the ISR it can have copied no more than the logs then hold beyond its own.
    run.advance(17 * S);
    const behind = (): number => sum(arch.groups.map((g) => g.leo - g.replicaLeo[g.replicaIndex(0)]));
    const mustCopy = behind();
    const broker0Start = sum(arch.groups.map((g) => g.replicaLeo[g.replicaIndex(0)]));
    while (arch.groups.some((g) => g.inSyncCount() < g.replicas.length)) run.advance(run.world.engine.nowMicros + S / 10);
    const mayCopy = sum(arch.groups.map((g) => g.leo)) - broker0Start;
    run.advance(run.endMicros);
    const [m] = recoveryMetrics(faults, { produceP99SloMicros: SLO });

    expect(m.ackedBytesLost).toBe(0);
    expect(run.world.stats.ackedBytesLost).toBe(0);
    expect(run.result().invariants.violations).toEqual([]);
    // The controller notices after broker.session.timeout.ms, and until then broker 0's partitions have no leader.
    expect(m.detectMicros).toBe(timeout);
    expect(m.detectedBy).toBe("leaders elected");
    expect(m.offlinePartitionsMax).toBe(ledByZone0);
    expect(m.offlineMicros).toBeGreaterThanOrEqual(timeout);
    expect(m.offlineMicros).toBeLessThanOrEqual(timeout + faults.probeIntervalMicros);
    // After the election the ISR is the two live replicas (>= min.insync.replicas): the producers of zones 1 and 2
    // (two of three) write at their full rate; zone 0's producer is cut off with its zone.
    for (const bytes of publishedPerInterval(run, 5 * S + timeout + S, 17 * S)) expect(bytes).toBeGreaterThan(0.95 * (2 / 3) * RATE);
    expect(m.durabilityRestoredMicros).not.toBeNull();
    expect(m.durabilityRestoredMicros!).toBeGreaterThan(12 * S);
    expect(m.recoveryBytes).toBeGreaterThanOrEqual(mustCopy * 0.999);
    expect(m.recoveryBytes).toBeLessThanOrEqual(mayCopy * 1.001);
    // Zone 0 holds one replica of every partition and no leader after the election: every catch-up byte crosses zones.
    expect(m.recoveryCrossZoneBytes).toBe(m.recoveryBytes);
    expect(m.produceP99BackUnderSloMicros).not.toBeNull();
    expect(m.lagBackToBaselineMicros).not.toBeNull();
  });

  it("loses acknowledged records with acks=1 and unclean election, and reports as many as the new leaders lacked", () => {
    const run = smallRun({
      architecture: { kind: "kafka", kafka: { uncleanLeaderElection: true, replicaLagTimeMaxMicros: S } },
      workload: { produceBytesPerSecond: RATE, testDurationMicros: 25 * S, producer: { acks: "1" } },
    });
    const arch = run.arch as KafkaArchitecture;
    // Followers on brokers 1 and 2 are cut off and fall out of the ISR; then broker 0, the only in-sync replica of
    // its partitions, dies with its disk. The new leaders are the best of the stale followers.
    const crashAt = 8 * S;
    const faults = applyFaults(run, [
      { kind: "networkPartition", at: 3 * S, duration: 6 * S, brokers: [1, 2] },
      { kind: "brokerCrash", at: crashAt, broker: 0, volumeLost: true },
    ]);
    run.advance(crashAt - 1);
    let lacked = 0;
    for (const g of arch.groups) {
      if (g.leader !== 0) continue;
      let best = 0;
      g.replicas.forEach((b, i) => {
        if (b !== 0) best = Math.max(best, g.replicaLeo[i]);
      });
      lacked += g.ackedEnd - best;
    }
    run.advance(run.endMicros);
    const [partition, crash] = recoveryMetrics(faults, { produceP99SloMicros: SLO });

    expect(partition.ackedBytesLost).toBe(0);
    expect(partition.detectedBy).toBe("follower dropped from ISR");
    expect(lacked).toBeGreaterThan(0);
    expect(crash.ackedBytesLost).toBeCloseTo(lacked, 0);
    expect(crash.ackedRecordsLost).toBeCloseTo(lacked / 1024, 3);
    expect(crash.ackedBytesLost).toBe(run.world.stats.ackedBytesLost);
    // Broker 0 took writes alone for the ~4 s between the ISR shrink and its death.
    expect(crash.ackedBytesLost).toBeGreaterThan(RATE);
    expect(crash.detectMicros).toBe(KAFKA_DEFAULTS.brokerSessionTimeoutMicros);
  });

  it("elects new leaders before a broker back within the session timeout rejoins, and restores the full ISR", () => {
    const run = smallRun({ workload: { produceBytesPerSecond: RATE, testDurationMicros: 15 * S } });
    const faults = applyFaults(run, [{ kind: "brokerCrash", at: 3 * S, duration: 2 * S, broker: 1 }]);
    run.advance(run.endMicros);
    const [m] = recoveryMetrics(faults, { produceP99SloMicros: SLO });
    expect(m.detectMicros).toBe(2 * S);
    expect(m.offlineMicros).toBe(2 * S);
    expect(m.durabilityRestoredMicros).not.toBeNull();
    expect(m.ackedBytesLost).toBe(0);
    for (const g of (run.arch as KafkaArchitecture).groups) expect(g.inSyncCount()).toBe(3);
  });

  it("gives the same recovery figures for the same seed and faults", () => {
    const once = (): unknown => {
      const run = smallRun({ seed: 7, workload: { testDurationMicros: 8 * S } });
      const faults = applyFaults(run, [{ kind: "brokerReplacement", at: 2 * S, duration: 2 * S, broker: 2 }]);
      run.advance(run.endMicros);
      return recoveryMetrics(faults, { produceP99SloMicros: SLO });
    };
    expect(once()).toEqual(once());
  });
});
