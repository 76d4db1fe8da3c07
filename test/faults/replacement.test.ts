import { describe, expect, it } from "vitest";
import { applyFaults, recoveryMetrics } from "../../sim/faults/index.ts";
import type { ArchitectureSpec } from "../../sim/model/architectures.ts";
import type { KafkaArchitecture } from "../../sim/model/kafka.ts";
import { TIERED_DEFAULTS } from "../../sim/model/kafkaConfig.ts";
import { MiB, smallRun } from "../support/runs.ts";
import { publishedPerInterval } from "./support.ts";

const S = 1_000_000;
const SLO = 50_000;
const RATE = 2 * MiB;
const VICTIM = 2;

// An hour of history (60 MiB per partition) on 6 brokers, then broker 2 is lost with its disk at 1 s and an empty
// replacement starts at 11 s. Returns the broker's retained share at the loss and the recovery figures.
function replace(architecture: ArchitectureSpec) {
  const run = smallRun({ architecture, cluster: { brokersPerZone: 2 }, workload: { produceBytesPerSecond: RATE, testDurationMicros: 20 * S } });
  const arch = run.arch as KafkaArchitecture;
  arch.preload(60 * MiB, 3_600 * S);
  for (const c of run.consumers.consumers) for (const g of arch.groups) run.consumers.seek(c.index, g.id, g.leo);
  const faults = applyFaults(run, [{ kind: "brokerReplacement", at: S, duration: 10 * S, broker: VICTIM }]);
  run.advance(S - 1);
  const share = arch.storedBytesByBroker()[VICTIM];
  const partitions = arch.groups.filter((g) => g.replicas.includes(VICTIM)).reduce((n, g) => n + g.partitions, 0);
  run.advance(run.endMicros);
  const [m] = recoveryMetrics(faults, { produceP99SloMicros: SLO });
  return { run, m, share, partitions };
}

describe("broker replacement", () => {
  it("makes a classic replacement copy the broker's whole share of retained bytes, a tiered one only its local window", () => {
    const classic = replace({ kind: "kafka" });
    const tiered = replace({ kind: "kafka-tiered", kafka: { segmentBytes: 8 * MiB, tiered: { ...TIERED_DEFAULTS, localRetentionMicros: 600 * S } } });
    for (const { run, m, share, partitions } of [classic, tiered]) {
      // It copies its share as of the loss, plus what its partitions received until it caught up (at most the run).
      const arrivedAtMost = (RATE * partitions * 20) / 12;
      expect(m.recoveryBytes).toBeGreaterThan(share);
      expect(m.recoveryBytes).toBeLessThan(share + arrivedAtMost);
      // One replica per zone: the replacement's sources are all in other zones.
      expect(m.recoveryCrossZoneBytes).toBe(m.recoveryBytes);
      expect(m.ackedBytesLost).toBe(0);
      expect(m.durabilityRestoredMicros).not.toBeNull();
      expect(run.result().invariants.violations).toEqual([]);
    }
    // Its partitions × 60 MiB, against the last 10 minutes of the hour (10 MiB) widened to whole 8 MiB segments
    // (local data starts at the segment boundary below 50 MiB: 12 MiB), plus the first second of new data.
    const firstSecond = (partitions: number): number => (RATE * partitions) / 12;
    expect(classic.share - classic.partitions * 60 * MiB).toBeGreaterThan(0);
    expect(classic.share - classic.partitions * 60 * MiB).toBeLessThanOrEqual(firstSecond(classic.partitions) * 1.01);
    expect(tiered.share - tiered.partitions * 12 * MiB).toBeGreaterThan(0);
    expect(tiered.share - tiered.partitions * 12 * MiB).toBeLessThanOrEqual(firstSecond(tiered.partitions) * 1.01);
    expect(tiered.m.recoveryBytes).toBeLessThan(0.3 * classic.m.recoveryBytes);
  });

  it("moves no data when a diskless agent is lost, and keeps every producer writing at full rate", () => {
    const rate = 20 * MiB;
    const run = smallRun({ architecture: { kind: "diskless" }, workload: { produceBytesPerSecond: rate, testDurationMicros: 15 * S } });
    const faults = applyFaults(run, [{ kind: "brokerReplacement", at: 4 * S, duration: 6 * S, broker: 0 }]);
    run.advance(run.endMicros);
    const [m] = recoveryMetrics(faults, { produceP99SloMicros: 2 * S });
    expect(m.recoveryBytes).toBe(0);
    expect(m.ackedBytesLost).toBe(0);
    expect(m.offlinePartitionsMax).toBe(0);
    expect(m.durabilityRestoredMicros).toBe(0);
    // Agents are stateless: the loss is handled at once, and zone 0's clients move to the other zones' agents.
    expect(m.detectMicros).toBe(0);
    expect(m.detectedBy).toBe("agent crashed");
    // Acknowledgements come in object-sized steps, so compare the window's total rather than each second.
    const during = publishedPerInterval(run, 5 * S, 10 * S);
    expect(during.reduce((a, b) => a + b, 0) / during.length).toBeGreaterThan(0.95 * rate);
    expect(run.result().invariants.violations).toEqual([]);
  });
});
