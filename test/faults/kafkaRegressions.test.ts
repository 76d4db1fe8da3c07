// Classic Kafka under faults that once broke the model: producers that stalled behind a full buffer after a broker
// loss, partitions left offline after their last in-sync replica returned, and an ISR that flapped under a brownout.

import { describe, expect, it } from "vitest";
import { applyFaults } from "../../sim/faults/index.ts";
import type { KafkaArchitecture } from "../../sim/model/kafka.ts";
import { MiB, smallRun } from "../support/runs.ts";
import { publishedPerInterval } from "./support.ts";

const S = 1_000_000;

describe("classic Kafka fault regressions", () => {
  it("keeps producers writing at the offered rate after a broker loss fills their buffer memory", () => {
    // 100 MiB/s fills buffer.memory (32 MiB) in a third of a second while the lost broker's partitions wait for the
    // session timeout; once leaders are elected every acknowledged request frees its memory again.
    const rate = 100 * MiB;
    const run = smallRun({ cluster: { brokersPerZone: 2 }, workload: { produceBytesPerSecond: rate, testDurationMicros: 40 * S } });
    applyFaults(run, [{ kind: "brokerReplacement", at: 5 * S, duration: 20 * S, broker: 2 }]);
    run.advance(run.endMicros);
    // Between the election (5 s + 9 s session timeout) and the replacement, and after the replacement caught up, the
    // producers publish what they are offered, on average over each window.
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(publishedPerInterval(run, 16 * S, 25 * S))).toBeGreaterThan(0.95 * rate);
    expect(mean(publishedPerInterval(run, 30 * S, 40 * S))).toBeGreaterThan(0.95 * rate);
    const arch = run.arch as KafkaArchitecture;
    // Every request still waiting at a leader is one its high watermark has not yet covered.
    for (const b of arch.brokers) {
      for (const p of b.pending) {
        expect(p.groups.some((gi, i) => arch.groups[gi].leader === b.index && arch.groups[gi].hw < p.targets[i])).toBe(true);
      }
    }
    expect(run.result().invariants.violations).toEqual([]);
  });

  it("elects the last in-sync replica leader again when its broker returns, instead of leaving its partitions offline", () => {
    const run = smallRun({
      architecture: { kind: "kafka", kafka: { replicaLagTimeMaxMicros: S } },
      workload: { produceBytesPerSecond: 4 * MiB, testDurationMicros: 25 * S },
    });
    const arch = run.arch as KafkaArchitecture;
    // Brokers 1 and 2 are cut off from broker 0 and drop out of its partitions' ISR; then broker 0, the last in-sync
    // replica of those partitions, crashes with its disk intact and restarts after the session timeout.
    applyFaults(run, [
      { kind: "networkPartition", at: 2 * S, duration: 4 * S, brokers: [1, 2] },
      { kind: "brokerCrash", at: 5 * S, duration: 12 * S, broker: 0 },
    ]);
    run.advance(16 * S);
    const orphaned = arch.groups.filter((g) => g.leader < 0).map((g) => g.id);
    expect(orphaned.length).toBeGreaterThan(0);
    // The fenced broker stays the ISR of the partitions it was alone in: nobody else may lead them cleanly.
    for (const id of orphaned) expect(arch.groups[id].inSync[arch.groups[id].replicaIndex(0)]).toBe(true);
    run.advance(17 * S);
    for (const id of orphaned) expect(arch.groups[id].leader).toBe(0);
    run.advance(run.endMicros);
    expect(arch.groups.every((g) => g.leader >= 0)).toBe(true);
    expect(run.world.stats.ackedBytesLost).toBe(0);
    expect(run.result().invariants.violations).toEqual([]);
    // Back online, the partitions take writes again and their followers rejoin the ISR.
    expect(arch.groups.every((g) => g.inSyncCount() === g.replicas.length)).toBe(true);
  });

  it("keeps a follower that trails by a slower link's round trip in the ISR: only one falling further behind ages out", () => {
    // replica.lag.time.max.ms cut to 1 s so a wrong shrink would show within the 15 s brownout; every path between
    // zone 0 and the others is 10 ms slower each way.
    const run = smallRun({
      architecture: { kind: "kafka", kafka: { replicaLagTimeMaxMicros: S } },
      workload: { produceBytesPerSecond: 20 * MiB, testDurationMicros: 20 * S },
    });
    applyFaults(run, [{ kind: "zoneBrownout", at: 2 * S, duration: 15 * S, zone: 0, addedLatencyMicros: 10_000 }]);
    run.advance(run.endMicros);
    expect(run.world.timeline.filter((e) => e.what === "follower dropped from ISR")).toEqual([]);
    expect(run.world.stats.produceErrors).toBe(0);
    expect(run.result().invariants.violations).toEqual([]);
  });
});
