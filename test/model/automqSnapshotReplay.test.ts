import { describe, expect, it } from "vitest";
import type { AutomqArchitecture } from "../../sim/model/automq.ts";
import { resolveAutomqConfig } from "../../sim/model/automqConfig.ts";
import { distinctPartitions, producerBatchBytes } from "../../sim/model/automqSnapshotPolls.ts";
import { INSTANCE_TYPES } from "../../sim/model/cluster.ts";
import { createRun } from "../../sim/model/run.ts";
import { createWorkload } from "../../sim/model/workload.ts";
import { CROSS_ZONE_LATENCY_MICROS_DEFAULT } from "../../sim/network/index.ts";
import { MiB, smallRun, smallRunConfig } from "../support/runs.ts";

const S3_WAL_ROUTER = { kind: "automq", automq: { walKind: "s3", zoneRouter: true } } as const;

describe("AutoMQ snapshot reads", () => {
  it("keeps readers up with a leader taking in more than one S3 connection carries: every WAL object and its links loaded at once", () => {
    // 330 MiB/s over three leaders is 115 MB/s each, above the 93 MB/s one S3 connection streams. Loading each
    // reader's share with one GET at a time, as the model once did, let the backlog grow by ~50 MiB/s per group.
    const run = createRun({
      seed: 1,
      intervalMicros: 5_000_000,
      architecture: S3_WAL_ROUTER,
      cluster: { zones: 3, brokersPerZone: 1, instance: INSTANCE_TYPES["m7g.4xlarge"] },
      workload: createWorkload({
        produceBytesPerSecond: 330 * MiB,
        partitionsPerTopic: 30,
        consumerPerSubscription: 3,
        testDurationMicros: 30_000_000,
        consumer: { clientRack: true },
        producer: { maxInFlight: 100, bufferBytes: 512 * MiB },
      }),
    });
    const stats = run.world.stats;
    const backlog = (): number => stats.publishedBytes - stats.consumedBytes;
    run.advance(10_000_000);
    const early = backlog();
    run.advance(run.endMicros);
    const late = backlog();
    // Bounded: what is in flight (about 1 s of produce latency at most), not growing.
    expect(late).toBeLessThan(330 * MiB);
    expect(late - early).toBeLessThan(100 * MiB);
    const result = run.result();
    expect(result.consumeBytesRate / result.publishBytesRate).toBeGreaterThan(0.98);
    expect(result.endToEndLatency99pct).toBeLessThan(3_000);
    // Every leader's WAL objects are loaded by its two readers: one GET for the object and one per channel object's
    // worth (8 MiB) of the data its link records point to, so between walWrites + channel/8 MiB and twice the WAL
    // objects + channel/8 MiB per reader (a few are still in flight at the end).
    const f = result.architectureFigures;
    const pieces = f.routerChannelBytes / resolveAutomqConfig({}).routerBatchBytesMax;
    expect(f.snapshotReplayGets / (2 * (f.walWrites + pieces))).toBeGreaterThan(0.95);
    expect(f.snapshotReplayGets).toBeLessThanOrEqual(2 * (2 * f.walWrites + pieces));
  });

  it("polls each leader once per cross-zone round trip, so the poll rate follows the network's latency", () => {
    for (const oneWay of [CROSS_ZONE_LATENCY_MICROS_DEFAULT, 2_000]) {
      const config = smallRunConfig({ architecture: S3_WAL_ROUTER, workload: { produceBytesPerSecond: 1 * MiB, testDurationMicros: 5_000_000 } });
      const run = createRun({ ...config, network: { crossZoneLatencyMicros: oneWay } });
      run.advance(run.endMicros);
      // Three brokers, one per zone: each reads the two leaders of the other zones, six subscriptions.
      const perSubscription = run.result().architectureFigures.snapshotPolls / 5 / 6;
      // The request interval (1 ms) binds only when the round trip is shorter.
      const expected = 1e6 / Math.max(1_000, 2 * oneWay);
      expect(perSubscription / expected).toBeGreaterThan(0.97);
      expect(perSubscription / expected).toBeLessThan(1.03);
    }
  });

  it("deals the leaders of other zones evenly over a zone's brokers, as ProxyNodeMapping balances them", () => {
    const arch = smallRun({ architecture: S3_WAL_ROUTER, cluster: { brokersPerZone: 3 } }).arch as AutomqArchitecture;
    for (let zone = 0; zone < 3; zone++) {
      const load = new Map<number, number>();
      for (const b of arch.brokers) {
        if (b.zone === zone) continue;
        const proxy = arch.proxyFor(b.index, zone);
        expect(arch.brokers[proxy].zone).toBe(zone);
        load.set(proxy, (load.get(proxy) ?? 0) + 1);
      }
      // Six leaders elsewhere over three brokers: two each, never more than the rounded-up average.
      expect([...load.values()]).toEqual([2, 2, 2]);
    }
  });

  it("counts a patch per partition whose high watermark moved: batches land on distinct partitions", () => {
    expect(distinctPartitions(43, 0)).toBe(0);
    expect(distinctPartitions(43, 1)).toBeCloseTo(1, 12);
    expect(distinctPartitions(43, 1e6)).toBeCloseTo(43, 9);
    // Two batches on one of two partitions hit both with probability 1/2: 1.5 partitions expected.
    expect(distinctPartitions(2, 2)).toBeCloseTo(1.5, 12);
    // Without keys the sticky partitioner fills batch.size when linger.ms allows (B0's clients: 1 MiB batches at
    // 51 MiB/s per producer and 100 ms linger); with keys each partition gathers its own share for linger.ms.
    const w = { produceBytesPerSecond: 1024 * MiB, partitionsPerTopic: 256, producersPerTopic: 20, producer: { batchBytes: 1 * MiB, lingerMicros: 100_000 } };
    expect(producerBatchBytes(createWorkload(w))).toBe(1 * MiB);
    expect(producerBatchBytes(createWorkload({ ...w, keyDistributor: "RANDOM_NANO" }))).toBeCloseTo((1024 * MiB * 0.1) / 20 / 256, 6);
  });

  it("rejects bad poll settings with an InputError naming the field", () => {
    expect(() => resolveAutomqConfig({ snapshotPollWindowMicros: 0 })).toThrow(/automq\.snapshotPollWindowMicros/);
    expect(() => resolveAutomqConfig({ snapshotPatchBytes: -1 })).toThrow(/automq\.snapshotPatchBytes/);
    expect(() => resolveAutomqConfig({ packetHeaderBytes: 1.5 })).toThrow(/automq\.packetHeaderBytes/);
    expect(() => resolveAutomqConfig({ snapshotObjectLoadBytesMax: 0 })).toThrow(/automq\.snapshotObjectLoadBytesMax/);
  });
});
