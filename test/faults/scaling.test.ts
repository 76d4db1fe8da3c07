import { describe, expect, it } from "vitest";
import { applyFaults, recoveryMetrics } from "../../sim/faults/index.ts";
import type { AutomqArchitecture } from "../../sim/model/automq.ts";
import type { DisklessArchitecture } from "../../sim/model/diskless.ts";
import type { KafkaArchitecture } from "../../sim/model/kafka.ts";
import { MiB, smallRun } from "../support/runs.ts";

const S = 1_000_000;
const SLO = 1_000_000;
// Three zones × two brokers; brokers 3, 4 and 5 (one per zone) join at 10 s.
const JOINING = [3, 4, 5];

const replicaLoads = (arch: KafkaArchitecture): number[] =>
  arch.brokers.map((b) => arch.groups.filter((g) => g.replicas.includes(b.index)).reduce((n, g) => n + g.partitions, 0));

describe("scale-out and scale-in", () => {
  it("moves classic Kafka replicas to joining brokers in their zones until every broker holds an equal share", () => {
    const run = smallRun({ cluster: { brokersPerZone: 2 }, workload: { produceBytesPerSecond: 20 * MiB, testDurationMicros: 20 * S } });
    const arch = run.arch as KafkaArchitecture;
    const faults = applyFaults(run, [{ kind: "scaleOut", at: 10 * S, brokers: JOINING }]);
    expect(replicaLoads(arch)).toEqual([12, 12, 12, 0, 0, 0]);
    run.advance(10 * S - 1);
    const perPartitionAtStart = arch.groups.reduce((n, g) => n + g.leo, 0) / 12;
    while (faults.completedMicros[0] === undefined) run.advance(run.world.engine.nowMicros + S / 10);
    const perPartitionAtEnd = arch.groups.reduce((n, g) => n + g.leo, 0) / 12;
    run.advance(run.endMicros);
    const [m] = recoveryMetrics(faults, { produceP99SloMicros: SLO });
    // 36 replica-partitions over 6 brokers, every moved replica staying in its zone (one replica per zone).
    expect(replicaLoads(arch)).toEqual([6, 6, 6, 6, 6, 6]);
    for (const g of arch.groups) expect(new Set(g.replicas.map((b) => arch.brokers[b].zone)).size).toBe(3);
    // 18 replica-partitions moved; each copied its whole log: at least what it held when the move began, at most
    // what it held when the last move completed.
    expect(m.recoveryBytes).toBeGreaterThan(18 * perPartitionAtStart);
    expect(m.recoveryBytes).toBeLessThan(18 * perPartitionAtEnd);
    expect(m.reassignmentCompletedMicros).not.toBeNull();
    // New replicas are out of the ISR until they catch up, so full durability returns with the last move, seen by
    // the next probe.
    expect(m.durabilityRestoredMicros!).toBeGreaterThanOrEqual(m.reassignmentCompletedMicros!);
    expect(m.durabilityRestoredMicros!).toBeLessThanOrEqual(m.reassignmentCompletedMicros! + faults.probeIntervalMicros);
    expect(m.ackedBytesLost).toBe(0);
    expect(m.offlinePartitionsMax).toBe(0);
    expect(run.result().invariants.violations).toEqual([]);
  });

  it("empties classic Kafka brokers that leave into the brokers of their zones", () => {
    const run = smallRun({ cluster: { brokersPerZone: 2 }, workload: { testDurationMicros: 12 * S } });
    const arch = run.arch as KafkaArchitecture;
    const faults = applyFaults(run, [{ kind: "scaleIn", at: 5 * S, brokers: [0, 1] }]);
    run.advance(run.endMicros);
    const [m] = recoveryMetrics(faults, { produceP99SloMicros: SLO });
    expect(m.reassignmentCompletedMicros).not.toBeNull();
    const loads = replicaLoads(arch);
    expect(loads[0] + loads[1]).toBe(0);
    // Zones 0 and 1 keep one broker each (3 and 4), which must take every replica of their zone.
    expect(loads[3]).toBe(12);
    expect(loads[4]).toBe(12);
    expect(loads[2] + loads[5]).toBe(12);
    expect(m.ackedBytesLost).toBe(0);
    expect(run.result().invariants.violations).toEqual([]);
  });

  it("moves AutoMQ partitions to joining brokers without copying data, each within seconds", () => {
    const run = smallRun({ architecture: { kind: "automq" }, cluster: { brokersPerZone: 2 }, workload: { testDurationMicros: 15 * S } });
    const arch = run.arch as AutomqArchitecture;
    const faults = applyFaults(run, [{ kind: "scaleOut", at: 10 * S, brokers: JOINING }]);
    const led = (): number[] => arch.brokers.map((b) => b.led.reduce((n, g) => n + arch.groups[g].partitions, 0));
    expect(led()).toEqual([4, 4, 4, 0, 0, 0]);
    run.advance(run.endMicros);
    const [m] = recoveryMetrics(faults, { produceP99SloMicros: SLO });
    expect(led()).toEqual([2, 2, 2, 2, 2, 2]);
    expect(m.recoveryBytes).toBe(0);
    // "typically within about 1.5 seconds" per partition (architectures.md A3), all moves running together.
    expect(m.reassignmentCompletedMicros!).toBeLessThan(1.5 * S);
    expect(m.offlinePartitionsMax).toBeGreaterThan(0);
    expect(m.offlineMicros).toBeLessThan(1.5 * S);
    expect(m.ackedBytesLost).toBe(0);
    expect(run.result().invariants.violations).toEqual([]);
  });

  it("starts diskless agents that join and routes each zone's clients over both of its agents", () => {
    const run = smallRun({ architecture: { kind: "diskless" }, cluster: { brokersPerZone: 2 }, workload: { testDurationMicros: 8 * S } });
    const arch = run.arch as DisklessArchitecture;
    const faults = applyFaults(run, [{ kind: "scaleOut", at: 4 * S, brokers: JOINING }]);
    expect(arch.produceRoutes(0).map((r) => r.broker)).toEqual([0]);
    run.advance(run.endMicros);
    const [m] = recoveryMetrics(faults, { produceP99SloMicros: 10 * SLO });
    expect(arch.produceRoutes(0).map((r) => r.broker)).toEqual([0, 3]);
    expect(m.recoveryBytes).toBe(0);
    expect(m.reassignmentCompletedMicros).toBe(0);
  });
});
