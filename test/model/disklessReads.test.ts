import { describe, expect, it } from "vitest";
import { INSTANCE_TYPES } from "../../sim/model/cluster.ts";
import { createRun, type Run } from "../../sim/model/run.ts";
import { createWorkload } from "../../sim/model/workload.ts";
import { MiB } from "../support/runs.ts";

// The reference benchmark (1 GiB/s, 3,000 partitions, three groups of three consumers, 9 m7g.4xlarge agents) at a
// quarter of its rate, partitions and agent NIC: the same load per NIC byte, in a second of wall time.
function quarterScale(): Run {
  const m7g = INSTANCE_TYPES["m7g.4xlarge"];
  return createRun({
    seed: 1,
    intervalMicros: 10_000_000,
    architecture: { kind: "diskless" },
    cluster: { zones: 3, brokersPerZone: 3, instance: { ...m7g, networkBytesPerSecond: m7g.networkBytesPerSecond / 4 } },
    workload: createWorkload({
      produceBytesPerSecond: 256 * MiB,
      partitionsPerTopic: 750,
      subscriptionsPerTopic: 3,
      consumerPerSubscription: 3,
      testDurationMicros: 60_000_000,
      consumer: { clientRack: true },
      producer: { maxInFlight: 100, bufferBytes: 512 * MiB, lingerMicros: 25_000 },
    }),
  });
}

describe("diskless reads", () => {
  it("keeps three consumer groups up at the reference load per agent NIC: the backlog stays bounded", () => {
    // With every chunk GET made by whichever agent asked first, one agent per zone took in the zone's whole read
    // stream, every fetch in the zone waited on its NIC, and each group fell ~25 MiB/s further behind (1.8 GiB
    // after a minute).
    const run = quarterScale();
    const stats = run.world.stats;
    const backlog = (): number => stats.publishedBytes - stats.consumedBytes / 3;
    run.advance(20_000_000);
    const early = backlog();
    run.advance(run.endMicros);
    const late = backlog();
    expect(late).toBeLessThan(400 * MiB);
    expect(late - early).toBeLessThan(150 * MiB);
    const result = run.result();
    expect(result.consumeBytesRate / (3 * result.publishBytesRate)).toBeGreaterThan(0.98);
    expect(result.endToEndLatency50pct).toBeLessThan(1_500);
  });

  it("loads each object's chunks on the agent responsible for it, so a zone's GETs spread evenly over its agents", () => {
    const run = quarterScale();
    run.advance(20_000_000);
    const ingress = run.world.brokerHosts.map((host) => run.world.network.hostBytes(host).ingress);
    // Produce, GETs and compaction reads all land evenly: no agent takes in much more than another.
    expect(Math.max(...ingress) / Math.min(...ingress)).toBeLessThan(1.1);
  });
});
