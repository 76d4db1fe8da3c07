import { describe, expect, it } from "vitest";
import { FlowClass, Locality } from "../../sim/network/index.ts";
import type { KafkaArchitecture } from "../../sim/model/kafka.ts";
import { GiB, MiB, runToEnd, smallRun } from "../support/runs.ts";

function crossZonePerProducedByte(options: Parameters<typeof runToEnd>[0]): number {
  const run = runToEnd(options);
  const result = run.result();
  expect(result.invariants.violations).toEqual([]);
  return result.crossZoneBytesPerProducedByte;
}

describe("classic Kafka", () => {
  it("moves 2/3 + (RF-1) + F·2/3 cross-zone bytes per produced byte without follower fetching", () => {
    const ratio = crossZonePerProducedByte({ workload: { subscriptionsPerTopic: 2, consumer: { clientRack: true } } });
    expect(ratio).toBeGreaterThan(4.0 * 0.98);
    expect(ratio).toBeLessThan(4.0 * 1.02);
  });

  it("moves 2/3 + (RF-1) cross-zone bytes per produced byte with KIP-392 follower fetching", () => {
    const ratio = crossZonePerProducedByte({
      architecture: { kind: "kafka", kafka: { followerFetching: true } },
      workload: { subscriptionsPerTopic: 2, consumer: { clientRack: true } },
    });
    expect(ratio).toBeGreaterThan((2 / 3 + 2) * 0.98);
    expect(ratio).toBeLessThan((2 / 3 + 2) * 1.02);
  });

  it("reaches the reference's 1 GiB/s cross-zone rate, (2 + 2/3) GiB/s, from flows", () => {
    const run = runToEnd({
      architecture: { kind: "kafka", kafka: { followerFetching: true } },
      workload: { produceBytesPerSecond: GiB, partitionsPerTopic: 256, producersPerTopic: 3, consumerPerSubscription: 3, testDurationMicros: 3_000_000, consumer: { clientRack: true } },
      cluster: { zones: 3, brokersPerZone: 2, instance: { name: "m7g.4xlarge", vcpus: 16, memoryBytes: 64 * GiB, networkBytesPerSecond: 7.5e9 / 8 } },
    });
    const result = run.result();
    const crossZonePerSecond = result.crossZoneBytes / result.simulatedSeconds;
    // Bytes are counted when they arrive, so the first request round trip of the run is missing: allow 2%.
    expect(crossZonePerSecond / ((2 + 2 / 3) * GiB)).toBeGreaterThan(0.98);
    expect(crossZonePerSecond / ((2 + 2 / 3) * GiB)).toBeLessThan(1.01);
    expect(result.consumeBytesRate / GiB).toBeGreaterThan(0.97);
  });

  it("keeps acks=all latency in milliseconds: batching, one replication round trip, no disk in the path", () => {
    const result = runToEnd({}).result();
    expect(result.publishLatency50pct).toBeGreaterThan(2);
    expect(result.publishLatency50pct).toBeLessThan(10);
    expect(result.publishLatency99pct).toBeLessThan(30);
    // Consumers see a record once the high watermark passes it, which is also when its ack leaves the leader: the
    // two latencies differ by a one-way trip either way, not by a replication round.
    expect(Math.abs(result.endToEndLatency50pct - result.publishLatency50pct)).toBeLessThan(2);
  });

  it("loses no acknowledged record and keeps accepting writes when a leader crashes (RF=3, min.insync=2)", () => {
    const run = smallRun({ workload: { testDurationMicros: 30_000_000 } });
    const arch = run.arch as KafkaArchitecture;
    run.advance(5_000_000);
    arch.crashBroker(0, false);
    run.advance(run.endMicros);
    run.sampler.sample();
    const result = run.result();
    expect(result.invariants.ackedBytesLost).toBe(0);
    expect(result.invariants.violations).toEqual([]);
    expect(result.timeline.map((t) => t.what)).toContain("leaders elected");
    // Writes resume after the controller's 9 s session timeout: the last seconds are at the full rate again.
    const published = result.intervals.series.publishedBytes;
    expect(published[published.length - 2]).toBeGreaterThan(0.95 * 20 * MiB);
  });

  it("loses acknowledged records with acks=1 and unclean election when the only in-sync leader dies", () => {
    const run = smallRun({
      architecture: { kind: "kafka", kafka: { uncleanLeaderElection: true, replicaLagTimeMaxMicros: 1_000_000 } },
      workload: { testDurationMicros: 30_000_000, producer: { acks: "1" } },
    });
    const arch = run.arch as KafkaArchitecture;
    run.advance(3_000_000);
    // Followers stop fetching (their brokers are cut off), drop out of the ISR, then the leader dies.
    const victim = 0;
    for (const b of arch.brokers) if (b.index !== victim) run.world.network.setHostDown(b.host, true);
    run.advance(8_000_000);
    for (const b of arch.brokers) if (b.index !== victim) run.world.network.setHostDown(b.host, false);
    arch.crashBroker(victim, true);
    run.advance(run.endMicros);
    const result = run.result();
    expect(result.invariants.ackedBytesLost).toBeGreaterThan(0);
    expect(result.timeline.map((t) => t.what)).toContain("acknowledged records lost");
  });
});

describe("classic Kafka reassignment", () => {
  it("copies a partition holding a day of data for hours at the configured throttle", () => {
    const throttle = 10 * MiB;
    const run = smallRun({
      architecture: { kind: "kafka", kafka: { recoveryThrottleBytesPerSecond: throttle }, volume: { throughputBytesPerSecond: 1000 * MiB, iops: 16_000 } },
      cluster: { brokersPerZone: 2 },
      workload: { produceBytesPerSecond: 64 * 1024, partitionsPerTopic: 6, producersPerTopic: 1, consumerPerSubscription: 1, testDurationMicros: 6 * 3600e6, producer: { lingerMicros: 1_000_000 } },
    });
    const arch = run.arch as KafkaArchitecture;
    // A day of a partition written at 2 MiB/s: 169 GiB (the reference's example is 100 MiB/s, 8.2 TB, A1/B0; the
    // time scales as bytes over throttle either way, and this keeps the test to a few million events).
    const dayBytes = 2 * MiB * 86_400;
    arch.preload(dayBytes, 86_400e6);
    for (const c of run.consumers.consumers) for (const g of arch.groups) run.consumers.seek(c.index, g.id, g.leo);
    const group = arch.groups[0];
    const target = arch.brokers.find((b) => !group.replicas.includes(b.index))!;
    const source = group.replicas[group.replicas.length - 1];
    run.advance(1_000_000);
    arch.reassign(group.id, source, target.index);
    run.advance(run.endMicros);
    const done = run.world.timeline.find((t) => t.what === "reassignment completed");
    expect(done).toBeDefined();
    const hours = (done!.atMicros - 1_000_000) / 3600e6;
    const expectedHours = (dayBytes * group.partitions) / throttle / 3600;
    expect(hours).toBeGreaterThan(1);
    expect(hours / expectedHours).toBeGreaterThan(0.98);
    expect(hours / expectedHours).toBeLessThan(1.05);
    expect(run.world.network.bytesMoved(FlowClass.recovery, Locality.crossZone) + run.world.network.bytesMoved(FlowClass.recovery, Locality.sameZone))
      .toBeGreaterThan(0.99 * dayBytes * group.partitions);
  });
});
